"""Importing MediaWiki XML dumps (Mirrors WikiImporter, ExternalUserNames and importDump.php).

The dump is read as a stream (:mod:`rollwiki.services.dumpreader`); each page is imported
in one transaction (``wiki.db.write``), pulling its revisions from the stream inside it,
so a page is either imported whole or not at all and memory stays bounded by a revision.
When the stream turns out to be malformed, the pages before the error stay imported and
:class:`DumpError` names the line and column.

The command line (``rollwiki import``) adds no null revision, as importDump.php;
``action=import`` adds one per page through the ``after_page`` hook (ImportReporter).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO

from sqlalchemy import Connection

from ..i18n.messages import Formatter, Message
from ..storage.queries import imports as iq
from ..storage.queries import logging as logq
from . import timestamps
from .dumpreader import (
    DumpError,
    DumpReader,
    Item,
    LogItemData,
    PageEnd,
    PageStart,
    RevisionData,
    SiteInfo,
    UploadSkipped,
)
from .externalusers import ExternalUserNames
from .import_revisions import (
    MODEL_FORMATS,
    NewImportedRevision,
    PageWriter,
    RevisionRejected,
    base36_to_hex,
    default_model,
    parse_timestamp,
)
from .pageupdater import truncate_comment
from .phpserial import PhpSerialError, unserialize
from .titles import MalformedTitle, Title
from .wiki import Wiki

__all__ = [
    "DumpError",
    "ImportFailure",
    "ImportOptions",
    "ImportStats",
    "Importer",
    "PageOutcome",
]


class ImportFailure(ValueError):
    """Content MediaWiki refuses to import; the page is rolled back and the import stops."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(f"{message} (line {line})" if line is not None else message)
        self.message = message
        self.line = line


@dataclass
class ImportOptions:
    """What importDump.php's options and action=import's parameters control."""

    username_prefix: str = "imported"
    assign_known_users: bool = False
    target_namespace: int | None = None
    root_page: Title | None = None  # import as subpages of this page
    import_log_items: bool = True


@dataclass(frozen=True)
class PageOutcome:
    """A page reached its </page> (Mirrors the arguments of the page-out callback)."""

    title: Title
    foreign_title: str
    page_id: int | None
    revisions: int  # revisions in the dump
    imported: int  # revisions actually written


@dataclass
class ImportStats:
    pages: int = 0
    revisions: int = 0
    revisions_seen: int = 0
    log_items: int = 0
    uploads_skipped: int = 0
    bytes_read: int = 0
    notices: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started


