"""Watching pages as a side effect of an action (Mirrors ApiWatchlistTrait + WatchlistManager).

Used by the administrative modules (block's ``watchuser``, protect's ``watchlist``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from sqlalchemy import Connection

from ..storage.queries import pages as pq
from ..storage.queries import watchlist as wq
from . import timestamps
from .performer import Performer
from .titles import Title, TitleParser


def is_watched(conn: Connection, performer: Performer, title: Title) -> bool:
    return (
        wq.watched_item(conn, performer.user_id, title.namespace, title.dbkey, timestamps.mw_now())
        is not None
    )


def watch_value(
    conn: Connection,
    performer: Performer,
    title: Title,
    watchlist: str,
    user_option: str | None,
) -> bool:
    """Mirrors ApiWatchlistTrait::getWatchlistValue()."""
    watching = is_watched(conn, performer, title)
    if watchlist == "watch":
        return True
    if watchlist == "unwatch":
        return False
    if watchlist == "preferences":
        if watching:
            return True
        if performer.allowed("bot"):
            return watching
        if user_option is None:
            exists = pq.page_by_title(conn, title.namespace, title.dbkey) is not None
            return bool(performer.option("watchdefault")) or (
                bool(performer.option("watchcreations")) and not exists
            )
        return bool(performer.option(user_option))
    return watching


def set_watch(
    conn: Connection,
    performer: Performer,
    titles: TitleParser,
    title: Title,
    watch: bool,
    expiry: datetime | Literal["infinity"] | None,
) -> None:
    """Mirrors WatchlistManager::setWatch(): subject and talk page, only when it changes."""
    if not performer.is_registered:
        return
    now_ts = timestamps.mw_now()
    old = wq.watched_item(conn, performer.user_id, title.namespace, title.dbkey, now_ts)
    expiry_ts = None
    if expiry is not None and expiry != "infinity":
        expiry_ts = timestamps.to_mw(expiry)
    changing = (old is not None) != watch
    if old is not None and expiry is not None:
        changing = changing or (old["wl_expiry"] or "infinity") != (expiry_ts or "infinity")
    if not changing:
        return
    talk = titles.talk(title) if title.namespace >= 0 else title
    items = list(dict.fromkeys([(title.namespace, title.dbkey), (talk.namespace, talk.dbkey)]))
    if watch:
        wq.watch(conn, performer.user_id, items, expiry_ts, keep_expiry=expiry is None)
    elif performer.allowed("editmywatchlist"):
        wq.unwatch(conn, performer.user_id, items)


def watched_expiry(conn: Connection, performer: Performer, title: Title) -> str | None:
    """Mirrors ApiWatchlistTrait::getWatchlistExpiry(): ISO 8601, or None when permanent."""
    item = wq.watched_item(
        conn, performer.user_id, title.namespace, title.dbkey, timestamps.mw_now()
    )
    if item is None or item["wl_expiry"] is None:
        return None
    return timestamps.to_iso(str(item["wl_expiry"]))
