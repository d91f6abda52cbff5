"""API errors: messages with API codes, raised by modules and rendered in one place.

Mirrors ApiMessage / ApiUsageException.  Modules never build error JSON: they raise
``ApiUsageError`` (usually through :func:`die`), and ``api/main.py`` renders it in the
request's errorformat, with ``docref`` and the ``MediaWiki-API-Error`` header.

Error tree::

    DomainError (rollwiki.errors)   a service failed: one or more ApiMessages
      ApiUsageError                 ... raised by the API layer (+ HTTP status, module path)

Services raise DomainError; the pipeline renders any DomainError the same way.
"""

from __future__ import annotations

import re
from typing import Any, NoReturn

from ..errors import ApiMessage, DomainError, code_for

__all__ = ["ApiMessage", "ApiUsageError", "DomainError", "code_for", "die", "escape_wikitext"]


class ApiUsageError(DomainError):
    """Mirrors ApiUsageException: the request failed with these messages."""

    def __init__(
        self,
        messages: ApiMessage | list[ApiMessage],
        *,
        module_path: str | None = None,
        http_status: int = 200,
    ) -> None:
        super().__init__([messages] if isinstance(messages, ApiMessage) else list(messages))
        self.module_path = module_path
        self.http_status = http_status


def die(
    key: str,
    *params: Any,
    code: str | None = None,
    data: dict[str, Any] | None = None,
    http_status: int = 200,
) -> NoReturn:
    """Mirrors ApiBase::dieWithError()."""
    raise ApiUsageError(ApiMessage.of(key, *params, code=code, data=data), http_status=http_status)


def die_messages(messages: list[ApiMessage]) -> NoReturn:
    """Mirrors ApiBase::dieStatus(): every message of a failed status, first one shown in bc."""
    raise ApiUsageError(messages)


def escape_wikitext(text: str) -> str:
    """Mirrors wfEscapeWikiText(): make user text inert inside a wikitext message."""
    escaped = _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group(0)], "\n" + text)[1:]
    return _PROTOCOL_RE.sub(r"\1&#58;", escaped)


_ESCAPES = {
    '"': "&#34;",
    "&": "&#38;",
    "'": "&#39;",
    "<": "&#60;",
    "=": "&#61;",
    ">": "&#62;",
    "[": "&#91;",
    "]": "&#93;",
    "{": "&#123;",
    "|": "&#124;",
    "}": "&#125;",
    ";": "&#59;",
    "\n#": "\n&#35;",
    "\r#": "\r&#35;",
    "\n*": "\n&#42;",
    "\r*": "\r&#42;",
    "\n:": "\n&#58;",
    "\r:": "\r&#58;",
    "\n ": "\n&#32;",
    "\r ": "\r&#32;",
    "\n\n": "\n&#10;",
    "\r\n": "&#13;\n",
    "\n\r": "\n&#13;",
    "\r\r": "\r&#13;",
    "\n\t": "\n&#9;",
    "\r\t": "\r&#9;",
    "\n----": "\n&#45;---",
    "\r----": "\r&#45;---",
    "__": "_&#95;",
    "://": "&#58;//",
}
# strtr() semantics: at each position the longest matching key wins.
_ESCAPE_RE = re.compile("|".join(re.escape(k) for k in sorted(_ESCAPES, key=len, reverse=True)))
# $wgUrlProtocols entries that do not use "://" (1.39 defaults).
_PROTOCOL_RE = re.compile(
    r"\b(bitcoin|geo|magnet|mailto|matrix|news|sip|sips|sms|tel|urn|xmpp):", re.IGNORECASE
)
