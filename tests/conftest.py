"""Shared fixtures: a fresh SQLite wiki per test, an HTTP client, account factories."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from rollwiki.app import create_app
from rollwiki.config import Settings, SiteConfig
from rollwiki.services import accounts, passwords
from rollwiki.services.wiki import Wiki
from rollwiki.storage.database import Database

# Hashing with argon2 for every test account would dominate the suite's run time.
_HASH_CACHE: dict[str, str] = {}


def cached_hash(password: str) -> str:
    if password not in _HASH_CACHE:
        _HASH_CACHE[password] = passwords.hash_password(password)
    return _HASH_CACHE[password]


def make_wiki(path: Path, **overrides: object) -> Wiki:
    settings = Settings(data=path)
    db = Database(f"sqlite:///{path / 'wiki.sqlite'}")
    db.create_schema()
    config = SiteConfig(sitename="TestWiki", wikiid="testwiki", server="http://testserver")
    if overrides:
        config = config.with_overrides(dict(overrides))
    return Wiki(settings, db, config)


@pytest.fixture
def wiki(tmp_path: Path) -> Iterator[Wiki]:
    w = make_wiki(tmp_path)
    yield w
    w.db.close()


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
