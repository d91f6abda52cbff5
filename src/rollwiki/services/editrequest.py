"""The request and outcome of one edit, and how an edit fails (used by services.edit)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..api.errors import ApiMessage
from . import watchlist as wl
from .titles import Title

# ContentHandler::getDefaultFormat() of the models rollwiki stores.
CONTENT_FORMATS = {
    "wikitext": "text/x-wiki",
    "javascript": "text/javascript",
    "json": "application/json",
    "css": "text/css",
    "text": "text/plain",
}


class EditFailure(Exception):
    """The edit was refused; ``messages`` as the API reports them (first one in bc)."""

    def __init__(self, messages: list[ApiMessage]) -> None:
        super().__init__(messages[0].code)
        self.messages = messages


def fail(
    key: str, *params: Any, code: str | None = None, data: dict[str, Any] | None = None
) -> EditFailure:
    return EditFailure([ApiMessage.of(key, *params, code=code, data=data)])


@dataclass
class EditRequest:
    """The parameters of one edit, validated (action=edit's, in declaration order)."""

    title: Title
    section: str | None = None
    sectiontitle: str | None = None
    text: str | None = None
    summary: str | None = None
    tags: list[str] = field(default_factory=list)
    minor: bool = False
    notminor: bool = False
    bot: bool = False
    baserevid: int | None = None
    basetimestamp: str | None = None  # None also for "" and "0" (ApiEditPage treats as unset)
    starttimestamp: str | None = None
    recreate: bool = False
    createonly: bool = False
    nocreate: bool = False
    watch: bool = False
    unwatch: bool = False
    watchlist: str = "preferences"
    watchlistexpiry: wl.Expiry = None
    md5: str | None = None
    prependtext: str | None = None
    appendtext: str | None = None
    undo: int | None = None
    undoafter: int | None = None
    redirect: bool = False
    contentformat: str | None = None
    contentmodel: str | None = None


@dataclass
class EditOutcome:
    """What action=edit reports (fields in 1.39's order)."""

    title: str
    pageid: int
    contentmodel: str
    new: bool = False
    nochange: bool = False
    oldrevid: int = 0
    newrevid: int = 0
    newtimestamp: str = ""
    watched: bool = False
    watchlistexpiry: str | None = None
    redirects: dict[str, str] | None = None
    rev_id: int | None = None
    tags: list[str] = field(default_factory=list)
