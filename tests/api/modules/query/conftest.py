"""Fixtures for action=query tests: histories built through the services, and a client."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from starlette.testclient import TestClient

from rollwiki.services import timestamps
from rollwiki.services.pageupdater import Author, NewRevision, SaveResult, save_revision
from rollwiki.services.wiki import Wiki
from rollwiki.storage.queries import users as uq


@dataclass
class Clock:
    """A fake clock the tests move forward (one second per edit by default)."""

    now: datetime

    def tick(self, seconds: int = 1) -> str:
        self.now += timedelta(seconds=seconds)
        return timestamps.to_mw(self.now)


@pytest.fixture
def clock() -> Iterator[Clock]:
    c = Clock(datetime(2026, 11, 26, 18, 0, 0, tzinfo=UTC))
    timestamps.set_clock(lambda: c.now)
    yield c
    timestamps.set_clock(None)


Editor = Callable[..., SaveResult]


@pytest.fixture
def author(wiki: Wiki) -> Callable[[str], Author]:
    """author("Name") for an existing account, or an IP / imported name."""

    def factory(name: str) -> Author:
        def get(conn: Any) -> Author:
            row = uq.user_by_name(conn, name)
            user_id = row["user_id"] if row else 0
            return Author(uq.ensure_actor(conn, name, user_id or None), name, user_id)

        return wiki.db.write(get)

    return factory


@pytest.fixture
def edit(wiki: Wiki, clock: Clock, author: Callable[[str], Author]) -> Editor:
    """edit("Title", "text", by="Name", summary=..., minor=..., bot=..., tags=[...])."""

    def factory(
        title: str,
        text: str,
        *,
        by: str = "127.0.0.1",
        summary: str = "",
        minor: bool = False,
        bot: bool = False,
        tags: list[str] | None = None,
        patrolled: int = 0,
        seconds: int = 1,
    ) -> SaveResult:
        who = author(by)
        spec = NewRevision(
            title=wiki.titles.parse(title),
            author=who,
            comment=summary,
            text=text,
            minor=minor,
            bot=bot,
            tags=list(tags or []),
            patrolled=patrolled,
            timestamp=clock.tick(seconds),
        )
        return wiki.db.write(lambda conn: save_revision(conn, spec, wiki.titles))

    return factory


@pytest.fixture
def api(client: TestClient) -> Callable[..., Any]:
    """api("action=query&...", fv=2) -> parsed JSON (format=json added)."""

    def call(query: str, *, fv: int = 2, session: TestClient | None = None) -> Any:
        fmt = "&format=json" + ("&formatversion=2" if fv == 2 else "")
        response = (session or client).get("/w/api.php?" + query + fmt)
        assert response.status_code == 200
        return response.json()

    return call


@pytest.fixture
def login(wiki: Wiki) -> Callable[..., TestClient]:
    """login("Name") -> a client with a session of that account (or of a bot password)."""
    from rollwiki.app import create_app
    from rollwiki.http.routes import session_cookie_name
    from rollwiki.services.sessions import Session

    def factory(name: str, app_id: str | None = None) -> TestClient:
        def make(conn: Any) -> Session:
            row = uq.user_by_name(conn, name)
            assert row is not None, name
            session = Session()
            session.log_in(int(row["user_id"]), app_id)
            if app_id is not None:
                bp = uq.bot_password(conn, int(row["user_id"]), app_id)
                assert bp is not None
                session.data["bp_token"] = bp["bp_token"]
            wiki.sessions.save(conn, session)
            return session

        session = wiki.db.write(make)
        # Not entered as a context manager: its lifespan would close the shared database.
        c = TestClient(create_app(wiki=wiki))
        assert session.raw_id is not None
        c.cookies.set(session_cookie_name(wiki), session.raw_id)
        return c

    return factory
