"""Special:Contributions/<user> (Mirrors SpecialContributions and ContribsPager::formatRow()).

Rows that are their page's latest revision get the "current" marker and, for viewers who
probably can edit and roll back, a rollback link, except on pages never edited after their
creation (``page_is_new``) (web-ui.md §1).
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape
from sqlalchemy import Connection

from ...services.namespaces import NS_SPECIAL
from ...services.titles import Title
from ...storage.queries import tags as tq
from ...storage.queries import users as uq
from ...storage.queries import web_history as hq
from ..comments import format_comments
from ..context import WebContext
from ..linker import (
    attrs,
    changeslist_links,
    comment_html,
    date_time,
    flag,
    link,
    links,
    size_delta,
    tag_summary,
    user_tool_items,
)
from ..output import PageOutput, render_template
from ..pager import Offset, fetch_page, navigation
from ..rollbacklinks import RollbackLinks

DELETED_TEXT, DELETED_COMMENT = 1, 2


def contributions(ctx: WebContext, sub: str | None) -> PageOutput:
    wiki = ctx.wiki
    raw = (ctx.get("target") or sub or "").strip()
    namespace = ctx.get("namespace")
    ns = (
        int(namespace)
        if namespace not in (None, "", "all") and namespace.lstrip("-").isdigit()
        else None
    )
    if not raw:
        return PageOutput(
            title=ctx.msg("contributions-title", ""),
            html_title=ctx.msg("contributions"),
            body=_form(ctx, "", ns),
        )
    name = raw
    if not wiki.usernames.is_ip(raw):
        canonical = wiki.usernames.get_canonical(raw, "valid")
        name = canonical or raw
    actor_id = wiki.db.read(lambda conn: uq.actor_id_for(conn, name))
    heading = ctx.msg("contributions-title", name)
    target_title = Title(NS_SPECIAL, f"Contributions/{name}")
    if actor_id is None:
        key = (
            "contributions-userdoesnotexist"
            if not wiki.usernames.is_ip(name)
            else "sp-contributions-footer-anon"
        )
        body = _form(ctx, name, ns) + ctx.msg_html(key, name, block=True)
        return PageOutput(
            title=heading,
            body=body,
            subtitle=_subtitle(ctx, name),
            status=404 if key.startswith("contributions-user") else 200,
        )

    def fetch(offset: Offset | None, older: bool, limit: int) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = wiki.db.read(
            lambda conn: hq.user_contributions(
                conn, actor_id, limit, offset, namespace=ns, older=older
            )
        )
        return rows

    pager = fetch_page(ctx, fetch, lambda r: (r["rev_timestamp"], int(r["rev_id"])))
    rollback = RollbackLinks(ctx)

    def extra(conn: Connection) -> tuple[dict[int, int], dict[int, list[str]], set[int]]:
        parents = hq.parent_sizes(conn, [r["rev_parent_id"] for r in pager.rows])
        tags = tq.tags_for_revisions(conn, [r["rev_id"] for r in pager.rows])
        linkable: set[int] = set()
        if ctx.performer.allowed("rollback", "edit"):
            rollback.preload_pages(
                conn,
                [
                    (_title(ctx, r), int(r["rev_page"]))
                    for r in pager.rows
                    if r["rev_id"] == r["page_latest"] and not r["page_is_new"]
                ],
            )
        for row in pager.rows:
            if row["rev_id"] == row["page_latest"] and not row["page_is_new"]:
                title = _title(ctx, row)
                if rollback.allowed(conn, title, ("rollback", "edit")):
                    linkable.add(int(row["rev_page"]))
        rollback.prefetch(conn, linkable)
        return parents, tags, linkable

    parents, tags, linkable = wiki.db.read(extra)
    links(ctx).preload(_title(ctx, r) for r in pager.rows)
    comments = format_comments(
        wiki,
        [
            ("" if r["rev_deleted"] & DELETED_COMMENT else r["rev_comment"], _title(ctx, r))
            for r in pager.rows
        ],
    )
    lines = [
        _row(
            ctx,
            row,
            parents,
            tags.get(int(row["rev_id"]), []),
            comments[i],
            rollback,
            int(row["rev_page"]) in linkable,
        )
        for i, row in enumerate(pager.rows)
    ]
    days: list[dict[str, Any]] = []
    from ...services import timestamps

    for row, line in zip(pager.rows, lines, strict=True):
        day = timestamps.format_date(row["rev_timestamp"], ctx.lang)
        if not days or days[-1]["day"] != day:
            days.append({"day": day, "lines": []})
        days[-1]["lines"].append(line)
    nav = navigation(ctx, pager, target_title, {"namespace": namespace} if ns is not None else {})
    body = _form(ctx, name, ns) + render_template(
        "listing.html", days=days, nav=nav, empty=ctx.msg("nocontribs")
    )
    return PageOutput(
        title=heading,
        html_title=ctx.msg("contributions-title", name),
        body=body,
        subtitle=_subtitle(ctx, name),
        robots="noindex,nofollow",
    )


def _title(ctx: WebContext, row: dict[str, Any]) -> Title:
    made = ctx.wiki.titles.make(int(row["page_namespace"]), str(row["page_title"]))
    assert made is not None
    return made


def _subtitle(ctx: WebContext, name: str) -> Markup:
    """ "For <user> (talk | block log | ...)" (SpecialContributions::contributionsSub)."""
    from ..linker import user_link

    items = user_tool_items(ctx, name)
    items = [i for i in items if "mw-usertoollinks-contribs" not in i]
    items.append(
        link(
            ctx,
            Title(NS_SPECIAL, "Log/block"),
            ctx.msg("sp-contributions-blocklog"),
            query={"page": f"User:{name}"},
            known=True,
        )
    )
    items.append(
        link(
            ctx,
            Title(NS_SPECIAL, "Log"),
            ctx.msg("sp-contributions-logs"),
            query={"user": name},
            known=True,
        )
    )
    sep = Markup(escape(ctx.msg("pipe-separator")))
    tools = Markup(f' <span class="mw-changeslist-links">({sep.join(items)})</span>')
    return ctx.msg_html("contributions-subtitle", user_link(ctx, name) + tools)


def _form(ctx: WebContext, name: str, ns: int | None) -> Markup:
    return render_template(
        "contributions_form.html",
        ctx=ctx,
        script=ctx.wiki.script_url(),
        name=name,
        namespaces=[
            (n.id, n.name or ctx.msg("blanknamespace")) for n in ctx.wiki.namespaces if n.id >= 0
        ],
        selected=ns,
    )


def _row(
    ctx: WebContext,
    row: dict[str, Any],
    parents: dict[int, int],
    tags: list[str],
    comment: str,
    rollback: RollbackLinks,
    can_rollback: bool,
) -> Markup:
    """ContribsPager::formatRow()."""
    title = _title(ctx, row)
    rid = int(row["rev_id"])
    top = rid == row["page_latest"]
    parent = int(row["rev_parent_id"] or 0)
    when = date_time(ctx, row["rev_timestamp"])
    from ...services import timestamps

    hh_mm = timestamps.format_time(row["rev_timestamp"], ctx.lang)
    out = Markup(f'<span class="mw-changeslist-time">{escape(hh_mm)}</span>')
    if row["rev_deleted"] & DELETED_TEXT:
        out += Markup(f'<span class="history-deleted mw-changeslist-date">{escape(when)}</span>')
    else:
        out += link(
            ctx, title, when, query={"oldid": rid}, classes="mw-changeslist-date", known=True
        )
    diff = (
        link(
            ctx,
            title,
            ctx.msg("diff"),
            query={"diff": "prev", "oldid": rid},
            classes="mw-changeslist-diff",
            known=True,
        )
        if parent
        else ctx.msg("diff")
    )
    hist = link(
        ctx,
        title,
        ctx.msg("hist"),
        query={"action": "history"},
        classes="mw-changeslist-history",
        known=True,
    )
    out += Markup("\n") + changeslist_links([escape(diff), hist])
    out += Markup(' <span class="mw-changeslist-separator"></span> ')
    old_size = parents.get(parent, 0) if parent else 0
    out += size_delta(ctx, old_size, int(row["rev_len"]))
    out += Markup('\u200e <span class="mw-changeslist-separator"></span> ')
    if not parent:
        out += flag(ctx, "new") + Markup(" ")
    if row["rev_minor_edit"]:
        out += flag(ctx, "minor") + Markup(" ")
    out += Markup("\n") + link(ctx, title, classes="mw-contributions-title")
    if row["rev_deleted"] & DELETED_COMMENT:
        out += Markup(
            f' <span class="history-deleted comment">'
            f"{escape(ctx.msg('rev-deleted-comment'))}</span>"
        )
    else:
        out += Markup("\n\u200e") + comment_html(comment)
    if top:
        out += Markup(f' <span class="mw-uctop">{escape(ctx.msg("uctop"))}</span>')
        if can_rollback:
            out += Markup(" ") + rollback.link(title, int(row["rev_page"]), row["actor_name"])
    out += tag_summary(ctx, tags)
    css = ["mw-contributions-current"] if top else []
    css += ["mw-tag-" + t for t in tags]
    return (
        Markup(f"<li{attrs(data_mw_revid=rid, class_=' '.join(css) or None)}>")
        + out
        + Markup("</li>")
    )
