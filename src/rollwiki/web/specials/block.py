"""Special:Block/<target> and Special:Unblock/<target> (Mirrors SpecialBlock and
SpecialUnblock over BlockUser / UnblockUser of services.blockuser)."""

from __future__ import annotations

from markupsafe import Markup
from sqlalchemy import Connection

from ...i18n.messages import Message
from ...services import blockuser as bu
from ...storage.queries import pages as pq
from ..context import WebContext
from ..errorpages import permission_error_page
from ..output import Output, PageOutput, render_template

EXPIRY_SUGGESTIONS = (
    "2 hours",
    "1 day",
    "3 days",
    "1 week",
    "2 weeks",
    "1 month",
    "3 months",
    "6 months",
    "1 year",
    "infinite",
)


def _denied(ctx: WebContext, right: str) -> PageOutput | None:
    if ctx.performer.allowed(right):
        return None
    return permission_error_page(
        ctx, [ctx.wiki.permissions.missing_right_message(right, ctx.lang)], right
    )


def _error(ctx: WebContext, message: Message) -> Markup:
    return Markup('<div class="errorbox">') + ctx.parse(message, block=True) + Markup("</div>")


def block(ctx: WebContext, sub: str | None) -> Output:
    denied = _denied(ctx, "block")
    if denied is not None:
        return denied
    target = (ctx.get("wpTarget") or ctx.get("target") or sub or "").strip()
    error: Markup | None = None
    if ctx.posted:
        if not ctx.match_token("csrf", ctx.get("wpEditToken")):
            error = _error(ctx, Message("sessionfailure"))
        else:
            outcome = _place(ctx, target)
            if isinstance(outcome, Message):
                error = _error(ctx, outcome)
            else:
                body = ctx.msg_html("blockipsuccesstext", outcome, block=True)
                return PageOutput(
                    title=ctx.msg("blockipsuccesssub"), body=body, robots="noindex,nofollow"
                )
    form = {
        "target": target,
        "expiry": ctx.text("wpExpiry") or "infinite",
        "reason": ctx.text("wpReason"),
        "create": ctx.get_check("wpCreateAccount") if ctx.posted else True,
        "autoblock": ctx.get_check("wpAutoBlock") if ctx.posted else True,
        "email": ctx.get_check("wpDisableEmail"),
        "usertalk": ctx.get_check("wpDisableUTEdit"),
        "hardblock": ctx.get_check("wpHardBlock"),
        "partial": ctx.get("wpEditingRestriction") == "partial",
        "pages": ctx.text("wpPageRestrictions"),
        "reblock": ctx.get_check("wpReblock"),
    }
    body = render_template(
        "block.html",
        ctx=ctx,
        action=ctx.url("Special:Block" + (f"/{target}" if target else "")),
        form=form,
        error=error,
        token=ctx.token("csrf"),
        suggestions=EXPIRY_SUGGESTIONS,
    )
    return PageOutput(
        title=ctx.msg("blockip", form["target"]), body=body, robots="noindex,nofollow"
    )


def _place(ctx: WebContext, target: str) -> str | Message:
    wiki = ctx.wiki
    raw_expiry = ctx.text("wpExpiry") or "infinite"
    expiry = bu.parse_expiry_input(raw_expiry)
    if expiry is None:
        return Message("ipb_expiry_invalid")
    if expiry == "past":
        return Message("ipb_expiry_old")
    partial = ctx.get("wpEditingRestriction") == "partial"
    page_names = [p.strip() for p in ctx.text("wpPageRestrictions").splitlines() if p.strip()]

    def write(conn: Connection) -> str | Message:
        parsed = bu.parse_block_target(conn, wiki.usernames, target)
        pages: list[tuple[int, str]] = []
        for name in page_names:
            title = wiki.titles.parse(name)
            row = pq.page_by_title(conn, title.namespace, title.dbkey)
            pages.append((int(row["page_id"]) if row else 0, wiki.prefixed(title)))
        req = bu.BlockRequest(
            target=parsed,
            expiry=raw_expiry,
            reason=ctx.text("wpReason"),
            create_account_blocked=ctx.get_check("wpCreateAccount"),
            email_blocked=ctx.get_check("wpDisableEmail"),
            hard_block=ctx.get_check("wpHardBlock"),
            autoblocking=ctx.get_check("wpAutoBlock"),
            allow_usertalk=not ctx.get_check("wpDisableUTEdit"),
            partial=partial,
            page_restrictions=pages,
        )
        placed = bu.place_block(conn, ctx.performer, req, reblock=ctx.get_check("wpReblock"))
        return str(placed.target.name)

    try:
        result: str | Message = wiki.db.write(write)
    except bu.BlockError as exc:
        return exc.message
    except ValueError:
        return Message("badipaddress")
    return result


def unblock(ctx: WebContext, sub: str | None) -> Output:
    denied = _denied(ctx, "block")
    if denied is not None:
        return denied
    target = (ctx.get("wpTarget") or sub or "").strip()
    error: Markup | None = None
    if ctx.posted:
        if not ctx.match_token("csrf", ctx.get("wpEditToken")):
            error = _error(ctx, Message("sessionfailure"))
        else:
            wiki = ctx.wiki
            try:
                wiki.db.write(
                    lambda conn: bu.unblock(
                        conn, ctx.performer, wiki.usernames, target, ctx.text("wpReason"), []
                    )
                )
            except bu.BlockError as exc:
                error = _error(ctx, exc.message)
            else:
                return PageOutput(
                    title=ctx.msg("unblockip"),
                    body=ctx.msg_html("unblocked", target, block=True),
                    robots="noindex,nofollow",
                )
    body = render_template(
        "unblock.html",
        ctx=ctx,
        action=ctx.url("Special:Unblock" + (f"/{target}" if target else "")),
        target=target,
        error=error,
        token=ctx.token("csrf"),
    )
    return PageOutput(title=ctx.msg("unblockip"), body=body, robots="noindex,nofollow")
