"""What the AuthManager API modules share (Mirrors ApiAuthManagerHelper), and
ApiBase::addDeprecation().
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..i18n.messages import Message, RawMessage, strip_markup
from ..render.messages import message_html
from ..services.auth import FAIL, PASS, UI, AuthResult
from .errors import ApiMessage, ApiUsageError, code_for, escape_wikitext
from .params import Param
from .result import META_TYPE

if TYPE_CHECKING:
    from .request import ApiRequest


def add_deprecation(req: ApiRequest, key: str, feature: str, *params: Any) -> None:
    """Mirrors ApiBase::addDeprecation(): the warning plus the mailing-list hint on main."""
    req.warn(ApiMessage.of(key, *params, code="deprecation", data={"feature": feature}))
    req.warn(ApiMessage.of("api-usage-mailinglist-ref", code="deprecation-help"), path="main")


def standard_params(action: str, *wanted: str) -> tuple[Param, ...]:
    """Mirrors ApiAuthManagerHelper::getStandardParams()."""
    table = {
        "requests": Param(
            "requests",
            "string",
            multi=True,
            help="api-help-authmanagerhelper-requests",
            extra={"help_params": (action,)},
        ),
        "messageformat": Param(
            "messageformat",
            "enum",
            values=("html", "wikitext", "raw", "none"),
            default="wikitext",
            help="api-help-authmanagerhelper-messageformat",
        ),
        "mergerequestfields": Param(
            "mergerequestfields", "boolean", help="api-help-authmanagerhelper-mergerequestfields"
        ),
        "preservestate": Param(
            "preservestate", "boolean", help="api-help-authmanagerhelper-preservestate"
        ),
        "returnurl": Param("returnurl", "string", help="api-help-authmanagerhelper-returnurl"),
        "continue": Param("continue", "boolean", help="api-help-authmanagerhelper-continue"),
    }
    return tuple(table[name] for name in wanted)


def require_continue_or_returnurl(req: ApiRequest, prefix: str, params: dict[str, Any]) -> None:
    """ApiBase::requireAtLeastOneParameter() on continue/returnurl, then the URL check."""
    if not params["continue"] and params["returnurl"] is None:
        raise ApiUsageError(
            ApiMessage.of(
                "apierror-missingparam-at-least-one-of",
                _var_list(req, [f"{prefix}continue", f"{prefix}returnurl"]),
                2,
                code="missingparam",
            )
        )
    url = params["returnurl"]
    if url is not None and not _has_scheme(url):
        name = f"{prefix}returnurl"
        raise ApiUsageError(
            ApiMessage.of("apierror-badurl", name, escape_wikitext(url), code=f"badurl_{name}")
        )


def _var_list(req: ApiRequest, names: Sequence[str]) -> Any:
    from ..i18n.messages import ListParam

    return ListParam(tuple(f"<var>{n}</var>" for n in names), "text")


_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _has_scheme(url: str) -> bool:
    """wfParseUrl() succeeds with a scheme: "http://...", "mailto:...", or "//host/..."."""
    if url.startswith("//"):
        return len(url) > 2
    match = _SCHEME.match(url)
    if match is None:
        return False
    scheme = match.group(0)[:-1].lower()
    rest = url[len(scheme) + 1 :]
    known_colon = {
        "mailto",
        "news",
        "tel",
        "urn",
        "xmpp",
        "sip",
        "sips",
        "sms",
        "geo",
        "magnet",
        "bitcoin",
        "matrix",
    }
    return rest.startswith("//") or scheme in known_colon


def load_fields(
    req: ApiRequest, names: Sequence[str], sensitive: Sequence[str] = ()
) -> dict[str, str | None]:
    """ApiAuthManagerHelper::loadAuthenticationRequests(): read the requests' fields.

    The fields are unprefixed request parameters; they count as used, and the sensitive
    ones (passwords) must come in the POST body.
    """
    present = {n: req.params.get(n) for n in names}
    data = {n: v for n, v in present.items() if v is not None}
    if sensitive:
        req.extra.setdefault("sensitive", set()).update(sensitive)
        in_query = [n for n in sensitive if n in req.params.query_names]
        if in_query:
            from ..i18n.messages import ListParam

            raise ApiUsageError(
                ApiMessage.of(
                    "apierror-mustpostparams", ListParam(tuple(in_query), "comma"), len(in_query)
                )
            )
    return data  # type: ignore[return-value]


def format_message(req: ApiRequest, fmt: str, msg: Message) -> Any:
    """ApiAuthManagerHelper::formatMessage() for one message, in the request's language."""
    formatter = req.wiki.formatter(req.lang)
    if fmt == "wikitext":
        return formatter.text(msg)
    if fmt == "html":
        html = message_html(req.wiki, formatter.text(msg)).strip()
        match = re.fullmatch(r"<p>(.*?)\n?</p>", html, re.S)
        return match.group(1) if match else html
    if fmt == "raw":
        params = [formatter.text(p) if isinstance(p, RawMessage) else p for p in msg.raw_params()]
        return {"key": msg.key, "params": params}
    return None


