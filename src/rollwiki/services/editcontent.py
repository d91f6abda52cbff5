"""Building the text of an edit: sections, undo, summaries and edit conflicts.

Mirrors the content half of EditPage (importFormData's summary rules,
internalAttemptSave's conflict detection and merge), WikiPage::replaceSectionAtRev() and
ContentHandler::getUndoContent() of MediaWiki 1.39.

Edit conflicts: the client's base is ``basetimestamp`` (a revision's exact timestamp) or
``baserevid``.  When the page moved on since, a clean line-based three-way merge
(:mod:`merge3`, what MediaWiki's diff3 does) resolves it; edits made by the same account
since ``basetimestamp`` are no conflict (not for ``baserevid`` alone, as in 1.39), nor is
a new section unless it repeats the latest edit exactly.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from ..api.errors import ApiMessage
from ..i18n.messages import Message
from ..storage.queries import pages as pq
from .editresult import is_text_deleted
from .merge3 import merge3
from .pageupdater import redirect_target
from .performer import Performer
from .sections import add_section, get_section, is_valid_section_id, replace_section
from .titles import MalformedTitle, Title
from .wiki import Wiki

if TYPE_CHECKING:
    from .edit import EditRequest

__all__ = ["is_valid_section_id", "section_of"]

_HEADING_SYNTAX = re.compile(r"^\s*=+\s*(.*?)\s*=+\s*$")


def _fail(key: str, *params: Any, code: str | None = None) -> Exception:
    from .edit import EditFailure

    return EditFailure([ApiMessage.of(key, *params, code=code)])


def section_of(text: str, section: str) -> str | None:
    return get_section(text, section)


# -- summaries ----------------------------------------------------------------------------


def strip_section_name(text: str) -> str:
    """Mirrors Parser::stripSectionName(): links and quote markup removed."""
    text = re.sub(r"\[\[:?([^\[|]+)\|([^\[]+)\]\]", r"\2", text)
    text = re.sub(r"\[\[:?([^\[]+)\|?\]\]", r"\1", text)
    text = re.sub(r"\[(?:https?:|ftp:)?//([^ ]+?) ([^\[]+)\]", r"\2", text)
    return re.sub(r"'''''|'''|''", "", text)


def summary_and_heading(
    section: str,
    summary: str | None,
    sectiontitle: str | None,
    content_text: Callable[[Message], str],
) -> tuple[str, str | None]:
    """Mirrors EditPage::importFormData() + setNewSectionSummary(): (summary, heading)."""
    heading: str | None = None
    if section == "new":
        if sectiontitle is not None:
            heading = sectiontitle
            text = summary if summary is not None else ""
        else:
            heading = summary or ""
            text = ""
    else:
        text = summary or ""
    # A summary that is a heading ("== Foo ==") means its title (T3600).
    text = _HEADING_SYNTAX.sub(r"\1", text)
    if heading is not None:
        heading = _HEADING_SYNTAX.sub(r"\1", heading)
    if section == "new" and heading and text == "":
        text = content_text(Message("newsectionsummary", (strip_section_name(heading),)))
    return text, heading


# -- undo -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class UndoContent:
    text: str
    model: str
    single: bool  # exactly one revision undone: the auto-summary applies
    user: str


def _text_and_model(conn: Connection, rev: dict[str, Any]) -> tuple[str, str]:
    row = pq.contents_by_ids(conn, [rev["rev_content"]])[rev["rev_content"]]
    return str(row["content_text"]), str(row["content_model"])


def resolve_undo(
    conn: Connection,
    wiki: Wiki,
    title: Title,
    page: dict[str, Any] | None,
    latest: dict[str, Any] | None,
    undo: int,
    undoafter: int | None,
) -> UndoContent:
    """Mirrors ApiEditPage's undo block and ContentHandler::getUndoContent()."""
    undo_rev = pq.revision_by_id(conn, undo)
    if undo_rev is None or is_text_deleted(undo_rev):
        raise _fail("apierror-nosuchrevid", undo)
    if undoafter:
        after = pq.revision_by_id(conn, undoafter)
    else:
        after = pq.adjacent_revision(conn, undo_rev, newer=False)
    if after is None or is_text_deleted(after):
        raise _fail("apierror-nosuchrevid", undoafter if undoafter is not None else "")
    page_id = page["page_id"] if page else 0
    shown = wiki.titles.prefixed_text(title)
    if undo_rev["rev_page"] != page_id:
        raise _fail("apierror-revwrongpage", undo_rev["rev_id"], shown)
    if after["rev_page"] != page_id:
        raise _fail("apierror-revwrongpage", after["rev_id"], shown)
    assert latest is not None
    current_text, _ = _text_and_model(conn, latest)
    undo_text, _ = _text_and_model(conn, undo_rev)
    after_text, after_model = _text_and_model(conn, after)
    if latest["rev_id"] == undo_rev["rev_id"] or current_text == undo_text:
        new_text: str | None = after_text
    else:
        new_text = merge3(undo_text, after_text, current_text)
    if new_text is None:
        raise _fail("undo-failure", code="undofailure")
    nxt = pq.adjacent_revision(conn, after, newer=True)
    return UndoContent(
        text=new_text,
        model=after_model,
        single=nxt is not None and nxt["rev_id"] == undo,
        user=str(undo_rev["actor_name"]),
    )


