"""Checks and parameters shared by the administrative modules (block, protect, patrol ...).

The permission checks here are the subset of ApiBase::checkTitleUserPermissions() these
modules need (the right, then the block).  Once services/authorize.py is merged, it should
take over ``check_page_action`` (cascading and namespace protection, rate limits ...).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NoReturn

from ...services.blocks import block_message_key, blockinfo, find_block
from ...services.blockuser import BlockError
from ...services.changetags import can_add_tags_accompanying_change
from ...services.titles import MalformedTitle, Title
from ...storage.queries import pages as pq
from ..errors import ApiMessage, ApiUsageError, die, escape_wikitext
from ..params import Param

if TYPE_CHECKING:
    from ..request import ApiRequest


def raise_block_error(exc: BlockError) -> NoReturn:
    """A fatal Status from the block services, as ApiBase::dieStatus() reports it."""
    raise ApiUsageError(ApiMessage.wrap(exc.message, data=exc.data)) from None


def watchlist_expiry_param(req: ApiRequest | None) -> tuple[Param, ...]:
    """The ``watchlistexpiry`` parameter exists only when $wgWatchlistExpiry is on."""
    if req is None or not req.wiki.config.watchlist_expiry:
        return ()
    return (
        Param(
            "watchlistexpiry",
            "expiry",
            expiry_max=req.wiki.config.watchlist_expiry_max_duration,
        ),
    )


def resolve_title(req: ApiRequest, params: dict[str, Any]) -> tuple[Title, dict[str, Any] | None]:
    """Mirrors ApiBase::getTitleOrPageId(): the title and its page row (None if missing)."""
    req.require_one_of(params, "title", "pageid")
    wiki = req.wiki
    if params["title"] is not None:
        try:
            title = wiki.titles.parse(params["title"])
        except MalformedTitle:
            die("apierror-invalidtitle", escape_wikitext(params["title"]))
        if title.is_external:
            die("apierror-invalidtitle", escape_wikitext(params["title"]))
        if title.namespace < 0:
            die("apierror-pagecannotexist")
        page = wiki.db.read(lambda c: pq.page_by_title(c, title.namespace, title.dbkey))
        return title, page
    page = wiki.db.read(lambda c: pq.page_by_id(c, params["pageid"]))
    if page is None:
        die("apierror-nosuchpageid", params["pageid"])
    return Title(page["page_namespace"], page["page_title"].replace("_", " ")), page


def check_page_action(req: ApiRequest, right: str, title: Title, page_id: int | None) -> None:
    """The rights and block checks of ApiBase::checkTitleUserPermissions() for one action."""
    performer = req.performer
    messages = []
    if not performer.allowed(right):
        messages.append(
            ApiMessage.wrap(req.wiki.permissions.missing_right_message(right, req.lang))
        )
    block = req.wiki.db.read(lambda c: find_block(c, performer))
    if block is not None and block.applies_to_page(page_id, title.namespace):
        messages.append(
            ApiMessage.of(block_message_key(block), data={"blockinfo": blockinfo(block, req.lang)})
        )
    if messages:
        raise ApiUsageError(messages)


def check_tags(req: ApiRequest, tags: list[str] | None) -> None:
    if tags:
        denied = req.wiki.db.read(
            lambda c: can_add_tags_accompanying_change(c, req.performer, tags)
        )
        if denied is not None:
            raise ApiUsageError(ApiMessage.wrap(denied))
