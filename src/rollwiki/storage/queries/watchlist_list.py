"""Watchlist listings for list=watchlistraw (WatchedItemQueryService::getWatchedItemsForUser),
served by the (wl_user, wl_namespace, wl_title) unique index."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, or_, select

from ..schema import watchlist


@dataclass
class WatchedTitlesQuery:
    user_id: int
    now_ts: str
    limit: int
    descending: bool = False
    namespaces: list[int] | None = None
    changed: bool | None = None  # True: only changed, False: only unchanged
    from_title: tuple[int, str] | None = None
    until_title: tuple[int, str] | None = None
    start_from: tuple[int, str] | None = None


def _target_cond(target: tuple[int, str], op: str) -> Any:
    ns, dbkey = target
    ns_col, title_col = watchlist.c.wl_namespace, watchlist.c.wl_title
    if op == ">":
        return or_(ns_col > ns, and_(ns_col == ns, title_col >= dbkey))
    return or_(ns_col < ns, and_(ns_col == ns, title_col <= dbkey))


def watched_titles(conn: Connection, q: WatchedTitlesQuery) -> list[dict[str, Any]]:
    """Up to limit + 1 unexpired watchlist rows of the user, by namespace and title."""
    stmt = select(
        watchlist.c.wl_namespace,
        watchlist.c.wl_title,
        watchlist.c.wl_notificationtimestamp,
        watchlist.c.wl_expiry,
    ).where(
        watchlist.c.wl_user == q.user_id,
        or_(watchlist.c.wl_expiry.is_(None), watchlist.c.wl_expiry > q.now_ts),
    )
    if q.namespaces:
        stmt = stmt.where(watchlist.c.wl_namespace.in_(q.namespaces))
    if q.changed is True:
        stmt = stmt.where(watchlist.c.wl_notificationtimestamp.is_not(None))
    elif q.changed is False:
        stmt = stmt.where(watchlist.c.wl_notificationtimestamp.is_(None))
    forward, backward = ("<", ">") if q.descending else (">", "<")
    if q.from_title is not None:
        stmt = stmt.where(_target_cond(q.from_title, forward))
    if q.until_title is not None:
        stmt = stmt.where(_target_cond(q.until_title, backward))
    if q.start_from is not None:
        stmt = stmt.where(_target_cond(q.start_from, forward))
    if q.descending:
        stmt = stmt.order_by(watchlist.c.wl_namespace.desc(), watchlist.c.wl_title.desc())
    else:
        stmt = stmt.order_by(watchlist.c.wl_namespace, watchlist.c.wl_title)
    return [dict(r) for r in conn.execute(stmt.limit(q.limit + 1)).mappings()]
