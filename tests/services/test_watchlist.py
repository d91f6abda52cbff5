"""Watchlist: watch/unwatch with talk pages, expiries, and the watchlist parameter rules."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from rollwiki.services import timestamps
from rollwiki.services import watchlist as wl
from rollwiki.services.performer import Performer, performer_from_row
from rollwiki.services.wiki import Wiki
from rollwiki.storage.queries import users as uq
from rollwiki.storage.schema import watchlist as watchlist_table

START = datetime(2026, 11, 1, 12, 0, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.value = START

    def __call__(self) -> datetime:
        return self.value

    def advance(self, **delta: float) -> None:
        self.value += timedelta(**delta)


@pytest.fixture
def clock() -> Iterator[Clock]:
    c = Clock()
    timestamps.set_clock(c)
    yield c
    timestamps.set_clock(None)


def load(wiki: Wiki, user_id: int, options: dict[str, Any] | None = None) -> Performer:
    def fn(conn: Any) -> Performer:
        row = uq.user_by_id(conn, user_id)
        assert row is not None
        defaults = dict(wiki.config.default_user_options)
        defaults.update(options or {})
        return performer_from_row(conn, row, "127.0.0.1", wiki.permissions, defaults)

    return wiki.db.read(fn)


def rows(wiki: Wiki, user_id: int) -> list[tuple[int, str, str | None]]:
    return wiki.db.read(
        lambda c: [
            (r.wl_namespace, r.wl_title, r.wl_expiry)
            for r in c.execute(
                select(watchlist_table)
                .where(watchlist_table.c.wl_user == user_id)
                .order_by(watchlist_table.c.wl_namespace, watchlist_table.c.wl_title)
            )
        ]
    )


@pytest.fixture
def expiry_wiki(wiki: Wiki) -> Wiki:
    wiki.config = wiki.config.with_overrides({"watchlist_expiry": True})
    return wiki


def test_watching_a_page_watches_its_talk_page_too(
    wiki: Wiki, make_user: Callable[..., int], clock: Clock
) -> None:
    uid = make_user("Editor")
    title = wiki.titles.parse("Talk:Some page")
    wiki.db.write(lambda c: wl.add_watch(c, wiki, uid, title, None))
    assert rows(wiki, uid) == [(0, "Some_page", None), (1, "Some_page", None)]
    wiki.db.write(lambda c: wl.remove_watch(c, wiki, uid, wiki.titles.parse("Some page")))
    assert rows(wiki, uid) == []


def test_expiry_is_ignored_when_the_feature_is_off(
    wiki: Wiki, make_user: Callable[..., int], clock: Clock
) -> None:
    uid = make_user("Editor")
    title = wiki.titles.parse("Page")
    wiki.db.write(lambda c: wl.add_watch(c, wiki, uid, title, START + timedelta(days=1)))
    assert rows(wiki, uid) == [(0, "Page", None), (1, "Page", None)]


def test_expired_watches_are_invisible_and_revived_fresh(
    expiry_wiki: Wiki, make_user: Callable[..., int], clock: Clock
) -> None:
    wiki = expiry_wiki
    uid = make_user("Editor")
    title = wiki.titles.parse("Page")
    wiki.db.write(lambda c: wl.add_watch(c, wiki, uid, title, START + timedelta(days=1)))
    assert wiki.db.read(lambda c: wl.watched_expiry(c, uid, title)) == "2026-11-02T12:00:00Z"
    clock.advance(days=1, seconds=1)
    assert not wiki.db.read(lambda c: wl.is_watched(c, uid, title))
    # Re-watching without an expiry does not resurrect the old expiry.
    wiki.db.write(lambda c: wl.add_watch(c, wiki, uid, title, None))
    assert wiki.db.read(lambda c: wl.is_watched(c, uid, title))
    assert rows(wiki, uid) == [(0, "Page", None), (1, "Page", None)]


def test_expiry_is_clamped_to_the_maximum_duration(
    expiry_wiki: Wiki, make_user: Callable[..., int], clock: Clock
) -> None:
    wiki = expiry_wiki
    uid = make_user("Editor")
    title = wiki.titles.parse("Page")
    wiki.db.write(lambda c: wl.add_watch(c, wiki, uid, title, START + timedelta(days=5000)))
    limit = timestamps.parse_expiry(wiki.config.watchlist_expiry_max_duration)
    assert limit != "infinity"
    assert rows(wiki, uid)[0][2] == timestamps.to_mw(limit)


def test_no_expiry_keeps_an_existing_one_and_infinity_clears_it(
    expiry_wiki: Wiki, make_user: Callable[..., int], clock: Clock
) -> None:
    wiki = expiry_wiki
    uid = make_user("Editor")
    title = wiki.titles.parse("Page")
    soon = START + timedelta(days=3)
    wiki.db.write(lambda c: wl.add_watch(c, wiki, uid, title, soon))
    wiki.db.write(lambda c: wl.add_watch(c, wiki, uid, title, None))
    assert rows(wiki, uid)[0][2] == timestamps.to_mw(soon)
    wiki.db.write(lambda c: wl.add_watch(c, wiki, uid, title, "infinity"))
    assert rows(wiki, uid)[0][2] is None


# (value, preference key, options, already watched, page exists, bot, expected watched)
VALUE_CASES = [
    ("watch", None, {}, False, True, False, True),
    ("unwatch", None, {}, True, True, False, False),
    ("nochange", None, {}, True, True, False, True),
    ("nochange", None, {}, False, True, False, False),
    ("preferences", None, {"watchdefault": 1}, False, True, False, True),
    ("preferences", None, {"watchdefault": 0, "watchcreations": 1}, False, False, False, True),
    ("preferences", None, {"watchdefault": 0, "watchcreations": 1}, False, True, False, False),
    ("preferences", None, {"watchdefault": 1}, False, True, True, False),
    ("preferences", None, {}, True, True, True, True),
    ("preferences", "watchrollback", {"watchrollback": 0}, False, True, False, False),
    ("preferences", "watchrollback", {"watchrollback": 1}, False, True, False, True),
]


@pytest.mark.parametrize(
    ("value", "key", "options", "watched", "exists", "bot", "expected"), VALUE_CASES
)
def test_watchlist_parameter_semantics(
    wiki: Wiki,
    make_user: Callable[..., int],
    clock: Clock,
    value: str,
    key: str | None,
    options: dict[str, Any],
    watched: bool,
    exists: bool,
    bot: bool,
    expected: bool,
) -> None:
    uid = make_user("Someone", ["bot"] if bot else [])
    who = load(wiki, uid, options)
    title = wiki.titles.parse("Page")
    if watched:
        wiki.db.write(lambda c: wl.add_watch(c, wiki, uid, title, None))
    result = wiki.db.write(
        lambda c: wl.apply_watchlist(c, wiki, who, title, value, None, key, page_exists=exists)
    )
    assert result is expected
    assert wiki.db.read(lambda c: wl.is_watched(c, uid, title)) is expected


def test_nochange_with_an_expiry_updates_an_already_watched_page(
    expiry_wiki: Wiki, make_user: Callable[..., int], clock: Clock
) -> None:
    wiki = expiry_wiki
    uid = make_user("Editor")
    who = load(wiki, uid)
    title = wiki.titles.parse("Page")
    wiki.db.write(lambda c: wl.add_watch(c, wiki, uid, title, None))
    later = START + timedelta(days=30)
    wiki.db.write(lambda c: wl.apply_watchlist(c, wiki, who, title, "nochange", later))
    assert rows(wiki, uid)[0][2] == timestamps.to_mw(later)
    # ...but not a page that is not watched.
    other = wiki.titles.parse("Other")
    wiki.db.write(lambda c: wl.apply_watchlist(c, wiki, who, other, "nochange", later))
    assert not wiki.db.read(lambda c: wl.is_watched(c, uid, other))


def test_unwatching_needs_editmywatchlist_but_watching_does_not(
    wiki: Wiki, make_user: Callable[..., int], make_bot_password: Callable[..., str], clock: Clock
) -> None:
    uid = make_user("Editor")
    make_bot_password(uid, "app", ["basic", "editpage"])
    row = wiki.db.read(lambda c: uq.user_by_id(c, uid))

    def fn(conn: Any) -> Performer:
        assert row is not None
        return performer_from_row(
            conn, row, "127.0.0.1", wiki.permissions, {}, "app", ["basic", "editpage"]
        )

    limited = wiki.db.read(fn)
    assert not limited.allowed("editmywatchlist")
    title = wiki.titles.parse("Page")
    # WatchlistManager::setWatch(): edits may add watches without the right...
    wiki.db.write(lambda c: wl.apply_watchlist(c, wiki, limited, title, "watch"))
    assert wiki.db.read(lambda c: wl.is_watched(c, uid, title))
    # ...but removing one silently needs it.
    wiki.db.write(lambda c: wl.apply_watchlist(c, wiki, limited, title, "unwatch"))
    assert wiki.db.read(lambda c: wl.is_watched(c, uid, title))


def test_special_pages_cannot_be_watched(wiki: Wiki, make_user: Callable[..., int]) -> None:
    uid = make_user("Editor")
    title = wiki.titles.parse("Special:Version")
    assert not wl.is_watchable(title)
    assert not wiki.db.write(lambda c: wl.add_watch(c, wiki, uid, title, None))
    assert rows(wiki, uid) == []
