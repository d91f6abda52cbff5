"""Fresh wikis for tests: a database with the schema and a SiteConfig, no server."""

from __future__ import annotations

from pathlib import Path

from ..config import Settings, SiteConfig
from ..services import passwords
from ..services.wiki import Wiki
from ..storage.database import Database

# Hashing with argon2 for every test account would dominate a suite's run time.
_HASH_CACHE: dict[str, str] = {}


def cached_hash(password: str) -> str:
    """An argon2 hash of the password, computed once per process."""
    if password not in _HASH_CACHE:
        _HASH_CACHE[password] = passwords.hash_password(password)
    return _HASH_CACHE[password]


def make_wiki(path: Path, url: str | None = None, **overrides: object) -> Wiki:
    """A wiki with an empty database (SQLite in ``path`` unless ``url`` is given)."""
    settings = Settings(data=path)
    db = Database(url or f"sqlite:///{path / 'wiki.sqlite'}")
    db.create_schema()
    config = SiteConfig(sitename="TestWiki", wikiid="testwiki", server="http://testserver")
    if overrides:
        config = config.with_overrides(dict(overrides))
    return Wiki(settings, db, config)
