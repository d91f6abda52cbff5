"""Recent-changes listings: list=recentchanges and list=watchlist (the WatchedItemQueryService
join), ordered by (rc_timestamp, rc_id) through ix_recentchanges_timestamp."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, and_, or_, select

from ..schema import actor, change_tag, page, recentchanges, revision, watchlist

RC_LOG = 3
RC_NEW = 1


@dataclass
class ChangesQuery:
    """The filters both listings share."""

    limit: int
    newer: bool = False
    start: str | None = None
    end: str | None = None
    cont: tuple[str, int] | None = None
    namespaces: list[int] | None = None
    types: list[int] | None = None
    user: str | None = None
    exclude_user: str | None = None
    hidden_user_mask: int = 0
    hidden_log_mask: int = 0
    # rcshow/wlshow values that turned into conditions (decided by the module).
    show: set[str] = field(default_factory=set)
    # ``unpatrolled`` for a new-pages-only patroller (User::useNPPatrol without RC patrol).
    unpatrolled_new_only: bool = False
    tag: int | None = None
    has_tag: bool = True


@dataclass
class RecentChangesQuery(ChangesQuery):
    title: tuple[int, str] | None = None
    top_only: bool = False
    with_page: bool = False
    with_sha1: bool = False


@dataclass
class WatchlistQuery(ChangesQuery):
    owner: int = 0
    all_revisions: bool = False
    now_ts: str = ""


def _common(stmt: Any, q: ChangesQuery) -> Any:
    ts, rc_id = recentchanges.c.rc_timestamp, recentchanges.c.rc_id
    if q.start is not None:
        stmt = stmt.where(ts >= q.start if q.newer else ts <= q.start)
    if q.end is not None:
        stmt = stmt.where(ts <= q.end if q.newer else ts >= q.end)
    if q.cont is not None:
        cts, cid = q.cont
        if q.newer:
            stmt = stmt.where(or_(ts > cts, and_(ts == cts, rc_id >= cid)))
        else:
            stmt = stmt.where(or_(ts < cts, and_(ts == cts, rc_id <= cid)))
    if q.namespaces is not None:
        stmt = stmt.where(recentchanges.c.rc_namespace.in_(q.namespaces))
    if q.types is not None:
        stmt = stmt.where(recentchanges.c.rc_type.in_(q.types))
    patrolled = recentchanges.c.rc_patrolled
    conds = {
        "!minor": recentchanges.c.rc_minor.is_(False),
        "minor": recentchanges.c.rc_minor.is_(True),
        "!bot": recentchanges.c.rc_bot.is_(False),
        "bot": recentchanges.c.rc_bot.is_(True),
        "anon": actor.c.actor_user.is_(None),
        "!anon": actor.c.actor_user.is_not(None),
        "!patrolled": patrolled == 0,
        "patrolled": patrolled != 0,
        "unpatrolled": patrolled == 0,
        "!autopatrolled": patrolled != 2,
        "autopatrolled": patrolled == 2,
        "redirect": page.c.page_is_redirect.is_(True),
        "!redirect": or_(page.c.page_is_redirect.is_(False), page.c.page_is_redirect.is_(None)),
    }
    for name, cond in conds.items():
        if name in q.show:
            stmt = stmt.where(cond)
    if "unpatrolled" in q.show and q.unpatrolled_new_only:
        stmt = stmt.where(recentchanges.c.rc_type == RC_NEW)
    if q.user is not None:
        stmt = stmt.where(actor.c.actor_name == q.user)
    if q.exclude_user is not None:
        stmt = stmt.where(actor.c.actor_name != q.exclude_user)
    if (q.user is not None or q.exclude_user is not None) and q.hidden_user_mask:
        mask = q.hidden_user_mask
        stmt = stmt.where(recentchanges.c.rc_deleted.op("&")(mask) != mask)
    if q.hidden_log_mask:
        mask = q.hidden_log_mask
        stmt = stmt.where(
            or_(recentchanges.c.rc_type != RC_LOG, recentchanges.c.rc_deleted.op("&")(mask) != mask)
        )
    if q.tag is not None:
        stmt = stmt.join(change_tag, change_tag.c.ct_rc_id == rc_id).where(
            change_tag.c.ct_tag_id == q.tag
        )
    order = (ts.asc(), rc_id.asc()) if q.newer else (ts.desc(), rc_id.desc())
    return stmt.order_by(*order).limit(q.limit + 1)


def recent_changes(conn: Connection, q: RecentChangesQuery) -> list[dict[str, Any]]:
    """Up to limit + 1 recentchanges rows with actor (and page/revision) columns."""
    if not q.has_tag:
        return []
    cols: list[Any] = [recentchanges, actor.c.actor_name, actor.c.actor_user]
    stmt_from: Any = recentchanges.join(actor, actor.c.actor_id == recentchanges.c.rc_actor)
    if q.with_page or q.top_only or q.show & {"redirect", "!redirect"}:
        cols.append(page.c.page_is_redirect)
        cols.append(page.c.page_latest)
        stmt_from = stmt_from.outerjoin(
            page,
            and_(
                page.c.page_namespace == recentchanges.c.rc_namespace,
                page.c.page_title == recentchanges.c.rc_title,
            ),
        )
    if q.with_sha1:
        cols += [revision.c.rev_sha1, revision.c.rev_deleted]
        stmt_from = stmt_from.outerjoin(
            revision, revision.c.rev_id == recentchanges.c.rc_this_oldid
        )
    stmt = select(*cols).select_from(stmt_from)
    if q.title is not None:
        stmt = stmt.where(
            recentchanges.c.rc_namespace == q.title[0], recentchanges.c.rc_title == q.title[1]
        )
    if q.top_only:
        stmt = stmt.where(recentchanges.c.rc_this_oldid == page.c.page_latest)
    return [dict(r) for r in conn.execute(_common(stmt, q)).mappings()]


def watchlist_changes(conn: Connection, q: WatchlistQuery) -> list[dict[str, Any]]:
    """Up to limit + 1 recent changes to pages on the owner's watchlist
    (WatchedItemQueryService::getWatchedItemsWithRecentChangeInfo())."""
    cols: list[Any] = [
        recentchanges,
        actor.c.actor_name,
        actor.c.actor_user,
        watchlist.c.wl_notificationtimestamp,
        watchlist.c.wl_expiry,
    ]
    stmt_from: Any = recentchanges.join(
        watchlist,
        and_(
            watchlist.c.wl_namespace == recentchanges.c.rc_namespace,
            watchlist.c.wl_title == recentchanges.c.rc_title,
        ),
    ).join(actor, actor.c.actor_id == recentchanges.c.rc_actor)
    if not q.all_revisions or q.show & {"redirect", "!redirect"}:
        cols.append(page.c.page_latest)
        stmt_from = stmt_from.outerjoin(page, page.c.page_id == recentchanges.c.rc_cur_id)
    stmt = (
        select(*cols)
        .select_from(stmt_from)
        .where(
            watchlist.c.wl_user == q.owner,
            or_(watchlist.c.wl_expiry.is_(None), watchlist.c.wl_expiry > q.now_ts),
        )
    )
    if not q.all_revisions:
        stmt = stmt.where(
            or_(
                recentchanges.c.rc_this_oldid == page.c.page_latest,
                recentchanges.c.rc_type == RC_LOG,
            )
        )
    if "unread" in q.show:
        stmt = stmt.where(recentchanges.c.rc_timestamp >= watchlist.c.wl_notificationtimestamp)
    if "!unread" in q.show:
        stmt = stmt.where(
            or_(
                watchlist.c.wl_notificationtimestamp.is_(None),
                recentchanges.c.rc_timestamp < watchlist.c.wl_notificationtimestamp,
            )
        )
    return [dict(r) for r in conn.execute(_common(stmt, q)).mappings()]
