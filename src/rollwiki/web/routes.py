"""index.php and the article path: request -> WebContext -> view -> response
(Mirrors MediaWiki::performRequest() and ActionFactory).

``web_routes(wiki)`` gives the Starlette routes; app.py registers them after api.php's.
"""

from __future__ import annotations

import logging
import secrets
import traceback
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from ..http.routes import apply_session_cookie, client_ip, read_params, session_cookie_name
from ..i18n.messages import Message
from ..services.namespaces import NS_SPECIAL
from ..services.titles import MalformedTitle, Title
from ..services.wiki import Wiki
from .context import WebContext
from .errorpages import error_page
from .output import SECURITY_HEADERS, Output, PageOutput, RawOutput, Redirect
from .skin import render_page

log = logging.getLogger(__name__)
STATIC_DIR = Path(__file__).parent / "static"


def resolve_title(ctx: WebContext, path_title: str | None) -> Title | Output:
    """MediaWiki::parseTitle(): ``title``, ``curid``, ``search`` or the main page."""
    wiki = ctx.wiki
    curid = ctx.get_int("curid")
    if curid:
        from ..storage.queries.pages import page_by_id

        row = wiki.db.read(lambda conn: page_by_id(conn, curid))
        if row is not None:
            made = wiki.titles.make(row["page_namespace"], row["page_title"])
            if made is not None:
                return made
    raw = ctx.get("title")
    if raw is None:
        raw = path_title
    if raw is None and ctx.get("search") is not None:
        raw = "Special:Search"
    if raw is None or raw == "":
        raw = wiki.config.main_page
    try:
        title = wiki.titles.parse(raw)
    except MalformedTitle:
        title = None
    if title is None or title.interwiki:
        return error_page(ctx, "badtitle", Message("badtitletext"), status=400)
    return title


def dispatch(ctx: WebContext, path_title: str | None) -> Output:
    resolved = resolve_title(ctx, path_title)
    if not isinstance(resolved, Title):
        return resolved
    title = resolved
    if title.namespace == NS_SPECIAL:
        from .specials import run_special

        return run_special(ctx, title)
    from .actions import run_action

    return run_action(ctx, title)


def _internal_error(ctx: WebContext | None, exc: Exception) -> PageOutput:
    request_id = secrets.token_hex(12)
    log.error("internal web error [%s]: %s\n%s", request_id, exc, traceback.format_exc())
    from markupsafe import Markup, escape

    body = Markup(
        f'<div class="errorbox"><p>[{escape(request_id)}] {escape(type(exc).__name__)}</p></div>'
    )
    title = ctx.msg("internalerror") if ctx else "Internal error"
    return PageOutput(title=title, body=body, status=500, robots="noindex,nofollow")


def to_response(ctx: WebContext, out: Output) -> Response:
    headers = dict(SECURITY_HEADERS)
    if isinstance(out, Redirect):
        headers.update(out.headers)
        response: Response = RedirectResponse(out.location, status_code=out.status, headers=headers)
    elif isinstance(out, RawOutput):
        headers.update(out.headers)
        response = Response(out.body, status_code=out.status, headers=headers)
        response.headers["content-type"] = out.content_type
    else:
        headers.update(out.headers)
        html = render_page(ctx, out)
        response = Response(html, status_code=out.status, headers=headers, media_type="text/html")
        response.headers["content-type"] = "text/html; charset=UTF-8"
    return response


def make_endpoint(wiki: Wiki) -> Any:
    cookie = session_cookie_name(wiki)

    def run(ctx: WebContext, path_title: str | None) -> Response:
        try:
            out = dispatch(ctx, path_title)
            response = to_response(ctx, out)
        except Exception as exc:  # never a stack trace to the client
            response = to_response(ctx, _internal_error(ctx, exc))
        sessions = wiki.sessions
        if sessions.needs_save(ctx.session):
            wiki.db.write(lambda conn: sessions.save(conn, ctx.session))
        return response

    async def endpoint(request: Request) -> Response:
        params = await read_params(request, wiki.settings.max_body_bytes)
        if params is None:
            return Response("Request entity too large", status_code=413)
        sent = request.cookies.get(cookie)
        path_title = request.path_params.get("title")
        headers = {k.lower(): v for k, v in request.headers.items()}

        def handle() -> tuple[Response, WebContext]:
            ctx = WebContext.load(wiki, params, client_ip(request, wiki), sent, headers)
            return run(ctx, path_title), ctx

        response, ctx = await run_in_threadpool(handle)
        apply_session_cookie(response, cookie, sent, ctx.session)
        return response

    return endpoint


def web_routes(wiki: Wiki) -> list[BaseRoute]:
    """index.php (under the script path and at the root), the article path and static files."""
    endpoint = make_endpoint(wiki)
    config = wiki.config
    methods = ["GET", "HEAD", "POST"]
    paths = {f"{config.script_path}/index.php", "/index.php"}
    routes: list[BaseRoute] = [Route(p, endpoint, methods=methods) for p in sorted(paths)]
    article = config.article_path
    if article.endswith("$1") and "?" not in article:
        prefix = article[: -len("$1")]
        routes.append(Route(prefix + "{title:path}", endpoint, methods=methods))
    routes.append(
        Mount(f"{config.script_path}/static", app=StaticFiles(directory=STATIC_DIR), name="static")
    )

    async def root(request: Request) -> Response:
        main = wiki.config.main_page.replace(" ", "_")
        return RedirectResponse(article.replace("$1", main), status_code=301)

    routes.append(Route("/", root, methods=["GET", "HEAD"]))
    return routes
