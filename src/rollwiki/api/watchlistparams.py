"""The watchlist parameters of write modules (Mirrors ApiWatchlistTrait::getWatchlistParams())."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..services.watchlist import WATCHLIST_VALUES
from .params import Param

if TYPE_CHECKING:
    from .request import ApiRequest


def watchlist_params(req: ApiRequest | None) -> tuple[Param, ...]:
    """Mirrors ApiWatchlistTrait::getWatchlistParams(): expiry only with $wgWatchlistExpiry."""
    params: tuple[Param, ...] = (
        Param("watchlist", "enum", values=WATCHLIST_VALUES, default="preferences"),
    )
    if req is not None and req.wiki.config.watchlist_expiry:
        params += (
            Param(
                "watchlistexpiry",
                "expiry",
                expiry_max=req.wiki.config.watchlist_expiry_max_duration,
            ),
        )
    return params