# -- conflicts ------------------------------------------------------------------------------


def user_was_last_to_edit(conn: Connection, page_id: int, user_id: int, since: str) -> bool:
    """Mirrors RevisionStore::userWasLastToEdit(): every revision since is the user's."""
    if not user_id:
        return False
    return all(r["actor_user"] == user_id for r in pq.revisions_since(conn, page_id, since, 50))


def _replace_at(
    conn: Connection,
    section: str,
    textbox: str,
    sectiontitle: str | None,
    base_rev_id: int | None,
    current_text: str,
    heading: Callable[[str], str],
) -> str | None:
    """Mirrors WikiPage::replaceSectionAtRev()."""
    if section == "":
        return textbox
    if base_rev_id is None or section == "new":
        old = current_text
    else:
        rev = pq.revision_by_id(conn, base_rev_id)
        if rev is None:
            return None
        old = pq.content_text(conn, rev["rev_content"])
    if section == "new":
        return add_section(old, sectiontitle, textbox, heading(sectiontitle or ""))
    replaced = replace_section(old, section, textbox)
    # Parser::replaceSection() leaves the text alone when the section is missing.
    return replaced if replaced is not None else old


def resolve_conflicts(
    conn: Connection,
    performer: Performer,
    page: dict[str, Any],
    latest: dict[str, Any],
    current_text: str,
    section: str,
    textbox: str,
    sectiontitle: str | None,
    summary: str,
    heading: Callable[[str], str],
    req: EditRequest,
) -> str:
    """The content to save on an existing page, or EditFailure(edit-conflict)."""
    timestamp = str(latest["rev_timestamp"])
    edittime = req.basetimestamp if req.basetimestamp else (None if req.baserevid else timestamp)
    edit_rev_id = req.baserevid or None
    conflict = (edittime is not None and edittime != timestamp) or (
        edit_rev_id is not None and edit_rev_id != latest["rev_id"]
    )
    if conflict:
        if section == "new":
            # Only a duplicate submission of the same new section conflicts.
            conflict = latest["actor_name"] == performer.name and latest["rev_comment"] == summary
        elif (
            section == ""
            and edittime
            and user_was_last_to_edit(conn, page["page_id"], performer.user_id, edittime)
        ):
            conflict = False
    base: dict[str, Any] | None = None
    if edit_rev_id is not None:
        base = pq.revision_by_id(conn, edit_rev_id)
    elif edittime:
        base = pq.revision_by_timestamp(conn, page["page_id"], edittime)
    if conflict:
        base_id = edit_rev_id
        if base_id is None and section != "new" and base is not None:
            base_id = base["rev_id"]
        content = _replace_at(conn, section, textbox, sectiontitle, base_id, current_text, heading)
    else:
        content = _replace_at(conn, section, textbox, sectiontitle, None, current_text, heading)
    if content is None:
        raise _fail("edit-conflict")
    if conflict:
        merged = None
        if base is not None:
            merged = merge3(pq.content_text(conn, base["rev_content"]), content, current_text)
        if merged is None:
            raise _fail("edit-conflict")
        content = merged
    return content


# -- redirects ------------------------------------------------------------------------------


def redirect_of(conn: Connection, page: dict[str, Any]) -> str | None:
    rev = pq.revision_by_id(conn, page["page_latest"])
    if rev is None:
        return None
    return redirect_target(pq.content_text(conn, rev["rev_content"]))


def parse_target(wiki: Wiki, text: str) -> Title | None:
    try:
        return wiki.titles.parse(text)
    except MalformedTitle:
        return None
