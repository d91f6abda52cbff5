"""Writing log entries and their recent-changes rows (Mirrors ManualLogEntry::insert/publish)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from ..storage.queries import logging as lq
from ..storage.queries import recentchanges as rcq
from ..storage.queries import tags as tq
from .pageupdater import truncate_comment
from .titles import Title


@dataclass
class LogEntry:
    type: str
    action: str
    actor_id: int
    title: Title
    timestamp: str
    comment: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    page_id: int | None = None
    tags: list[str] = field(default_factory=list)
    deleted: int = 0
    rev_id: int = 0  # ManualLogEntry::setAssociatedRevId() (protect's null revision ...)


def write_log(
    conn: Connection,
    entry: LogEntry,
    *,
    recent_change: bool = True,
    ip: str = "",
    bot: bool = False,
    patrolled: int = rcq.PATROL_AUTO,
) -> int:
    """Insert the log row (and, as publish() does, its RC row and tags); returns log_id."""
    log_id = lq.insert_log(
        conn,
        {
            "log_type": entry.type,
            "log_action": entry.action,
            "log_timestamp": entry.timestamp,
            "log_actor": entry.actor_id,
            "log_namespace": entry.title.namespace,
            "log_title": entry.title.dbkey,
            "log_page": entry.page_id,
            "log_comment": truncate_comment(entry.comment),
            "log_params": json.dumps(entry.params, ensure_ascii=False),
            "log_deleted": entry.deleted,
        },
    )
    rc_id = None
    if recent_change:
        rc_id = rcq.insert_rc(
            conn,
            {
                "rc_timestamp": entry.timestamp,
                "rc_actor": entry.actor_id,
                "rc_namespace": entry.title.namespace,
                "rc_title": entry.title.dbkey,
                "rc_comment": truncate_comment(entry.comment),
                "rc_minor": False,
                "rc_bot": bot,
                "rc_new": False,
                "rc_cur_id": entry.page_id or 0,
                "rc_this_oldid": entry.rev_id,
                "rc_last_oldid": 0,
                "rc_type": rcq.RC_LOG,
                "rc_source": "mw.log",
                "rc_patrolled": patrolled,
                "rc_ip": ip,
                "rc_logid": log_id,
                "rc_log_type": entry.type,
                "rc_log_action": entry.action,
                "rc_params": json.dumps(entry.params, ensure_ascii=False),
            },
        )
    if entry.tags:
        # publish(): the associated revision (a null revision) gets the tags too.
        tq.add_tags(conn, entry.tags, log_id=log_id, rc_id=rc_id, rev_id=entry.rev_id or None)
    return log_id
