"""Watching pages: WatchlistManager, WatchedItemStore and ApiWatchlistTrait of MediaWiki 1.39.

A title is always watched together with its talk (or subject) page.  Expiries are 14-digit
timestamps; ``None`` in the table means permanent.  An expired watch is invisible
everywhere: it is neither "watched" nor does it keep its old expiry when re-watched.

Write modules (edit, rollback, ...) take a ``watchlist`` parameter; :func:`apply_watchlist`
is their one call::

    watched = apply_watchlist(conn, wiki, performer, title, "preferences", expiry,
                              preference_key="watchrollback")
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Connection

from ..storage.queries import watchlist as wq
from . import timestamps
from .performer import Performer
from .titles import Title
from .wiki import Wiki

Expiry = datetime | Literal["infinity"] | str | None
WATCHLIST_VALUES = ("watch", "unwatch", "preferences", "nochange")


def is_watchable(title: Title) -> bool:
    """Mirrors WatchlistManager::isWatchable(): local pages in namespaces >= 0."""
    return title.namespace >= 0 and not title.interwiki and title.text != ""


def _pair(wiki: Wiki, title: Title) -> list[Title]:
    subject = wiki.titles.subject(title)
    return [subject, wiki.titles.talk(subject)]


def normalize_expiry(wiki: Wiki, expiry: Expiry) -> str | None:
    """A validated expiry as stored: a clamped 14-digit timestamp, "infinity", or None
    ("not given").  Mirrors ExpiryDef::normalizeUsingMaxExpiry()."""
    if expiry is None:
        return None
    if expiry == "infinity" or expiry in ("infinite", "indefinite", "never"):
        return "infinity"
    if isinstance(expiry, str):
        expiry = timestamps.from_mw(expiry)
    clamped, _ = timestamps.clamp_expiry(expiry, wiki.config.watchlist_expiry_max_duration)
    return timestamps.expiry_to_db(clamped)


def format_expiry(expiry: str | None) -> str | None:
    """Mirrors ApiResult::formatExpiry(): ISO 8601, or "infinity"; None stays None."""
    if expiry is None:
        return None
    if expiry == "infinity":
        return "infinity"
    return timestamps.to_iso(expiry)


def watched_item(
    conn: Connection, user_id: int, title: Title, now_ts: str | None = None
) -> dict[str, Any] | None:
    """The live watch of one title (WatchedItemStore::getWatchedItem), or None."""
    if not user_id or not is_watchable(title):
        return None
    return wq.watched_item(
        conn, user_id, title.namespace, title.dbkey, now_ts or timestamps.mw_now()
    )


def is_watched(conn: Connection, user_id: int, title: Title) -> bool:
    return watched_item(conn, user_id, title) is not None


def watched_expiry(conn: Connection, user_id: int, title: Title) -> str | None:
    """The ISO expiry of a temporary watch; None for permanent or no watch."""
    item = watched_item(conn, user_id, title)
    return format_expiry(item["wl_expiry"]) if item else None


def add_watch(conn: Connection, wiki: Wiki, user_id: int, title: Title, expiry: Expiry) -> bool:
    """Mirrors WatchlistManager::addWatchIgnoringRights(): the page and its talk page.

    With watchlist expiry off every watch is permanent and an expiry is ignored.
    """
    if not user_id or not is_watchable(title):
        return False
    stored = normalize_expiry(wiki, expiry) if wiki.config.watchlist_expiry else None
    value = None if stored in (None, "infinity") else stored
    keep = stored is None
    now_ts = timestamps.mw_now()
    changed = False
    for page in _pair(wiki, title):
        changed |= wq.add_watch(
            conn, user_id, page.namespace, page.dbkey, value, now_ts, keep_expiry=keep
        )
    return changed


def remove_watch(conn: Connection, wiki: Wiki, user_id: int, title: Title) -> bool:
    """Mirrors WatchlistManager::removeWatchIgnoringRights(): the page and its talk page."""
    if not user_id or not is_watchable(title):
        return False
    now_ts = timestamps.mw_now()
    removed = False
    for page in _pair(wiki, title):
        removed |= wq.remove_watch(conn, user_id, page.namespace, page.dbkey, now_ts)
    return removed


def set_watch(
    conn: Connection, wiki: Wiki, performer: Performer, title: Title, watch: bool, expiry: Expiry
) -> None:
    """Mirrors WatchlistManager::setWatch().

    Adding needs no right (edits of users without ``editmywatchlist`` still watch pages);
    removing needs ``editmywatchlist`` and silently does nothing without it.
    """
    if not performer.is_registered or not is_watchable(title):
        return
    old = watched_item(conn, performer.user_id, title)
    changing = (old is not None) != watch
    stored = normalize_expiry(wiki, expiry) if wiki.config.watchlist_expiry else None
    if old is not None and stored is not None:
        changing = changing or (old["wl_expiry"] or "infinity") != stored
    if not changing:
        return
    if watch:
        add_watch(conn, wiki, performer.user_id, title, expiry)
    elif performer.allowed("editmywatchlist"):
        remove_watch(conn, wiki, performer.user_id, title)


def watchlist_value(
    conn: Connection,
    performer: Performer,
    title: Title,
    value: str,
    preference_key: str | None = None,
    *,
    page_exists: bool = True,
    defaults: dict[str, Any] | None = None,
) -> bool:
    """Mirrors ApiWatchlistTrait::getWatchlistValue(): should the page end up watched?

    ``preferences`` without a ``preference_key`` is action=edit's rule: ``watchdefault``, or
    ``watchcreations`` for a page that does not exist yet.  Anonymous performers carry no
    options: ``defaults`` (the wiki's default user options) answer for them.
    """
    options = dict(defaults or {})
    options.update(performer.options)
    watching = is_watched(conn, performer.user_id, title)
    if value == "watch":
        return True
    if value == "unwatch":
        return False
    if value == "preferences":
        if watching:
            return True
        if performer.allowed("bot"):
            return watching
        if preference_key is None:
            return _bool_option(options, "watchdefault") or (
                _bool_option(options, "watchcreations") and not page_exists
            )
        return _bool_option(options, preference_key)
    return watching


def _bool_option(options: dict[str, Any], name: str) -> bool:
    value = options.get(name)
    return bool(value) and value not in ("0", "")


def apply_watchlist(
    conn: Connection,
    wiki: Wiki,
    performer: Performer,
    title: Title,
    value: str,
    expiry: Expiry = None,
    preference_key: str | None = None,
    *,
    page_exists: bool = True,
) -> bool:
    """The ``watchlist``/``watchlistexpiry`` parameters of a write module, applied.

    Mirrors ApiWatchlistTrait::setWatch() (getWatchlistValue + WatchlistManager::setWatch):
    returns whether the page should be watched, which is what modules report.
    """
    watch = watchlist_value(
        conn,
        performer,
        title,
        value,
        preference_key,
        page_exists=page_exists,
        defaults=wiki.config.default_user_options,
    )
    set_watch(conn, wiki, performer, title, watch, expiry)
    return watch
