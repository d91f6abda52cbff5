"""A real rollwiki server on a free loopback port, in this process (for tests and tools)."""

from __future__ import annotations

import asyncio
import socket
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Any

import uvicorn

from ..app import create_app
from ..config import Settings, SiteConfig
from ..services.wiki import Wiki
from ..storage.database import Database
from ..storage.migrate import ensure_schema


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _bound_socket() -> socket.socket:
    """A loopback socket on a port the kernel picked, kept bound until the server takes it.

    Holding the socket (instead of closing it and letting uvicorn bind the number again)
    means no other process, e.g. a parallel pytest-xdist worker, can take the port between.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


class _PromptServer(uvicorn.Server):
    """uvicorn's server, woken at once when asked to stop instead of at its next 0.1 s tick
    (test suites start and stop one per test)."""

    _wakeup: asyncio.Event | None = None
    _loop: asyncio.AbstractEventLoop | None = None

    async def main_loop(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._wakeup = asyncio.Event()
        counter = 0
        should_exit = await self.on_tick(counter)
        while not should_exit:
            counter = (counter + 1) % 864000
            try:
                await asyncio.wait_for(self._wakeup.wait(), 0.1)
            except TimeoutError:
                pass
            should_exit = await self.on_tick(counter)

    def request_exit(self) -> None:
        self.should_exit = True
        loop, wakeup = self._loop, self._wakeup
        if loop is not None and wakeup is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(wakeup.set)
            except RuntimeError:  # the loop closed in between: it is stopping anyway
                pass


class LiveWiki:
    """Start with ``with LiveWiki() as wiki: requests.get(wiki.api_url, ...)``.

    ``data_dir`` None uses a fresh temporary directory; ``db_url`` None uses SQLite there.
    ``site`` overrides SiteConfig fields (e.g. ``{"watchlist_expiry": True}``).
    """

    def __init__(
        self,
        data_dir: Path | None = None,
        *,
        db_url: str | None = None,
        site: dict[str, Any] | None = None,
        port: int | None = None,
    ) -> None:
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        if data_dir is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="rollwiki-")
            data_dir = Path(self._tmp.name)
        self.data_dir = data_dir
        self._socket: socket.socket | None = None
        if port is None:
            self._socket = _bound_socket()
            port = int(self._socket.getsockname()[1])
        self.port = port
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.api_url = f"{self.base_url}/w/api.php"
        settings = Settings(data=data_dir, db=db_url, port=self.port)
        db = Database(settings.database_url())
        ensure_schema(db)
        from ..services.wiki import load_site_config

        overrides = {"server": self.base_url, **(site or {})}
        from ..storage.queries.site import save_site_config

        db.write(lambda conn: save_site_config(conn, overrides, only_missing=True))
        self.wiki = Wiki(settings, db, db.read(lambda c: load_site_config(c, SiteConfig())))
        self._server: _PromptServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> LiveWiki:
        app = create_app(wiki=self.wiki)
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off"
        )
        server = self._server = _PromptServer(config)
        sockets = [self._socket] if self._socket is not None else None
        self._thread = threading.Thread(
            target=lambda: server.run(sockets=sockets), name="rollwiki-live", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("rollwiki test server did not start")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.request_exit()
        if self._thread is not None:
            self._thread.join(timeout=10)
        if self._socket is not None:
            self._socket.close()
        self.wiki.db.close()
        if self._tmp is not None:
            self._tmp.cleanup()

    def __enter__(self) -> LiveWiki:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
