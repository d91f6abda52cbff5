"""list=watchlistraw, list=watchlist and prop=info's watch properties."""

from __future__ import annotations

from typing import Any

import pytest

from rollwiki.services import timestamps
from rollwiki.services.wiki import Wiki
from rollwiki.storage.queries import users as uq
from rollwiki.storage.queries import watchlist as wq


def _watch(wiki: Wiki, user: str, titles: list[str], expiry: str | None = None) -> None:
    def go(conn: Any) -> None:
        row = uq.user_by_name(conn, user)
        for t in map(wiki.titles.parse, titles):
            wq.add_watch(
                conn,
                row["user_id"],
                t.namespace,
                t.dbkey,
                expiry,
                timestamps.mw_now(),
                keep_expiry=False,
            )

    wiki.db.write(go)


@pytest.fixture
def admin(make_user: Any, login: Any) -> Any:
    make_user("Admin", ["sysop"])
    return login("Admin")


def test_watchlistraw_is_top_level_with_changed(
    api: Any, wiki: Wiki, edit: Any, admin: Any
) -> None:
    _watch(wiki, "Admin", ["Watched", "Talk:Watched", "Quiet"])
    edit("Watched", "edited by someone else", by="192.0.2.5")
    body = api("action=query&list=watchlistraw&wrprop=changed&wrlimit=max", session=admin)
    # Transcript watchlist_watch_1week request 758: "watchlistraw" beside "query", not in it.
    assert "query" not in body
    assert body["limits"] == {"watchlistraw": 5000}
    assert body["watchlistraw"] == [
        {"ns": 0, "title": "Quiet"},
        {"ns": 0, "title": "Watched", "changed": "2026-11-26T18:00:01Z"},
        {"ns": 1, "title": "Talk:Watched"},
    ]


def test_expired_watches_are_invisible(api: Any, wiki: Wiki, admin: Any, clock: Any) -> None:
    _watch(wiki, "Admin", ["Forever"])
    _watch(wiki, "Admin", ["Briefly"], expiry="20261126180010")
    body = api("action=query&list=watchlistraw", session=admin)
    assert [w["title"] for w in body["watchlistraw"]] == ["Briefly", "Forever"]
    clock.tick(60)
    body = api("action=query&list=watchlistraw", session=admin)
    assert [w["title"] for w in body["watchlistraw"]] == ["Forever"]


def test_watchlistraw_filters_and_continuation(api: Any, wiki: Wiki, edit: Any, admin: Any) -> None:
    _watch(wiki, "Admin", ["A", "B", "C", "Talk:A"])
    edit("B", "x", by="192.0.2.5")
    changed = api("action=query&list=watchlistraw&wrshow=changed", session=admin)
    assert [w["title"] for w in changed["watchlistraw"]] == ["B"]
    talk = api("action=query&list=watchlistraw&wrnamespace=1", session=admin)
    assert [w["title"] for w in talk["watchlistraw"]] == ["Talk:A"]
    desc = api("action=query&list=watchlistraw&wrdir=descending&wrlimit=2", session=admin)
    assert [w["title"] for w in desc["watchlistraw"]] == ["Talk:A", "C"]
    assert desc["continue"] == {"wrcontinue": "0|B", "continue": "-||"}
    rest = api(
        "action=query&list=watchlistraw&wrdir=descending&wrlimit=2&wrcontinue=0|B&continue=-||",
        session=admin,
    )
    assert [w["title"] for w in rest["watchlistraw"]] == ["B", "A"]
    ranged = api("action=query&list=watchlistraw&wrfromtitle=B&wrtotitle=C", session=admin)
    assert [w["title"] for w in ranged["watchlistraw"]] == ["B", "C"]
    both = api("action=query&list=watchlistraw&wrshow=changed|!changed", session=admin)
    assert both["error"]["code"] == "show"


def test_anonymous_users_have_no_watchlist(api: Any) -> None:
    body = api("action=query&list=watchlistraw")
    assert body["error"]["code"] == "notloggedin"
    assert body["error"]["info"] == "Please log in to view or edit items on your watchlist."


