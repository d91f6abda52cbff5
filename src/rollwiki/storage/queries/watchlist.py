"""Watchlist rows (watchlist + MediaWiki's watchlist_expiry folded into wl_expiry)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, or_, select, update

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


def watch(
    conn: Connection,
    user_id: int,
    items: Iterable[tuple[int, str]],
    expiry: str | None,
    *,
    keep_expiry: bool = False,
) -> None:
    """Add or refresh watches; ``expiry`` None means permanent.

    With ``keep_expiry`` an existing watch keeps its expiry (WatchedItemStore semantics
    when no expiry was given).
    """
    for namespace, dbkey in items:
        existing = conn.execute(
            select(watchlist.c.wl_id, watchlist.c.wl_expiry).where(
                watchlist.c.wl_user == user_id,
                watchlist.c.wl_namespace == namespace,
                watchlist.c.wl_title == dbkey,
            )
        ).first()
        if existing is None:
            conn.execute(
                insert(watchlist).values(
                    wl_user=user_id,
                    wl_namespace=namespace,
                    wl_title=dbkey,
                    wl_expiry=expiry,
                    wl_notificationtimestamp=None,
                )
            )
        elif not keep_expiry:
            conn.execute(
                update(watchlist)
                .where(watchlist.c.wl_id == existing.wl_id)
                .values(wl_expiry=expiry)
            )


def unwatch(conn: Connection, user_id: int, items: Iterable[tuple[int, str]]) -> None:
    for namespace, dbkey in items:
        conn.execute(
            delete(watchlist).where(
                watchlist.c.wl_user == user_id,
                watchlist.c.wl_namespace == namespace,
                watchlist.c.wl_title == dbkey,
            )
        )


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


def reset_notification(conn: Connection, user_id: int, namespace: int, dbkey: str) -> None:
    conn.execute(
        update(watchlist)
        .where(
            and_(
                watchlist.c.wl_user == user_id,
                watchlist.c.wl_namespace == namespace,
                watchlist.c.wl_title == dbkey,
            )
        )
        .values(wl_notificationtimestamp=None)
    )
