"""Streaming reader of MediaWiki XML dumps (export schema 0.10 and 0.11).

Mirrors the parsing half of WikiImporter (handleSiteInfo, handlePage, handleRevision,
handleContent, handleContributor, handleLogItem): the dump is fed to expat in chunks and
turned into a flat stream of items, so memory stays bounded by one revision whatever the
size of the dump.  The consumer (:mod:`rollwiki.services.importer`) decides what to do
with each item.

Items, in document order::

    SiteInfo          once, from <siteinfo> (foreign namespace names)
    PageStart         at a page's first <revision> or <upload>, as MediaWiki processes
                      the title only then
    RevisionData      each </revision>
    UploadSkipped     each </upload> (file uploads are not imported)
    PageEnd           each </page> that had a PageStart
    LogItemData       each </logitem>

A malformed document raises :class:`DumpError` naming the line and column; the items
completed before the error are delivered first.
"""

from __future__ import annotations

import bz2
import gzip
import io
import sys
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, BinaryIO, cast
from xml.parsers import expat

from .dumpitems import (
    Contributor,
    DumpError,
    Item,
    LogItemData,
    PageEnd,
    PageStart,
    RevisionData,
    SiteInfo,
    Slot,
    UploadSkipped,
)

__all__ = [
    "Contributor",
    "DumpError",
    "DumpReader",
    "Item",
    "LogItemData",
    "PageEnd",
    "PageStart",
    "RevisionData",
    "SiteInfo",
    "Slot",
    "UploadSkipped",
    "open_dump",
]

CHUNK_SIZE = 1 << 16


# Leaf elements whose text WikiImporter keeps (its $normalFields), per container.
_SITEINFO_FIELDS = frozenset({"sitename", "dbname", "base", "generator", "case", "namespace"})
_PAGE_FIELDS = frozenset({"title", "ns", "id", "restrictions"})
_REVISION_FIELDS = frozenset(
    {"id", "parentid", "timestamp", "comment", "origin", "model", "format", "text", "sha1"}
)
_CONTENT_FIELDS = frozenset({"role", "origin", "model", "format", "text"})
_CONTRIBUTOR_FIELDS = frozenset({"id", "ip", "username"})
_LOGITEM_FIELDS = frozenset({"id", "comment", "type", "action", "timestamp", "logtitle", "params"})
_UPLOAD_FIELDS = frozenset({"filename"})


def _local(name: str) -> str:
    """Element names arrive as "namespace-uri name"; MediaWiki matches the local name."""
    return name.rpartition(" ")[2]


