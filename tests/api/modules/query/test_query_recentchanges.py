"""list=recentchanges (ApiQueryRecentChanges): row layout, patrol flags, filters, continuation."""

from __future__ import annotations

from typing import Any

import pytest

CHECK = (
    "action=query&list=recentchanges&rctitle=RB_basic&rcprop=title|ids|user|userid|comment|"
    "flags|tags|timestamp|sizes|patrolled|loginfo&rclimit=max"
)


@pytest.fixture
def history(edit: Any, make_user: Any) -> list[Any]:
    """Editor creates (unpatrolled), Vandal edits (autopatrolled), Rollbacker reverts."""
    make_user("Admin", ["sysop"])
    for name in ("Editor", "Vandal", "Rollbacker"):
        make_user(name)
    saved = [edit("RB basic", "good", by="Editor", summary="Editor: create page")]
    saved.append(edit("RB basic", "good\nbad", by="Vandal", summary="vandal edit 1", patrolled=2))
    saved.append(
        edit("RB basic", "good", by="Rollbacker", minor=True, tags=["mw-rollback"], summary="rb")
    )
    return saved


def test_check_request_has_the_oracle_shape(api: Any, history: list[Any], login: Any) -> None:
    """Transcript basic_by_name, requests 46/47 (Admin, formatversion=2)."""
    body = api(CHECK, session=login("Admin"))
    assert body["limits"] == {"recentchanges": 5000}
    rows = body["query"]["recentchanges"]
    newest = rows[0]
    assert list(newest) == [
        "type", "ns", "title", "pageid", "revid", "old_revid", "rcid", "user", "userid", "bot",
        "new", "minor", "oldlen", "newlen", "timestamp", "comment", "patrolled", "unpatrolled",
        "autopatrolled", "tags",
    ]  # fmt: skip
    assert newest == {
        "type": "edit",
        "ns": 0,
        "title": "RB basic",
        "pageid": history[0].page["page_id"],
        "revid": history[2].revision["rev_id"],
        "old_revid": history[1].revision["rev_id"],
        "rcid": history[2].rc_id,
        "user": "Rollbacker",
        "userid": 4,
        "bot": False,
        "new": False,
        "minor": True,
        "oldlen": 8,
        "newlen": 4,
        "timestamp": "2026-11-26T18:00:03Z",
        "comment": "rb",
        "patrolled": False,
        "unpatrolled": True,
        "autopatrolled": False,
        "tags": ["mw-rollback"],
    }
    assert rows[1]["patrolled"] is True and rows[1]["autopatrolled"] is True
    oldest = rows[-1]
    assert oldest["type"] == "new"
    assert oldest["new"] is True
    assert oldest["old_revid"] == 0
    assert oldest["oldlen"] == 0
    not_bot = api(CHECK + "&rcshow=!bot", session=login("Admin"))
    assert not_bot["query"]["recentchanges"] == rows


def test_patrol_flags_need_patrol_rights(api: Any, history: list[Any]) -> None:
    body = api(CHECK)
    assert body["error"] == {
        "code": "permissiondenied",
        "info": 'You need the "patrol" or "patrolmarks" right to request the patrolled flag.',
        "docref": body["error"]["docref"],
    }


def test_bot_password_with_the_patrol_grant_sees_patrol_flags(
    api: Any, history: list[Any], make_user: Any, make_bot_password: Any, login: Any
) -> None:
    user_id = make_user("Patroller", ["sysop"])
    make_bot_password(user_id, "patrol", ["basic", "patrol"])
    body = api(CHECK, session=login("Patroller", "patrol"))
    assert body["query"]["recentchanges"][0]["unpatrolled"] is True
    # Without the highvolume grant there is no apihighlimits: "max" means 500.
    assert body["limits"] == {"recentchanges": 500}


def test_formatversion_1_drops_false_flags(api: Any, history: list[Any], login: Any) -> None:
    body = api(CHECK, fv=1, session=login("Admin"))
    newest = body["query"]["recentchanges"][0]
    assert newest["minor"] == ""
    assert "bot" not in newest and "new" not in newest and "patrolled" not in newest
    assert newest["unpatrolled"] == ""


@pytest.mark.parametrize(
    "show",
    ["minor|!minor", "bot|!bot", "anon|!anon", "redirect|!redirect", "patrolled|!patrolled",
     "patrolled|unpatrolled", "!patrolled|unpatrolled", "autopatrolled|!autopatrolled",
     "autopatrolled|unpatrolled", "autopatrolled|!patrolled"],
)  # fmt: skip
def test_conflicting_show_values_give_show(api: Any, show: str) -> None:
    body = api(f"action=query&list=recentchanges&rcshow={show}")
    assert body["error"]["code"] == "show"
    assert (
        body["error"]["info"]
        == "Incorrect parameter - mutually exclusive values may not be supplied."
    )


@pytest.mark.parametrize(
    ("show", "titles"),
    [
        ("minor", ["Second"]),
        ("!minor", ["Redirect", "Second", "First"]),
        ("anon", ["Redirect"]),
        ("!anon", ["Second", "First"]),
        ("redirect", ["Redirect"]),
        ("!redirect", ["Second", "First"]),
    ],
)
def test_show_filters(api: Any, edit: Any, make_user: Any, show: str, titles: list[str]) -> None:
    make_user("Editor")
    edit("First", "x", by="Editor")
    edit("Second", "x", by="Editor")
    edit("Second", "y", by="Editor", minor=True)
    edit("Redirect", "#REDIRECT [[First]]", by="192.0.2.5")
    body = api(f"action=query&list=recentchanges&rcshow={show}&rcprop=title")
    got = [r["title"] for r in body["query"]["recentchanges"]]
    assert list(dict.fromkeys(got)) == titles


