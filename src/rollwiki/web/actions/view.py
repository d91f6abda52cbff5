"""Viewing a page or an old revision (Mirrors Article::view() and ViewAction)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from ...i18n.messages import RawMessage, lookup
from ...render.page import render_page
from ...services import timestamps
from ...services.pageupdater import redirect_target
from ...services.titles import MalformedTitle, Title
from ...storage.queries import pages as pq
from ..context import WebContext
from ..errorpages import error_page
from ..linker import date_time, link, links, preload_users, user_with_tools
from ..output import PageOutput, Redirect
from ..pages import latest_text, load_page, revision_text, title_of_page

DELETED_TEXT = 1


def content_html(ctx: WebContext, text: str, model: str, title: Title) -> Markup:
    """The rendered content: wikitext through the page renderer, code as a listing."""
    if model in ("javascript", "css", "json", "text"):
        css = {"javascript": "mw-js", "css": "mw-css", "json": "mw-json"}.get(model, "")
        return Markup(f'<pre class="mw-code {css}" dir="ltr">{escape(text)}\n</pre>')
    return Markup(render_page(ctx.wiki, text, title).html)


def page_message(ctx: WebContext, key: str, title: Title, *params: Any) -> Markup:
    """A message about a page, with the page magic words and {{fullurl:}} links that
    MediaWiki's parser would expand filled in (noarticletext, missing-revision ...)."""
    template = lookup(ctx.lang, key) or ""
    prefixed = ctx.wiki.prefixed(title)
    log_url = ctx.full_url(ctx.url("Special:Log", {"page": prefixed}))
    delete_log = ctx.full_url(ctx.url("Special:Log/delete", {"page": prefixed}))
    edit_url = ctx.full_url(ctx.url(title, {"action": "edit"}))
    for raw, value in (
        ("{{fullurl:{{#Special:Log}}/delete|page={{FULLPAGENAMEE}}}}", delete_log),
        ("{{fullurl:{{#Special:Log}}|page={{FULLPAGENAMEE}}}}", log_url),
        ("{{fullurl:{{FULLPAGENAME}}|action=edit}}", edit_url),
        ("{{PAGENAME}}", title.text),
        ("{{FULLPAGENAME}}", prefixed),
    ):
        template = template.replace(raw, value)
    return ctx.parse(RawMessage(template, params), block=True)


def missing_text(ctx: WebContext, title: Title, can_create: bool) -> Markup:
    """noarticletext(-nopermission) with its {{fullurl:}} links filled in."""
    key = "noarticletext" if can_create else "noarticletext-nopermission"
    return (
        Markup('<div class="noarticletext mw-content-ltr">')
        + page_message(ctx, key, title)
        + Markup("</div>")
    )


def view(ctx: WebContext, title: Title) -> PageOutput | Redirect:
    wiki = ctx.wiki
    oldid = ctx.get_int("oldid")

    def load(conn: Any) -> dict[str, Any]:
        data: dict[str, Any] = {"rev": None, "state": None}
        if oldid:
            rev = pq.revision_by_id(conn, oldid)
            if rev is not None:
                page = pq.page_by_id(conn, rev["rev_page"])
                data["rev"] = rev
                data["page"] = page
                data["latest"] = page["page_latest"] if page else 0
                data["text"], data["model"] = revision_text(conn, rev)
                data["older"] = pq.adjacent_revision(conn, rev, newer=False)
                data["newer"] = pq.adjacent_revision(conn, rev, newer=True)
                return data
        state = load_page(conn, title)
        data["state"] = state
        if state.latest is not None:
            data["text"], data["model"] = revision_text(conn, state.latest)
        return data

    data = wiki.db.read(load)
    if oldid and data["rev"] is None:
        out = error_page(
            ctx,
            "errorpagetitle",
            page_message(ctx, "missing-revision", title, oldid),
            status=404,
            returnto=False,
        )
        out.context_title = title
        return out
    if data["rev"] is not None:
        return _old_revision(ctx, data)
    state = data["state"]
    if not state.exists:
        return _missing(ctx, title)
    text, model = data["text"], data["model"]
    redirected_from: Title | None = None
    if state.page["page_is_redirect"] and ctx.get("redirect") != "no":
        target = _redirect_target(ctx, text)
        if target is not None and target.namespace >= 0:
            followed = wiki.db.read(lambda conn: load_page(conn, target))
            if followed.exists and followed.page and not followed.page["page_is_redirect"]:
                redirected_from, state, title = title, followed, target
                text, model = latest_text(ctx, followed)
        elif target is not None and target.namespace < 0:
            return Redirect(ctx.url(target))
    if state.page["page_is_redirect"] and redirected_from is None:
        body = _redirect_box(ctx, text)
    else:
        body = content_html(ctx, text, model, title)
    subtitle = Markup("")
    if redirected_from is not None:
        anchor = link(
            ctx, redirected_from, query={"redirect": "no"}, known=True, classes="mw-redirect"
        )
        subtitle = (
            Markup('<span class="mw-redirectedfrom">')
            + ctx.msg_html("redirectedfrom", anchor)
            + Markup("</span>")
        )
    latest = state.latest
    edited = timestamps.from_mw(latest["rev_timestamp"])
    return PageOutput(
        title=wiki.prefixed(title),
        body=body,
        subtitle=subtitle,
        context_title=title,
        page_id=state.page_id,
        revision_id=state.latest_id,
        cur_revision_id=state.latest_id,
        is_article=True,
        last_edited=ctx.msg(
            "lastmodifiedat",
            timestamps.format_date(edited, ctx.lang),
            timestamps.format_time(edited, ctx.lang),
        ),
        js_vars={"wgPageContentModel": model},
    )


