"""``action=watch`` / ``action=unwatch`` (Mirrors WatchAction and UnwatchAction): a
confirmation form on GET, the change on a POST with a valid watch token."""

from __future__ import annotations

from ...i18n.messages import Message
from ...services.titles import Title
from ...services.watchlist import add_watch, is_watchable, remove_watch
from ..context import WebContext
from ..errorpages import error_page, login_required
from ..output import PageOutput, render_template


def watch(ctx: WebContext, title: Title) -> PageOutput:
    return _run(ctx, title, watching=True)


def unwatch(ctx: WebContext, title: Title) -> PageOutput:
    return _run(ctx, title, watching=False)


def _run(ctx: WebContext, title: Title, *, watching: bool) -> PageOutput:
    action = "watch" if watching else "unwatch"
    if ctx.performer.is_anon:
        return login_required(ctx, "watchnologin", "watchlistanontext")
    right = "viewmywatchlist" if watching else "editmywatchlist"
    if not ctx.performer.allowed(right) or not is_watchable(title):
        return error_page(
            ctx, "permissionserrors", Message("badaccess-group0"), context_title=title
        )
    if ctx.posted:
        if not ctx.match_token("watch", ctx.get("wpEditToken")):
            return error_page(
                ctx, "sessionfailure-title", Message("sessionfailure"), context_title=title
            )
        wiki = ctx.wiki
        user_id = ctx.performer.user_id
        if watching:
            wiki.db.write(lambda conn: add_watch(conn, wiki, user_id, title, None))
        else:
            wiki.db.write(lambda conn: remove_watch(conn, wiki, user_id, title))
        key = "addedwatchtext" if watching else "removedwatchtext"
        return PageOutput(
            title=ctx.msg(action),
            body=ctx.msg_html(key, ctx.wiki.prefixed(title), block=True),
            context_title=title,
            action=action,
            robots="noindex,nofollow",
        )
    body = render_template(
        "rollback_confirm.html",
        action=ctx.url(title, {"action": action}),
        hidden=[
            ("title", ctx.wiki.titles.prefixed_dbkey(title)),
            ("wpEditToken", ctx.token("watch")),
        ],
        legend=ctx.msg(f"confirm-{action}-top"),
        intro="",
        button=ctx.msg(f"confirm-{action}-button"),
    )
    return PageOutput(
        title=ctx.msg(action) + ": " + ctx.wiki.prefixed(title),
        body=body,
        context_title=title,
        action=action,
        robots="noindex,nofollow",
    )
