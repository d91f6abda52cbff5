"""Reads behind prop=info: protections, cascading sources, watchers, latest timestamps."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select

from ..schema import page, page_restrictions, protected_titles, revision, templatelinks, watchlist

Key = tuple[int, str]


def _live_restriction(now_ts: str) -> Any:
    return or_(
        page_restrictions.c.pr_expiry.is_(None),
        page_restrictions.c.pr_expiry == "infinity",
        page_restrictions.c.pr_expiry > now_ts,
    )


def _key_cond(ns_col: Any, title_col: Any, keys: list[Key]) -> Any:
    by_ns: dict[int, list[str]] = {}
    for ns, dbkey in keys:
        by_ns.setdefault(ns, []).append(dbkey)
    return or_(*[and_(ns_col == ns, title_col.in_(titles)) for ns, titles in by_ns.items()])


def restrictions_of_pages(
    conn: Connection, page_ids: Iterable[int], now_ts: str
) -> list[dict[str, Any]]:
    """Unexpired page_restrictions rows of the pages, in insertion order."""
    ids = sorted(set(page_ids))
    if not ids:
        return []
    rows = conn.execute(
        select(page_restrictions)
        .where(page_restrictions.c.pr_page.in_(ids), _live_restriction(now_ts))
        .order_by(page_restrictions.c.pr_id)
    ).mappings()
    return [dict(r) for r in rows]


def title_protections(conn: Connection, keys: Iterable[Key], now_ts: str) -> list[dict[str, Any]]:
    """Unexpired create protections (protected_titles) of missing titles."""
    wanted = list(dict.fromkeys(keys))
    if not wanted:
        return []
    rows = conn.execute(
        select(protected_titles).where(
            _key_cond(protected_titles.c.pt_namespace, protected_titles.c.pt_title, wanted),
            or_(protected_titles.c.pt_expiry == "infinity", protected_titles.c.pt_expiry > now_ts),
        )
    ).mappings()
    return [dict(r) for r in rows]


def cascading_protections(
    conn: Connection, keys: Iterable[Key], now_ts: str
) -> list[dict[str, Any]]:
    """Cascading protections of pages that transclude the titles (through templatelinks)."""
    wanted = list(dict.fromkeys(keys))
    if not wanted:
        return []
    rows = conn.execute(
        select(
            templatelinks.c.tl_namespace,
            templatelinks.c.tl_title,
            page_restrictions.c.pr_type,
            page_restrictions.c.pr_level,
            page_restrictions.c.pr_expiry,
            page.c.page_namespace,
            page.c.page_title,
        )
        .join(page, page.c.page_id == templatelinks.c.tl_from)
        .join(page_restrictions, page_restrictions.c.pr_page == page.c.page_id)
        .where(
            _key_cond(templatelinks.c.tl_namespace, templatelinks.c.tl_title, wanted),
            page_restrictions.c.pr_cascade.is_(True),
            _live_restriction(now_ts),
        )
        .order_by(page_restrictions.c.pr_id)
    ).mappings()
    return [dict(r) for r in rows]


def _live_watch(now_ts: str) -> Any:
    return or_(watchlist.c.wl_expiry.is_(None), watchlist.c.wl_expiry > now_ts)


def watched_items(
    conn: Connection, user_id: int, keys: Iterable[Key], now_ts: str
) -> list[dict[str, Any]]:
    """The user's unexpired watchlist rows for the titles (loadWatchedItemsBatch)."""
    wanted = list(dict.fromkeys(keys))
    if not wanted:
        return []
    rows = conn.execute(
        select(watchlist).where(
            watchlist.c.wl_user == user_id,
            _key_cond(watchlist.c.wl_namespace, watchlist.c.wl_title, wanted),
            _live_watch(now_ts),
        )
    ).mappings()
    return [dict(r) for r in rows]


def watcher_counts(conn: Connection, keys: Iterable[Key], now_ts: str) -> dict[Key, int]:
    """Unexpired watchers per title (WatchedItemStore::countWatchersMultiple)."""
    wanted = list(dict.fromkeys(keys))
    if not wanted:
        return {}
    rows = conn.execute(
        select(watchlist.c.wl_namespace, watchlist.c.wl_title, func.count())
        .where(
            _key_cond(watchlist.c.wl_namespace, watchlist.c.wl_title, wanted), _live_watch(now_ts)
        )
        .group_by(watchlist.c.wl_namespace, watchlist.c.wl_title)
    )
    return {(int(ns), str(title)): int(n) for ns, title, n in rows}


def visiting_watcher_counts(
    conn: Connection, thresholds: dict[Key, str | None], now_ts: str
) -> dict[Key, int]:
    """Watchers who visited since the threshold or have nothing unseen
    (WatchedItemStore::countVisitingWatchersMultiple)."""
    if not thresholds:
        return {}
    conds = []
    for (ns, dbkey), threshold in thresholds.items():
        cond = and_(watchlist.c.wl_namespace == ns, watchlist.c.wl_title == dbkey)
        if threshold is not None:
            cond = and_(
                cond,
                or_(
                    watchlist.c.wl_notificationtimestamp.is_(None),
                    watchlist.c.wl_notificationtimestamp >= threshold,
                ),
            )
        conds.append(cond)
    rows = conn.execute(
        select(watchlist.c.wl_namespace, watchlist.c.wl_title, func.count())
        .where(or_(*conds), _live_watch(now_ts))
        .group_by(watchlist.c.wl_namespace, watchlist.c.wl_title)
    )
    return {(int(ns), str(title)): int(n) for ns, title, n in rows}


def latest_timestamps(conn: Connection, page_ids: Iterable[int]) -> dict[int, str]:
    """page_id -> timestamp of the current revision."""
    ids = sorted(set(page_ids))
    if not ids:
        return {}
    rows = conn.execute(
        select(page.c.page_id, revision.c.rev_timestamp)
        .join(revision, revision.c.rev_id == page.c.page_latest)
        .where(page.c.page_id.in_(ids))
    )
    return {int(pid): str(ts) for pid, ts in rows}
