"""HTTP routes: the thin edge between Starlette and the HTTP-free pipelines."""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..api.main import ApiCall, ApiMain, ApiResponse
from ..api.request import Upload
from ..services import ip as iputils
from ..services.wiki import Wiki
from .params import build_params, parse_urlencoded

ALL_METHODS = ["GET", "HEAD", "POST", "OPTIONS", "PUT", "DELETE", "PATCH"]


def session_cookie_name(wiki: Wiki) -> str:
    return f"{wiki.config.wikiid}_session"


def client_ip(request: Request, wiki: Wiki) -> str:
    """Mirrors WebRequest::getIP(): X-Forwarded-For is believed only from trusted proxies."""
    remote = request.client.host if request.client else "127.0.0.1"
    ip = iputils.sanitize_ip(remote) or remote
    trusted = wiki.config.trusted_proxies
    xff = request.headers.get("x-forwarded-for")
    if not xff or not trusted:
        return ip
    chain = [part.strip() for part in xff.split(",")][::-1]
    for candidate in chain:
        if not iputils.is_in_ranges(ip, trusted):
            break
        cleaned = iputils.sanitize_ip(candidate)
        if not cleaned or candidate == "unknown":
            break
        ip = cleaned
    return ip


async def read_params(request: Request, max_body: int) -> Any:
    """Parse query string and body into RequestParams (413 when the body is too large)."""
    body_pairs: list[tuple[str, str | list[str]]] = []
    files: dict[str, Upload] = {}
    method = request.method.upper()
    bad_body = False
    if method == "POST":
        ctype = request.headers.get("content-type", "")
        length = int(request.headers.get("content-length") or 0)
        if length > max_body:
            return None
        if ctype.startswith("multipart/form-data"):
            # "async with" closes the uploads' spooled temporary files afterwards.
            async with request.form(max_files=100, max_fields=10000) as form:
                for key, value in form.multi_items():
                    if isinstance(value, UploadFile):
                        files[key] = Upload(
                            value.filename or "", await value.read(), value.content_type
                        )
                    else:
                        body_pairs.append((key, value))
        else:
            body = await request.body()
            if len(body) > max_body:
                return None
            body_pairs, bad_body = parse_urlencoded(body)
    params = build_params(method, request.scope.get("query_string", b""), body_pairs, files)
    params.bad_utf8 = params.bad_utf8 or bad_body
    return params


def make_api_route(wiki: Wiki, api: ApiMain) -> Any:
    cookie = session_cookie_name(wiki)

    async def api_php(request: Request) -> Response:
        params = await read_params(request, wiki.settings.max_body_bytes)
        if params is None:
            return Response("Request entity too large", status_code=413)
        call = ApiCall(
            params=params,
            ip=client_ip(request, wiki),
            session_id=request.cookies.get(cookie),
            headers={k.lower(): v for k, v in request.headers.items()},
        )
        result: ApiResponse = await run_in_threadpool(api.run, call)
        response = Response(
            result.body,
            status_code=result.status,
            media_type=result.content_type.split(";")[0],
            headers=result.headers,
        )
        response.headers["content-type"] = result.content_type
        apply_session_cookie(response, cookie, call.session_id, result.session)
        return response

    return api_php


def apply_session_cookie(response: Response, name: str, sent: str | None, session: Any) -> None:
    """Set, renew or clear the session cookie (HttpOnly, SameSite=Lax)."""
    if session is None:
        return
    if session.raw_id and session.raw_id != sent:
        response.set_cookie(
            name, session.raw_id, httponly=True, samesite="lax", path="/", max_age=30 * 86400
        )
    elif session.raw_id is None and sent:
        response.delete_cookie(name, path="/", httponly=True, samesite="lax")


def api_routes(wiki: Wiki, api: ApiMain) -> list[Route]:
    endpoint = make_api_route(wiki, api)
    paths = {f"{wiki.config.script_path}/api.php", "/api.php"}
    return [Route(path, endpoint, methods=ALL_METHODS) for path in sorted(paths)]