def format_response(req: ApiRequest, result: AuthResult, fmt: str, merge: bool) -> dict[str, Any]:
    """Mirrors ApiAuthManagerHelper::formatAuthenticationResponse()."""
    out: dict[str, Any] = {"status": result.status}
    if result.status == PASS and result.username is not None:
        out["username"] = result.username
    if result.status == UI:
        out.update(_format_requests(req, result, fmt, merge))
    if result.status in (FAIL, UI) and result.message is not None:
        if fmt != "none":
            out["message"] = format_message(req, fmt, result.message)
        out["messagecode"] = code_for(result.message)
    if result.status == FAIL:
        # No provider offers to create an account from a failed login here.
        out["canpreservestate"] = False
        out["_BC_bools"] = []
    return out


def _format_requests(req: ApiRequest, result: AuthResult, fmt: str, merge: bool) -> dict[str, Any]:
    """The needed requests of the password-reset step (ResetPasswordSecondary::tryReset)."""
    required = "required" if result.hard else "optional"
    password_fields: dict[str, Any] = {
        "password": _field(req, fmt, "password", "newpassword", "authmanager-password-help", True),
        "retype": _field(req, fmt, "password", "retypenew", "authmanager-retype-help", True),
    }
    requests: list[dict[str, Any]] = [
        {
            "id": "MediaWiki\\Auth\\PasswordAuthenticationRequest",
            "metadata": {META_TYPE: "assoc"},
            "required": required,
            "provider": format_message(req, fmt, Message("authmanager-provider-password")),
            "account": format_message(req, fmt, RawMessage("$1", (result.username or "",))),
            "fields": password_fields,
        }
    ]
    button_fields: dict[str, Any] = {}
    if not result.hard:
        button_id = "MediaWiki\\Auth\\ButtonAuthenticationRequest:skipReset"
        button_fields = {
            "skipReset": _field(
                req,
                fmt,
                "button",
                "authprovider-resetpass-skip-label",
                "authprovider-resetpass-skip-help",
                False,
            )
        }
        requests.append(
            {
                "id": button_id,
                "metadata": {META_TYPE: "assoc"},
                "required": "optional",
                "provider": format_message(
                    req, fmt, RawMessage("$1", ("MediaWiki\\Auth\\ButtonAuthenticationRequest",))
                ),
                "account": format_message(req, fmt, RawMessage("$1", (button_id,))),
                "fields": button_fields,
            }
        )
    if merge:
        for entry in requests:
            entry.pop("fields")
        return {
            "requests": requests,
            "fields": {**password_fields, **button_fields, META_TYPE: "assoc"},
        }
    for entry in requests:
        entry["fields"][META_TYPE] = "assoc"
    return {"requests": requests}


def _field(req: ApiRequest, fmt: str, kind: str, label: str, help_key: str, sensitive: bool) -> Any:
    """ApiAuthManagerHelper::formatFields() for one field."""
    out: dict[str, Any] = {"type": kind}
    if fmt != "none":
        out["label"] = format_message(req, fmt, Message(label))
        out["help"] = format_message(req, fmt, Message(help_key))
    out["optional"] = False
    out["sensitive"] = sensitive
    return out


def plain_reason(req: ApiRequest, msg: Message) -> Any:
    """ApiLogin::formatMessage(): English plain text in bc, else the error formatter's."""
    if req.errorformat == "bc":
        return strip_markup(req.wiki.formatter("en").text(msg))
    from .errorformat import format_message as format_error

    value = format_error(req, req.wiki.formatter(req.errorlang), ApiMessage.wrap(msg))
    return value
