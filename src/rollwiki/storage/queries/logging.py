"""Log entries (the logging table) and deleted revisions (archive)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, and_, insert, or_, select

from ..schema import actor, archive, change_tag, logging, page
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


def list_log_events(
    conn: Connection,
    *,
    newer: bool,
    limit: int,
    start: str | None = None,
    end: str | None = None,
    cont: tuple[str, int] | None = None,
    log_type: str | None = None,
    action: str | None = None,
    actor_name: str | None = None,
    namespace: int | None = None,
    dbkey: str | None = None,
    prefix: str | None = None,
    tag_id: int | None = None,
    hidden_types: Iterable[str] = (),
    title_bits: int = 0,
    user_bits: int = 0,
) -> list[dict[str, Any]]:
    """Mirrors ApiQueryLogEvents' query: rows with the actor and the target page's id."""
    stmt = (
        select(
            logging,
            actor.c.actor_name,
            actor.c.actor_user,
            page.c.page_id,
        )
        .join(actor, actor.c.actor_id == logging.c.log_actor)
        .outerjoin(
            page,
            and_(
                page.c.page_namespace == logging.c.log_namespace,
                page.c.page_title == logging.c.log_title,
            ),
        )
    )
    hidden = list(hidden_types)
    if hidden:
        stmt = stmt.where(logging.c.log_type.not_in(hidden))
    if tag_id is not None:
        stmt = stmt.join(change_tag, change_tag.c.ct_log_id == logging.c.log_id).where(
            change_tag.c.ct_tag_id == tag_id
        )
    if action is not None:
        stmt = stmt.where(logging.c.log_type == log_type, logging.c.log_action == action)
    elif log_type is not None:
        stmt = stmt.where(logging.c.log_type == log_type)
    ts = logging.c.log_timestamp
    if start is not None:
        stmt = stmt.where(ts >= start if newer else ts <= start)
    if end is not None:
        stmt = stmt.where(ts <= end if newer else ts >= end)
    if cont is not None:
        cts, cid = cont
        if newer:
            stmt = stmt.where(or_(ts > cts, and_(ts == cts, logging.c.log_id >= cid)))
        else:
            stmt = stmt.where(or_(ts < cts, and_(ts == cts, logging.c.log_id <= cid)))
    if actor_name is not None:
        stmt = stmt.where(actor.c.actor_name == actor_name)
    if namespace is not None:
        stmt = stmt.where(logging.c.log_namespace == namespace)
    if dbkey is not None:
        stmt = stmt.where(logging.c.log_title == dbkey)
    if prefix is not None:
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(logging.c.log_title.like(escaped + "%", escape="\\"))
    if title_bits:
        stmt = stmt.where(logging.c.log_deleted.op("&")(title_bits) != title_bits)
    if user_bits:
        stmt = stmt.where(logging.c.log_deleted.op("&")(user_bits) != user_bits)
    order = (ts.asc(), logging.c.log_id.asc()) if newer else (ts.desc(), logging.c.log_id.desc())
    rows = conn.execute(stmt.order_by(*order).limit(limit + 1)).mappings()
    return [dict(r) for r in rows]
