"""What revision and recent-change listings share: deletion visibility, tags, sha1 in the
API's form, comments, log parameters (the helpers of ApiQueryRevisionsBase,
ApiQueryRecentChanges, ApiQueryWatchlist and ApiQueryUserContribs)."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from ....services import timestamps
from ....services.titles import MalformedTitle, Title

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
    """Linker::formatComment(): render.comments.format_comment when that module exists, else
    the stand-in of :mod:`.comment_fallback`."""
    return str(_comment_formatter()(req.wiki, comment, title))


@cache
def _comment_formatter() -> Callable[[Any, str, Title | None], str]:
    try:
        module = importlib.import_module("rollwiki.render.comments")
    except ImportError:
        module = importlib.import_module("rollwiki.api.modules.query.comment_fallback")
    formatter: Callable[[Any, str, Title | None], str] = module.format_comment
    return formatter


def format_log_params(req: ApiRequest, raw: str | None) -> dict[str, Any]:
    """Mirrors LogFormatter::formatParametersForApi() for the generic "N:type:name" keys."""
    try:
        params = json.loads(raw) if raw else {}
    except ValueError:
        params = {}
    if not isinstance(params, dict):
        return {"_type": "assoc"}
    out: dict[str, Any] = {}
    for key, value in params.items():
        parts = str(key).split(":", 2)
        if len(parts) != 3:
            out.setdefault(key, value)
            continue
        for name, formatted in _log_param(req, parts[2], parts[1], value).items():
            out.setdefault(name, formatted)
    out["_type"] = "assoc"
    return out


def _log_param(req: ApiRequest, name: str, kind: str, value: Any) -> dict[str, Any]:
    """Mirrors LogFormatter::formatParameterValueForApi()."""
    if kind == "bool":
        return {name: bool(value)}
    if kind == "number":
        return {name: value if isinstance(value, int | float) else int(value or 0)}
    if kind == "timestamp":
        return {name: timestamps.to_iso(str(value))}
    if kind in ("title", "title-link"):
        try:
            title = req.wiki.titles.parse(str(value))
        except MalformedTitle:
            return {name: value}
        return {
            f"{name}_ns": title.namespace,
            f"{name}_title": req.wiki.titles.prefixed_text(title),
        }
    if kind in ("user", "user-link"):
        return {name: str(value)}
    return {name: value}
