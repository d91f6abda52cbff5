"""What action=compare compares: revisions, their neighbours, supplied text, sections.

Mirrors the parts of RevisionStore (getPreviousRevision/getNextRevision) and
WikitextContent::getSection()/replaceSection() that ApiComparePages relies on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, or_, select

from ..storage.queries import pages as pq
from ..storage.schema import revision
from .titles import Title


@dataclass
class Side:
    """One side of a comparison (a RevisionRecord, stored or "mutable").

    ``row`` is the stored revision (None for supplied text or a dummy); ``text`` is the
    content that is diffed; ``page`` the page row when the side belongs to a page.
    """

    text: str
    row: dict[str, Any] | None = None
    page: dict[str, Any] | None = None
    title: Title | None = None

    @property
    def rev_id(self) -> int | None:
        return int(self.row["rev_id"]) if self.row is not None else None

    @property
    def deleted(self) -> int:
        return int(self.row["rev_deleted"]) if self.row is not None else 0


def page_title(page: dict[str, Any]) -> Title:
    return Title(page["page_namespace"], page["page_title"].replace("_", " "))


def load_side(conn: Connection, rev_id: int) -> Side | None:
    """A stored revision with its content and page, or None."""
    row = pq.revision_by_id(conn, rev_id)
    if row is None:
        return None
    page = pq.page_by_id(conn, row["rev_page"])
    text = pq.content_text(conn, row["rev_content"])
    return Side(text, row, page, page_title(page) if page else None)


def _neighbour(conn: Connection, row: dict[str, Any], newer: bool) -> int | None:
    """RevisionStore::getNextRevision()/getPreviousRevision(): by (timestamp, id)."""
    ts, rid = row["rev_timestamp"], row["rev_id"]
    if newer:
        cond = or_(
            revision.c.rev_timestamp > ts,
            and_(revision.c.rev_timestamp == ts, revision.c.rev_id > rid),
        )
        order = (revision.c.rev_timestamp.asc(), revision.c.rev_id.asc())
    else:
        cond = or_(
            revision.c.rev_timestamp < ts,
            and_(revision.c.rev_timestamp == ts, revision.c.rev_id < rid),
        )
        order = (revision.c.rev_timestamp.desc(), revision.c.rev_id.desc())
    found = conn.execute(
        select(revision.c.rev_id)
        .where(revision.c.rev_page == row["rev_page"], cond)
        .order_by(*order)
        .limit(1)
    ).scalar()
    return int(found) if found is not None else None


def previous_side(conn: Connection, side: Side) -> Side | None:
    assert side.row is not None
    rev_id = _neighbour(conn, side.row, newer=False)
    return load_side(conn, rev_id) if rev_id is not None else None


def next_side(conn: Connection, side: Side) -> Side | None:
    assert side.row is not None
    rev_id = _neighbour(conn, side.row, newer=True)
    return load_side(conn, rev_id) if rev_id is not None else None


def neighbour_id(conn: Connection, side: Side, *, newer: bool) -> int | None:
    assert side.row is not None
    return _neighbour(conn, side.row, newer)


# -- sections (WikitextContent::getSection / replaceSection, for plain headings) ---------------

_HEADING = re.compile(r"^(={1,6})(.+?)\1[ \t]*$", re.M)


def _sections(text: str) -> list[tuple[int, int, int]]:
    """(level, start, end) of every section after the lead, in order."""
    heads = [(len(m.group(1)), m.start()) for m in _HEADING.finditer(text)]
    out = []
    for i, (level, start) in enumerate(heads):
        end = len(text)
        for other_level, other_start in heads[i + 1 :]:
            if other_level <= level:
                end = other_start
                break
        out.append((level, start, end))
    return out


def get_section(text: str, section: str) -> str | None:
    """The text of section ``section`` ("0" is the lead), or None if there is none."""
    if not section.isdigit():
        return None
    number = int(section)
    sections = _sections(text)
    if number == 0:
        lead_end = sections[0][1] if sections else len(text)
        return text[:lead_end].rstrip("\n")
    if number > len(sections):
        return None
    _, start, end = sections[number - 1]
    return text[start:end].rstrip("\n")


def replace_section(text: str, section: str, new: str) -> str | None:
    """``text`` with section ``section`` replaced by ``new`` (None if there is none)."""
    if section == "new":
        return f"{text}\n\n{new}" if text else new
    if not section.isdigit():
        return None
    number = int(section)
    sections = _sections(text)
    if number == 0:
        lead_end = sections[0][1] if sections else len(text)
        rest = text[lead_end:]
        return new + ("\n\n" + rest if rest else "")
    if number > len(sections):
        return None
    _, start, end = sections[number - 1]
    tail = text[end:]
    return text[:start] + new + ("\n\n" + tail if tail else "")
