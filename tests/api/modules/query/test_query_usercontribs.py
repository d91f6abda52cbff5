"""list=usercontribs (ApiQueryUserContribs): users, prefixes, ranges, flags, continuation."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def contribs(edit: Any, make_user: Any) -> None:
    make_user("Alice")
    make_user("Albert")
    edit("P", "one", by="Alice", summary="a1")
    edit("P", "one two", by="Albert", summary="b1", minor=True)
    edit("Q", "x", by="Alice", summary="a2", tags=["mw-rollback"])
    edit("P", "one", by="192.0.2.5", summary="ip")
    edit("R", "r", by="192.0.2.77", summary="ip2")


def test_single_user_rows(api: Any, contribs: None) -> None:
    body = api("action=query&list=usercontribs&ucuser=Alice&ucprop=ids|title|timestamp|comment|"
               "size|sizediff|flags|tags")  # fmt: skip
    assert body["query"]["usercontribs"] == [
        {
            "userid": 1,
            "user": "Alice",
            "pageid": 2,
            "revid": 3,
            "parentid": 0,
            "ns": 0,
            "title": "Q",
            "timestamp": "2026-11-26T18:00:03Z",
            "new": True,
            "minor": False,
            "top": True,
            "comment": "a2",
            "size": 1,
            "sizediff": 1,
            "tags": ["mw-rollback"],
        },
        {
            "userid": 1,
            "user": "Alice",
            "pageid": 1,
            "revid": 1,
            "parentid": 0,
            "ns": 0,
            "title": "P",
            "timestamp": "2026-11-26T18:00:01Z",
            "new": True,
            "minor": False,
            "top": False,
            "comment": "a1",
            "size": 3,
            "sizediff": 3,
            "tags": [],
        },
    ]


def test_several_users_are_ordered_by_actor_and_continue(api: Any, contribs: None) -> None:
    query = "action=query&list=usercontribs&ucuser=Alice|Albert|192.0.2.5&ucprop=ids&uclimit=2"
    first = api(query)
    assert [r["revid"] for r in first["query"]["usercontribs"]] == [4, 2]
    assert first["continue"]["uccontinue"].startswith("actor|")
    seen = [r["revid"] for r in first["query"]["usercontribs"]]
    cont = first["continue"]
    while cont:
        extra = "".join(f"&{k}={v}" for k, v in cont.items())
        page = api(query + extra)
        seen += [r["revid"] for r in page["query"]["usercontribs"]]
        cont = page.get("continue")
    assert seen == [4, 2, 3, 1]


def test_prefix_orders_by_name(api: Any, contribs: None) -> None:
    body = api("action=query&list=usercontribs&ucuserprefix=Al&ucprop=ids&uclimit=2")
    assert [r["user"] for r in body["query"]["usercontribs"]] == ["Alice", "Alice"]
    assert body["continue"]["uccontinue"] == "name|Albert|20261126180002|2"
    rest = api(
        "action=query&list=usercontribs&ucuserprefix=Al&ucprop=ids&uclimit=2"
        "&uccontinue=name|Albert|20261126180002|2&continue=-||"
    )
    assert [r["revid"] for r in rest["query"]["usercontribs"]] == [2]


def test_ip_range(api: Any, contribs: None) -> None:
    body = api("action=query&list=usercontribs&uciprange=192.0.2.0/24&ucprop=ids")
    # Newest user first (MediaWiki walks ip_changes by descending hex address).
    assert [r["user"] for r in body["query"]["usercontribs"]] == ["192.0.2.77", "192.0.2.5"]
    wide = api("action=query&list=usercontribs&uciprange=10.0.0.0/8")
    assert wide["error"]["code"] == "cidrtoobroad"
    assert wide["error"]["info"] == "IPv4 CIDR ranges broader than /16 are not accepted."
    bad = api("action=query&list=usercontribs&uciprange=nonsense")
    assert bad["error"]["code"] == "invalidiprange"


def test_userids(api: Any, contribs: None) -> None:
    body = api("action=query&list=usercontribs&ucuserids=2&ucprop=ids")
    assert [r["user"] for r in body["query"]["usercontribs"]] == ["Albert"]
    bad = api("action=query&list=usercontribs&ucuserids=0")
    assert bad["error"]["code"] == "invaliduserid"


@pytest.mark.parametrize(
    ("show", "revids"),
    [
        ("top", [5, 4, 3]),
        ("!top", [2, 1]),
        ("new", [5, 3, 1]),
        ("minor", [2]),
        ("!new|!minor", [4]),
    ],
)
def test_show_filters(api: Any, contribs: None, show: str, revids: list[int]) -> None:
    body = api(
        "action=query&list=usercontribs&ucuser=Alice|Albert|192.0.2.5|192.0.2.77"
        f"&ucshow={show}&ucprop=ids"
    )
    assert sorted((r["revid"] for r in body["query"]["usercontribs"]), reverse=True) == revids


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("", "missingparam"),
        ("&ucuser=Alice&ucuserprefix=A", "invalidparammix"),
        ("&ucuser=Alice&ucshow=top|!top", "show"),
        ("&ucuser=Alice&ucprop=patrolled", "permissiondenied"),
        ("&ucuser=Alice&uccontinue=bogus", "badcontinue"),
    ],
)
def test_errors(api: Any, contribs: None, query: str, code: str) -> None:
    assert api(f"action=query&list=usercontribs{query}")["error"]["code"] == code


def test_missing_parameter_message(api: Any) -> None:
    body = api("action=query&list=usercontribs")
    assert body["error"]["info"] == (
        'One of the parameters "ucuserprefix", "ucuserids", "uciprange" and "ucuser" is required.'
    )


def test_unknown_user_has_no_contributions(api: Any) -> None:
    assert api("action=query&list=usercontribs&ucuser=Nobody")["query"] == {"usercontribs": []}
