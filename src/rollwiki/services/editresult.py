"""What kind of edit a new revision is: undo, manual revert or neither.

Mirrors EditResultBuilder::buildEditResult() of MediaWiki 1.39 (guessOriginalRevisionId,
detectManualRevert, isExactRevert), evaluated just before the revision is saved, inside
the same transaction: ``parent`` is the page's current revision, ``sha1`` the new content's.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from ..storage.queries import pages as pq
from .reverts import REVERT_MANUAL, REVERT_UNDO, EditResult

DELETED_TEXT = 1


def undo_result(conn: Connection, sha1: str, undid: int, undo_after: int | None) -> EditResult:
    """markAsRevert(REVERT_UNDO, undid, undoAfter) + guessOriginalRevisionId()."""
    newest = undid
    oldest: int | None = None
    after = pq.revision_by_id(conn, undo_after) if undo_after else None
    if after is not None:
        nxt = pq.adjacent_revision(conn, after, newer=True)
        oldest = nxt["rev_id"] if nxt is not None else None
    if oldest is None:
        oldest = newest
    original: dict[str, Any] | None = after
    if original is None:
        undone = pq.revision_by_id(conn, undid)
        if undone is not None:
            original = pq.adjacent_revision(conn, undone, newer=False)
    if original is not None and original["rev_sha1"] != sha1:
        original = None
    return EditResult(
        original_revision_id=original["rev_id"] if original is not None else None,
        revert_method=REVERT_UNDO,
        newest_reverted=newest,
        oldest_reverted=oldest,
        is_exact_revert=original is not None,
    )


def manual_revert_result(
    conn: Connection, page_id: int, parent: dict[str, Any], sha1: str, radius: int
) -> EditResult | None:
    """detectManualRevert(): the new content equals one of the last ``radius`` revisions.

    (RevisionStore::findIdenticalRevision searches the ``radius`` revisions before the new
    one, newest first.)
    """
    if radius <= 0:
        return None
    found = None
    for rev in pq.recent_revisions(conn, page_id, radius):
        if rev["rev_sha1"] == sha1:
            found = rev
            break
    if found is None or found["rev_id"] == parent["rev_id"]:
        return None
    oldest = pq.adjacent_revision(conn, found, newer=True)
    if oldest is None:
        return None
    return EditResult(
        original_revision_id=found["rev_id"],
        revert_method=REVERT_MANUAL,
        newest_reverted=parent["rev_id"],
        oldest_reverted=oldest["rev_id"],
        is_exact_revert=True,
    )


def is_text_deleted(rev: dict[str, Any]) -> bool:
    return bool(rev["rev_deleted"] & DELETED_TEXT)
