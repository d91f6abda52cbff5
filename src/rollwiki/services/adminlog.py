"""Log entries of administrative actions (Mirrors ManualLogEntry::insert() + publish()).

A thin layer over :func:`rollwiki.services.logs.write_log` that fills in what every
administrative action needs: the performer's actor row, the target page's id
(``log_page``/``rc_cur_id``), the ``bot`` flag of the RC row and the request IP.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from ..storage.queries import pages as pq
from ..storage.queries import users as uq
from . import timestamps
from .logs import LogEntry, write_log
from .performer import Performer
from .titles import Title


def performer_actor(conn: Connection, performer: Performer) -> int:
    """The performer's actor id, creating the actor row on first use."""
    if performer.actor_id is None:
        performer.actor_id = uq.ensure_actor(conn, performer.name, performer.user_id or None)
    return performer.actor_id


def publish(
    conn: Connection,
    performer: Performer,
    log_type: str,
    action: str,
    title: Title,
    *,
    comment: str = "",
    params: dict[str, Any] | None = None,
    tags: list[str] | None = None,
    rev_id: int = 0,
    to_rc: bool = True,
    timestamp: str | None = None,
) -> int:
    """Insert the log entry (and, unless ``to_rc`` is false, its RC row); returns log_id.

    ``to_rc=False`` is MediaWiki's ``publish( $id, 'udp' )`` (patrol log entries) and the
    restricted logs (suppress), which never reach recent changes.
    """
    page = pq.page_by_title(conn, title.namespace, title.dbkey) if title.namespace >= 0 else None
    entry = LogEntry(
        type=log_type,
        action=action,
        actor_id=performer_actor(conn, performer),
        title=title,
        timestamp=timestamp or timestamps.mw_now(),
        comment=comment,
        params=dict(params or {}),
        page_id=page["page_id"] if page else 0,
        tags=list(tags or []),
        rev_id=rev_id,
    )
    return write_log(
        conn, entry, recent_change=to_rc, ip=performer.ip, bot=performer.allowed("bot")
    )
