"""What an interactive import adds to each page (Mirrors ImportReporter + ApiImportReporter).

Special:Import and action=import, unlike importDump.php, leave a trace on every page that
got revisions: a minor null revision by the importing user whose comment says how many
revisions came in ("2 revisions imported: <reason>", in the content language), and an
``import/upload`` log entry associated with it.  Both are written inside the page's import
transaction, so a page is never imported without them.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from ..i18n.messages import Message, Num
from ..storage.queries import imports as iq
from ..storage.queries import pages as pq
from ..storage.queries import users as uq
from . import timestamps
from .importer import PageOutcome
from .logs import LogEntry, write_log
from .pageupdater import EditConflict, truncate_comment
from .performer import Performer
from .titles import Title
from .wiki import Wiki


@dataclass
class UploadImportReporter:
    """Null revision + log entry per page, and the API's per-page result."""

    wiki: Wiki
    performer: Performer
    reason: str = ""
    tags: list[str] = field(default_factory=list)
    results: list[dict[str, Any]] = field(default_factory=list)

    def detail(self, count: int) -> str:
        """import-logentry-upload-detail (+ ": reason"), in the content language."""
        formatter = self.wiki.formatter(self.wiki.config.language)
        text = formatter.text(Message("import-logentry-upload-detail", (Num(count),)))
        if self.reason:
            text += html.unescape(formatter.text("colon-separator")) + self.reason
        return text

    def after_page(self, conn: Connection, outcome: PageOutcome) -> None:
        """Mirrors ImportReporter::reportPage() for a page with imported revisions."""
        assert outcome.page_id is not None
        actor_id = self.performer.actor_id or uq.ensure_actor(
            conn, self.performer.name, self.performer.user_id or None
        )
        now = timestamps.mw_now()
        null_rev = _null_revision(
            conn, outcome.page_id, actor_id, self.detail(outcome.imported), now
        )
        write_log(
            conn,
            LogEntry(
                type="import",
                action="upload",
                actor_id=actor_id,
                title=outcome.title,
                timestamp=now,
                comment=self.reason,
                params={"4:number:count": outcome.imported},
                page_id=outcome.page_id,
                tags=list(self.tags),
                rev_id=null_rev,
            ),
            ip=self.performer.ip,
            # RecentChange::newLogEntry(): bots' log entries are bot changes.
            bot=self.performer.allowed("bot"),
        )

    def on_page(self, outcome: PageOutcome) -> None:
        """Mirrors ApiImportReporter::reportPage(): ns, title and the revisions written."""
        self.results.append(
            {
                "ns": outcome.title.namespace,
                "title": self.wiki.prefixed(outcome.title),
                "revisions": outcome.imported,
                "_element": "page",
            }
        )


def _null_revision(conn: Connection, page_id: int, actor_id: int, comment: str, now: str) -> int:
    """Mirrors RevisionStore::newNullRevision() + insertRevisionOn() + updateRevisionOn().

    No recent-changes row, no edit count and no watchlist notification, as 1.39 (observed:
    the importing user's edit count does not change).
    """
    page = pq.lock_page(conn, page_id)
    assert page is not None
    latest = pq.revision_by_id(conn, int(page["page_latest"]))
    assert latest is not None
    rev_id = iq.insert_revision(
        conn,
        {
            "rev_page": page_id,
            "rev_parent_id": latest["rev_id"],
            "rev_actor": actor_id,
            "rev_timestamp": now,
            "rev_comment": truncate_comment(comment),
            "rev_minor_edit": True,
            "rev_deleted": 0,
            "rev_len": latest["rev_len"],
            "rev_sha1": latest["rev_sha1"],
            "rev_content": latest["rev_content"],
            "rev_content_origin": latest["rev_content_origin"],
        },
    )
    moved = pq.advance_latest(
        conn,
        page_id,
        int(latest["rev_id"]),
        rev_id,
        {"page_touched": now, "page_is_new": False},
    )
    if not moved:
        raise EditConflict(page_id)
    return rev_id


def can_edit(conn: Connection, wiki: Wiki, performer: Performer, title: Title) -> bool:
    """WikiImporter::processTitle() outside command-line mode: userCan( 'edit' ), and
    userCan( 'create' ) for a page that does not exist yet."""
    from .authorize import Authorizer

    authorizer = Authorizer(conn, wiki, performer)
    if not authorizer.can("edit", title):
        return False
    if pq.page_by_title(conn, title.namespace, title.dbkey) is None:
        return authorizer.can("create", title)
    return True
