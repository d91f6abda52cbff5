"""API errors: messages with API codes, raised by modules and rendered in one place.

Mirrors ApiMessage / ApiUsageException.  Modules never build error JSON: they raise
``ApiUsageError`` (usually through :func:`die`), and ``api/main.py`` renders it in the
request's errorformat, with ``docref`` and the ``MediaWiki-API-Error`` header.

Error tree::

    ApiUsageError            one or more ApiMessages (+ HTTP status, 200 by default)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NoReturn

from ..i18n.messages import Message

# ApiMessageTrait::$messageMap (1.39): legacy message keys with their own API codes.
_LEGACY_CODES = {
    "actionthrottledtext": "ratelimited",
    "autoblockedtext": "autoblocked",
    "badaccess-group0": "permissiondenied",
    "badaccess-groups": "permissiondenied",
    "badipaddress": "invalidip",
    "blankpage": "emptypage",
    "blockedtext": "blocked",
    "blockedtext-composite": "blocked",
    "blockedtext-partial": "blocked",
    "cannotdelete": "cantdelete",
    "cannotundelete": "cantundelete",
    "cantmove-titleprotected": "protectedtitle",
    "cantrollback": "onlyauthor",
    "confirmedittext": "confirmemail",
    "content-not-allowed-here": "contentnotallowedhere",
    "deleteprotected": "cantedit",
    "delete-toobig": "bigdelete",
    "edit-conflict": "editconflict",
    "importbadinterwiki": "badinterwiki",
    "importcantopen": "cantopenfile",
    "import-noarticle": "badinterwiki",
    "importnofile": "nofile",
    "importuploaderrorpartial": "partialupload",
    "importuploaderrorsize": "filetoobig",
    "importuploaderrortemp": "notempdir",
    "ipb_already_blocked": "alreadyblocked",
    "ipb_blocked_as_range": "blockedasrange",
    "ipb_cant_unblock": "cantunblock",
    "ipb_expiry_invalid": "invalidexpiry",
    "ip_range_invalid": "invalidrange",
    "mailnologin": "cantsend",
    "markedaspatrollederror-noautopatrol": "noautopatrol",
    "movenologintext": "cantmove-anon",
    "movenotallowed": "cantmove",
    "movenotallowedfile": "cantmovefile",
    "namespaceprotected": "protectednamespace",
    "nocreate-loggedin": "cantcreate",
    "nocreatetext": "cantcreate-anon",
    "noname": "invaliduser",
    "nosuchusershort": "nosuchuser",
    "notanarticle": "missingtitle",
    "nouserspecified": "invaliduser",
    "ns-specialprotected": "unsupportednamespace",
    "protect-cantedit": "cantedit",
    "protectedinterface": "protectednamespace-interface",
    "protectedpagetext": "protectedpage",
    "range_block_disabled": "rangedisabled",
    "rcpatroldisabled": "patroldisabled",
    "readonlytext": "readonly",
    "sessionfailure": "badtoken",
    "systemblockedtext": "blocked",
    "titleprotected": "protectedtitle",
    "undo-failure": "undofailure",
    "userrights-nodatabase": "nosuchdatabase",
    "userrights-no-interwiki": "nointerwikiuserrights",
}

_INVALID_CODE_CHARS = re.compile(r"[^a-zA-Z0-9_-]")


def code_for(msg: Message) -> str:
    """Mirrors ApiMessageTrait::getApiCode(): the API code derived from a message key."""
    key = msg.key
    if key in _LEGACY_CODES:
        code = _LEGACY_CODES[key]
    elif key == "apierror-missingparam" and msg.params:
        code = f"no{msg.params[0]}"
    elif key.startswith("apiwarn-"):
        code = key[8:]
    elif key.startswith("apierror-"):
        code = key[9:]
    else:
        code = key
    return _INVALID_CODE_CHARS.sub("_", code)


@dataclass(frozen=True)
class ApiMessage:
    """A message plus its API code and extra data (Mirrors ApiMessage)."""

    message: Message
    code: str
    data: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(
        cls, key: str, *params: Any, code: str | None = None, data: dict[str, Any] | None = None
    ) -> ApiMessage:
        msg = Message(key, tuple(params))
        return cls(msg, code or code_for(msg), dict(data or {}))

    @classmethod
    def wrap(
        cls, msg: Message, code: str | None = None, data: dict[str, Any] | None = None
    ) -> ApiMessage:
        return cls(msg, code or code_for(msg), dict(data or {}))


class ApiUsageError(Exception):
    """Mirrors ApiUsageException: the request failed with these messages."""

    def __init__(
        self,
        messages: ApiMessage | list[ApiMessage],
        *,
        module_path: str | None = None,
        http_status: int = 200,
    ) -> None:
        self.messages = [messages] if isinstance(messages, ApiMessage) else list(messages)
        if not self.messages:
            raise ValueError("ApiUsageError needs at least one message")
        self.module_path = module_path
        self.http_status = http_status
        super().__init__(self.messages[0].code)

    @property
    def code(self) -> str:
        return self.messages[0].code


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
