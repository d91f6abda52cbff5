"""Rendering errors and warnings in the request's errorformat (Mirrors ApiErrorFormatter).

``bc`` (the default) is always English and shows one error; ``plaintext``, ``wikitext``,
``html``, ``raw`` and ``none`` list every message in ``errorlang``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..i18n.messages import Formatter, strip_markup
from ..render.messages import message_html
from .errors import ApiMessage
from .result import META_CONTENT, META_TYPE

if TYPE_CHECKING:
    from .request import ApiRequest

FormatterFactory = Callable[[str], Formatter]


def _docref(req: ApiRequest, formatter: Formatter) -> str:
    link = req.wiki.api_url()
    return (
        formatter.text("api-usage-docref", link) + " " + formatter.text("api-usage-mailinglist-ref")
    ).strip()


def format_message(req: ApiRequest, formatter: Formatter, msg: ApiMessage) -> dict[str, Any]:
    """ApiErrorFormatter::formatMessageInternal() for the non-bc formats."""
    value: dict[str, Any] = {"code": msg.code}
    fmt = req.errorformat
    if fmt == "plaintext":
        value["text"] = strip_markup(formatter.text(msg.message))
        value[META_CONTENT] = "text"
    elif fmt == "wikitext":
        value["text"] = formatter.text(msg.message)
        value[META_CONTENT] = "text"
    elif fmt == "html":
        value["html"] = message_html(req.wiki, formatter.text(msg.message), formatter.lang)
        value[META_CONTENT] = "html"
    elif fmt == "raw":
        value["key"] = msg.message.key
        value["params"] = msg.message.raw_params()
    if msg.data:
        value["data"] = {**msg.data, META_TYPE: "assoc"}
    return value


def render_errors(
    req: ApiRequest, formatters: FormatterFactory, path: str, messages: list[ApiMessage]
) -> dict[str, Any]:
    if req.errorformat == "bc":
        en = formatters("en")
        first = messages[0]
        error: dict[str, Any] = {"code": first.code, "info": strip_markup(en.text(first.message))}
        error.update(first.data)
        error["docref"] = _docref(req, en)
        error[META_CONTENT] = "docref"
        return {"error": error}
    formatter = formatters(req.errorlang)
    errors = []
    for msg in messages:
        value = format_message(req, formatter, msg)
        value["module"] = path
        if value not in errors:
            errors.append(value)
    return {"errors": errors, "docref": _docref(req, formatter), META_CONTENT: "docref"}


def render_warnings(
    req: ApiRequest, formatters: FormatterFactory, warnings: list[tuple[str, ApiMessage]]
) -> Any:
    if req.errorformat == "bc":
        en = formatters("en")
        out: dict[str, Any] = {}
        for path, msg in warnings:
            name = path.rsplit("+", 1)[-1]
            text = strip_markup(en.text(msg.message))
            existing = out.get(name)
            if existing is not None:
                lines = existing["warnings"].split("\n")
                if text in lines:
                    continue
                text = existing["warnings"] + "\n" + text
            out[name] = {"warnings": text, META_CONTENT: "warnings"}
        # ApiErrorFormatter_BackCompat adds each module's entry ADD_ON_TOP: the module
        # that warned last comes first (observed: "main" before "login").
        return dict(reversed(list(out.items())))
    formatter = formatters(req.errorlang)
    result = []
    for path, msg in warnings:
        value = format_message(req, formatter, msg)
        value["module"] = path
        if value not in result:
            result.append(value)
    return result
