"""Watchlist rows (watchlist + MediaWiki's watchlist_expiry folded into wl_expiry)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, delete, insert, or_, select, update

from ..schema import watchlist


def _live(now_ts: str) -> Any:
    return or_(watchlist.c.wl_expiry.is_(None), watchlist.c.wl_expiry > now_ts)


def watched_item(
    conn: Connection, user_id: int, namespace: int, dbkey: str, now_ts: str
) -> dict[str, Any] | None:
    """The unexpired watch of one title, or None."""
    row = (
        conn.execute(
            select(watchlist).where(
                watchlist.c.wl_user == user_id,
                watchlist.c.wl_namespace == namespace,
                watchlist.c.wl_title == dbkey,
                _live(now_ts),
            )
        )
        .mappings()
        .first()
    )
    return dict(row) if row else None


def notify_watchers(
    conn: Connection,
    editor_id: int,
    items: Iterable[tuple[int, str]],
    timestamp: str,
    now_ts: str,
) -> None:
    """WatchedItemStore::updateNotificationTimestamp(): others' watches become "changed"."""
    for namespace, dbkey in items:
        conn.execute(
            update(watchlist)
            .where(
                watchlist.c.wl_namespace == namespace,
                watchlist.c.wl_title == dbkey,
                watchlist.c.wl_user != editor_id,
                watchlist.c.wl_notificationtimestamp.is_(None),
                _live(now_ts),
            )
            .values(wl_notificationtimestamp=timestamp)
        )


def watch_row(conn: Connection, user_id: int, namespace: int, dbkey: str) -> dict[str, Any] | None:
    """The watchlist row of one title, expired or not."""
    row = (
        conn.execute(
            select(watchlist).where(
                watchlist.c.wl_user == user_id,
                watchlist.c.wl_namespace == namespace,
                watchlist.c.wl_title == dbkey,
            )
        )
        .mappings()
        .first()
    )
    return dict(row) if row else None


def add_watch(
    conn: Connection,
    user_id: int,
    namespace: int,
    dbkey: str,
    expiry: str | None,
    now_ts: str,
    *,
    keep_expiry: bool,
) -> bool:
    """WatchedItemStore::addWatchBatchForUser() for one title; True if anything changed.

    ``expiry`` is a 14-digit timestamp or None (permanent).  With ``keep_expiry`` (no expiry
    given) a live watch keeps its expiry.  An expired row counts as absent: it is revived
    as a fresh watch (MediaWiki purges such rows from a job; we never let them linger).
    """
    row = watch_row(conn, user_id, namespace, dbkey)
    if row is None:
        conn.execute(
            insert(watchlist).values(
                wl_user=user_id,
                wl_namespace=namespace,
                wl_title=dbkey,
                wl_expiry=expiry,
                wl_notificationtimestamp=None,
            )
        )
        return True
    live = row["wl_expiry"] is None or row["wl_expiry"] > now_ts
    if not live:
        conn.execute(
            update(watchlist)
            .where(watchlist.c.wl_id == row["wl_id"])
            .values(wl_expiry=expiry, wl_notificationtimestamp=None)
        )
        return True
    if keep_expiry or row["wl_expiry"] == expiry:
        return False
    conn.execute(
        update(watchlist).where(watchlist.c.wl_id == row["wl_id"]).values(wl_expiry=expiry)
    )
    return True


def remove_watch(conn: Connection, user_id: int, namespace: int, dbkey: str, now_ts: str) -> bool:
    """Delete a watch; True if a live watch was removed (expired rows are purged silently)."""
    row = watch_row(conn, user_id, namespace, dbkey)
    if row is None:
        return False
    conn.execute(delete(watchlist).where(watchlist.c.wl_id == row["wl_id"]))
    return row["wl_expiry"] is None or row["wl_expiry"] > now_ts
