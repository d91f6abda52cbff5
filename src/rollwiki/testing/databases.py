"""Throwaway databases on PostgreSQL and MariaDB for tests (unique names, dropped after).

Servers come from ``ROLLWIKI_TEST_POSTGRESQL_URL`` (default
``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``) and ``ROLLWIKI_TEST_MARIADB_URL``
(default ``mysql+pymysql://root@127.0.0.1:3306/``).
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa

SERVER_URLS = {
    "postgresql": (
        "ROLLWIKI_TEST_POSTGRESQL_URL",
        "postgresql+psycopg://postgres@127.0.0.1:5432/postgres",
    ),
    "mariadb": ("ROLLWIKI_TEST_MARIADB_URL", "mysql+pymysql://root@127.0.0.1:3306/"),
}


class EngineUnavailable(RuntimeError):
    """The database server for an engine does not answer."""


def server_url(engine: str) -> str:
    env, default = SERVER_URLS[engine]
    return os.environ.get(env, default)


@contextlib.contextmanager
def throwaway_database(engine: str, tmp_dir: Path | None = None) -> Iterator[str]:
    """Yield the URL of a fresh, empty database on ``engine``; drop it afterwards."""
    if engine == "sqlite":
        if tmp_dir is None:
            raise ValueError("sqlite needs a directory")
        yield f"sqlite:///{tmp_dir / f'wiki-{uuid.uuid4().hex[:8]}.sqlite'}"
        return
    name = f"rollwiki_test_{uuid.uuid4().hex[:12]}"
    admin_url = sa.make_url(server_url(engine))
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            if engine == "postgresql":
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
            else:
                conn.exec_driver_sql(
                    f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
                )
    except sa.exc.OperationalError as exc:
        admin.dispose()
        raise EngineUnavailable(f"{engine} server not reachable: {exc}") from exc
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            if engine == "postgresql":
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            else:
                conn.exec_driver_sql(f"DROP DATABASE IF EXISTS `{name}`")
        admin.dispose()
