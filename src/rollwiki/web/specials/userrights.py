"""Special:UserRights/<user> (Mirrors UserrightsPage): show and change a user's groups,
with an expiry per group ("infinite" or any expiry MediaWiki accepts: "1 week", a date).

The form token is salted with the target's name, as UserrightsPage does, so a token for
one user cannot change another's groups.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ...services import timestamps
from ...services.tokens import make_token, match_token
from ...services.userrights import (
    UserRightsError,
    changeable_groups,
    fetch_user,
    save_user_groups,
)
from ...storage.queries import users as uq
from ..context import WebContext
from ..linker import user_link, user_tool_links
from ..output import Output, PageOutput, Redirect, render_template

INFINITY = ("infinite", "indefinite", "infinity", "never", "")


def _token(ctx: WebContext, target: str) -> str:
    return make_token(ctx.session.secret("default"), target)


def _check_token(ctx: WebContext, target: str, value: str | None) -> bool:
    if not value or not ctx.session.has_secret("default"):
        return False
    return match_token(ctx.session.secret("default"), target, value)


def _expiry(value: str) -> str | None:
    """UserrightsPage::expiryToTimestamp(): None for never; ValueError when invalid."""
    if value.strip().lower() in INFINITY:
        return None
    parsed = timestamps.parse_expiry(value.strip())
    if parsed == "infinity":
        return None
    return timestamps.to_mw(parsed)


def user_rights(ctx: WebContext, sub: str | None) -> Output:
    wiki = ctx.wiki
    raw = (ctx.get("user") or sub or "").strip()
    heading = ctx.msg("userrights")
    lookup = render_template("userrights_lookup.html", ctx=ctx, script=wiki.script_url(), user=raw)
    if not raw:
        return PageOutput(title=heading, body=lookup, robots="noindex,nofollow")
    try:
        target = fetch_user(wiki, ctx.performer, raw)
    except UserRightsError as exc:
        return PageOutput(
            title=heading,
            body=lookup
            + Markup('<div class="errorbox">')
            + ctx.parse(exc.message)
            + Markup("</div>"),
            robots="noindex,nofollow",
        )
    name = str(target["user_name"])
    changeable = changeable_groups(wiki, ctx.performer)
    is_self = name == ctx.performer.name
    addable = set(changeable.add + (changeable.add_self if is_self else []))
    removable = set(changeable.remove + (changeable.remove_self if is_self else []))
    error: Markup | None = None
    if ctx.posted and (addable or removable):
        if ctx.performer.is_anon or not _check_token(ctx, name, ctx.get("wpEditToken")):
            error = ctx.msg_html("sessionfailure", block=True)
        else:
            result = _save(ctx, target, addable, removable)
            if isinstance(result, Markup):
                error = result
            else:
                return Redirect(ctx.url(f"Special:UserRights/{name}", {"success": "1"}))
    memberships = dict(
        wiki.db.read(lambda conn: uq.groups_of(conn, int(target["user_id"]), timestamps.mw_now()))
    )
    groups = []
    for group in wiki.permissions.assignable_groups():
        member = group in memberships
        expiry = memberships.get(group)
        groups.append(
            {
                "name": group,
                "label": _group_label(ctx, group),
                "member": member,
                "editable": (group in addable) if not member else (group in removable),
                "expiry": "" if not expiry else timestamps.format_user_datetime(expiry, ctx.lang),
                "expiry_value": "" if not expiry else timestamps.to_iso(expiry),
            }
        )
    success = (
        ctx.msg_html("savedrights", name, block=True) if ctx.get("success") and not error else None
    )
    body = lookup + render_template(
        "userrights.html",
        ctx=ctx,
        action=ctx.url(f"Special:UserRights/{name}"),
        name=name,
        user_html=user_link(ctx, name) + user_tool_links(ctx, name),
        groups=groups,
        can_change=bool(addable or removable),
        token=_token(ctx, name) if ctx.performer.is_registered else "",
        error=error,
        success=success,
        current=", ".join(_group_label(ctx, g) for g in memberships) or ctx.msg("rightsnone"),
    )
    return PageOutput(title=heading, body=body, robots="noindex,nofollow")


def _group_label(ctx: WebContext, group: str) -> str:
    key = f"group-{group}"
    return ctx.msg(key) if ctx.formatter.exists(key) else group


def _save(
    ctx: WebContext, target: dict[str, Any], addable: set[str], removable: set[str]
) -> Markup | None:
    """UserrightsPage::saveUserGroups() from the checkboxes and expiry fields."""
    wiki = ctx.wiki
    current = dict(
        wiki.db.read(lambda conn: uq.groups_of(conn, int(target["user_id"]), timestamps.mw_now()))
    )
    add: list[str] = []
    remove: list[str] = []
    expiries: dict[str, str | None] = {}
    for group in wiki.permissions.assignable_groups():
        checked = ctx.get_check(f"wpGroup-{group}")
        raw_expiry = ctx.text(f"wpExpiry-{group}").strip()
        if checked and group in addable:
            try:
                expiry = _expiry(raw_expiry)
            except timestamps.ExpiryError:
                return (
                    Markup('<div class="errorbox">')
                    + ctx.msg_html("userrights-invalid-expiry", group)
                    + Markup("</div>")
                )
            if expiry is not None and expiry < timestamps.mw_now():
                return (
                    Markup('<div class="errorbox">')
                    + ctx.msg_html("userrights-expiry-in-past", group)
                    + Markup("</div>")
                )
            if group not in current or current[group] != expiry:
                add.append(group)
                expiries[group] = expiry
        elif not checked and group in current and group in removable:
            remove.append(group)
    reason = ctx.text("user-reason")
    wiki.db.write(
        lambda conn: save_user_groups(
            conn, wiki, ctx.performer, target, add, remove, reason, (), expiries
        )
    )
    return None
