"""Small special pages: Search (go to a page), MyPage, MyTalk, MyContributions."""

from __future__ import annotations

from markupsafe import Markup, escape

from ...services.namespaces import NS_USER, NS_USER_TALK
from ...services.titles import MalformedTitle, Title
from ...storage.queries.web_history import pages_with_prefix
from ..context import WebContext
from ..linker import link, links
from ..output import Output, PageOutput, Redirect


def search(ctx: WebContext, sub: str | None) -> Output:
    """SpecialSearch's "Go": an existing page opens; otherwise prefix matches and a red
    link to create the page."""
    term = (ctx.get("search") or sub or "").strip()
    heading = ctx.msg("searchresults")
    if not term:
        return PageOutput(title=heading, body=Markup(""))
    try:
        title = ctx.wiki.titles.parse(term)
    except MalformedTitle:
        title = None
    if title is not None and not title.interwiki:
        if title.namespace < 0 or links(ctx).exists(title):
            return Redirect(ctx.url(title))
    body = Markup("")
    if title is not None and not title.interwiki:
        body += (
            Markup('<p class="mw-search-createlink">')
            + ctx.msg_html("searchmenu-new", ctx.wiki.prefixed(title))
            + Markup("</p>")
        )
        matches = ctx.wiki.db.read(
            lambda conn: pages_with_prefix(conn, title.namespace, title.dbkey, 20)
        )
        items = []
        for ns, dbkey in matches:
            made = ctx.wiki.titles.make(ns, dbkey)
            if made is not None:
                items.append(Markup("<li>") + link(ctx, made, known=True) + Markup("</li>"))
        if items:
            body += (
                Markup('<ul class="mw-search-results">') + Markup("").join(items) + Markup("</ul>")
            )
        else:
            body += Markup(
                f'<p class="mw-search-nonefound">{escape(ctx.msg("search-nonefound"))}</p>'
            )
    return PageOutput(title=heading, body=body)


def _mine(ctx: WebContext, title: Title | None, fallback: str) -> Output:
    if title is None:
        return Redirect(ctx.special_url(fallback))
    return Redirect(ctx.url(title))


def my_page(ctx: WebContext, sub: str | None) -> Output:
    p = ctx.performer
    return _mine(ctx, Title(NS_USER, p.name) if p.is_registered else None, "UserLogin")


def my_talk(ctx: WebContext, sub: str | None) -> Output:
    p = ctx.performer
    return Redirect(ctx.url(Title(NS_USER_TALK, p.name)))


def my_contributions(ctx: WebContext, sub: str | None) -> Output:
    return Redirect(ctx.special_url("Contributions", ctx.performer.name))
