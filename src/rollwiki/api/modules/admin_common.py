"""Checks and parameters shared by the administrative modules (block, protect, patrol ...)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NoReturn

from ...services.authorize import permission_errors
from ...services.blockuser import BlockError
from ...services.changetags import can_add_tags_accompanying_change
from ...services.titles import Title
from ...storage.queries import pages as pq
from ..errors import ApiMessage, ApiUsageError
from ..params import Param
from ..watchlistparams import watchlist_params
from .edit import resolve_title as edit_resolve_title

if TYPE_CHECKING:
    from ..request import ApiRequest


def raise_block_error(exc: BlockError) -> NoReturn:
    """A fatal Status from the block services, as ApiBase::dieStatus() reports it."""
    raise ApiUsageError(ApiMessage.wrap(exc.message, data=exc.data)) from None


def watchlist_expiry_param(req: ApiRequest | None) -> tuple[Param, ...]:
    """Only ``watchlistexpiry`` of ApiWatchlistTrait's parameters (action=block has
    ``watchuser`` instead of ``watchlist``); present only with $wgWatchlistExpiry."""
    return watchlist_params(req)[1:]


def resolve_title(req: ApiRequest, params: dict[str, Any]) -> tuple[Title, dict[str, Any] | None]:
    """Mirrors ApiBase::getTitleOrPageId(): the title and its page row (None if missing)."""
    title = edit_resolve_title(req, params)
    page = req.wiki.db.read(lambda c: pq.page_by_title(c, title.namespace, title.dbkey))
    return title, page


def check_page_action(req: ApiRequest, action: str, title: Title) -> None:
    """Mirrors ApiBase::checkTitleUserPermissions(): every reason, first one shown."""
    errors = req.wiki.db.read(
        lambda c: permission_errors(c, req.wiki, req.performer, action, title, lang=req.lang)
    )
    if errors:
        raise ApiUsageError(errors)


def check_tags(req: ApiRequest, tags: list[str] | None) -> None:
    if tags:
        denied = req.wiki.db.read(
            lambda c: can_add_tags_accompanying_change(c, req.performer, tags)
        )
        if denied is not None:
            raise ApiUsageError(ApiMessage.wrap(denied))