class DumpReader:
    """Iterate over the items of a dump read from a binary stream."""

    def __init__(self, stream: IO[bytes], chunk_size: int = CHUNK_SIZE) -> None:
        self._stream = stream
        self._chunk_size = chunk_size
        self._items: deque[Item] = deque()
        self._parser = expat.ParserCreate(namespace_separator=" ")
        self._parser.buffer_text = True
        self._parser.StartElementHandler = self._start
        self._parser.EndElementHandler = self._end
        self._parser.CharacterDataHandler = self._chars
        # No DTDs, no external entities: a dump is plain data (WikiImporter disables the
        # entity loader for the same reason, T48932).
        self._parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self._parser.StartDoctypeDeclHandler = self._doctype
        self._stack: list[str] = []
        self._text: list[str] | None = None
        self._skip_depth: int | None = None
        self._siteinfo: SiteInfo | None = None
        self._page: dict[str, Any] | None = None
        self._page_started = False
        self._revision: RevisionData | None = None
        self._slot: Slot | None = None
        self._contributor: Contributor | None = None
        self._logitem: LogItemData | None = None
        self._upload: dict[str, Any] | None = None
        self._namespace_key: str | None = None
        self.bytes_read = 0

    @property
    def line(self) -> int:
        return int(self._parser.CurrentLineNumber)

    def __iter__(self) -> Iterator[Item]:
        done = False
        while True:
            while self._items:
                yield self._items.popleft()
            if done:
                return
            chunk = self._stream.read(self._chunk_size)
            self.bytes_read += len(chunk)
            error: DumpError | None = None
            try:
                self._parser.Parse(chunk, not chunk)
            except expat.ExpatError as exc:
                error = DumpError(expat.ErrorString(exc.code), exc.lineno, exc.offset + 1)
            except DumpError as exc:
                error = exc
            if not chunk:
                done = True
            if error is not None:
                # What was complete before the error still goes to the consumer.
                while self._items:
                    yield self._items.popleft()
                raise error

    # -- expat handlers ------------------------------------------------------------------

    def _fail(self, message: str, *, xml: bool = True) -> DumpError:
        column = int(self._parser.CurrentColumnNumber) + 1
        return DumpError(message, self.line, column, xml=xml)

    def _doctype(self, *_args: Any) -> None:
        raise self._fail("document type declarations are not allowed in a dump")

    def _start(self, raw_name: str, attrs: dict[str, str]) -> None:
        name = _local(raw_name)
        depth = len(self._stack)
        self._stack.append(name)
        if self._skip_depth is not None:
            return
        if depth == 0:
            if name != "mediawiki":
                raise self._fail(f"Expected '<mediawiki>' tag, got '<{name}>' tag.", xml=False)
            return
        parent = self._stack[-2]
        if depth == 1:
            self._start_toplevel(name)
        elif parent == "siteinfo" or (parent == "namespaces" and self._siteinfo is not None):
            self._start_siteinfo_field(name, attrs)
        elif parent == "page" and self._page is not None:
            self._start_page_child(name, attrs)
        elif parent == "revision" and self._revision is not None:
            self._start_revision_child(name, attrs)
        elif parent == "content" and self._slot is not None:
            self._collect_if(name in _CONTENT_FIELDS)
        elif parent == "contributor" and self._contributor is not None:
            self._collect_if(name in _CONTRIBUTOR_FIELDS)
        elif parent == "logitem" and self._logitem is not None:
            self._start_logitem_child(name, attrs)
        elif parent == "upload" and self._upload is not None:
            self._collect_if(name in _UPLOAD_FIELDS)
        else:
            self._skip()

    def _start_toplevel(self, name: str) -> None:
        if name == "siteinfo":
            self._siteinfo = SiteInfo()
        elif name == "page":
            self._page = {"line": self.line}
            self._page_started = False
        elif name == "logitem":
            self._logitem = LogItemData(line=self.line)
        else:  # "Unhandled top-level XML tag": skipped whole
            self._skip()

    def _start_siteinfo_field(self, name: str, attrs: dict[str, str]) -> None:
        if name == "namespaces":
            return
        if name == "namespace":
            self._namespace_key = attrs.get("key", "")
        self._collect_if(name in _SITEINFO_FIELDS)

    def _start_page_child(self, name: str, attrs: dict[str, str]) -> None:
        assert self._page is not None
        if name == "redirect":
            self._page["redirect"] = attrs.get("title", "")
            self._skip()
        elif name in ("revision", "upload"):
            if not self._page_started:
                self._page_started = True
                self._items.append(
                    PageStart(
                        line=self._page["line"],
                        title=self._page.get("title"),
                        ns=self._page.get("ns"),
                        id=self._page.get("id"),
                        redirect=self._page.get("redirect"),
                    )
                )
            if name == "revision":
                self._revision = RevisionData(line=self.line)
            else:
                self._upload = {"line": self.line}
        else:
            self._collect_if(name in _PAGE_FIELDS)

    def _start_revision_child(self, name: str, attrs: dict[str, str]) -> None:
        assert self._revision is not None
        rev = self._revision
        if name == "contributor":
            self._contributor = Contributor(deleted="deleted" in attrs)
        elif name == "content":
            self._slot = Slot()
        elif name == "minor":
            rev.minor = True
            self._skip()
        else:
            if name == "text":
                rev.text_deleted = "deleted" in attrs
            elif name == "comment":
                rev.comment_deleted = "deleted" in attrs
            self._collect_if(name in _REVISION_FIELDS)

    def _start_logitem_child(self, name: str, attrs: dict[str, str]) -> None:
        if name == "contributor":
            self._contributor = Contributor(deleted="deleted" in attrs)
        else:
            self._collect_if(name in _LOGITEM_FIELDS)

    def _collect_if(self, wanted: bool) -> None:
        if wanted:
            self._text = []
        else:
            self._skip()

    def _skip(self) -> None:
        """Ignore this element and everything in it (XMLReader::next())."""
        self._skip_depth = len(self._stack)

    def _chars(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def _end(self, raw_name: str) -> None:
        name = _local(raw_name)
        depth = len(self._stack)
        self._stack.pop()
        if self._skip_depth is not None:
            if depth == self._skip_depth:
                self._skip_depth = None
            return
        value = "".join(self._text) if self._text is not None else None
        self._text = None
        parent = self._stack[-1] if self._stack else ""
        if value is not None:
            self._store_field(parent, name, value)
            return
        if name == "siteinfo" and self._siteinfo is not None:
            self._items.append(self._siteinfo)
            self._siteinfo = None
        elif name == "contributor" and self._contributor is not None:
            if self._revision is not None:
                self._revision.contributor = self._contributor
            elif self._logitem is not None:
                self._logitem.contributor = self._contributor
            self._contributor = None
        elif name == "content" and self._slot is not None:
            assert self._revision is not None
            self._revision.slots.append(self._slot)
            self._slot = None
        elif name == "revision" and self._revision is not None:
            self._items.append(self._revision)
            self._revision = None
        elif name == "upload" and self._upload is not None:
            self._items.append(UploadSkipped(self._upload["line"], self._upload.get("filename")))
            self._upload = None
        elif name == "page" and self._page is not None:
            if self._page_started:
                self._items.append(PageEnd(self.line))
            self._page = None
        elif name == "logitem" and self._logitem is not None:
            self._items.append(self._logitem)
            self._logitem = None

    def _store_field(self, parent: str, name: str, value: str) -> None:
        if self._siteinfo is not None and parent in ("siteinfo", "namespaces"):
            if name == "namespace":
                key = self._namespace_key or ""
                if key.lstrip("-").isdigit():
                    self._siteinfo.namespaces[int(key)] = value
            else:
                setattr(self._siteinfo, name, value)
        elif parent == "contributor" and self._contributor is not None:
            if name == "id":
                self._contributor.user_id = value
            else:
                setattr(self._contributor, name, value)
        elif parent == "content" and self._slot is not None:
            setattr(self._slot, name, value)
        elif parent == "revision" and self._revision is not None:
            setattr(self._revision, name, value)
        elif parent == "upload" and self._upload is not None:
            self._upload[name] = value
        elif parent == "logitem" and self._logitem is not None:
            setattr(self._logitem, name, value)
        elif parent == "page" and self._page is not None:
            self._page[name] = value


# -- opening dump files ------------------------------------------------------------------

_GZIP_MAGIC = b"\x1f\x8b"
_BZIP2_MAGIC = b"BZh"


def open_dump(path: str | Path) -> BinaryIO:
    """A binary stream of a dump: ``-`` for stdin, .gz and .bz2 decompressed.

    Compression is recognised by the magic bytes, so a compressed stdin works too.
    Raises OSError when the file cannot be opened.
    """
    if str(path) == "-":
        stdin = sys.stdin.buffer
        head = stdin.peek(3)[:3] if isinstance(stdin, io.BufferedReader) else b""
        if head.startswith(_GZIP_MAGIC):
            return cast(BinaryIO, gzip.GzipFile(fileobj=stdin, mode="rb"))
        if head.startswith(_BZIP2_MAGIC):
            return cast(BinaryIO, bz2.BZ2File(stdin, mode="rb"))
        return stdin
    with open(path, "rb") as probe:
        head = probe.read(3)
    # Opened by name, so that closing the stream closes the file too.
    if head.startswith(_GZIP_MAGIC):
        return cast(BinaryIO, gzip.open(path, "rb"))
    if head.startswith(_BZIP2_MAGIC):
        return cast(BinaryIO, bz2.open(path, "rb"))
    return open(path, "rb")
