"""The items a dump is read into (:mod:`rollwiki.services.dumpreader`), and its errors."""

from __future__ import annotations

from dataclasses import dataclass, field


class DumpError(ValueError):
    """The dump cannot be read: malformed XML or a structure MediaWiki would reject."""

    def __init__(
        self,
        message: str,
        line: int | None = None,
        column: int | None = None,
        *,
        xml: bool = True,
    ) -> None:
        # WikiImporter's texts: "XML error at line N: ..." for what libxml rejects (we add
        # the column), its own message verbatim for a document that is not a dump.
        if xml and line is not None:
            text = f"XML error at line {line}" + (f", column {column}" if column else "")
            text += f": {message}"
        else:
            text = message
        super().__init__(text)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class SiteInfo:
    sitename: str = ""
    dbname: str = ""
    base: str = ""
    generator: str = ""
    case: str = ""
    namespaces: dict[int, str] = field(default_factory=dict)


@dataclass
class Contributor:
    """<contributor>: an account name, an IP, or nothing (deleted or empty)."""

    username: str | None = None
    user_id: str | None = None
    ip: str | None = None
    deleted: bool = False


@dataclass
class PageStart:
    line: int
    title: str | None
    ns: str | None
    id: str | None
    redirect: str | None


@dataclass
class Slot:
    """A <content> element of schema 0.11 (multi-content revisions)."""

    role: str | None = None
    origin: str | None = None
    model: str | None = None
    format: str | None = None
    text: str | None = None


@dataclass
class RevisionData:
    line: int
    id: str | None = None
    parentid: str | None = None
    timestamp: str | None = None
    contributor: Contributor | None = None
    minor: bool = False
    comment: str | None = None
    comment_deleted: bool = False
    origin: str | None = None
    model: str | None = None
    format: str | None = None
    text: str | None = None
    text_deleted: bool = False
    sha1: str | None = None
    slots: list[Slot] = field(default_factory=list)


@dataclass
class UploadSkipped:
    line: int
    filename: str | None


@dataclass
class PageEnd:
    line: int


@dataclass
class LogItemData:
    line: int
    id: str | None = None
    comment: str | None = None
    type: str | None = None
    action: str | None = None
    timestamp: str | None = None
    logtitle: str | None = None
    params: str | None = None
    contributor: Contributor | None = None


Item = SiteInfo | PageStart | RevisionData | UploadSkipped | PageEnd | LogItemData
