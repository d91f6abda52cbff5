"""Writing imported revisions of one page (Mirrors ImportableOldRevisionImporter::import()).

Unlike an edit, an imported revision keeps its own timestamp, author and comment; its
parent is the page's newest revision not newer than it; the page's latest revision moves
only when the imported one is at least as new; a revision already present (same page,
timestamp and SHA-1) is skipped.  No recent-changes row, edit count or watchlist
notification comes from an import, as in MediaWiki.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from ..storage.queries import imports as iq
from ..storage.queries import links as lq
from ..storage.queries import pages as pq
from . import timestamps
from .links import extract_links
from .namespaces import NS_MEDIAWIKI, NS_USER
from .pageupdater import EditConflict, redirect_target, sha1_hex, truncate_comment
from .titles import Title, TitleParser

# ContentHandler models of core and their one serialisation format each.
MODEL_FORMATS = {
    "wikitext": "text/x-wiki",
    "text": "text/plain",
    "css": "text/css",
    "javascript": "text/javascript",
    "json": "application/json",
}
# WikiImporter::makeContent() checks $wgMaxArticleSize only for these models.
_SIZE_CHECKED_MODELS = frozenset({"wikitext", "css", "json", "javascript", "text", ""})
_ISO = re.compile(r"^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.\d+)?(Z|[+-]00:?00)?$")
_MW = re.compile(r"^\d{14}$")


class RevisionRejected(ValueError):
    """A revision MediaWiki refuses to import; the whole page is rolled back."""


def parse_timestamp(value: str) -> str:
    """A dump timestamp (ISO 8601 in UTC, or MediaWiki's 14 digits) as 14 digits."""
    value = value.strip()
    if _MW.match(value):
        return value
    m = _ISO.match(value)
    if m is None:
        raise RevisionRejected(f"invalid timestamp {value!r}")
    try:
        year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
        dt = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError as exc:
        raise RevisionRejected(f"invalid timestamp {value!r}") from exc
    return timestamps.to_mw(dt)


def base36_to_hex(value: str) -> str | None:
    """A dump's base-36 SHA-1 (MediaWiki's rev_sha1 form) in the hex form we store."""
    try:
        number = int(value.strip(), 36)
    except ValueError:
        return None
    return f"{number:040x}" if number < 16**40 else None


def default_model(title: Title) -> str:
    """Mirrors ContentHandler::getDefaultModelFor() for core's namespaces."""
    ext = title.text.rpartition(".")[2] if "." in title.text else ""
    by_ext = {"js": "javascript", "css": "css", "json": "json"}
    if title.namespace == NS_MEDIAWIKI and ext in by_ext:
        return by_ext[ext]
    if title.namespace == NS_USER and "/" in title.text and ext in by_ext:
        return by_ext[ext]
    return "wikitext"


@dataclass
class NewImportedRevision:
    """One revision ready to write: text decoded, author resolved."""

    timestamp: str
    actor_id: int
    text: str
    model: str
    comment: str = ""
    minor: bool = False
    dump_sha1: str | None = None  # hex, from the dump's <sha1>


@dataclass
class _Known:
    rev_id: int
    timestamp: str
    sha1: str
    content_id: int
    origin: int


@dataclass
class PageWriter:
    """Imports the revisions of one page on the caller's connection (one transaction)."""

    conn: Connection
    title: Title
    titles: TitleParser | None = None
    page: dict[str, Any] | None = None
    imported: int = 0
    _existed: bool = False
    _start_latest: int = 0
    _latest: tuple[str, int] | None = None  # (timestamp, rev_id) of the newest so far
    _latest_text: str | None = None
    _latest_model: str = "wikitext"
    _latest_moves: int = 0
    _inserted: list[_Known] = field(default_factory=list)
    _origins: dict[int, int] = field(default_factory=dict)  # written by finish()

    def __post_init__(self) -> None:
        page = pq.page_by_title(self.conn, self.title.namespace, self.title.dbkey)
        if page is not None:
            page = pq.lock_page(self.conn, page["page_id"])
        self.page = page
        self._existed = page is not None
        if page is not None and page["page_latest"]:
            self._start_latest = int(page["page_latest"])
            ts = iq.revision_timestamp(self.conn, self._start_latest) or ""
            self._latest = (ts, self._start_latest)

    @property
    def page_id(self) -> int | None:
        return int(self.page["page_id"]) if self.page is not None else None

    def add(self, rev: NewImportedRevision) -> bool:
        """Insert one revision; False when it is already there (MediaWiki skips it)."""
        sha1 = sha1_hex(rev.text)
        if self.page is not None and self._is_duplicate(rev, sha1):
            return False
        if self.page is None:
            page_id = pq.insert_page(
                self.conn, self.title.namespace, self.title.dbkey, rev.timestamp, rev.model
            )
            self.page = pq.page_by_id(self.conn, page_id)
        assert self.page is not None
        page_id = int(self.page["page_id"])
        prev = self._previous(rev.timestamp)
        content_id, origin = None, 0
        if prev is not None and prev.sha1 == sha1:
            prev_text = pq.content_text(self.conn, prev.content_id)
            if prev_text == rev.text:
                # The slot is inherited, as RevisionStore does for unchanged content.
                content_id, origin = prev.content_id, prev.origin
        if content_id is None:
            size = len(rev.text.encode("utf-8"))
            content_id = iq.insert_content(self.conn, rev.text, sha1, size, rev.model)
        rev_id = iq.insert_revision(
            self.conn,
            {
                "rev_page": page_id,
                "rev_parent_id": prev.rev_id if prev is not None else 0,
                "rev_actor": rev.actor_id,
                "rev_timestamp": rev.timestamp,
                "rev_comment": truncate_comment(rev.comment),
                "rev_minor_edit": rev.minor,
                "rev_deleted": 0,
                "rev_len": len(rev.text.encode("utf-8")),
                "rev_sha1": sha1,
                "rev_content": content_id,
                "rev_content_origin": origin,
            },
        )
        if not origin:
            origin = rev_id
            self._origins[rev_id] = origin
        self._inserted.append(_Known(rev_id, rev.timestamp, sha1, content_id, origin))
        # "if ( $importableRevision->getTimestamp() >= $latestRevTimestamp )": ties go to
        # the revision imported last.
        if self._latest is None or rev.timestamp >= self._latest[0]:
            self._latest = (rev.timestamp, rev_id)
            self._latest_text = rev.text
            self._latest_model = rev.model
            self._latest_moves += 1
        self.imported += 1
        return True

    def _is_duplicate(self, rev: NewImportedRevision, sha1: str) -> bool:
        """Mirrors the "skipping existing revision" check: same page, timestamp and SHA-1.

        MediaWiki compares only the dump's <sha1>; without one it imports duplicates.  We
        also compare the SHA-1 of the text itself, so dumps without <sha1> (and revisions
        whose text was deleted) re-import idempotently.
        """
        candidates = [sha1] + ([rev.dump_sha1] if rev.dump_sha1 else [])
        if any(k.timestamp == rev.timestamp and k.sha1 in candidates for k in self._inserted):
            return True
        if not self._existed:
            return False
        page_id = self.page_id
        assert page_id is not None
        return iq.revision_exists(self.conn, page_id, rev.timestamp, candidates)

    def _previous(self, timestamp: str) -> _Known | None:
        """The newest revision with a timestamp not after this one (ties: highest id)."""
        if self._existed:
            page_id = self.page_id
            assert page_id is not None
            row = iq.previous_revision(self.conn, page_id, timestamp)
            if row is None:
                return None
            rev_id = int(row["rev_id"])
            # Origins of this transaction's revisions are written only by finish().
            origin = int(row["rev_content_origin"]) or self._origins.get(rev_id, rev_id)
            return _Known(
                rev_id,
                str(row["rev_timestamp"]),
                str(row["rev_sha1"]),
                int(row["rev_content"]),
                origin,
            )
        best: _Known | None = None
        for known in self._inserted:
            if known.timestamp <= timestamp and (
                best is None or (known.timestamp, known.rev_id) > (best.timestamp, best.rev_id)
            ):
                best = known
        return best

    def finish(self) -> bool:
        """Point the page at its newest revision and refresh its links; True if it moved.

        One compare-and-set for the whole page: intermediate latest revisions of the same
        transaction are never visible to anyone, so setting the final one is equivalent.
        """
        iq.set_content_origins(self.conn, self._origins)
        self._origins.clear()
        if self.page is None or self._latest is None:
            return False
        new_latest = self._latest[1]
        if new_latest == self._start_latest or self._latest_text is None:
            return False
        text = self._latest_text
        page_id = int(self.page["page_id"])
        is_redirect = self._latest_model == "wikitext" and redirect_target(text) is not None
        moved = pq.advance_latest(
            self.conn,
            page_id,
            self._start_latest,
            new_latest,
            {
                "page_touched": timestamps.mw_now(),
                "page_len": len(text.encode("utf-8")),
                # WikiPage::updateRevisionOn() per revision: new while only one moved it.
                "page_is_new": self._start_latest == 0 and self._latest_moves == 1,
                "page_is_redirect": is_redirect,
                "page_content_model": self._latest_model,
            },
        )
        if not moved:
            raise EditConflict(self.title)
        if self._latest_model == "wikitext" and self.titles is not None:
            lq.set_links(self.conn, page_id, *extract_links(text, self.titles))
        self.page = pq.page_by_id(self.conn, page_id)
        return True
