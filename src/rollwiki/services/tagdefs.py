"""Defining user-defined change tags (Mirrors ChangeTags::createTagWithChecks()).

What Special:Tags, action=managetags&operation=create and maintenance/addChangeTag.php
share: the name checks, the definition row and the ``managetags/create`` log entry.
"""

from __future__ import annotations

from sqlalchemy import Connection

from ..config import SOFTWARE_TAGS
from ..i18n.messages import Message
from ..storage.queries import tags as tq
from ..storage.queries import users as uq
from . import timestamps
from .logs import LogEntry, write_log
from .namespaces import NS_MEDIAWIKI, NS_SPECIAL
from .titles import Title, TitleParser

MAINTENANCE_SCRIPT_USER = "Maintenance script"


class TagError(ValueError):
    """A tag that cannot be created; ``message`` says why in MediaWiki's words."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.key)
        self.message = message


def tag_name_problem(name: str, titles: TitleParser) -> Message | None:
    """Mirrors ChangeTags::isTagNameValid()."""
    if name == "":
        return Message("tags-create-no-name")
    # Commas and pipes separate tags in lists; a slash would break the description pages.
    if any(c in name for c in ",|/"):
        return Message("tags-create-invalid-chars")
    if titles.make(NS_MEDIAWIKI, f"Tag-{name}-description") is None:
        return Message("tags-create-invalid-title-chars")
    return None


def system_actor(conn: Connection, name: str = MAINTENANCE_SCRIPT_USER) -> int:
    """The actor of a system user, created on first use (Mirrors User::newSystemUser()).

    A system user has no password, so nobody can log in as it.
    """
    row = uq.user_by_name(conn, name)
    if row is None:
        user_id = uq.insert_user(conn, name, "", timestamps.mw_now(), is_system=True)
    else:
        user_id = int(row["user_id"])
    return uq.ensure_actor(conn, name, user_id)


def create_tag(conn: Connection, titles: TitleParser, name: str, reason: str, actor_id: int) -> int:
    """Define an active user-defined tag and log it; returns the log id.

    Raises TagError for invalid names and tags that already exist (in use or defined,
    including the software tags).
    """
    problem = tag_name_problem(name, titles)
    if problem is not None:
        raise TagError(problem)
    if name in SOFTWARE_TAGS or tq.tag_ids(conn, [name], create=False):
        raise TagError(Message("tags-create-already-exists", (name,)))
    tq.define_tag(conn, name, user_defined=True)
    return write_log(
        conn,
        LogEntry(
            type="managetags",
            action="create",
            actor_id=actor_id,
            # The target is not relevant, but a log entry needs one.
            title=Title(NS_SPECIAL, "Tags"),
            timestamp=timestamps.mw_now(),
            comment=reason,
            params={"4::tag": name},
        ),
    )
