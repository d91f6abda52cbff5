"""Change tags: who may apply them, and managing user-defined tags (Mirrors ChangeTags).

The tag *definitions* live in ``change_tag_def``: software tags (``mw-rollback`` ...) are
defined by the code (:data:`SOFTWARE_TAGS`), user-defined tags by ``ctd_user_defined``.
``ctd_count`` is the hit count MediaWiki's tagUsageStatistics() reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from ..config import SOFTWARE_TAGS
from ..i18n.messages import Message
from ..storage.queries import tags as tq
from . import adminlog
from .blocks import find_block
from .namespaces import NS_SPECIAL
from .performer import Performer
from .titles import Title, TitleParser

# ChangeTags::MAX_DELETE_USES: tags applied more often than this cannot be deleted.
MAX_DELETE_USES = 5000


class TagError(Exception):
    """A tag operation that is not allowed; ``message`` says why (a fatal Status)."""

    def __init__(self, key: str, *params: object) -> None:
        super().__init__(key)
        self.message = Message(key, tuple(params))


def software_defined_tags() -> list[str]:
    """ChangeTags::listSoftwareDefinedTags() with 1.39's default $wgSoftwareTags."""
    return list(SOFTWARE_TAGS)


def software_activated_tags() -> list[str]:
    """ChangeTags::listSoftwareActivatedTags(): every core tag is enabled by default."""
    return list(SOFTWARE_TAGS)


def defined_tags(conn: Connection) -> list[str]:
    """ChangeTags::listDefinedTags(): explicitly defined, then software-defined tags."""
    return list(dict.fromkeys(tq.explicitly_defined_tags(conn) + software_defined_tags()))


def _sitewide_blocked(conn: Connection, performer: Performer) -> bool:
    block = find_block(conn, performer)
    return block is not None and block.sitewide


def can_add_tags_accompanying_change(
    conn: Connection, performer: Performer, tags: list[str]
) -> Message | None:
    """Mirrors ChangeTags::canAddTagsAccompanyingChange(); None when allowed.

    The "only explicitly defined tags" rule is already enforced when the ``tags``
    parameter is validated (TagsDef), so only the performer's side is checked here.
    """
    if not tags:
        return None
    if not performer.allowed("applychangetags"):
        return Message("tags-apply-no-permission")
    if _sitewide_blocked(conn, performer):
        return Message("tags-apply-blocked", (performer.name,))
    allowed = set(tq.explicitly_defined_tags(conn))
    bad = [t for t in tags if t not in allowed]
    if len(bad) == 1:
        return Message("tags-apply-not-allowed-one", (bad[0], 1))
    if bad:
        return Message("tags-apply-not-allowed-multi", (", ".join(bad), len(bad)))
    return None


# -- managing tags (Special:Tags, action=managetags) ----------------------------------------


@dataclass(frozen=True)
class TagChange:
    """What a management operation did: the log entry written."""

    log_id: int


def _check_manager(conn: Connection, performer: Performer, right: str, denied_key: str) -> None:
    if not performer.allowed(right):
        raise TagError(denied_key)
    if _sitewide_blocked(conn, performer):
        raise TagError("tags-manage-blocked", performer.name)


def is_tag_name_valid(tag: str, titles: TitleParser) -> None:
    """Mirrors ChangeTags::isTagNameValid(): raises TagError for an unusable name."""
    if tag == "":
        raise TagError("tags-create-no-name")
    if any(ch in tag for ch in ",|/"):
        raise TagError("tags-create-invalid-chars")
    # The description message MediaWiki:Tag-<name>-description must be a possible page.
    from .titles import MalformedTitle

    try:
        titles.parse(f"MediaWiki:Tag-{tag}-description")
    except MalformedTitle as exc:
        raise TagError("tags-create-invalid-title-chars") from exc


def create_tag(
    conn: Connection,
    performer: Performer,
    titles: TitleParser,
    tag: str,
    reason: str,
    log_tags: list[str],
) -> TagChange:
    """Mirrors ChangeTags::createTagWithChecks()."""
    _check_manager(conn, performer, "managechangetags", "tags-manage-no-permission")
    is_tag_name_valid(tag, titles)
    if tag in tq.tag_usage(conn) or tag in defined_tags(conn):
        raise TagError("tags-create-already-exists", tag)
    tq.define_tag(conn, tag)
    return TagChange(_log(conn, performer, "create", tag, reason, log_tags))


def activate_tag(
    conn: Connection, performer: Performer, tag: str, reason: str, log_tags: list[str]
) -> TagChange:
    """Mirrors ChangeTags::activateTagWithChecks(): re-define a tag that is still in use."""
    _check_manager(conn, performer, "managechangetags", "tags-manage-no-permission")
    if tag in defined_tags(conn):
        raise TagError("tags-activate-not-allowed", tag)
    if tag not in tq.tag_usage(conn):
        raise TagError("tags-activate-not-found", tag)
    tq.define_tag(conn, tag)
    return TagChange(_log(conn, performer, "activate", tag, reason, log_tags))


def deactivate_tag(
    conn: Connection, performer: Performer, tag: str, reason: str, log_tags: list[str]
) -> TagChange:
    """Mirrors ChangeTags::deactivateTagWithChecks(): only user-defined tags."""
    _check_manager(conn, performer, "managechangetags", "tags-manage-no-permission")
    if tag not in tq.explicitly_defined_tags(conn):
        raise TagError("tags-deactivate-not-allowed", tag)
    tq.undefine_tag(conn, tag)
    return TagChange(_log(conn, performer, "deactivate", tag, reason, log_tags))


def delete_tag(
    conn: Connection, performer: Performer, tag: str, reason: str, log_tags: list[str]
) -> TagChange:
    """Mirrors ChangeTags::deleteTagWithChecks(): remove a tag and all its uses."""
    _check_manager(conn, performer, "deletechangetags", "tags-delete-no-permission")
    usage = tq.tag_usage(conn)
    if tag not in usage and tag not in defined_tags(conn):
        raise TagError("tags-delete-not-found", tag)
    hitcount = usage.get(tag, 0)
    if hitcount > MAX_DELETE_USES:
        raise TagError("tags-delete-too-many-uses", tag, MAX_DELETE_USES)
    if tag in software_defined_tags():
        raise TagError("tags-delete-not-allowed")
    tq.delete_tag_everywhere(conn, tag)
    return TagChange(_log(conn, performer, "delete", tag, reason, log_tags, count=hitcount))


def _log(
    conn: Connection,
    performer: Performer,
    action: str,
    tag: str,
    reason: str,
    log_tags: list[str],
    *,
    count: int | None = None,
) -> int:
    """Mirrors ChangeTags::logTagManagementAction(): the target is Special:Tags."""
    params: dict[str, object] = {"4::tag": tag}
    if count is not None:
        params["5:number:count"] = count
    return adminlog.publish(
        conn,
        performer,
        "managetags",
        action,
        Title(NS_SPECIAL, "Tags"),
        comment=reason,
        params=params,
        tags=log_tags,
    )