def _redirect_target(ctx: WebContext, text: str) -> Title | None:
    raw = redirect_target(text)
    if raw is None:
        return None
    try:
        return ctx.wiki.titles.parse(raw)
    except MalformedTitle:
        return None


def _redirect_box(ctx: WebContext, text: str) -> Markup:
    """Article::getRedirectHeaderHtml(): "Redirect to: <target>"."""
    target = _redirect_target(ctx, text)
    anchor = link(ctx, target) if target is not None else Markup("")
    return Markup(
        f'<div class="redirectMsg"><p>{escape(ctx.msg("redirectto"))}</p>'
        f'<ul class="redirectText"><li>{anchor}</li></ul></div>'
    )


def _missing(ctx: WebContext, title: Title) -> PageOutput:
    from ...services.authorize import probably_can

    can_create = ctx.wiki.db.read(
        lambda conn: probably_can(conn, ctx.wiki, ctx.performer, "create", title)
    )
    return PageOutput(
        title=ctx.wiki.prefixed(title),
        body=missing_text(ctx, title, can_create),
        status=404,
        context_title=title,
        is_article=True,
        robots="noindex,nofollow",
    )


def _old_revision(ctx: WebContext, data: dict[str, Any]) -> PageOutput:
    """An old revision with the "Revision as of" box and its navigation."""
    rev, page = data["rev"], data["page"]
    title = title_of_page(ctx, page)
    name = rev["actor_name"]
    preload_users(ctx, [name])
    links(ctx).preload([title])
    when = date_time(ctx, rev["rev_timestamp"])
    current = rev["rev_id"] == data["latest"]
    info = ctx.msg_html(
        "revision-info",
        Markup(link(ctx, title, when, query={"oldid": rev["rev_id"]}, known=True)),
        Markup(user_with_tools(ctx, name)),
        0,
        "",
        "",
        name,
        "",
    )
    nav = _revision_nav(ctx, title, rev, data["older"], data["newer"], current)
    subtitle = Markup(
        f'<div class="mw-revision"><div id="mw-revision-info">{info}</div>'
        f'<div id="mw-revision-nav">{nav}</div></div>'
    )
    if rev["rev_deleted"] & DELETED_TEXT and not ctx.performer.allowed("deletedtext"):
        body = ctx.msg_html("rev-deleted-text-permission", block=True)
    else:
        body = content_html(ctx, data["text"], data["model"], title)
    return PageOutput(
        title=ctx.wiki.prefixed(title),
        body=body,
        subtitle=subtitle,
        context_title=title,
        page_id=int(page["page_id"]),
        revision_id=int(rev["rev_id"]),
        cur_revision_id=int(data["latest"]),
        is_article=True,
        robots=None if current else "noindex,nofollow",
        js_vars={"wgPageContentModel": data["model"]},
    )


def _revision_nav(
    ctx: WebContext,
    title: Title,
    rev: dict[str, Any],
    older: dict[str, Any] | None,
    newer: dict[str, Any] | None,
    current: bool,
) -> Markup:
    """Article::setOldSubtitle(): "(diff) ← Older revision | Latest revision (diff) | ..."."""
    diff_text = ctx.msg("diff")
    rid = rev["rev_id"]
    prev_diff: Markup | str = (
        link(ctx, title, diff_text, query={"diff": "prev", "oldid": rid}, known=True)
        if older
        else diff_text
    )
    prev_link: Markup | str = (
        link(
            ctx,
            title,
            ctx.msg("previousrevision"),
            query={"direction": "prev", "oldid": rid},
            known=True,
        )
        if older
        else ctx.msg("previousrevision")
    )
    latest_link: Markup | str = (
        ctx.msg("currentrevisionlink")
        if current
        else link(ctx, title, ctx.msg("currentrevisionlink"), known=True)
    )
    cur_diff: Markup | str = (
        diff_text
        if current
        else link(ctx, title, diff_text, query={"diff": "cur", "oldid": rid}, known=True)
    )
    next_link: Markup | str = (
        link(
            ctx,
            title,
            ctx.msg("nextrevision"),
            query={"direction": "next", "oldid": rid},
            known=True,
        )
        if newer
        else ctx.msg("nextrevision")
    )
    next_diff: Markup | str = (
        link(ctx, title, diff_text, query={"diff": "next", "oldid": rid}, known=True)
        if newer
        else diff_text
    )
    parts = [prev_diff, prev_link, latest_link, cur_diff, next_link, next_diff]
    return ctx.msg_html(
        "revision-nav", *[p if isinstance(p, Markup) else Markup(escape(p)) for p in parts]
    )