def test_type_user_and_toponly_filters(api: Any, edit: Any, make_user: Any) -> None:
    make_user("Editor")
    edit("P", "1", by="Editor")
    edit("P", "2", by="192.0.2.5")
    edit("Q", "1", by="Editor")
    new = api("action=query&list=recentchanges&rctype=new&rcprop=title")
    assert [r["title"] for r in new["query"]["recentchanges"]] == ["Q", "P"]
    mine = api("action=query&list=recentchanges&rcuser=Editor&rcprop=title|user")
    assert {r["user"] for r in mine["query"]["recentchanges"]} == {"Editor"}
    others = api("action=query&list=recentchanges&rcexcludeuser=Editor&rcprop=user")
    assert [r["user"] for r in others["query"]["recentchanges"]] == ["192.0.2.5"]
    top = api("action=query&list=recentchanges&rctoponly&rcprop=title|ids")
    assert [r["revid"] for r in top["query"]["recentchanges"]] == [3, 2]
    both = api("action=query&list=recentchanges&rcuser=Editor&rcexcludeuser=X")
    assert both["error"]["code"] == "invalidparammix"


def test_namespace_and_title_filters(api: Any, edit: Any) -> None:
    edit("P", "1")
    edit("Talk:P", "1")
    talk = api("action=query&list=recentchanges&rcnamespace=1&rcprop=title")
    assert [r["title"] for r in talk["query"]["recentchanges"]] == ["Talk:P"]
    every = api("action=query&list=recentchanges&rcnamespace=*&rcprop=title")
    assert len(every["query"]["recentchanges"]) == 2
    bad = api("action=query&list=recentchanges&rctitle=<>")
    assert bad["error"] == {**bad["error"], "code": "invalidtitle", "info": 'Bad title "<>".'}


def test_continuation_round_trip_in_both_directions(api: Any, edit: Any) -> None:
    for i in range(5):
        edit(f"P{i}", "x")
    for direction, expected in (("older", [5, 4, 3, 2, 1]), ("newer", [1, 2, 3, 4, 5])):
        seen: list[int] = []
        cont: dict[str, str] | None = {}
        while cont is not None:
            extra = "".join(f"&{k}={v}" for k, v in cont.items())
            body = api(f"action=query&list=recentchanges&rclimit=2&rcdir={direction}{extra}")
            seen += [r["rcid"] for r in body["query"]["recentchanges"]]
            cont = body.get("continue")
        assert seen == expected


def test_start_and_end_bound_the_listing(api: Any, edit: Any) -> None:
    for i in range(4):
        edit(f"P{i}", "x")
    body = api(
        "action=query&list=recentchanges&rcstart=2026-11-26T18:00:03Z"
        "&rcend=2026-11-26T18:00:02Z&rcprop=title"
    )
    assert [r["title"] for r in body["query"]["recentchanges"]] == ["P2", "P1"]


def test_tags_and_sha1_and_redirect_props(api: Any, edit: Any) -> None:
    edit("P", "x", tags=["mw-rollback"])
    body = api("action=query&list=recentchanges&rcprop=tags|sha1|redirect&rctag=mw-rollback")
    assert body["query"]["recentchanges"] == [
        {
            "type": "new",
            "redirect": False,
            "tags": ["mw-rollback"],
            "sha1": "11f6ad8ec52a2984abaafd7c3b516503785c2072",
        }
    ]
    none = api("action=query&list=recentchanges&rctag=undefined-tag")
    assert none["query"]["recentchanges"] == []


def test_log_rows_with_loginfo(
    api: Any, edit: Any, wiki: Any, author: Any, login: Any, make_user: Any
) -> None:
    from rollwiki.services.logs import LogEntry, write_log

    make_user("Admin", ["sysop"])
    page = edit("P", "x").page
    who = author("Admin")
    entry = LogEntry(
        "protect",
        "protect",
        who.actor_id,
        wiki.titles.parse("P"),
        "20261126180005",
        comment="why",
        params={"4::description": "[edit=sysop]", "cascade": False},
        page_id=page["page_id"],
    )
    log_id = wiki.db.write(lambda c: write_log(c, entry))
    body = api(
        "action=query&list=recentchanges&rctype=log&rcprop=title|ids|loginfo|user|comment",
        session=login("Admin"),
    )
    assert body["query"]["recentchanges"] == [
        {
            "type": "log",
            "ns": 0,
            "title": "P",
            "pageid": page["page_id"],
            "revid": 0,
            "old_revid": 0,
            "rcid": 2,
            "user": "Admin",
            "comment": "why",
            "logid": log_id,
            "logtype": "protect",
            "logaction": "protect",
            "logparams": {"description": "[edit=sysop]", "cascade": False},
        }
    ]


def test_generator_recentchanges(api: Any, edit: Any) -> None:
    edit("P", "1")
    edit("Q", "1")
    edit("P", "2")
    body = api("action=query&generator=recentchanges&grclimit=2&prop=info")
    assert [p["title"] for p in body["query"]["pages"]] == ["P", "Q"]
    assert body["continue"]["grccontinue"] == "20261126180001|1"
