"""Marking a change as patrolled (Mirrors RecentChange::doMarkPatrolled() and PatrolLog).

Patrolling a revert is what approves it: the ``mw-reverted`` tags its EditResult waits
for are applied in the same transaction (:func:`reverts.release_on_patrol`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from ..config import SiteConfig
from ..i18n.messages import Message
from ..storage.queries import recentchanges as rcq
from ..storage.queries import users as uq
from . import adminlog, reverts
from .blocks import Block, block_message_key, find_block
from .performer import Performer
from .permissions import PermissionService
from .titles import Title


@dataclass
class PatrolRefused(Exception):
    """Every reason the change cannot be patrolled (a PermissionStatus), first one first."""

    messages: list[Message]
    block: Block | None = None


@dataclass(frozen=True)
class PatrolOutcome:
    rc: dict[str, Any]
    log_id: int | None  # None when the change was already patrolled
    reverted_tagged: list[int]


def mark_patrolled(
    conn: Connection,
    performer: Performer,
    config: SiteConfig,
    permissions: PermissionService,
    rc: dict[str, Any],
    tags: list[str],
    lang: str,
) -> PatrolOutcome:
    """Mirrors RecentChange::doMarkPatrolled( $performer, false, $tags )."""
    messages: list[Message] = []
    if not config.use_rc_patrol and (not config.use_np_patrol or rc["rc_type"] != rcq.RC_NEW):
        messages.append(Message("rcpatroldisabled"))
    # Authority::authorizeWrite( 'patrol', ... ): the right, then the block on the page.
    if not performer.allowed("patrol"):
        messages.append(permissions.missing_right_message("patrol", lang))
    block = find_block(conn, performer)
    if block is not None and block.applies_to_page(rc["rc_cur_id"] or None, rc["rc_namespace"]):
        messages.append(Message(block_message_key(block)))
    else:
        block = None
    author = uq.actors_by_ids(conn, [rc["rc_actor"]]).get(rc["rc_actor"])
    if (
        author is not None
        and author["actor_name"] == performer.name
        and not performer.allowed("autopatrol")
    ):
        messages.append(Message("markedaspatrollederror-noautopatrol"))
    if messages:
        raise PatrolRefused(messages, block)
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
        Title(rc["rc_namespace"], rc["rc_title"].replace("_", " ")),
        params={
            "4::curid": rc["rc_this_oldid"],
            "5::previd": rc["rc_last_oldid"],
            "6::auto": 0,
        },
        tags=tags,
        to_rc=False,
    )
    return PatrolOutcome(rc, log_id, tagged)
