"""Log entries (the logging table) and deleted revisions (archive)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, insert, select

from ..schema import archive, logging
from . import new_id


def insert_log(conn: Connection, values: dict[str, Any]) -> int:
    result = conn.execute(insert(logging).values(**values))
    return new_id(result)


def last_log_entry(
    conn: Connection, log_type: str, actions: Sequence[str], namespace: int, dbkey: str
) -> dict[str, Any] | None:
    """The newest log entry of a type/actions about one title (EditPage::getLastDelete)."""
    row = (
        conn.execute(
            select(logging)
            .where(
                logging.c.log_type == log_type,
                logging.c.log_action.in_(list(actions)),
                logging.c.log_namespace == namespace,
                logging.c.log_title == dbkey,
            )
            .order_by(logging.c.log_timestamp.desc(), logging.c.log_id.desc())
            .limit(1)
        )
        .mappings()
        .first()
    )
    return dict(row) if row else None


def has_deleted_revisions(conn: Connection, namespace: int, dbkey: str) -> bool:
    """Mirrors Title::hasDeletedEdits(): archived revisions exist for the title."""
    row = conn.execute(
        select(archive.c.ar_id)
        .where(archive.c.ar_namespace == namespace, archive.c.ar_title == dbkey)
        .limit(1)
    ).first()
    return row is not None
