"""A live wiki with patrol scenarios, and what a person does in the browser."""

from __future__ import annotations

from typing import Any

from rollwiki.services import accounts, timestamps
from rollwiki.services.pageupdater import Author, NewRevision, save_revision
from rollwiki.storage.queries import pages as pq
from rollwiki.storage.queries import tags as tq
from rollwiki.storage.queries import users as uq
from rollwiki.testing.server import LiveWiki
from rollwiki.testing.wikis import cached_hash

USERS = {
    "Admin": ["sysop", "bureaucrat"],
    "Rollbacker": ["rollbacker"],
    "Editor": [],
    "Vandal": [],
}


def make_live(**site: Any) -> LiveWiki:
    live = LiveWiki(site=site or None)
    wiki = live.wiki
    for name, groups in USERS.items():
        wiki.db.write(
            lambda c, n=name, g=groups: accounts.create_user(c, n, cached_hash(f"{n}Pass-1234"), g)
        )
    return live


def edit(
    live: LiveWiki, author: str, title: str, text: str, summary: str = "", model: str | None = None
) -> int:
    wiki = live.wiki
    parsed = wiki.titles.parse(title)

    def write(conn: Any) -> int:
        row = uq.user_by_name(conn, author)
        user_id = row["user_id"] if row else 0
        actor = uq.ensure_actor(conn, author, user_id or None)
        spec = NewRevision(
            title=parsed,
            author=Author(actor, author, user_id),
            comment=summary,
            text=text,
            timestamp=timestamps.mw_now(),
        )
        if model is not None:
            spec.model = model
        result = save_revision(conn, spec, wiki.titles)
        assert result.revision is not None
        return int(result.revision["rev_id"])

    return wiki.db.write(write)


def set_option(live: LiveWiki, name: str, option: str, value: str) -> None:
    wiki = live.wiki

    def write(conn: Any) -> None:
        user = uq.user_by_name(conn, name)
        uq.set_option(conn, user["user_id"], option, value)

    wiki.db.write(write)


def latest(live: LiveWiki, title: str) -> dict[str, Any]:
    wiki = live.wiki
    parsed = wiki.titles.parse(title)

    def read(conn: Any) -> dict[str, Any]:
        page = pq.page_by_title(conn, parsed.namespace, parsed.dbkey)
        rev = pq.revision_by_id(conn, page["page_latest"])
        assert rev is not None
        rev["text"] = pq.content_text(conn, rev["rev_content"])
        rev["tags"] = tq.tags_for_revisions(conn, [rev["rev_id"]])[rev["rev_id"]]
        return rev

    return wiki.db.read(read)


def login(page: Any, live: LiveWiki, name: str) -> None:
    """Log in through Special:UserLogin, as a person does."""
    page.goto(f"{live.base_url}/wiki/Special:UserLogin")
    page.fill("#wpName1", name)
    page.fill("#wpPassword1", f"{name}Pass-1234")
    page.click("#wpLoginAttempt")
    page.wait_for_load_state()
    assert page.locator("#pt-userpage").inner_text() == name
