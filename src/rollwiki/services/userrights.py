"""Changing an account's groups (Mirrors UserrightsPage::doSaveUserGroups() and
UserGroupManager::getGroupsChangeableBy()).

A change that alters something writes a ``rights/rights`` log entry whose parameters are
MediaWiki's: ``4::oldgroups``, ``5::newgroups`` and the ``oldmetadata``/``newmetadata``
lists of ``{"expiry": TS_MW or null}`` in the same order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from ..config import SiteConfig
from ..i18n.messages import Message, Plaintext
from ..storage.queries import users as uq
from . import timestamps
from .logs import LogEntry, write_log
from .performer import Performer
from .titles import Title

if TYPE_CHECKING:
    from .wiki import Wiki

NS_USER = 2
INTERWIKI_DELIMITER = "@"  # $wgUserrightsInterwikiDelimiter


@dataclass
class Changeable:
    """The groups a performer may add and remove, for anyone and for themselves."""

    add: list[str] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)
    add_self: list[str] = field(default_factory=list)
    remove_self: list[str] = field(default_factory=list)


def _expand(
    config: SiteConfig, table: dict[str, Any], group: str, all_groups: list[str]
) -> list[str]:
    """UserGroupManager::expandChangeableGroupConfig(): ``true`` means every group."""
    value = table.get(group)
    if value is True:
        return list(all_groups)
    if isinstance(value, list):
        return [str(g) for g in value]
    return []


def changeable_groups(wiki: Wiki, performer: Performer) -> Changeable:
    """Mirrors UserGroupManager::getGroupsChangeableBy()."""
    all_groups = wiki.permissions.assignable_groups()
    if performer.allowed("userrights"):
        return Changeable(add=list(all_groups), remove=list(all_groups))
    config = wiki.config
    out = Changeable()
    for group in performer.groups:
        for target, table in (
            (out.add, config.add_groups),
            (out.remove, config.remove_groups),
            (out.add_self, config.groups_add_to_self),
            (out.remove_self, config.groups_remove_from_self),
        ):
            for g in _expand(config, table, group, all_groups):
                if g not in target:
                    target.append(g)
    return out


class UserRightsError(Exception):
    """fetchUser() refused the target: ``message`` says why."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.key)
        self.message = message


def fetch_user(wiki: Wiki, performer: Performer, raw: str) -> dict[str, Any]:
    """Mirrors UserrightsPage::fetchUser(): ``Name``, ``#id`` or ``Name@wiki``."""
    name = raw.strip()
    if INTERWIKI_DELIMITER in raw:
        name, domain = (part.strip() for part in raw.split(INTERWIKI_DELIMITER, 1))
        if domain.split(INTERWIKI_DELIMITER)[0] != wiki.config.wikiid:
            if not performer.allowed("userrights-interwiki"):
                raise UserRightsError(Message("userrights-no-interwiki"))
            raise UserRightsError(Message("userrights-nodatabase", (domain,)))
    if name == "":
        raise UserRightsError(Message("nouserspecified"))
    if name.startswith("#"):
        digits = name[1:].strip()
        user_id = int(digits) if digits.isdigit() else 0
        row = wiki.db.read(lambda c: uq.user_by_id(c, user_id)) if user_id else None
        if row is None:
            raise UserRightsError(Message("noname"))
        return row
    canonical = wiki.usernames.get_canonical(name, "valid")
    row = wiki.db.read(lambda c: uq.user_by_name(c, canonical)) if canonical else None
    if row is None:
        raise UserRightsError(Message("nosuchusershort", (Plaintext(raw),)))
    return row


def save_user_groups(
    conn: Connection,
    wiki: Wiki,
    performer: Performer,
    target: dict[str, Any],
    add: Sequence[str],
    remove: Sequence[str],
    reason: str = "",
    tags: Sequence[str] = (),
    expiries: dict[str, str | None] | None = None,
) -> tuple[dict[int, str], dict[int, str]]:
    """Mirrors UserrightsPage::doSaveUserGroups(); returns (added, removed) keyed by the
    positions they had in the request, as PHP keeps them."""
    expiries = expiries or {}
    user_id = int(target["user_id"])
    now_ts = timestamps.mw_now()
    memberships = dict(uq.groups_of(conn, user_id, now_ts))
    groups = list(memberships)
    changeable = changeable_groups(wiki, performer)
    is_self = target["user_name"] == performer.name
    addable = changeable.add + (changeable.add_self if is_self else [])
    removable = changeable.remove + (changeable.remove_self if is_self else [])

    to_remove: dict[int, str] = {}
    for index, group in enumerate(remove):
        if group in removable and group in groups and group not in to_remove.values():
            to_remove[index] = group
    to_add: dict[int, str] = {}
    for index, group in enumerate(add):
        if group not in addable:
            continue
        new_expiry = expiries.get(group)
        if (
            group in expiries
            and group not in removable
            and group in memberships
            and (memberships[group] or "infinity") > (new_expiry or "infinity")
        ):
            # T156784: who can only add a group may not bring its expiry forward.
            continue
        if group not in groups or group in expiries:
            to_add[index] = group

    removed: dict[int, str] = {}
    for index, group in to_remove.items():
        if uq.remove_group(conn, user_id, group):
            removed[index] = group
    added: dict[int, str] = {}
    for index, group in to_add.items():
        expiry = expiries.get(group)
        if group in memberships and memberships[group] == expiry:
            continue  # UserGroupManager::addUserToGroup(): nothing to update
        uq.add_group(conn, user_id, group, expiry)
        added[index] = group
    new_memberships = dict(uq.groups_of(conn, user_id, now_ts))
    new_groups = [g for g in groups if g not in removed.values()]
    new_groups += [g for g in added.values() if g not in new_groups]
    if new_groups != groups or new_memberships != memberships:
        uq.touch_user(conn, user_id, now_ts)
        _log(
            conn,
            wiki,
            performer,
            target,
            groups,
            new_groups,
            memberships,
            new_memberships,
            reason,
            tags,
            now_ts,
        )
    return added, removed


def _log(
    conn: Connection,
    wiki: Wiki,
    performer: Performer,
    target: dict[str, Any],
    old_groups: list[str],
    new_groups: list[str],
    old: dict[str, str | None],
    new: dict[str, str | None],
    reason: str,
    tags: Sequence[str],
    now_ts: str,
) -> None:
    """Mirrors UserrightsPage::addLogEntry()."""
    actor_id = uq.ensure_actor(conn, performer.name, performer.user_id or None)
    write_log(
        conn,
        LogEntry(
            type="rights",
            action="rights",
            actor_id=actor_id,
            title=Title(NS_USER, str(target["user_name"])),
            timestamp=now_ts,
            comment=reason,
            params={
                "4::oldgroups": old_groups,
                "5::newgroups": new_groups,
                "oldmetadata": [{"expiry": old.get(g)} for g in old_groups],
                "newmetadata": [{"expiry": new.get(g)} for g in new_groups],
            },
            tags=list(tags),
        ),
        ip=performer.ip,
    )
