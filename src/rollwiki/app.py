"""The composition root: ``create_app(settings)`` builds the wiki and its HTTP face."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from starlette.applications import Starlette

from .api.main import ApiMain
from .config import Settings
from .http.routes import api_routes
from .services.wiki import Wiki
from .web.routes import web_routes


def create_app(settings: Settings | None = None, wiki: Wiki | None = None) -> Starlette:
    """A Starlette app serving api.php (and index.php) for the configured wiki."""
    if wiki is None:
        wiki = Wiki.open(settings or Settings())
    api = ApiMain(wiki)
    routes = [*api_routes(wiki, api), *web_routes(wiki)]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        wiki.db.close()

    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.wiki = wiki
    app.state.api = api
    return app
