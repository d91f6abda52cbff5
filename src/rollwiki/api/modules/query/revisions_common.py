"""What revision and recent-change listings share: deletion visibility, tags, sha1 in the
API's form, comments, log parameters (the helpers of ApiQueryRevisionsBase,
ApiQueryRecentChanges, ApiQueryWatchlist and ApiQueryUserContribs)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ....render.comments import format_comment
from ....services.titles import Title

if TYPE_CHECKING:
    from ....services.performer import Performer
    from ...request import ApiRequest

# RevisionRecord::DELETED_* (rev_deleted / rc_deleted bits); LogPage::DELETED_ACTION is 1.
DELETED_TEXT = 1
DELETED_COMMENT = 2
DELETED_USER = 4
DELETED_RESTRICTED = 8
DELETED_ACTION = 1

RC_EDIT = 0
RC_NEW = 1
RC_LOG = 3
RC_EXTERNAL = 5
RC_CATEGORIZE = 6
# RecentChange::getChangeTypes(), in its order.
RC_TYPES = {
    "edit": RC_EDIT,
    "new": RC_NEW,
    "log": RC_LOG,
    "external": RC_EXTERNAL,
    "categorize": RC_CATEGORIZE,
}
RC_TYPE_NAMES = {v: k for k, v in RC_TYPES.items()}

PRC_UNPATROLLED = 0
PRC_PATROLLED = 1
PRC_AUTOPATROLLED = 2

_B36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def sha1_base36(hex_sha1: str) -> str:
    """The 31-digit base-36 SHA-1 MediaWiki stores (Wikimedia\\base_convert(16 -> 36))."""
    if not hex_sha1:
        return ""
    n = int(hex_sha1, 16)
    digits = ""
    while n:
        n, r = divmod(n, 36)
        digits = _B36[r] + digits
    return digits.rjust(31, "0")


def can_view(performer: Performer, bitfield: int, field: int) -> bool:
    """Mirrors RevisionRecord::userCanBitfield() (without a page)."""
    if not bitfield & field:
        return True
    if bitfield & DELETED_RESTRICTED:
        return performer.allowed_any("suppressrevision", "viewsuppressed")
    if field & DELETED_TEXT:
        return performer.allowed("deletedtext")
    return performer.allowed("deletedhistory")


def can_view_log(performer: Performer, bitfield: int, field: int) -> bool:
    """Mirrors LogEventsList::userCanBitfield()."""
    if not bitfield & field:
        return True
    if bitfield & DELETED_RESTRICTED:
        return performer.allowed_any("suppressrevision", "viewsuppressed")
    return performer.allowed("deletedhistory")


def hidden_user_bitmask(performer: Performer) -> int:
    """The rev_deleted/rc_deleted mask that hides rows from user-filtered listings."""
    if not performer.allowed("deletedhistory"):
        return DELETED_USER
    if not performer.allowed_any("suppressrevision", "viewsuppressed"):
        return DELETED_USER | DELETED_RESTRICTED
    return 0


def hidden_log_bitmask(performer: Performer) -> int:
    """The rc_deleted mask that hides log rows with a hidden action."""
    if not performer.allowed("deletedhistory"):
        return DELETED_ACTION
    if not performer.allowed_any("suppressrevision", "viewsuppressed"):
        return DELETED_ACTION | DELETED_RESTRICTED
    return 0


def use_rc_patrol(req: ApiRequest) -> bool:
    """Mirrors User::useRCPatrol()."""
    return req.wiki.config.use_rc_patrol and req.performer.allowed_any("patrol", "patrolmarks")


def use_np_patrol(req: ApiRequest) -> bool:
    """Mirrors User::useNPPatrol()."""
    config = req.wiki.config
    return (config.use_rc_patrol or config.use_np_patrol) and req.performer.allowed_any(
        "patrol", "patrolmarks"
    )


def is_unpatrolled(req: ApiRequest, patrolled: int, rc_type: int) -> bool:
    """Mirrors ChangesList::isUnpatrolled() (no file patrol: uploads are not supported)."""
    if patrolled:
        return False
    return use_rc_patrol(req) or (use_np_patrol(req) and rc_type == RC_NEW)


def parsed_comment(req: ApiRequest, comment: str, title: Title | None) -> str:
    """Linker::formatComment() (render.comments)."""
    return format_comment(req.wiki, comment, title)
