"""Hiding revision content, summaries and authors (Mirrors RevDelList + RevDelRevisionItem).

Each revision is an item with its own status (errors and warnings that do not stop the
others); the changed bits go to ``rev_deleted`` and the revision's recent-changes row
(``rc_deleted``, which also becomes autopatrolled), and one ``delete/revision`` log entry
(``suppress/revision`` when the restricted bit is involved) records the union of changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from ..i18n.messages import Message
from ..storage.queries import pages as pq
from ..storage.queries import recentchanges as rcq
from . import adminlog, timestamps
from .performer import Performer
from .titles import Title

DELETED_TEXT = 1
DELETED_COMMENT = 2
DELETED_USER = 4
DELETED_RESTRICTED = 8
FIELD_BITS = {"content": DELETED_TEXT, "comment": DELETED_COMMENT, "user": DELETED_USER}


def user_can(bits: int, field_bit: int, performer: Performer) -> bool:
    """Mirrors RevisionRecord::userCanBitfield()."""
    if not bits & field_bit:
        return True
    if bits & DELETED_RESTRICTED:
        return performer.allowed_any("suppressrevision", "viewsuppressed")
    if field_bit == DELETED_TEXT:
        return performer.allowed("deletedtext")
    return performer.allowed("deletedhistory")


def extract_bitfield(bit_pars: dict[int, int], old: int) -> int:
    """Mirrors RevisionDeleter::extractBitfield(): 1 set, 0 clear, -1 keep."""
    new = 0
    for bit, value in bit_pars.items():
        if value == 1:
            new |= bit
        elif value == -1:
            new |= old & bit
    return new


@dataclass
class ItemStatus:
    """One revision's outcome (a Status): fatal errors make it "Fail"."""

    id: int | str
    ok: bool = True
    errors: list[Message] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)
    revision: dict[str, Any] | None = None

    @property
    def good(self) -> bool:
        return self.ok and not self.errors and not self.warnings


@dataclass
class RevDelOutcome:
    items: list[ItemStatus]
    success_count: int = 0
    log_id: int | None = None


def _date_and_time(ts: str, lang: str) -> tuple[str, str]:
    """RevisionItemBase::formatDate() and formatTime() in the user's language."""
    time_part, _, date_part = timestamps.format_user_datetime(ts, lang).partition(", ")
    return date_part, time_part


def set_visibility(
    conn: Connection,
    performer: Performer,
    target: Title,
    ids: list[str],
    bit_pars: dict[int, int],
    comment: str,
    tags: list[str],
    lang: str,
) -> RevDelOutcome:
    """Mirrors RevDelList::setVisibility() for type=revision (perItemStatus on)."""
    page = pq.page_by_title(conn, target.namespace, target.dbkey)
    numeric = [int(i) for i in ids if i.lstrip("-").isdigit()]
    found = pq.revisions_by_ids(conn, numeric) if page is not None else {}
    revisions = sorted(
        (r for r in found.values() if page is not None and r["rev_page"] == page["page_id"]),
        key=lambda r: r["rev_id"],
        reverse=True,
    )
    current = page["page_latest"] if page is not None else 0
    statuses: dict[int | str, ItemStatus] = {}
    changed: list[tuple[dict[str, Any], int, int]] = []
    virtual_old = virtual_new = 0
    log_type = "delete"
    for rev in revisions:
        status = ItemStatus(rev["rev_id"], revision=rev)
        statuses[rev["rev_id"]] = status
        old = int(rev["rev_deleted"])
        new = extract_bitfield(bit_pars, old)
        date, time = _date_and_time(rev["rev_timestamp"], lang)
        if old == new:
            status.warnings.append(Message("revdelete-no-change", (date, time)))
            continue
        op = "hide" if old == 0 else "show" if new == 0 else "modify"
        if new & DELETED_TEXT and rev["rev_id"] == current:
            status.errors.append(Message("revdelete-hide-current", (date, time)))
            continue
        if not user_can(old, DELETED_RESTRICTED, performer):
            denied = "revdelete-show-no-access" if op == "show" else "revdelete-modify-no-access"
            status.errors.append(Message(denied, (date, time)))
            continue
        if new == DELETED_RESTRICTED:
            status.warnings.append(Message("revdelete-only-restricted", (date, time)))
            continue
        pq.set_revision_deleted(conn, rev["rev_id"], new)
        rcq.set_rc_deleted(conn, rev["rev_id"], new)
        rcq.set_patrolled_by_revision(conn, rev["rev_id"], rcq.PATROL_AUTO)
        rev["rev_deleted"] = new
        if (old | new) & DELETED_RESTRICTED:
            log_type = "suppress"
        virtual_new |= (old ^ new) & new
        virtual_old |= (old ^ new) & old
        changed.append((rev, old, new))
    ordered = [statuses[r["rev_id"]] for r in revisions]
    for raw in ids:
        key: int | str = int(raw) if raw.lstrip("-").isdigit() else raw
        if key not in statuses:
            missing = ItemStatus(
                key, ok=False, errors=[Message("revdelete-modify-missing", (key,))]
            )
            statuses[key] = missing
            ordered.append(missing)
    outcome = RevDelOutcome(ordered, success_count=len(changed))
    if not changed:
        return outcome
    # Restricted logs (suppress) never reach recent changes, nor get tags (LogPage).
    outcome.log_id = adminlog.publish(
        conn,
        performer,
        log_type,
        "revision",
        target,
        comment=comment,
        params={
            "4::type": "revision",
            "5::ids": [rev["rev_id"] for rev, _, _ in changed],
            "6::ofield": virtual_old,
            "7::nfield": virtual_new,
        },
        tags=tags if log_type == "delete" else [],
        to_rc=log_type == "delete",
    )
    return outcome
