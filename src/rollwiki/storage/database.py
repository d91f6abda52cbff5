"""Engines, transactions and SQLite's single writer thread.

Every write is one transaction run by :meth:`Database.write`.  On SQLite all writes of a
process go through one thread that opens each transaction with ``BEGIN IMMEDIATE``
(datasette's model: no lock upgrades, no busy retries); on PostgreSQL and MariaDB the
calling thread runs the transaction itself and row locks (``SELECT ... FOR UPDATE``)
serialise writers of the same page.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.pool import StaticPool

from .schema import metadata

T = TypeVar("T")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Job:
    fn: Callable[[Connection], Any]
    future: Future[Any]


class Database:
    """One engine plus the write path appropriate to its dialect."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = make_url(url)
        self.dialect = self.url.get_backend_name()
        self.is_sqlite = self.dialect == "sqlite"
        self.engine = self._create_engine(echo)
        self._queue: queue.Queue[_Job | None] | None = None
        self._writer: threading.Thread | None = None
        self._lock = threading.Lock()

    # -- engines -------------------------------------------------------------------

    def _create_engine(self, echo: bool) -> Engine:
        if not self.is_sqlite:
            # READ COMMITTED everywhere: after waiting for a row lock, a transaction must see
            # what the other one committed (MariaDB's default REPEATABLE READ would not).
            url = self.url
            if self.dialect in ("mysql", "mariadb") and "charset" not in url.query:
                url = url.update_query_dict({"charset": "utf8mb4"})
            return create_engine(
                url,
                echo=echo,
                pool_pre_ping=True,
                pool_size=10,
                max_overflow=20,
                isolation_level="READ COMMITTED",
            )
        memory = self.url.database in (None, "", ":memory:")
        engine = create_engine(
            self.url,
            echo=echo,
            poolclass=StaticPool if memory else None,
            connect_args={"check_same_thread": False, "timeout": 30},
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            # Take transaction control away from pysqlite so BEGIN is ours to issue.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            if not memory:
                cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=OFF")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            mode = "IMMEDIATE" if conn.info.get("rollwiki_write") else "DEFERRED"
            conn.exec_driver_sql(f"BEGIN {mode}")

        return engine

    # -- schema --------------------------------------------------------------------

    def create_schema(self) -> None:
        """Create every table directly (tests and fresh SQLite files); see also migrations."""
        metadata.create_all(self.engine)

    # -- transactions ----------------------------------------------------------------

    def read(self, fn: Callable[[Connection], T]) -> T:
        """Run ``fn`` in a read transaction (one consistent snapshot)."""
        with self.engine.connect() as conn:
            with conn.begin():
                return fn(conn)

    def write(self, fn: Callable[[Connection], T]) -> T:
        """Run ``fn`` in one write transaction; commit if it returns, roll back if it raises."""
        if not self.is_sqlite:
            with self.engine.connect() as conn:
                with conn.begin():
                    return fn(conn)
        if threading.current_thread() is self._writer:
            raise RuntimeError("nested Database.write() from inside a write transaction")
        future: Future[T] = Future()
        self._ensure_writer().put(_Job(fn, future))
        return future.result()

    def _ensure_writer(self) -> queue.Queue[_Job | None]:
        with self._lock:
            if self._queue is None or self._writer is None or not self._writer.is_alive():
                self._queue = queue.Queue()
                self._writer = threading.Thread(
                    target=self._writer_loop,
                    args=(self._queue,),
                    name="rollwiki-writer",
                    daemon=True,
                )
                self._writer.start()
            return self._queue

    def _writer_loop(self, jobs: queue.Queue[_Job | None]) -> None:
        conn = self.engine.connect()
        conn.info["rollwiki_write"] = True
        try:
            while True:
                job = jobs.get()
                if job is None:
                    return
                if not job.future.set_running_or_notify_cancel():
                    continue
                try:
                    with conn.begin():
                        result = job.fn(conn)
                except BaseException as exc:  # handed to the waiting request thread
                    job.future.set_exception(exc)
                else:
                    job.future.set_result(result)
        finally:
            conn.close()

    def close(self) -> None:
        with self._lock:
            if self._queue is not None and self._writer is not None:
                self._queue.put(None)
                self._writer.join(timeout=10)
            self._queue = None
            self._writer = None
        self.engine.dispose()


def sqlite_url(path: str) -> str:
    return f"sqlite:///{path}"