def test_bot_password_without_the_watchlist_grant_is_denied(
    api: Any, make_user: Any, make_bot_password: Any, login: Any
) -> None:
    user_id = make_user("Rollbacker", ["rollbacker"])
    make_bot_password(user_id, "rollbot", ["basic", "editpage", "rollback"])
    body = api(
        "action=query&list=watchlistraw&wrprop=changed&wrlimit=max",
        session=login("Rollbacker", "rollbot"),
    )
    # Transcript watchlist_botpassword: exactly this error.
    assert body["error"]["code"] == "permissiondenied"
    assert body["error"]["info"] == "You don't have permission to view your watchlist."


def test_owner_and_token_read_another_watchlist(api: Any, wiki: Wiki, admin: Any) -> None:
    _watch(wiki, "Admin", ["Shared"])

    def set_token(conn: Any) -> None:
        uq.set_option(conn, uq.user_by_name(conn, "Admin")["user_id"], "watchlisttoken", "s3cret")

    wiki.db.write(set_token)
    good = api("action=query&list=watchlistraw&wrowner=Admin&wrtoken=s3cret")
    assert good["watchlistraw"] == [{"ns": 0, "title": "Shared"}]
    bad = api("action=query&list=watchlistraw&wrowner=Admin&wrtoken=wrong")
    assert bad["error"]["code"] == "bad_wltoken"
    nobody = api("action=query&list=watchlistraw&wrowner=Nobody&wrtoken=x")
    assert nobody["error"]["code"] == "bad_wlowner"


def test_generator_watchlistraw(api: Any, wiki: Wiki, edit: Any, admin: Any) -> None:
    edit("Existing", "x")
    _watch(wiki, "Admin", ["Existing", "Missing"])
    body = api("action=query&generator=watchlistraw&prop=info", session=admin)
    assert [p["title"] for p in body["query"]["pages"]] == ["Missing", "Existing"]


def test_info_watched_with_expiry(api: Any, wiki: Wiki, edit: Any, admin: Any) -> None:
    page_id = edit("Week", "x").page["page_id"]
    query = "action=query&prop=info&inprop=watched&titles=Week"
    before = api(query, session=admin)
    # Transcript watchlist_watch_1week: "watched":false, then true with "watchlistexpiry".
    assert before["query"]["pages"] == [
        {
            "pageid": page_id,
            "ns": 0,
            "title": "Week",
            "contentmodel": "wikitext",
            "pagelanguage": "en",
            "pagelanguagehtmlcode": "en",
            "pagelanguagedir": "ltr",
            "touched": "2026-11-26T18:00:01Z",
            "lastrevid": 1,
            "length": 1,
            "new": True,
            "watched": False,
        }
    ]
    _watch(wiki, "Admin", ["Week"], expiry="20261203180001")
    after = api(query, session=admin)["query"]["pages"][0]
    assert after["watched"] is True
    assert after["watchlistexpiry"] == "2026-12-03T18:00:01Z"
    fv1 = api(query, fv=1, session=admin)["query"]["pages"][str(page_id)]
    assert fv1["watched"] == ""


def test_list_watchlist_shows_latest_changes(api: Any, wiki: Wiki, edit: Any, admin: Any) -> None:
    edit("W", "1", by="192.0.2.5")
    edit("W", "2", by="192.0.2.5")
    edit("Other", "1", by="192.0.2.5")
    _watch(wiki, "Admin", ["W"])
    body = api(
        "action=query&list=watchlist&wlprop=ids|title|flags|user|userid|timestamp|sizes|"
        "notificationtimestamp|expiry|comment",
        session=admin,
    )
    assert body["query"]["watchlist"] == [
        {
            "type": "edit",
            "ns": 0,
            "title": "W",
            "pageid": 1,
            "revid": 2,
            "old_revid": 1,
            "userid": 0,
            "user": "192.0.2.5",
            "anon": True,
            "bot": False,
            "new": False,
            "minor": False,
            "oldlen": 1,
            "newlen": 1,
            "timestamp": "2026-11-26T18:00:02Z",
            "notificationtimestamp": "",
            "comment": "",
            "expiry": False,
        }
    ]
    everything = api("action=query&list=watchlist&wlallrev&wlprop=ids", session=admin)
    assert [r["revid"] for r in everything["query"]["watchlist"]] == [2, 1]
    generated = api("action=query&generator=watchlist&prop=info", session=admin)
    assert [p["title"] for p in generated["query"]["pages"]] == ["W"]
