"""The Alembic migrations build exactly the schema the code declares, on every engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from rollwiki.storage.database import Database
from rollwiki.storage.migrate import ensure_schema
from rollwiki.storage.schema import metadata
from rollwiki.testing.databases import EngineUnavailable, throwaway_database

ENGINES = ["sqlite", "postgresql", "mariadb"]


@pytest.mark.parametrize("engine", ENGINES)
def test_upgrading_an_empty_database_matches_the_declared_schema(
        engine: str, tmp_path: Path) -> None:
    try:
        with throwaway_database(engine, tmp_path) as url:
            db = Database(url)
            try:
                ensure_schema(db)
                ensure_schema(db)  # a second upgrade is a no-op
                with db.engine.connect() as conn:
                    diffs = compare_metadata(MigrationContext.configure(conn), metadata)
            finally:
                db.close()
    except EngineUnavailable as exc:
        pytest.skip(str(exc))
    assert diffs == []
