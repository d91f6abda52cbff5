"""The revision history of a page (Mirrors HistoryAction and HistoryPager::historyLine()).

One query for the rows (plus one row to know whether there is an older page), one for the
tags, one for the rollback window of the top row, one for the user pages: never a query
per row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape
from sqlalchemy import Connection

from ...services import timestamps
from ...services.authorize import probably_can
from ...services.titles import Title
from ...storage.queries import tags as tq
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
    preload_users,
    size,
    size_delta,
    tag_summary,
    user_link,
    user_tool_links,
)
from ..output import PageOutput, render_template
from ..pager import Offset, fetch_page, navigation
from ..pages import PageState, load_page
from ..rollbacklinks import RollbackLinks

DELETED_TEXT, DELETED_COMMENT, DELETED_USER = 1, 2, 4


@dataclass
class _Data:
    state: PageState
    rows: list[dict[str, Any]]
    older_size: dict[int, int]
    tags: dict[int, list[str]]
    can_edit: bool
    can_rollback: bool


def history(ctx: WebContext, title: Title) -> PageOutput:
    wiki = ctx.wiki
    heading = ctx.msg("history-title", wiki.prefixed(title))
    state = wiki.db.read(lambda conn: load_page(conn, title))
    if not state.exists:
        return PageOutput(
            title=heading,
            body=ctx.msg_html("nohistory", block=True),
            status=404,
            context_title=title,
            action="history",
            robots="noindex,nofollow",
        )
    page_id = state.page_id

    def fetch(offset: Offset | None, older: bool, limit: int) -> list[dict[str, Any]]:
        return wiki.db.read(lambda conn: hq.page_history(conn, page_id, limit, offset, older=older))

    pager = fetch_page(ctx, fetch, lambda r: (r["rev_timestamp"], int(r["rev_id"])))
    rollback = RollbackLinks(ctx)

    def extra(conn: Connection) -> _Data:
        rows = pager.rows
        last = rows[-1] if rows else None
        older = hq.parent_sizes(conn, [last["rev_parent_id"]]) if last else {}
        tags = tq.tags_for_revisions(conn, [r["rev_id"] for r in rows])
        can_edit = probably_can(conn, wiki, ctx.performer, "edit", title)
        can_rollback = can_edit and rollback.allowed(conn, title, ("rollback",))
        if can_rollback and rows and rows[0]["rev_id"] == state.latest_id:
            rollback.prefetch(conn, [page_id])
        return _Data(state, rows, older, tags, can_edit, can_rollback)

    data = wiki.db.read(extra)
    preload_users(ctx, [r["actor_name"] for r in data.rows])
    links(ctx).preload([title])
    comments = format_comments(
        wiki,
        [
            ("" if r["rev_deleted"] & DELETED_COMMENT else r["rev_comment"], title)
            for r in data.rows
        ],
    )
    days: list[dict[str, Any]] = []
    for i, row in enumerate(data.rows):
        below = data.rows[i + 1] if i + 1 < len(data.rows) else None
        line = _line(ctx, title, data, row, below, comments[i], rollback, first=i == 0)
        day = timestamps.format_date(row["rev_timestamp"], ctx.lang)
        if not days or days[-1]["day"] != day:
            days.append({"day": day, "lines": []})
        days[-1]["lines"].append(line)
    query = {"action": "history"}
    nav = navigation(ctx, pager, title, query)
    body = render_template(
        "history.html",
        ctx=ctx,
        days=days,
        nav=nav,
        title_key=wiki.titles.prefixed_dbkey(title),
        script=wiki.script_url(),
        legend=ctx.msg_html("histlegend", block=True),
        has_rows=bool(data.rows),
    )
    return PageOutput(
        title=heading,
        body=body,
        context_title=title,
        action="history",
        page_id=page_id,
        cur_revision_id=state.latest_id,
        robots="noindex,nofollow",
        subtitle=_subtitle(ctx, title),
    )


def _subtitle(ctx: WebContext, title: Title) -> Markup:
    log = link(
        ctx,
        Title(-1, "Log"),
        ctx.msg("viewpagelogs"),
        query={"page": ctx.wiki.prefixed(title)},
        known=True,
    )
    return Markup(f'<div class="mw-history-subtitle">{log}</div>')


def _line(
    ctx: WebContext,
    title: Title,
    data: _Data,
    row: dict[str, Any],
    below: dict[str, Any] | None,
    comment: str,
    rollback: RollbackLinks,
    *,
    first: bool,
) -> Markup:
    """HistoryPager::historyLine()."""
    rid = int(row["rev_id"])
    latest = data.state.latest_id
    is_top = rid == latest
    prev_id = int(below["rev_id"]) if below else int(row["rev_parent_id"] or 0)
    prev_size = int(below["rev_len"]) if below else data.older_size.get(prev_id)
    if prev_id == 0:
        prev_size = 0
    cur = (
        ctx.msg("cur")
        if is_top
        else link(
            ctx,
            title,
            ctx.msg("cur"),
            query={"diff": latest, "oldid": rid},
            tooltip=ctx.msg("tooltip-cur"),
            known=True,
        )
    )
    prev = (
        link(
            ctx,
            title,
            ctx.msg("last"),
            query={"diff": rid, "oldid": prev_id},
            tooltip=ctx.msg("tooltip-last"),
            known=True,
        )
        if prev_id
        else ctx.msg("last")
    )
    parts: list[Markup] = [
        Markup(
            '<span class="mw-history-histlinks mw-changeslist-links">'
            f"<span>{escape(cur)}</span><span>{escape(prev)}</span></span>"
        ),
        _radios(rid, is_top, first, data.rows),
    ]
    when = date_time(ctx, row["rev_timestamp"])
    hh_mm = timestamps.format_time(row["rev_timestamp"], ctx.lang)
    parts.append(Markup(f' <span class="mw-changeslist-time">{escape(hh_mm)}</span>'))
    if row["rev_deleted"] & DELETED_TEXT:
        parts.append(
            Markup(f'<span class="history-deleted mw-changeslist-date">{escape(when)}</span>')
        )
    else:
        parts.append(
            link(ctx, title, when, query={"oldid": rid}, classes="mw-changeslist-date", known=True)
        )
    name = row["actor_name"]
    if row["rev_deleted"] & DELETED_USER:
        user = user_link(ctx, name, hidden=True)
    else:
        user = user_link(ctx, name) + user_tool_links(ctx, name, changeslist=True)
    parts.append(Markup(f"\u200e <span class='history-user'>{user}</span>"))
    if row["rev_minor_edit"]:
        parts.append(Markup(" ") + flag(ctx, "minor"))
    parts.append(Markup(' <span class="mw-changeslist-separator"></span> '))
    parts.append(size(ctx, int(row["rev_len"])))
    parts.append(Markup(" ") + size_delta(ctx, prev_size, int(row["rev_len"])))
    parts.append(Markup('\u200e <span class="mw-changeslist-separator"></span> '))
    if row["rev_deleted"] & DELETED_COMMENT:
        parts.append(
            Markup(
                ' <span class="history-deleted comment">'
                f"{escape(ctx.msg('rev-deleted-comment'))}</span>"
            )
        )
    else:
        parts.append(comment_html(comment))
    tools: list[Markup] = []
    if is_top and data.can_rollback and prev_id:
        tools.append(
            rollback.link(
                title,
                data.state.page_id,
                name,
                author_hidden=bool(row["rev_deleted"] & DELETED_USER),
                verify=True,
            )
        )
    if data.can_edit and prev_id and not row["rev_deleted"] & DELETED_TEXT:
        tip = ctx.msg("tooltip-undo") if is_top else ctx.wiki.prefixed(title)
        undo = link(
            ctx,
            title,
            ctx.msg("editundo"),
            query={"action": "edit", "undoafter": prev_id, "undo": rid},
            tooltip=tip,
            known=True,
        )
        tools.append(Markup(f'<span class="mw-history-undo">{undo}</span>'))
    if tools:
        parts.append(Markup(" ") + changeslist_links(tools))
    parts.append(tag_summary(ctx, data.tags.get(rid, [])))
    classes = ["mw-tag-" + t for t in data.tags.get(rid, [])]
    return (
        Markup(f"<li{attrs(data_mw_revid=rid, class_=' '.join(classes) or None)}>")
        + Markup("").join(parts)
        + Markup("</li>")
    )


def _radios(rid: int, is_top: bool, first: bool, rows: list[dict[str, Any]]) -> Markup:
    """HistoryPager::diffButtons(): "oldid" and "diff" radio buttons."""
    second = len(rows) > 1 and rows[1]["rev_id"] == rid
    old = (
        f'<input type="radio" value="{rid}" disabled="" name="oldid" id="mw-oldid-null">'
        if is_top
        else f'<input type="radio" value="{rid}"{" checked" if second else ""} name="oldid" '
        f'id="mw-oldid-{rid}">'
    )
    new = (
        f'<input type="radio" value="{rid}"{" checked" if first else ""} name="diff" '
        f'id="mw-diff-{rid}">'
    )
    return Markup(old + new)
