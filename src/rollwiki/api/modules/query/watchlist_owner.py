"""Whose watchlist a watchlist module reads (Mirrors ApiBase::getWatchlistUser())."""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING, Any

from ....i18n.messages import Message
from ....storage.queries import users as uq
from ...errors import die, escape_wikitext

if TYPE_CHECKING:
    from ...request import ApiRequest


def watchlist_owner(req: ApiRequest, params: dict[str, Any]) -> tuple[int, str]:
    """(user id, name) of the watchlist: ``owner`` + ``token``, or the performer's own."""
    owner, token = params.get("owner"), params.get("token")
    if owner is not None and token is not None:

        def load(conn: Any) -> tuple[dict[str, Any] | None, str]:
            row = uq.user_by_name(conn, owner)
            options = uq.options_of(conn, row["user_id"]) if row else {}
            return row, str(options.get("watchlisttoken") or "")

        row, expected = req.wiki.db.read(load)
        if row is None:
            die("nosuchusershort", escape_wikitext(owner), code="bad_wlowner")
        assert row is not None
        if expected == "" or not hmac.compare_digest(expected, str(token)):
            die("apierror-bad-watchlist-token", code="bad_wltoken")
        return int(row["user_id"]), str(row["user_name"])
    performer = req.performer
    if not performer.is_registered:
        die("watchlistanontext", code="notloggedin")
    if not performer.allowed("viewmywatchlist"):
        # ApiBase::checkUserRightsAny(): "You don't have permission to view your watchlist."
        die("apierror-permissiondenied", Message("action-viewmywatchlist"))
    return performer.user_id, performer.name
