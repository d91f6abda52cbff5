"""Messages with machine-readable codes, and the base of domain errors.

Services raise :class:`DomainError` carrying :class:`ApiMessage` objects (a message key,
parameters, the API code derived as MediaWiki derives it, and extra data such as
``blockinfo``).  The API renders them as ``error``/``errors``; the web UI as error pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .i18n.messages import Message

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


class DomainError(Exception):
    """A failure of an HTTP-free service, described by one or more coded messages."""

    def __init__(self, messages: list[ApiMessage]) -> None:
        if not messages:
            raise ValueError("a DomainError needs at least one message")
        self.messages = list(messages)
        super().__init__(self.messages[0].code)

    @property
    def code(self) -> str:
        return self.messages[0].code
