"""Recent-changes rows: inserting edits and log entries, marking patrol and bot flags."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, insert, or_, select, update

from ..schema import recentchanges
from . import new_id

RC_EDIT = 0
RC_NEW = 1
RC_LOG = 3

PATROL_NONE = 0
PATROL_MANUAL = 1
PATROL_AUTO = 2


def insert_rc(conn: Connection, values: dict[str, Any]) -> int:
    result = conn.execute(insert(recentchanges).values(**values))
    return new_id(result)


def rc_by_id(conn: Connection, rc_id: int) -> dict[str, Any] | None:
    row = (
        conn.execute(select(recentchanges).where(recentchanges.c.rc_id == rc_id)).mappings().first()
    )
    return dict(row) if row else None


def rc_by_revision(conn: Connection, rev_id: int) -> dict[str, Any] | None:
    row = (
        conn.execute(
            select(recentchanges)
            .where(recentchanges.c.rc_this_oldid == rev_id)
            .where(recentchanges.c.rc_type.in_([RC_EDIT, RC_NEW]))
        )
        .mappings()
        .first()
    )
    return dict(row) if row else None


def rows_after(
    conn: Connection, page_id: int, actor_id: int, after_ts: str, after_rev: int
) -> list[dict[str, Any]]:
    """RC rows of a page by one actor newer than a revision (the rows a rollback reverts)."""
    newer = or_(
        recentchanges.c.rc_timestamp > after_ts,
        and_(recentchanges.c.rc_timestamp == after_ts, recentchanges.c.rc_this_oldid > after_rev),
    )
    rows = conn.execute(
        select(recentchanges).where(
            recentchanges.c.rc_cur_id == page_id, recentchanges.c.rc_actor == actor_id, newer
        )
    ).mappings()
    return [dict(r) for r in rows]


def mark_reverted_rows(conn: Connection, rc_ids: list[int], *, bot: bool, autopatrol: bool) -> None:
    """RollbackPage::updateRecentChange(): bot flag and/or autopatrol of unpatrolled rows."""
    if not rc_ids:
        return
    if bot:
        conn.execute(
            update(recentchanges).where(recentchanges.c.rc_id.in_(rc_ids)).values(rc_bot=True)
        )
    if autopatrol:
        conn.execute(
            update(recentchanges)
            .where(recentchanges.c.rc_id.in_(rc_ids), recentchanges.c.rc_patrolled == PATROL_NONE)
            .values(rc_patrolled=PATROL_AUTO)
        )


def set_patrolled(conn: Connection, rc_id: int, status: int) -> None:
    conn.execute(
        update(recentchanges).where(recentchanges.c.rc_id == rc_id).values(rc_patrolled=status)
    )


def set_rc_deleted(conn: Connection, rev_id: int, bits: int) -> None:
    conn.execute(
        update(recentchanges).where(recentchanges.c.rc_this_oldid == rev_id).values(rc_deleted=bits)
    )


def set_patrolled_by_revision(conn: Connection, rev_id: int, status: int) -> None:
    """The patrol state of a revision's edit row (revision deletion autopatrols it)."""
    conn.execute(
        update(recentchanges)
        .where(recentchanges.c.rc_this_oldid == rev_id)
        .values(rc_patrolled=status)
    )
