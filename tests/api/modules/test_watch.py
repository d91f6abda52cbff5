"""action=watch over HTTP: page-set output as MediaWiki 1.39, and the watchlist table after."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from rollwiki.app import create_app
from rollwiki.services import timestamps
from rollwiki.services.pageupdater import Author, NewRevision, save_revision
from rollwiki.services.sessions import Session
from rollwiki.services.wiki import Wiki
from rollwiki.storage.queries import users as uq
from rollwiki.storage.schema import watchlist

NOW = datetime(2026, 11, 26, 19, 5, 44, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fixed_clock() -> Iterator[None]:
    timestamps.set_clock(lambda: NOW)
    yield
    timestamps.set_clock(None)


class Watcher:
    def __init__(self, wiki: Wiki, user_id: int = 0) -> None:
        self.http = TestClient(create_app(wiki=wiki))
        session = Session()
        self.token = "+\\"
        if user_id:
            session.log_in(user_id)
            self.token = session.token("watch", anonymous=False)
            wiki.db.write(lambda c: wiki.sessions.save(c, session))
            assert session.raw_id is not None
            self.http.cookies.set(f"{wiki.config.wikiid}_session", session.raw_id)

    def watch(self, **params: Any) -> Any:
        data = {"action": "watch", "format": "json", "token": self.token, **params}
        return self.http.post("/w/api.php", data={k: str(v) for k, v in data.items()})


def create(wiki: Wiki, name: str) -> None:
    title = wiki.titles.parse(name)

    def fn(conn: Any) -> None:
        actor = uq.ensure_actor(conn, "Creator", None)
        save_revision(
            conn,
            NewRevision(
                title=title,
                author=Author(actor, "Creator"),
                text="x",
                timestamp=timestamps.mw_now(),
            ),
        )

    wiki.db.write(fn)


def watched(wiki: Wiki) -> list[tuple[int, str, str | None]]:
    return wiki.db.read(
        lambda c: [
            (r.wl_namespace, r.wl_title, r.wl_expiry)
            for r in c.execute(
                select(watchlist).order_by(watchlist.c.wl_namespace, watchlist.c.wl_title)
            )
        ]
    )


@pytest.fixture
def watcher(wiki: Wiki, make_user: Callable[..., int]) -> Watcher:
    return Watcher(wiki, make_user("Editor"))


def test_titles_are_reported_as_the_page_set_orders_them(wiki: Wiki, watcher: Watcher) -> None:
    create(wiki, "Existing")
    r = watcher.watch(titles="Existing|Missing|Talk:Existing|Special:X|A[b", formatversion=2)
    # Same order and fields as the oracle's answer to the same request.
    assert r.json() == {
        "batchcomplete": True,
        "watch": [
            {
                "title": "A[b",
                "invalidreason": 'The requested page title contains invalid characters: "[".',
                "invalid": True,
            },
            {"ns": -1, "title": "Special:X", "special": True, "missing": True},
            {"title": "Missing", "ns": 0, "watched": True, "missing": True},
            {"title": "Talk:Existing", "ns": 1, "watched": True, "missing": True},
            {"title": "Existing", "ns": 0, "watched": True},
        ],
    }
    assert watched(wiki) == [
        (0, "Existing", None),
        (0, "Missing", None),
        (1, "Existing", None),
        (1, "Missing", None),
    ]


def test_unwatch_removes_page_and_talk_page(wiki: Wiki, watcher: Watcher) -> None:
    create(wiki, "Existing")
    watcher.watch(titles="Existing")
    r = watcher.watch(titles="Existing", unwatch=1)
    # Recorded in the transcripts (watchlist_unwatch): fv1 booleans are "".
    assert r.json() == {
        "batchcomplete": "",
        "watch": [{"title": "Existing", "ns": 0, "unwatched": ""}],
    }
    assert watched(wiki) == []


def test_expiry_is_reported_and_stored_when_enabled(wiki: Wiki, watcher: Watcher) -> None:
    wiki.config = wiki.config.with_overrides({"watchlist_expiry": True})
    create(wiki, "Existing")
    r = watcher.watch(titles="Existing", expiry="1 month")
    entry = r.json()["watch"][0]
    assert list(entry) == ["title", "ns", "expiry", "watched"]
    assert entry["expiry"] == timestamps.to_iso(timestamps.from_mw(watched(wiki)[0][2] or ""))
    r = watcher.watch(titles="Existing", expiry="infinite")
    assert r.json()["watch"][0]["expiry"] == "infinity"
    assert watched(wiki)[0][2] is None


def test_expiry_parameter_does_not_exist_when_disabled(wiki: Wiki, watcher: Watcher) -> None:
    create(wiki, "Existing")
    r = watcher.watch(titles="Existing", expiry="1 month")
    body = r.json()
    assert body["watch"] == [{"title": "Existing", "ns": 0, "watched": ""}]
    assert body["warnings"]["main"]["*"] == "Unrecognized parameter: expiry."


def test_pageids_and_missing_ids(wiki: Wiki, watcher: Watcher) -> None:
    create(wiki, "Existing")
    r = watcher.watch(pageids="1|99999")
    assert r.json()["watch"] == [
        {"pageid": 99999, "missing": ""},
        {"title": "Existing", "ns": 0, "watched": ""},
    ]


def test_deprecated_title_parameter_answers_with_one_object(wiki: Wiki, watcher: Watcher) -> None:
    r = watcher.watch(title="Existing")
    body = r.json()
    assert body["watch"] == {"title": "Existing", "ns": 0, "watched": ""}
    assert body["warnings"]["watch"]["*"] == 'The parameter "title" has been deprecated.'
    r = watcher.watch(title="Existing", titles="Other")
    assert r.json()["error"]["code"] == "invalidparammix"


def test_anonymous_users_get_notloggedin(wiki: Wiki) -> None:
    r = Watcher(wiki).watch(titles="X")
    assert r.headers["mediawiki-api-error"] == "notloggedin"
    assert r.json()["error"]["info"] == "Please log in to view or edit items on your watchlist."
    r = Watcher(wiki).watch(titles="X", errorformat="plaintext", uselang="uk")
    assert r.json()["errors"][0]["*"] == (
        "Вам необхідно увійти, щоб переглянути чи редагувати список спостереження."
    )
    assert watched(wiki) == []


def test_watch_token_is_required(wiki: Wiki, watcher: Watcher) -> None:
    r = watcher.watch(titles="X", token="bogus+\\")
    assert r.json()["error"]["code"] == "badtoken"
    assert watched(wiki) == []
