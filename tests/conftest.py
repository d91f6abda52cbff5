"""Shared fixtures: a fresh SQLite wiki per test, an HTTP client, account factories."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from rollwiki.app import create_app
from rollwiki.services import accounts
from rollwiki.services.wiki import Wiki
from rollwiki.testing.databases import EngineUnavailable, throwaway_database
from rollwiki.testing.wikis import cached_hash, make_wiki

# Engines for the tests that run on every engine (`engine_wiki`); servers that do not
# answer are skipped.  ROLLWIKI_TEST_ENGINES=sqlite limits the run to SQLite.
ENGINES = [
    e for e in os.environ.get("ROLLWIKI_TEST_ENGINES", "sqlite,postgresql,mariadb").split(",") if e
]


def pytest_configure(config: pytest.Config) -> None:
    # The rollwiki plugin normally arrives through its pytest11 entry point; a virtualenv
    # installed from an older checkout lacks that metadata, so register it here instead.
    if not config.pluginmanager.has_plugin("rollwiki"):
        import rollwiki.testing.plugin

        config.pluginmanager.register(rollwiki.testing.plugin, "rollwiki")


@pytest.fixture
def wiki(tmp_path: Path) -> Iterator[Wiki]:
    w = make_wiki(tmp_path)
    yield w
    w.db.close()


@pytest.fixture(params=ENGINES)
def engine_wiki(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Wiki]:
    """A fresh wiki on each configured engine (SQLite, PostgreSQL, MariaDB)."""
    try:
        with throwaway_database(request.param, tmp_path) as url:
            w = make_wiki(tmp_path, url)
            try:
                yield w
            finally:
                w.db.close()
    except EngineUnavailable as exc:
        pytest.skip(str(exc))


@pytest.fixture
def client(wiki: Wiki) -> Iterator[TestClient]:
    with TestClient(create_app(wiki=wiki)) as c:
        yield c


@pytest.fixture
def make_user(wiki: Wiki):  # type: ignore[no-untyped-def]
    """Factory: make_user("Name", groups=["sysop"]) -> user id (password "<Name>Pass-1234")."""

    def factory(
        name: str, groups: tuple[str, ...] | list[str] = (), password: str | None = None
    ) -> int:
        pw = password or f"{name}Pass-1234"
        hashed = cached_hash(pw)
        return wiki.db.write(lambda c: accounts.create_user(c, name, hashed, groups))

    return factory


@pytest.fixture
def make_bot_password(wiki: Wiki):  # type: ignore[no-untyped-def]
    """Factory: make_bot_password(user_id, "app", grants) -> the 32-char password."""

    def factory(user_id: int, app_id: str, grants: list[str], password: str | None = None) -> str:
        pw = password or accounts.generate_bot_password()
        hashed = cached_hash(pw)
        wiki.db.write(lambda c: accounts.set_bot_password(c, user_id, app_id, hashed, grants))
        return pw

    return factory


@pytest.fixture
def edit_as(wiki: Wiki):  # type: ignore[no-untyped-def]
    """Factory: edit_as("Vandal", "Title", "text", summary=...) -> rev id.

    Saves a revision straight through the page updater (no permission checks): for building
    histories in tests.  IP addresses and "prefix>Name" authors get actors without accounts.
    """
    from rollwiki.services import timestamps
    from rollwiki.services.pageupdater import Author, NewRevision, save_revision
    from rollwiki.storage.queries import users as uq

    def factory(
        author: str,
        title: str,
        text: str,
        *,
        summary: str = "",
        minor: bool = False,
        timestamp: str | None = None,
        patrolled: int = 0,
    ) -> int:
        parsed = wiki.titles.parse(title)

        def write(conn):  # type: ignore[no-untyped-def]
            row = uq.user_by_name(conn, author)
            user_id = row["user_id"] if row else 0
            actor_id = uq.ensure_actor(conn, author, user_id or None)
            result = save_revision(
                conn,
                NewRevision(
                    title=parsed,
                    author=Author(actor_id, author, user_id),
                    comment=summary,
                    text=text,
                    minor=minor,
                    timestamp=timestamp or timestamps.mw_now(),
                    patrolled=patrolled,
                ),
                wiki.titles,
            )
            assert result.revision is not None, "null edit in test history"
            return result.revision["rev_id"]

        return wiki.db.write(write)

    return factory


@pytest.fixture
def performer_of(wiki: Wiki):  # type: ignore[no-untyped-def]
    """Factory: performer_of("Admin", grants=None, ip="127.0.0.1") -> Performer."""
    from rollwiki.services.performer import anonymous, performer_from_row
    from rollwiki.storage.queries import users as uq

    def factory(name: str, grants: list[str] | None = None, ip: str = "127.0.0.1"):  # type: ignore[no-untyped-def]
        def read(conn):  # type: ignore[no-untyped-def]
            row = uq.user_by_name(conn, name)
            if row is None:
                return anonymous(name, wiki.permissions)
            return performer_from_row(
                conn, row, ip, wiki.permissions, wiki.config.default_user_options, None, grants
            )

        return wiki.db.read(read)

    return factory
