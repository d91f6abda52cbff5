"""Per-user facts for meta=userinfo: new talk messages, unread watchlist items, latest edit."""

from __future__ import annotations

from sqlalchemy import Connection, func, or_, select

from ..schema import revision, user_newtalk, watchlist


def has_new_messages(conn: Connection, user_id: int, ip: str) -> bool:
    """Mirrors TalkPageNotificationManager::userHasNewMessages()."""
    if user_id:
        cond = user_newtalk.c.user_id == user_id
    else:
        cond = user_newtalk.c.user_ip == ip
    return conn.execute(select(user_newtalk.c.user_id).where(cond).limit(1)).first() is not None


def unread_count(conn: Connection, user_id: int, now_ts: str, limit: int) -> int:
    """Watched titles with unseen changes, counted up to ``limit``."""
    inner = (
        select(watchlist.c.wl_id)
        .where(
            watchlist.c.wl_user == user_id,
            watchlist.c.wl_notificationtimestamp.is_not(None),
            or_(watchlist.c.wl_expiry.is_(None), watchlist.c.wl_expiry > now_ts),
        )
        .limit(limit)
        .subquery()
    )
    return int(conn.execute(select(func.count()).select_from(inner)).scalar_one())


def latest_edit_timestamp(conn: Connection, actor_id: int) -> str | None:
    """Mirrors UserEditTracker::getLatestEditTimestamp() (ix_revision_actor_timestamp)."""
    value = conn.execute(
        select(revision.c.rev_timestamp)
        .where(revision.c.rev_actor == actor_id)
        .order_by(revision.c.rev_timestamp.desc())
        .limit(1)
    ).scalar()
    return str(value) if value is not None else None
