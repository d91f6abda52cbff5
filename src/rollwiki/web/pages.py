"""Reading pages and revisions for the views (one place for the lookups they share)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from ..services.titles import Title
from ..storage.queries import pages as pq
from .context import WebContext


@dataclass
class PageState:
    """A page row (None when missing) and its latest revision."""

    title: Title
    page: dict[str, Any] | None
    latest: dict[str, Any] | None

    @property
    def exists(self) -> bool:
        return self.page is not None and bool(self.page["page_latest"])

    @property
    def page_id(self) -> int:
        return int(self.page["page_id"]) if self.page else 0

    @property
    def latest_id(self) -> int:
        return int(self.page["page_latest"]) if self.page else 0


def load_page(conn: Connection, title: Title) -> PageState:
    page = pq.page_by_title(conn, title.namespace, title.dbkey) if title.namespace >= 0 else None
    latest = pq.revision_by_id(conn, page["page_latest"]) if page and page["page_latest"] else None
    return PageState(title, page, latest)


def revision_text(conn: Connection, rev: dict[str, Any]) -> tuple[str, str]:
    """The text and content model of a revision."""
    content = pq.contents_by_ids(conn, [rev["rev_content"]])[rev["rev_content"]]
    return str(content["content_text"]), str(content["content_model"])


def title_of_page(ctx: WebContext, page: dict[str, Any]) -> Title:
    made = ctx.wiki.titles.make(int(page["page_namespace"]), str(page["page_title"]))
    assert made is not None
    return made


def latest_text(ctx: WebContext, state: PageState) -> tuple[str, str]:
    """The text and model of a page's latest revision ("" and wikitext for none)."""
    latest = state.latest
    if latest is None:
        return "", "wikitext"
    return ctx.wiki.db.read(lambda conn: revision_text(conn, latest))