class Importer:
    """Imports one dump into a wiki.

    ``can_edit(conn, title)`` vetoes pages (WikiImporter checks userCan('edit') outside
    command-line mode); ``after_page(conn, outcome)`` runs inside the page's transaction
    (ImportReporter's null revision and log entry); ``on_page`` and ``on_progress`` report.
    """

    def __init__(
        self,
        wiki: Wiki,
        options: ImportOptions | None = None,
        *,
        can_edit: Callable[[Connection, Title], bool] | None = None,
        after_page: Callable[[Connection, PageOutcome], None] | None = None,
        on_page: Callable[[PageOutcome], None] | None = None,
        on_progress: Callable[[ImportStats], None] | None = None,
    ) -> None:
        self.wiki = wiki
        self.options = options or ImportOptions()
        self.users = ExternalUserNames(
            wiki, self.options.username_prefix, self.options.assign_known_users
        )
        self.can_edit = can_edit
        self.after_page = after_page
        self.on_page = on_page
        self.on_progress = on_progress
        self.stats = ImportStats()
        self._foreign_namespaces: dict[int, str] | None = None
        self._formatter = Formatter("en", wiki.message_context)

    # -- the main loop -------------------------------------------------------------------------

    def run(self, stream: IO[bytes]) -> ImportStats:
        """Import everything in the stream; raises DumpError or ImportFailure."""
        reader = DumpReader(stream)
        items = iter(reader)
        try:
            for item in items:
                self.stats.bytes_read = reader.bytes_read
                if isinstance(item, SiteInfo):
                    self._foreign_namespaces = dict(item.namespaces)
                elif isinstance(item, PageStart):
                    self._page(item, items)
                elif isinstance(item, LogItemData):
                    if self.options.import_log_items:
                        self._log_item(item)
                elif isinstance(item, UploadSkipped):
                    self._upload_skipped(item)
        finally:
            self.stats.bytes_read = reader.bytes_read
        return self.stats

    def notice(self, key: str, *params: object) -> None:
        self.stats.notices.append(self._formatter.text(Message(key, tuple(params))))

    def _upload_skipped(self, item: UploadSkipped) -> None:
        self.stats.uploads_skipped += 1
        self.stats.notices.append(
            f"File upload {item.filename or '(unnamed)'} (line {item.line}) skipped: "
            "files are not imported."
        )

    def _skip_page(self, items: Iterator[Item]) -> None:
        for item in items:
            if isinstance(item, PageEnd):
                return
            if isinstance(item, RevisionData):
                self.stats.revisions_seen += 1

    # -- pages ------------------------------------------------------------------------------

    def _page(self, start: PageStart, items: Iterator[Item]) -> None:
        if start.title is None:
            raise DumpError("<page> without a <title> before its first revision", start.line)
        resolved = self._local_title(start)
        if resolved is None:
            self._skip_page(items)
            return
        title, foreign = resolved
        pending: dict[str, int] = {}

        def txn(conn: Connection) -> PageOutcome | None:
            pending.clear()
            if self.can_edit is not None and not self.can_edit(conn, title):
                self.notice("import-error-edit", self.wiki.prefixed(title))
                self._skip_page(items)
                return None
            writer = PageWriter(conn, title, self.wiki.titles)
            seen = 0
            for item in items:
                if isinstance(item, PageEnd):
                    break
                if isinstance(item, UploadSkipped):
                    self._upload_skipped(item)
                elif isinstance(item, RevisionData):
                    seen += 1
                    self.stats.revisions_seen += 1
                    new = self._revision(conn, title, item, pending)
                    if new is not None:
                        writer.add(new)
                    self._progress()
            writer.finish()
            outcome = PageOutcome(title, foreign, writer.page_id, seen, writer.imported)
            if self.after_page is not None and outcome.imported > 0:
                self.after_page(conn, outcome)
            return outcome

        outcome = self.wiki.db.write(txn)
        self.users.commit(pending)
        if outcome is None:
            return
        self.stats.pages += 1
        self.stats.revisions += outcome.imported
        if self.on_page is not None:
            self.on_page(outcome)

    def _progress(self) -> None:
        if self.on_progress is not None:
            self.on_progress(self.stats)

    def _local_title(self, start: PageStart) -> tuple[Title, str] | None:
        """Mirrors WikiImporter::processTitle() with the foreign and import title factories."""
        text = start.title or ""
        try:
            ns = int((start.ns or "0").strip())
        except ValueError:
            ns = 0  # intval()
        ns_name, page_name = self._foreign_title(text, ns)
        full = f"{ns_name}:{page_name}" if ns_name else page_name
        title = self._import_title(ns, ns_name, page_name, full)
        if title is None:
            self.notice("import-error-invalid", full)
            return None
        if title.is_external:
            self.notice("import-error-interwiki", self.wiki.titles.full_text(title))
            return None
        if title.namespace < 0:
            self.notice("import-error-special", self.wiki.prefixed(title))
            return None
        return title, full

    def _foreign_title(self, text: str, ns: int) -> tuple[str, str]:
        """Mirrors (NamespaceAware|Naive)ForeignTitleFactory::createForeignTitle()."""
        pieces = text.split(":", 1)
        if self._foreign_namespaces is None:
            if len(pieces) == 2 and ns != 0:
                return pieces[0], pieces[1]
            return "", text
        includes_ns = ns != 0 and len(pieces) == 2
        if ns in self._foreign_namespaces:
            ns_name = self._foreign_namespaces[ns]
        else:
            # T114115: a made-up name avoids collisions for misconfigured foreign wikis.
            ns_name = pieces[0] if includes_ns else f"Ns{ns}"
        return ns_name, pieces[1] if includes_ns else text

    def _import_title(self, ns: int, ns_name: str, page_name: str, full: str) -> Title | None:
        """Mirrors the Naive, Namespace and Subpage ImportTitleFactory classes."""
        titles = self.wiki.titles
        if self.options.target_namespace is not None:
            return titles.make(self.options.target_namespace, page_name)
        if self.options.root_page is not None:
            root = titles.prefixed_dbkey(self.options.root_page)
            try:
                return titles.parse(f"{root}/{full}")
            except MalformedTitle:
                return None
        if ns < 100 and ns in self.wiki.namespaces:
            return titles.make(ns, page_name)
        local = self.wiki.namespaces.lookup(ns_name) if ns_name else None
        if local is not None:
            return titles.make(local, page_name)
        return titles.make(0, full)

    # -- revisions --------------------------------------------------------------------------

    def _revision(
        self, conn: Connection, title: Title, rev: RevisionData, pending: dict[str, int]
    ) -> NewImportedRevision | None:
        """Mirrors WikiImporter::processRevision() + makeContent(); None skips it."""
        text, model, fmt = rev.text, rev.model, rev.format
        for slot in rev.slots:
            if slot.role in (None, ""):
                raise ImportFailure("Missing role for imported slot.", rev.line)
            if slot.role != "main":
                raise ImportFailure(f"Undefined slot role {slot.role}", rev.line)
            text, model, fmt = slot.text, slot.model or model, slot.format or fmt
        if text is None:
            raise ImportFailure("Missing text field in import.", rev.line)
        model = model or default_model(title)
        if model not in MODEL_FORMATS:
            raise ImportFailure(f'The content model "{model}" is not registered', rev.line)
        limit = self.wiki.config.max_article_size_kib
        if len(text.encode("utf-8")) > limit * 1024:
            which = f"the revision with ID {rev.id}" if rev.id else "a revision"
            raise ImportFailure(
                f"The text of {which} exceeds the maximum allowable size ({limit} KiB)", rev.line
            )
        if fmt and fmt != MODEL_FORMATS[model]:
            # MWContentSerializationException: a notice, and the revision is skipped.
            self.notice(
                "import-error-unserialize", self.wiki.prefixed(title), rev.id or "", model, fmt
            )
            return None
        try:
            timestamp = parse_timestamp(rev.timestamp) if rev.timestamp else None
            actor_id = self.users.actor(conn, rev.contributor, pending)
        except RevisionRejected as exc:
            raise ImportFailure(str(exc), rev.line) from exc
        return NewImportedRevision(
            timestamp=timestamp or timestamps.mw_now(),
            actor_id=actor_id,
            text=text,
            model=model,
            comment=rev.comment or "",
            minor=rev.minor,
            dump_sha1=base36_to_hex(rev.sha1) if rev.sha1 else None,
        )

    # -- log items --------------------------------------------------------------------------

    def _log_item(self, item: LogItemData) -> None:
        """Mirrors WikiRevision::importLogItem(): one row, skipped when already there."""
        if not item.type or not item.action or not item.logtitle:
            return
        try:
            title = self.wiki.titles.parse(item.logtitle)
            timestamp = parse_timestamp(item.timestamp) if item.timestamp else None
        except (MalformedTitle, RevisionRejected):
            return
        if title.is_external:
            return
        pending: dict[str, int] = {}

        def txn(conn: Connection) -> bool:
            try:
                actor_id = self.users.actor(conn, item.contributor, pending)
            except RevisionRejected as exc:
                raise ImportFailure(str(exc), item.line) from exc
            values = {
                "log_type": item.type,
                "log_action": item.action,
                "log_timestamp": timestamp or timestamps.mw_now(),
                "log_namespace": title.namespace,
                "log_title": title.dbkey,
                "log_params": log_params(item.params or ""),
            }
            if iq.log_exists(conn, values):
                return False
            logq.insert_log(
                conn,
                {
                    **values,
                    "log_actor": actor_id,
                    "log_comment": truncate_comment(item.comment or ""),
                    "log_page": None,
                },
            )
            return True

        if self.wiki.db.write(txn):
            self.stats.log_items += 1
        self.users.commit(pending)


def log_params(raw: str) -> str:
    """A dump's log parameters as our JSON: PHP-serialized arrays become objects; the
    legacy newline-separated form a list."""
    if not raw:
        return "{}"
    try:
        value = unserialize(raw)
    except PhpSerialError:
        return json.dumps(raw.split("\n"), ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False)
