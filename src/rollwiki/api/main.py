"""The api.php pipeline (Mirrors ApiMain::executeActionWithErrorHandling and friends).

Order of checks, as 1.39: CORS -> main parameters -> assert -> module parameters (first
failure wins) -> token in POST body -> token validity -> read/write rights and read-only
-> maxlag -> HTTP method -> execute -> unrecognized-parameter warnings.
"""

from __future__ import annotations

import logging
import secrets
import socket
import traceback
from dataclasses import dataclass, field
from typing import Any

from ..errors import DomainError
from ..i18n.messages import ListParam, Message, normalize_language
from ..services import timestamps
from ..services.performer import Performer, anonymous, load_performer
from ..services.sessions import Session
from ..services.wiki import RequestContext, Wiki
from .errorformat import render_errors, render_warnings
from .errors import ApiMessage, ApiUsageError, escape_wikitext
from .formats import FORMATS, FormatModule
from .module import ApiModule, action_modules
from .modules.main_module import MainModule
from .request import ApiRequest, RequestParams

log = logging.getLogger(__name__)
VALID_METHODS = ("GET", "HEAD", "POST", "OPTIONS")
CORS_EXPOSE = "MediaWiki-API-Error, Retry-After, X-Database-Lag, MediaWiki-Login-Suppressed"


@dataclass
class ApiCall:
    """Everything the HTTP edge hands to the pipeline."""

    params: RequestParams
    ip: str
    session_id: str | None = None
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names


@dataclass
class ApiResponse:
    status: int
    body: bytes
    content_type: str
    headers: dict[str, str] = field(default_factory=dict)
    session: Session | None = None  # to persist / set as cookie by the edge


