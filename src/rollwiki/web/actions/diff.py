"""The difference between two revisions (Mirrors DifferenceEngine::showDiffPage()).

``diff=N&oldid=M``, ``diff=prev|next|cur&oldid=N``, ``diff=N`` alone (against its
predecessor).  The new side shows the rollback link when it is the page's current
revision and the viewer probably can edit and roll back (web-ui.md §1).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape
from sqlalchemy import Connection

from ...services.authorize import probably_can
from ...services.titles import Title
from ...storage.queries import pages as pq
from ...storage.queries import tags as tq
from ...storage.queries import web_history as hq
from ..comments import format_comments
from ..context import WebContext
from ..difftable import diff_table
from ..errorpages import error_page
from ..linker import (
    date_time,
    flag,
    link,
    links,
    preload_users,
    tag_summary,
    user_link,
    user_tool_links,
)
from ..output import PageOutput
from ..pages import revision_text, title_of_page
from ..rollbacklinks import RollbackLinks
from .view import content_html, page_message

DELETED_TEXT, DELETED_COMMENT, DELETED_USER = 1, 2, 4
_NBSP3 = "\u00a0\u00a0\u00a0"


@dataclass
class _Pair:
    old: dict[str, Any] | None
    new: dict[str, Any]
    page: dict[str, Any]
    old_text: str
    new_text: str
    model: str
    older_exists: bool
    newer_exists: bool
    between: tuple[int, int, int | None]
    tags: dict[int, list[str]]
    can_edit: bool
    can_rollback: bool


def _resolve(conn: Connection, ctx: WebContext, title: Title) -> tuple[Any, Any] | None:
    """DifferenceEngine::mapDiffPrevNext() + loadRevisionIds()."""
    raw_diff = (ctx.get("diff") or "").strip()
    oldid = ctx.get_int("oldid")
    if raw_diff == "prev":
        new = pq.revision_by_id(conn, oldid) if oldid else None
        if new is None:
            return None
        return pq.adjacent_revision(conn, new, newer=False), new
    if raw_diff == "next":
        old = pq.revision_by_id(conn, oldid) if oldid else None
        if old is None:
            return None
        return old, pq.adjacent_revision(conn, old, newer=True) or old
    new_id = ctx.get_int("diff")
    if new_id:
        new = pq.revision_by_id(conn, new_id)
    else:
        page = pq.page_by_title(conn, title.namespace, title.dbkey)
        new = pq.revision_by_id(conn, page["page_latest"]) if page else None
    if new is None:
        return None
    if oldid:
        old = pq.revision_by_id(conn, oldid)
        if old is None:
            return None
    else:
        old = pq.adjacent_revision(conn, new, newer=False)
    if old is not None and (old["rev_timestamp"], old["rev_id"]) > (
        new["rev_timestamp"],
        new["rev_id"],
    ):
        old, new = new, old
    return old, new


def diff(ctx: WebContext, title: Title) -> PageOutput:
    wiki = ctx.wiki
    rollback = RollbackLinks(ctx)

    def load(conn: Connection) -> _Pair | None:
        resolved = _resolve(conn, ctx, title)
        if resolved is None:
            return None
        old, new = resolved
        page = pq.page_by_id(conn, new["rev_page"])
        assert page is not None
        page_title = title_of_page(ctx, page)
        new_text, model = revision_text(conn, new)
        old_text = revision_text(conn, old)[0] if old is not None else ""
        same_page = old is None or old["rev_page"] == new["rev_page"]
        between = (
            hq.revisions_between_summary(conn, page["page_id"], old, new)
            if old is not None and same_page
            else (0, 0, None)
        )
        ids = [new["rev_id"]] + ([old["rev_id"]] if old is not None else [])
        can_edit = probably_can(conn, wiki, ctx.performer, "edit", page_title)
        is_current = new["rev_id"] == page["page_latest"]
        can_rollback = (
            same_page
            and is_current
            and can_edit
            and rollback.allowed(conn, page_title, ("rollback",))
        )
        if can_rollback:
            rollback.prefetch(conn, [page["page_id"]])
        return _Pair(
            old=old,
            new=new,
            page=page,
            old_text=old_text,
            new_text=new_text,
            model=model,
            older_exists=old is not None
            and pq.adjacent_revision(conn, old, newer=False) is not None,
            newer_exists=not is_current,
            between=between,
            tags=tq.tags_for_revisions(conn, ids),
            can_edit=can_edit,
            can_rollback=can_rollback,
        )

    pair = wiki.db.read(load)
    if pair is None:
        ids = ", ".join(v for v in (ctx.get("oldid"), ctx.get("diff")) if v)
        out = error_page(
            ctx,
            "errorpagetitle",
            page_message(ctx, "difference-missing-revision", title, ids, 1),
            status=404,
            returnto=False,
        )
        out.context_title = title
        return out
    page_title = title_of_page(ctx, pair.page)
    names = [pair.new["actor_name"]] + ([pair.old["actor_name"]] if pair.old else [])
    preload_users(ctx, names)
    links(ctx).preload([page_title])
    comments = format_comments(
        wiki,
        [
            (
                "" if rev is None or rev["rev_deleted"] & DELETED_COMMENT else rev["rev_comment"],
                page_title,
            )
            for rev in (pair.old, pair.new)
        ],
    )
    header = _header(ctx, page_title, pair, comments, rollback)
    table = diff_table(ctx, pair.old_text, pair.new_text, header)
    body = table
    latest = int(pair.page["page_latest"])
    if not ctx.get_bool("diffonly"):
        key = "currentrev-asof" if pair.new["rev_id"] == latest else "revisionasof"
        when = date_time(ctx, pair.new["rev_timestamp"])
        body += Markup(
            "<hr class='diff-hr' id='mw-oldid' />\n<h2 class='diff-currentversion-title'>"
        )
        body += Markup(escape(ctx.msg(key, when))) + Markup("</h2>\n")
        if pair.new["rev_deleted"] & DELETED_TEXT and not ctx.performer.allowed("deletedtext"):
            body += ctx.msg_html("rev-deleted-text-permission", block=True)
        else:
            body += content_html(ctx, pair.new_text, pair.model, page_title)
    return PageOutput(
        title=ctx.msg("difference-title", wiki.prefixed(page_title)),
        body=body,
        context_title=page_title,
        page_id=int(pair.page["page_id"]),
        revision_id=int(pair.new["rev_id"]),
        cur_revision_id=latest,
        robots="noindex,nofollow",
        js_vars={
            "wgDiffOldId": pair.old["rev_id"] if pair.old else False,
            "wgDiffNewId": pair.new["rev_id"],
        },
    )


def _side(
    ctx: WebContext,
    title: Title,
    rev: dict[str, Any],
    pair: _Pair,
    comment: str,
    prefix: str,
    *,
    is_new: bool,
    rollback: RollbackLinks,
) -> Markup:
    rid = rev["rev_id"]
    latest = int(pair.page["page_latest"])
    current = rid == latest
    key = "currentrev-asof" if current else "revisionasof"
    when = ctx.msg(key, date_time(ctx, rev["rev_timestamp"]))
    head = link(ctx, title, when, query={"oldid": rid}, known=True)
    edit_query: dict[str, Any] = {"action": "edit"} if current else {"action": "edit", "oldid": rid}
    edit_label = "editold" if pair.can_edit else "viewsourceold"
    edit = link(ctx, title, ctx.msg(edit_label), query=edit_query, known=True)
    head += Markup(f' <span class="mw-diff-edit">({edit})</span>')
    if (
        is_new
        and pair.old is not None
        and pair.can_edit
        and pair.old["rev_page"] == rev["rev_page"]
    ):
        undo = link(
            ctx,
            title,
            ctx.msg("editundo"),
            query={"action": "edit", "undoafter": pair.old["rev_id"], "undo": rid},
            tooltip=ctx.msg("tooltip-undo"),
            known=True,
        )
        head += Markup(f' <span class="mw-diff-undo">({undo})</span>')
    name = rev["actor_name"]
    hidden = bool(rev["rev_deleted"] & DELETED_USER)
    user = user_link(ctx, name, hidden=hidden)
    if not hidden:
        user += user_tool_links(ctx, name)
    if is_new and pair.can_rollback:
        user += Markup(_NBSP3) + rollback.link(
            title, int(pair.page["page_id"]), name, author_hidden=hidden
        )
    line3 = Markup(" ")
    if rev["rev_minor_edit"]:
        line3 += flag(ctx, "minor") + Markup(" ")
    if rev["rev_deleted"] & DELETED_COMMENT:
        line3 += Markup(
            f'<span class="history-deleted comment">{escape(ctx.msg("rev-deleted-comment"))}</span>'
        )
    elif comment:
        line3 += Markup(f'<span class="comment">({comment})</span>')
    nav = Markup(" ")
    if not is_new and pair.older_exists:
        nav = link(
            ctx, title, ctx.msg("previousdiff"), query={"diff": "prev", "oldid": rid}, known=True
        )
    elif is_new and pair.newer_exists:
        nav = link(
            ctx, title, ctx.msg("nextdiff"), query={"diff": "next", "oldid": rid}, known=True
        )
    tags = tag_summary(ctx, pair.tags.get(rid, []))
    return Markup(
        f'<div id="mw-diff-{prefix}title1"><strong>{head}</strong></div>'
        f'<div id="mw-diff-{prefix}title2">{user}</div>'
        f'<div id="mw-diff-{prefix}title3">{line3}</div>'
        f'<div id="mw-diff-{prefix}title5">{tags}</div>'
        f'<div id="mw-diff-{prefix}title4">{nav}</div>'
    )


def _header(
    ctx: WebContext, title: Title, pair: _Pair, comments: list[str], rollback: RollbackLinks
) -> Markup:
    old_side = (
        _side(ctx, title, pair.old, pair, comments[0], "o", is_new=False, rollback=rollback)
        if pair.old is not None
        else Markup("")
    )
    new_side = _side(ctx, title, pair.new, pair, comments[1], "n", is_new=True, rollback=rollback)
    row = Markup(
        f'<tr class="diff-title" lang="{escape(ctx.lang)}">\n'
        f'<td colspan="2" class="diff-otitle diff-side-deleted">{old_side}</td>\n'
        f'<td colspan="2" class="diff-ntitle diff-side-added">{new_side}</td>\n</tr>'
    )
    count, authors, one_actor = pair.between
    if count:
        if authors == 1 and one_actor == pair.new["rev_actor"]:
            notice = ctx.msg("diff-multi-sameuser", count)
        else:
            notice = ctx.msg("diff-multi-otherusers", count, authors)
        row += Markup(
            f'<tr><td colspan="4" class="diff-multi" lang="{escape(ctx.lang)}">'
            f"{escape(notice)}</td></tr>"
        )
    return row
