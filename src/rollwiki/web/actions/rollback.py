"""``index.php?title=X&action=rollback`` (Mirrors RollbackAction; web-ui.md §3-4).

A GET with a valid token rolls back at once (rollback links are not POST-only, T88044),
unless the user asked for a confirmation (``showrollbackconfirmation``): then a GET shows
a form and only a POST rolls back.  Checks run in 1.39's order: the action's own checks
(right, block, read-only), the confirmation branch, ``from``, the page's revision, the
author check (before the token, as it compares strings only), the token, then the backend.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup
from sqlalchemy import Connection

from ...api.errors import escape_wikitext
from ...i18n.messages import Message
from ...services import blocks as blockservice
from ...services.authorize import permission_errors
from ...services.rollback import DELETED_COMMENT, DELETED_USER, RollbackError, RollbackRequest
from ...services.titles import Title
from ...services.watchlist import add_watch
from ..blockpages import blocked_page, read_only_page, web_messages
from ..comments import format_comment
from ..context import WebContext
from ..difftable import diff_table
from ..errorpages import error_page, permission_error_page, return_to
from ..linker import links, preload_users, user_link, user_tool_links
from ..output import PageOutput, render_template
from ..pages import load_page, revision_text

ERROR_TITLE = "rollbackfailed"


def rollback(ctx: WebContext, title: Title) -> PageOutput:
    """RollbackAction::show()."""
    wiki = ctx.wiki
    denied = _check_can_execute(ctx, title)
    if denied is not None:
        return denied
    if ctx.performer.option("showrollbackconfirmation") and not ctx.posted:
        return _confirmation_form(ctx, title)
    return _handle(ctx, title, wiki)


def _check_can_execute(ctx: WebContext, title: Title) -> PageOutput | None:
    """Action::checkCanExecute(): the rollback right on the page, blocks, read-only."""
    wiki = ctx.wiki

    def check(conn: Connection) -> tuple[list[Any], blockservice.Block | None]:
        errors = permission_errors(conn, wiki, ctx.performer, "rollback", title, lang=ctx.lang)
        block = None
        if not errors:
            found = blockservice.find_block(conn, ctx.performer)
            if found is not None:
                page = load_page(conn, title).page
                page_id = page["page_id"] if page else None
                if found.applies_to_page(page_id, title.namespace):
                    block = found
        return errors, block

    errors, block = wiki.db.read(check)
    if errors:
        return permission_error_page(
            ctx, web_messages(ctx, errors), "rollback", context_title=title
        )
    if block is not None:
        return blocked_page(ctx, block, title)
    if wiki.config.read_only:
        return read_only_page(ctx, title)
    return None


def _confirmation_form(ctx: WebContext, title: Title) -> PageOutput:
    """The HTMLForm of RollbackAction::alterForm(): "Revert edits to this page?" + OK."""
    if ctx.get("from") is None:
        return _failed(ctx, title, Message("rollback-missingparam"), status=400)
    hidden = [
        ("title", ctx.wiki.titles.prefixed_dbkey(title)),
        ("wpEditToken", ctx.token("rollback")),
        ("redirectparams", ""),
    ]
    for name in ("from", "bot", "hidediff", "summary", "token"):
        value = ctx.get(name)
        if value is not None:
            hidden.append((name, value))
    body = render_template(
        "rollback_confirm.html",
        action=ctx.url(title, {"action": "rollback"}),
        hidden=hidden,
        legend=ctx.msg("confirm-rollback-top"),
        intro=ctx.msg_html("confirm-rollback-bottom"),
        button=ctx.msg("confirm-rollback-button"),
    )
    return PageOutput(
        title=ctx.wiki.prefixed(title),
        body=body,
        context_title=title,
        action="rollback",
        robots="noindex,nofollow",
    )


def _failed(
    ctx: WebContext,
    title: Title,
    message: Message,
    *,
    status: int = 200,
    extra: Markup | None = None,
    returnto: bool = True,
) -> PageOutput:
    return error_page(
        ctx,
        ERROR_TITLE,
        message,
        status=status,
        context_title=title,
        extra=extra,
        returnto=returnto,
    )


def _handle(ctx: WebContext, title: Title, wiki: Any) -> PageOutput:
    """RollbackAction::handleRollbackRequest()."""
    from_name = ctx.get("from")
    state = wiki.db.read(lambda conn: load_page(conn, title))
    if from_name is None:
        return _failed(ctx, title, Message("rollback-missingparam"))
    current = state.latest
    if current is None:
        return _failed(ctx, title, Message("rollback-missingrevision"))
    user_hidden = bool(current["rev_deleted"] & DELETED_USER)
    user_text = "" if user_hidden else current["actor_name"]
    if from_name != user_text:
        return _failed(
            ctx,
            title,
            Message("alreadyrolled", (wiki.prefixed(title), escape_wikitext(from_name), user_text)),
        )
    if not ctx.match_token("rollback", ctx.get("token")):
        return error_page(
            ctx, "sessionfailure-title", Message("sessionfailure"), context_title=title
        )
    reverted = current["actor_name"]
    if user_hidden and not ctx.performer.allowed_any("suppressrevision", "viewsuppressed"):
        # T307278: without the right to see the name, the pseudo-name fails as alreadyrolled.
        reverted = ctx.msg("rev-deleted-user")
    try:
        result = wiki.rollback.rollback(
            RollbackRequest(
                title=title,
                performer=ctx.performer,
                user=reverted,
                summary=ctx.text("summary"),
                markbot=ctx.get_bool("bot"),
                watchlist="nochange",
                lang=ctx.lang,
            )
        )
    except RollbackError as exc:
        return _backend_failure(ctx, title, exc)
    if ctx.performer.option("watchrollback") and ctx.performer.is_registered:
        # 1.39: WatchlistManager::addWatchIgnoringRights(), permanently.
        wiki.db.write(lambda conn: add_watch(conn, wiki, ctx.performer.user_id, title, None))
    return _success(ctx, title, result)


def _backend_failure(ctx: WebContext, title: Title, exc: RollbackError) -> PageOutput:
    keys = [m.message.key for m in exc.messages]
    if "actionthrottledtext" in keys:
        out = error_page(
            ctx, "actionthrottled", Message("actionthrottledtext"), status=429, context_title=title
        )
        return out
    first = exc.messages[0].message
    if first.key in ("alreadyrolled", "cantrollback"):
        body = ctx.msg_html(first.key, *first.params, block=True)
        current = exc.current
        if (
            first.key == "alreadyrolled"
            and current is not None
            and current.get("rev_comment")
            and not current["rev_deleted"] & DELETED_COMMENT
        ):
            comment = format_comment(ctx.wiki, current["rev_comment"], title)
            body += ctx.msg_html("editcomment", Markup(comment), block=True)
        return PageOutput(
            title=ctx.msg(ERROR_TITLE), body=body, context_title=title, robots="noindex,nofollow"
        )
    if "readonlytext" in keys:
        return read_only_page(ctx, title)
    return _failed(ctx, title, Message(first.key, first.params))


def _user_tools(ctx: WebContext, rev: dict[str, Any]) -> Markup:
    """Linker::revUserTools(): the author with "(talk | contribs | block)"."""
    if rev["rev_deleted"] & DELETED_USER and not ctx.performer.allowed_any(
        "deletedhistory", "suppressrevision"
    ):
        return user_link(ctx, rev["actor_name"], hidden=True)
    name = rev["actor_name"]
    return user_link(ctx, name) + user_tool_links(ctx, name)


def _visible_name(ctx: WebContext, rev: dict[str, Any]) -> str:
    if rev["rev_deleted"] & DELETED_USER and not ctx.performer.allowed_any(
        "deletedhistory", "suppressrevision"
    ):
        return ""
    return str(rev["actor_name"])


def _success(ctx: WebContext, title: Title, result: Any) -> PageOutput:
    """The "Action complete" page: who was reverted, Return to, and the diff."""
    wiki = ctx.wiki
    current, target = result.current, result.target
    preload_users(ctx, [current["actor_name"], target["actor_name"]])
    links(ctx).preload([title])
    text = ctx.parse(
        Message(
            "rollback-success",
            (
                _user_tools(ctx, current),
                _user_tools(ctx, target),
                _visible_name(ctx, current),
                _visible_name(ctx, target),
            ),
        ),
        block=True,
    )
    body = text + return_to(ctx, title)
    if not ctx.get_bool("hidediff") and not ctx.performer.option("norollbackdiff"):

        def texts(conn: Connection) -> tuple[str, str]:
            return revision_text(conn, current)[0], revision_text(conn, target)[0]

        old_text, new_text = wiki.db.read(texts)
        body += diff_table(ctx, old_text, new_text)
    return PageOutput(
        title=ctx.msg("actioncomplete"),
        body=body,
        context_title=title,
        action="rollback",
        robots="noindex,nofollow",
        page_id=result.page_id,
        revision_id=result.revid,
        cur_revision_id=result.revid,
        js_vars={"wgRollbackSuccess": True, "wgPostEditConfirmationDisabled": True},
    )