class ApiMain:
    """Runs api.php requests for one wiki."""

    def __init__(self, wiki: Wiki) -> None:
        self.wiki = wiki
        self.hostname = socket.gethostname()

    # -- entry point ------------------------------------------------------------------------

    def run(self, call: ApiCall) -> ApiResponse:
        params = call.params
        headers: dict[str, str] = {
            "Cache-Control": "private, must-revalidate, max-age=0",
            "X-Content-Type-Options": "nosniff",
            "X-Frame-Options": "DENY",
            "Content-Disposition": "inline; filename=api-result.json",
        }
        # CORS (ApiMain::handleCORS) happens before anything else.
        origin_param = params.peek("origin")
        anonymous_cors = False
        if origin_param is not None:
            params.used.add("origin")
            if origin_param == "*":
                anonymous_cors = True
                headers.update(
                    {
                        "Access-Control-Allow-Origin": "*",
                        "Access-Control-Allow-Credentials": "false",
                        "Access-Control-Expose-Headers": CORS_EXPOSE,
                    }
                )
            else:
                origin_header = call.headers.get("origin")
                if origin_header is None or origin_header.split()[0] != origin_param:
                    return ApiResponse(
                        403,
                        b"'origin' parameter does not match Origin header\n",
                        "text/plain; charset=utf-8",
                        headers,
                    )
                if self._origin_allowed(origin_param):
                    headers.update(
                        {
                            "Access-Control-Allow-Origin": origin_param,
                            "Access-Control-Allow-Credentials": "true",
                            "Access-Control-Expose-Headers": CORS_EXPOSE,
                            "Vary": "Origin",
                        }
                    )
                else:
                    headers["MediaWiki-CORS-Rejection"] = "Origin mismatch"
        if params.method == "OPTIONS":
            return ApiResponse(200, b"", "text/plain; charset=utf-8", headers)
        if params.peek("callback") is not None:
            anonymous_cors = True

        session, performer = self._identify(call, anonymous_cors)
        if anonymous_cors and (call.session_id or params.peek("callback") is not None):
            headers["MediaWiki-Login-Suppressed"] = "true"
        lang = self._user_language(params, performer)
        ctx = RequestContext(
            self.wiki,
            performer,
            session,
            call.ip,
            lang,
            request_id=secrets.token_hex(12),
            headers=call.headers,
        )
        ctx.extra["same_origin"] = not anonymous_cors
        req = ApiRequest(ctx, params)
        self._setup_error_format(req)

        status = 200
        printer: type[FormatModule] = FORMATS["jsonfm"]  # type: ignore[assignment]
        printer_params: dict[str, Any] = {}
        try:
            printer, printer_params = self._printer(req)
            self._execute(req, call)
            custom = req.extra.get("custom_printer")
            if custom is not None:
                printer = custom
            raw = req.extra.get("raw_output")
            if raw is not None:
                # ApiFormatRaw (action=query&export&exportnowrap): the text itself.
                headers["Content-Disposition"] = f"inline; filename={raw['filename']}"
                self._persist_session(session)
                body = str(raw["text"]).encode("utf-8")
                return ApiResponse(200, body, f"{raw['mime']}; charset=utf-8", headers, session)
        except DomainError as exc:
            status = exc.http_status if isinstance(exc, ApiUsageError) else 200
            path = exc.module_path if isinstance(exc, ApiUsageError) else None
            self._substitute_error(req, exc.messages, path or req.module_path)
            printer, printer_params = self._error_printer(req)
        except Exception as exc:  # internal errors never leak a stack trace
            log.error(
                "internal API error [%s]: %s\n%s", ctx.request_id, exc, traceback.format_exc()
            )
            msg = ApiMessage(
                Message("apierror-exceptioncaughttype", (ctx.request_id, type(exc).__name__)),
                f"internal_api_error_{type(exc).__name__}",
                {"errorclass": type(exc).__name__},
            )
            self._substitute_error(req, [msg], "main")
            printer, printer_params = self._error_printer(req)
        self._add_requested_fields(req)
        codes = req.extra.get("error_codes")
        if codes:
            headers["MediaWiki-API-Error"] = ", ".join(codes)
        data = self._final_data(req)
        rendered = printer().render(data, req, printer_params)
        if rendered.content_type.startswith("text/html"):
            headers.pop("Content-Disposition", None)
        elif rendered.content_type.startswith("text/xml"):
            headers["Content-Disposition"] = "inline; filename=api-result.xml"
        headers.update(req.extra.get("response_headers", {}))
        self._persist_session(session)
        return ApiResponse(status, rendered.body, rendered.content_type, headers, session)

    def _persist_session(self, session: Session) -> None:
        sessions = self.wiki.sessions
        if sessions.needs_save(session):
            self.wiki.db.write(lambda conn: sessions.save(conn, session))

    # -- identity and language ----------------------------------------------------------------

    def _identify(self, call: ApiCall, anonymous_cors: bool) -> tuple[Session, Performer]:
        wiki = self.wiki
        if anonymous_cors:
            return Session(), anonymous(call.ip, wiki.permissions)

        def load(conn: Any) -> tuple[Session, Performer]:
            session = wiki.sessions.load(conn, call.session_id)
            performer = load_performer(
                conn, session, call.ip, wiki.permissions, wiki.config.default_user_options
            )
            return session, performer

        return wiki.db.read(load)

    def _user_language(self, params: RequestParams, performer: Performer) -> str:
        uselang = params.peek("uselang")
        if uselang is None or uselang == "user":
            return normalize_language(
                str(performer.option("language") or self.wiki.config.language)
            )
        if uselang == "content":
            return normalize_language(self.wiki.config.language)
        return normalize_language(uselang)

    def _setup_error_format(self, req: ApiRequest) -> None:
        """ApiMain::__construct(): errorformat and errorlang are read before validation."""
        fmt = req.params.peek("errorformat") or "bc"
        req.errorformat = fmt if fmt in ("plaintext", "wikitext", "html", "raw", "none") else "bc"
        errorlang = req.params.peek("errorlang") or "uselang"
        if errorlang == "uselang":
            req.errorlang = req.lang
        elif errorlang == "content":
            req.errorlang = normalize_language(self.wiki.config.language)
        else:
            req.errorlang = normalize_language(errorlang)

    def _origin_allowed(self, origin: str) -> bool:
        from fnmatch import fnmatch

        host = origin.split("://", 1)[-1]
        return any(fnmatch(host, pattern) for pattern in self.wiki.config.cross_site_ajax_domains)

    # -- the pipeline ------------------------------------------------------------------------

    def _printer(self, req: ApiRequest) -> tuple[type[FormatModule], dict[str, Any]]:
        name = req.params.peek("format") or "jsonfm"
        printer = FORMATS.get(name, FORMATS["jsonfm"])
        assert issubclass(printer, FormatModule)
        fp = req.extract(printer, path=printer.name)
        req.formatversion = FormatModule.formatversion(fp)
        return printer, fp

    def _error_printer(self, req: ApiRequest) -> tuple[type[FormatModule], dict[str, Any]]:
        """ApiMain::createErrorPrinter(): an invalid format falls back to jsonfm."""
        name = req.params.peek("format") or "jsonfm"
        printer = FORMATS.get(name, FORMATS["jsonfm"])
        assert issubclass(printer, FormatModule)
        try:
            fp = req.extract(printer, path=printer.name)
        except ApiUsageError:
            req.warn("apiwarn-errorprinterfailed", path="main")
            fp = {}
        req.formatversion = FormatModule.formatversion(fp)
        return printer, fp

    def _execute(self, req: ApiRequest, call: ApiCall) -> None:
        main = req.extract(MainModule, path="main")
        req.extra["main"] = main
        self._check_asserts(req, main)
        module = action_modules()[main["action"]]
        req.module = module
        req.module_path = module.path()
        values = req.extract(module)
        custom = module.custom_printer(req, values)
        if custom is not None:
            req.extra["custom_printer"] = custom
        if module.token_type:
            self._check_token(req, module, values)
        self._check_execute_permissions(req, module)
        self._check_maxlag(req, main)
        if req.params.method not in VALID_METHODS:
            raise ApiUsageError(ApiMessage.of("apierror-invalidmethod"), http_status=405)
        if module.must_be_posted and not req.params.was_posted:
            raise ApiUsageError(ApiMessage.of("apierror-mustbeposted", main["action"]))
        module().execute(req, values)
        self._report_unused_params(req)

    def _check_asserts(self, req: ApiRequest, main: dict[str, Any]) -> None:
        performer = req.performer
        match main.get("assert"):
            case "anon" if performer.is_registered:
                raise ApiUsageError(ApiMessage.of("apierror-assertanonfailed"))
            case "user" if not performer.is_registered:
                raise ApiUsageError(ApiMessage.of("apierror-assertuserfailed"))
            case "bot" if not performer.allowed("bot"):
                raise ApiUsageError(ApiMessage.of("apierror-assertbotfailed"))
        expected = main.get("assertuser")
        if expected is not None and expected != performer.name:
            raise ApiUsageError(
                ApiMessage.of("apierror-assertnameduserfailed", escape_wikitext(expected))
            )

    def _check_token(
        self, req: ApiRequest, module: type[ApiModule], values: dict[str, Any]
    ) -> None:
        """ApiMain::setupModule(): token in the POST body, then its validity."""
        name = module.prefix + "token"
        if name in req.params.query_names:
            raise ApiUsageError(ApiMessage.of("apierror-mustpostparams", name, 1))
        assert module.token_type is not None
        if not req.ctx.session.match(
            module.token_type, values["token"], anonymous=req.performer.is_anon
        ):
            raise ApiUsageError(ApiMessage.of("apierror-badtoken"))

    def _check_execute_permissions(self, req: ApiRequest, module: type[ApiModule]) -> None:
        # A bot-password session without the "read" grant has no read right even on a
        # public wiki (the session provider vetoes isEveryoneAllowed); so ask the performer.
        if module.is_read_mode(req) and not req.performer.allowed("read"):
            raise ApiUsageError(ApiMessage.of("apierror-readapidenied"))
        if module.is_write:
            if not self.wiki.config.enable_write_api:
                raise ApiUsageError(ApiMessage.of("apierror-noapiwrite"))
            if not req.performer.allowed("writeapi"):
                raise ApiUsageError(ApiMessage.of("apierror-writeapidenied"))
            if req.ctx.headers.get("promise-non-write-api-action"):
                raise ApiUsageError(ApiMessage.of("apierror-promised-nonwrite-api"))
            reason = self.wiki.config.read_only
            if reason:
                raise ApiUsageError(
                    ApiMessage.of(
                        "apierror-readonly", code="readonly", data={"readonlyreason": reason}
                    )
                )

    def _check_maxlag(self, req: ApiRequest, main: dict[str, Any]) -> None:
        """A single database has no replication lag (MediaWiki reports -1): never lagged."""
        return None

    def _report_unused_params(self, req: ApiRequest) -> None:
        printer_params = {
            "callback",
            "utf8",
            "ascii",
            "formatversion",
            "wrappedhtml",
            "xslt",
            "includexmlnamespace",
        }
        unused = [
            n for n in req.params.names() if n not in req.params.used and n not in printer_params
        ]
        if unused:
            req.warn(
                ApiMessage.of(
                    "apierror-unrecognizedparams",
                    ListParam(tuple(escape_wikitext(n) for n in unused), "comma"),
                    len(unused),
                ),
                path="main",
            )

    # -- results -------------------------------------------------------------------------------

    def _substitute_error(self, req: ApiRequest, messages: list[ApiMessage], path: str) -> None:
        """ApiMain::substituteResultWithError(): keep warnings, replace the data."""
        req.result.data = {}
        req.extra["errors"] = (path, messages)
        req.extra["error_codes"] = [m.code for m in messages]

    def _add_requested_fields(self, req: ApiRequest) -> None:
        p = req.params
        if p.peek("requestid") is not None:
            req.result.data["requestid"] = p.peek("requestid")
        if p.has("servedby") and self.wiki.config.show_hostnames:
            req.result.data["servedby"] = self.hostname
        if p.has("curtimestamp"):
            req.result.data["curtimestamp"] = timestamps.to_iso(timestamps.now())
        if p.has("responselanginfo"):
            req.result.data["uselang"] = req.lang
            req.result.data["errorlang"] = req.errorlang

    def _final_data(self, req: ApiRequest) -> dict[str, Any]:
        data: dict[str, Any] = {}
        formatter = self.wiki.formatter
        if "errors" in req.extra:
            path, messages = req.extra["errors"]
            data.update(render_errors(req, formatter, path, messages))
        if req.warnings:
            data["warnings"] = render_warnings(req, formatter, req.warnings)
        for key, value in req.result.data.items():
            data.setdefault(key, value)
        # Errors come first, then warnings, then the rest (MediaWiki adds them on top).
        first = ("error", "errors", "docref", "warnings")
        ordered: dict[str, Any] = {k: data[k] for k in first if k in data}
        ordered.update({k: v for k, v in data.items() if k not in ordered})
        return ordered
