"""Server-side session rows."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from ..schema import sessions


def load_session(conn: Connection, id_hash: str) -> dict[str, Any] | None:
    row = (
        conn.execute(select(sessions).where(sessions.c.sess_id_hash == id_hash)).mappings().first()
    )
    return dict(row) if row else None


def insert_session(conn: Connection, values: dict[str, Any]) -> None:
    conn.execute(insert(sessions).values(**values))


def update_session(conn: Connection, id_hash: str, values: dict[str, Any]) -> None:
    conn.execute(update(sessions).where(sessions.c.sess_id_hash == id_hash).values(**values))


def delete_session(conn: Connection, id_hash: str) -> None:
    conn.execute(delete(sessions).where(sessions.c.sess_id_hash == id_hash))


def delete_user_sessions(conn: Connection, user_id: int, bp_app_id: str | None = None) -> None:
    """Revoke a user's sessions (all, or those of one bot password)."""
    stmt = delete(sessions).where(sessions.c.sess_user == user_id)
    if bp_app_id is not None:
        stmt = stmt.where(sessions.c.sess_bp_app_id == bp_app_id)
    conn.execute(stmt)


def purge_expired_sessions(conn: Connection, now_ts: str) -> int:
    result = conn.execute(delete(sessions).where(sessions.c.sess_expires < now_ts))
    return result.rowcount or 0
