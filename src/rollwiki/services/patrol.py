"""Marking a change as patrolled (Mirrors RecentChange::doMarkPatrolled() and PatrolLog).

Patrolling a revert is what approves it: the ``mw-reverted`` tags its EditResult waits
for are applied in the same transaction (:func:`reverts.release_on_patrol`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from ..api.errors import ApiMessage
from ..storage.queries import recentchanges as rcq
from ..storage.queries import users as uq
from . import adminlog, reverts
from .authorize import permission_errors
from .performer import Performer
from .titles import Title
from .wiki import Wiki


@dataclass
class PatrolRefused(Exception):
    """Every reason the change cannot be patrolled (a PermissionStatus), first one first."""

    messages: list[ApiMessage]


@dataclass(frozen=True)
class PatrolOutcome:
    rc: dict[str, Any]
    log_id: int | None  # None when the change was already patrolled
    reverted_tagged: list[int]


def mark_patrolled(
    conn: Connection,
    wiki: Wiki,
    performer: Performer,
    rc: dict[str, Any],
    tags: list[str],
    lang: str,
) -> PatrolOutcome:
    """Mirrors RecentChange::doMarkPatrolled( $performer, false, $tags )."""
    config = wiki.config
    title = Title(rc["rc_namespace"], rc["rc_title"].replace("_", " "))
    messages: list[ApiMessage] = []
    if not config.use_rc_patrol and (not config.use_np_patrol or rc["rc_type"] != rcq.RC_NEW):
        messages.append(ApiMessage.of("rcpatroldisabled"))
    # Authority::authorizeWrite( 'patrol', $title ): rights, protection, blocks ...
    for msg in permission_errors(conn, wiki, performer, "patrol", title, lang=lang):
        if msg not in messages:
            messages.append(msg)
    author = uq.actors_by_ids(conn, [rc["rc_actor"]]).get(rc["rc_actor"])
    if (
        author is not None
        and author["actor_name"] == performer.name
        and not performer.allowed("autopatrol")
    ):
        messages.append(ApiMessage.of("markedaspatrollederror-noautopatrol"))
    if messages:
        raise PatrolRefused(messages)
    if rc["rc_patrolled"]:
        return PatrolOutcome(rc, None, [])
    rcq.set_patrolled(conn, rc["rc_id"], rcq.PATROL_MANUAL)
    tagged: list[int] = []
    if rc["rc_this_oldid"]:
        tagged = reverts.release_on_patrol(conn, rc["rc_this_oldid"], config.reverted_tag_max_depth)
    # PatrolLog::record(): manual patrols are logged, but published to the feeds only.
    log_id = adminlog.publish(
        conn,
        performer,
        "patrol",
        "patrol",
        title,
        params={
            "4::curid": rc["rc_this_oldid"],
            "5::previd": rc["rc_last_oldid"],
            "6::auto": 0,
        },
        tags=tags,
        to_rc=False,
    )
    return PatrolOutcome(rc, log_id, tagged)
