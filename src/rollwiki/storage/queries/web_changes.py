"""Listings of recent changes, the watchlist and the logs for index.php.

Each listing is one query ordered by (timestamp, id) on an index; the filters are the
options of Special:RecentChanges / Special:Watchlist / Special:Log.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, exists, or_, select

from ..schema import actor, change_tag, change_tag_def, logging, page, recentchanges, watchlist

RC_EDIT, RC_NEW, RC_LOG = 0, 1, 3


@dataclass
class ChangeFilters:
    """The options of Special:RecentChanges (ChangesListSpecialPage's filters)."""

    since: str  # oldest timestamp shown
    hidebots: bool = True
    hideminor: bool = False
    hideanons: bool = False
    hideliu: bool = False
    hidemyself_actor: int | None = None
    hidepatrolled: bool = False
    hidelog: bool = False
    namespace: int | None = None
    user: str | None = None
    tag: str | None = None


def _rc_columns() -> tuple[Any, ...]:
    return (
        *recentchanges.c,
        actor.c.actor_name,
        actor.c.actor_user,
        page.c.page_latest,
        page.c.page_is_new,
    )


def _filtered(query: Any, f: ChangeFilters) -> Any:
    rc = recentchanges.c
    query = query.where(rc.rc_timestamp >= f.since)
    if f.hidebots:
        query = query.where(rc.rc_bot.is_(False))
    if f.hideminor:
        query = query.where(rc.rc_minor.is_(False))
    if f.hideanons:
        query = query.where(actor.c.actor_user.is_not(None))
    if f.hideliu:
        query = query.where(actor.c.actor_user.is_(None))
    if f.hidemyself_actor is not None:
        query = query.where(rc.rc_actor != f.hidemyself_actor)
    if f.hidepatrolled:
        query = query.where(rc.rc_patrolled == 0)
    if f.hidelog:
        query = query.where(rc.rc_type != RC_LOG)
    if f.namespace is not None:
        query = query.where(rc.rc_namespace == f.namespace)
    if f.user is not None:
        query = query.where(actor.c.actor_name == f.user)
    if f.tag:
        query = query.where(
            exists(
                select(change_tag.c.ct_id)
                .join(change_tag_def, change_tag_def.c.ctd_id == change_tag.c.ct_tag_id)
                .where(change_tag.c.ct_rc_id == rc.rc_id, change_tag_def.c.ctd_name == f.tag)
            )
        )
    return query


def recent_changes(conn: Connection, f: ChangeFilters, limit: int) -> list[dict[str, Any]]:
    """Newest first, on (rc_timestamp, rc_id)."""
    rc = recentchanges.c
    query = (
        select(*_rc_columns())
        .join(actor, actor.c.actor_id == rc.rc_actor)
        .outerjoin(page, page.c.page_id == rc.rc_cur_id)
    )
    query = _filtered(query, f).order_by(rc.rc_timestamp.desc(), rc.rc_id.desc()).limit(limit)
    return [dict(r) for r in conn.execute(query).mappings()]


def watchlist_changes(
    conn: Connection,
    user_id: int,
    f: ChangeFilters,
    limit: int,
    now_ts: str,
    *,
    all_revisions: bool = False,
) -> list[dict[str, Any]]:
    """Changes to the pages a user watches; by default only each page's latest change
    (1.39's watchlist without "expand to show all changes")."""
    rc = recentchanges.c
    wl = watchlist.c
    query = (
        select(*_rc_columns(), wl.wl_expiry, wl.wl_notificationtimestamp)
        .join(actor, actor.c.actor_id == rc.rc_actor)
        .join(
            watchlist,
            and_(
                wl.wl_user == user_id,
                wl.wl_namespace == rc.rc_namespace,
                wl.wl_title == rc.rc_title,
                or_(wl.wl_expiry.is_(None), wl.wl_expiry > now_ts),
            ),
        )
        .outerjoin(page, page.c.page_id == rc.rc_cur_id)
    )
    if not all_revisions:
        query = query.where(or_(rc.rc_this_oldid == page.c.page_latest, rc.rc_type == RC_LOG))
    query = _filtered(query, f).order_by(rc.rc_timestamp.desc(), rc.rc_id.desc()).limit(limit)
    return [dict(r) for r in conn.execute(query).mappings()]


def log_rows_by_ids(conn: Connection, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    wanted = [i for i in set(ids) if i]
    if not wanted:
        return {}
    rows = conn.execute(
        select(*logging.c, actor.c.actor_name)
        .join(actor, actor.c.actor_id == logging.c.log_actor)
        .where(logging.c.log_id.in_(wanted))
    ).mappings()
    return {int(r["log_id"]): dict(r) for r in rows}


def log_entries(
    conn: Connection,
    limit: int,
    offset: tuple[str, int] | None = None,
    *,
    older: bool = True,
    log_type: str | None = None,
    performer_actor: int | None = None,
    target: tuple[int, str] | None = None,
    hide_types: Iterable[str] = (),
) -> list[dict[str, Any]]:
    """Special:Log: newest first on (log_timestamp, log_id), filtered by type, performer
    and target page."""
    lg = logging.c
    query = select(*logging.c, actor.c.actor_name).join(actor, actor.c.actor_id == lg.log_actor)
    if log_type:
        query = query.where(lg.log_type == log_type)
    hidden = list(hide_types)
    if hidden and not log_type:
        query = query.where(lg.log_type.not_in(hidden))
    if performer_actor is not None:
        query = query.where(lg.log_actor == performer_actor)
    if target is not None:
        query = query.where(lg.log_namespace == target[0], lg.log_title == target[1])
    if offset is not None:
        ts, log_id = offset
        if older:
            query = query.where(
                or_(lg.log_timestamp < ts, and_(lg.log_timestamp == ts, lg.log_id < log_id))
            )
        else:
            query = query.where(
                or_(lg.log_timestamp > ts, and_(lg.log_timestamp == ts, lg.log_id > log_id))
            )
    if older:
        query = query.order_by(lg.log_timestamp.desc(), lg.log_id.desc())
    else:
        query = query.order_by(lg.log_timestamp, lg.log_id)
    rows = [dict(r) for r in conn.execute(query.limit(limit)).mappings()]
    return rows if older else rows[::-1]


def tag_statistics(conn: Connection) -> list[dict[str, Any]]:
    """Every defined tag with its hit count (change_tag_def.ctd_count)."""
    rows = conn.execute(
        select(
            change_tag_def.c.ctd_name, change_tag_def.c.ctd_user_defined, change_tag_def.c.ctd_count
        ).order_by(change_tag_def.c.ctd_name)
    ).mappings()
    return [dict(r) for r in rows]
