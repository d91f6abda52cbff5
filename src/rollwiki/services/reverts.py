"""Reverts and the ``mw-reverted`` tag (Mirrors EditResult and RevertedTagUpdate).

MediaWiki applies ``mw-reverted`` from a job, and only once the revert is "approved"
(autopatrolled, patrolled later, or patrolling off).  rollwiki applies it synchronously,
inside the revert's own transaction when approved, or inside the patrol's transaction
that approves it later; the EditResult waits in the revert tag's ``ct_params``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from ..storage.queries import pages as pq
from ..storage.queries import recentchanges as rcq
from ..storage.queries import tags as tq

REVERT_UNDO = 1
REVERT_ROLLBACK = 2
REVERT_MANUAL = 3
REVERT_TAGS = {
    REVERT_UNDO: "mw-undo",
    REVERT_ROLLBACK: "mw-rollback",
    REVERT_MANUAL: "mw-manual-revert",
}
DELETED_TEXT = 1


@dataclass(frozen=True)
class EditResult:
    """Mirrors EditResult::jsonSerialize() (the ``ct_params`` of revert tags)."""

    original_revision_id: int | None
    revert_method: int | None
    newest_reverted: int | None
    oldest_reverted: int | None
    is_exact_revert: bool
    is_new: bool = False
    is_null_edit: bool = False

    @property
    def is_revert(self) -> bool:
        return self.revert_method is not None

    @property
    def revert_tags(self) -> list[str]:
        return [REVERT_TAGS[self.revert_method]] if self.revert_method else []

    def to_json(self) -> dict[str, Any]:
        return {
            "isNew": self.is_new,
            "originalRevisionId": self.original_revision_id
            if self.original_revision_id is not None
            else False,
            "revertMethod": self.revert_method,
            "newestRevertedRevId": self.newest_reverted,
            "oldestRevertedRevId": self.oldest_reverted,
            "isExactRevert": self.is_exact_revert,
            "isNullEdit": self.is_null_edit,
            "revertTags": self.revert_tags,
            "version": "1",
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EditResult:
        original = data.get("originalRevisionId")
        return cls(
            original_revision_id=original if isinstance(original, int) and original else None,
            revert_method=data.get("revertMethod"),
            newest_reverted=data.get("newestRevertedRevId"),
            oldest_reverted=data.get("oldestRevertedRevId"),
            is_exact_revert=bool(data.get("isExactRevert")),
            is_new=bool(data.get("isNew")),
            is_null_edit=bool(data.get("isNullEdit")),
        )


def is_approved(use_rc_patrol: bool, patrolled: int) -> bool:
    """RevertedTagUpdateManager::approveRevertedTagForRevision preconditions."""
    return not use_rc_patrol or patrolled != rcq.PATROL_NONE


def apply_reverted_tags(
    conn: Connection, revert_rev_id: int, result: EditResult, max_depth: int
) -> list[int]:
    """Mirrors RevertedTagUpdate::doUpdate(); returns the revision ids tagged."""
    if (
        max_depth <= 0
        or not result.is_revert
        or result.oldest_reverted is None
        or result.newest_reverted is None
    ):
        return []
    revs = pq.revisions_by_ids(
        conn, [revert_rev_id, result.oldest_reverted, result.newest_reverted]
    )
    revert = revs.get(revert_rev_id)
    oldest = revs.get(result.oldest_reverted)
    newest = revs.get(result.newest_reverted)
    if revert is None or oldest is None or newest is None:
        return []
    if not (revert["rev_page"] == oldest["rev_page"] == newest["rev_page"]):
        return []
    if revert["rev_deleted"] & DELETED_TEXT:
        return []
    if "mw-reverted" in tq.tags_for_revisions(conn, [revert_rev_id])[revert_rev_id]:
        return []
    params = {"revertId": revert_rev_id, **result.to_json()}
    page_id = oldest["rev_page"]
    before_oldest = _previous(conn, oldest)
    if result.oldest_reverted == result.newest_reverted:
        if oldest["rev_deleted"] & DELETED_TEXT:
            return []
        if before_oldest is not None and before_oldest["rev_sha1"] == oldest["rev_sha1"]:
            return []
        _mark(conn, oldest["rev_id"], params)
        return [oldest["rev_id"]]
    chain = [oldest] + pq.revisions_between(conn, page_id, oldest, newest)
    if len(chain) > max_depth:
        return []
    tagged = []
    previous = before_oldest
    for rev in chain:
        if previous is not None and previous["rev_sha1"] == rev["rev_sha1"]:
            previous = rev
            continue
        _mark(conn, rev["rev_id"], params)
        tagged.append(rev["rev_id"])
        previous = rev
    return tagged


def _previous(conn: Connection, rev: dict[str, Any]) -> dict[str, Any] | None:
    parent = rev["rev_parent_id"]
    return pq.revision_by_id(conn, parent) if parent else None


def _mark(conn: Connection, rev_id: int, params: dict[str, Any]) -> None:
    rc = rcq.rc_by_revision(conn, rev_id)
    tq.add_tags(
        conn, ["mw-reverted"], rev_id=rev_id, rc_id=rc["rc_id"] if rc else None, params=params
    )


def release_on_patrol(conn: Connection, rev_id: int, max_depth: int) -> list[int]:
    """A revert revision just got patrolled: apply the mw-reverted tags it was waiting for."""
    for tag in ("mw-rollback", "mw-undo", "mw-manual-revert"):
        data = tq.tag_params_for_revision(conn, rev_id, tag)
        if data is not None:
            return apply_reverted_tags(conn, rev_id, EditResult.from_json(data), max_depth)
    return []
