"""Continuation of action=query (ApiContinuationManager): continue, batchcomplete, rawcontinue."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def five_pages(edit: Any) -> list[str]:
    names = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"]
    for name in names:
        edit(name, f"text of {name}")
    return sorted(names)


def test_list_continuation_round_trip(api: Any, five_pages: list[str]) -> None:
    first = api("action=query&list=allpages&aplimit=2")
    # Oracle shape: {"batchcomplete":true,"continue":{"apcontinue":"...","continue":"-||"},...}
    assert first["continue"] == {"apcontinue": "Delta", "continue": "-||"}
    assert first["batchcomplete"] is True
    assert [p["title"] for p in first["query"]["allpages"]] == ["Alpha", "Beta"]
    seen = [p["title"] for p in first["query"]["allpages"]]
    cont = first["continue"]
    while cont:
        extra = "&".join(f"{k}={v}" for k, v in cont.items())
        page = api(f"action=query&list=allpages&aplimit=2&{extra}")
        seen += [p["title"] for p in page["query"]["allpages"]]
        cont = page.get("continue")
    assert seen == five_pages


def test_rawcontinue_uses_query_continue_without_batchcomplete(
    api: Any, five_pages: list[str]
) -> None:
    body = api("action=query&list=allpages&aplimit=2&rawcontinue", fv=1)
    # Oracle: {"query-continue":{"allpages":{"apcontinue":"..."}},"query":{...}}
    assert body["query-continue"] == {"allpages": {"apcontinue": "Delta"}}
    assert "batchcomplete" not in body
    assert "continue" not in body
    assert list(body)[0] == "query-continue"


def test_generator_continuation(api: Any, five_pages: list[str]) -> None:
    body = api("action=query&generator=allpages&gaplimit=2&prop=revisions&rvprop=ids")
    # Oracle: {"batchcomplete":true,"continue":{"gapcontinue":"...","continue":"gapcontinue||"}}
    assert body["continue"] == {"gapcontinue": "Delta", "continue": "gapcontinue||"}
    assert body["batchcomplete"] is True
    assert [p["title"] for p in body["query"]["pages"]] == ["Alpha", "Beta"]
    assert all(len(p["revisions"]) == 1 for p in body["query"]["pages"])
    nxt = api(
        "action=query&generator=allpages&gaplimit=2&prop=revisions&rvprop=ids"
        "&gapcontinue=Delta&continue=gapcontinue||"
    )
    assert [p["title"] for p in nxt["query"]["pages"]] == ["Delta", "Epsilon"]


def test_generator_with_rawcontinue_names_the_generator_module(
    api: Any, five_pages: list[str]
) -> None:
    body = api("action=query&generator=allpages&gaplimit=2&prop=revisions&rawcontinue", fv=1)
    # Oracle: {"query-continue":{"allpages":{"gapcontinue":"..."}}, pages keyed by id}
    assert body["query-continue"] == {"allpages": {"gapcontinue": "Delta"}}
    assert set(body["query"]["pages"]) == {"1", "2"}


def test_generator_and_list_continue_together(api: Any, five_pages: list[str]) -> None:
    body = api(
        "action=query&generator=allpages&gaplimit=3&prop=revisions&rvprop=ids"
        "&list=allpages&aplimit=1",
        fv=1,
    )
    # Oracle: {"batchcomplete":"","continue":{"apcontinue":..,"gapcontinue":..,
    # "continue":"gapcontinue||"}}
    assert body["batchcomplete"] == ""
    assert body["continue"] == {
        "apcontinue": "Beta",
        "gapcontinue": "Epsilon",
        "continue": "gapcontinue||",
    }


def test_unfinished_prop_module_keeps_the_generator_pages(api: Any, edit: Any) -> None:
    for i in range(3):
        edit("History", f"version {i}")
    body = api("action=query&titles=History&prop=revisions&rvlimit=1&rvprop=ids")
    assert "batchcomplete" not in body
    cont = body["continue"]
    assert cont["continue"] == "||"
    assert set(cont) == {"rvcontinue", "continue"}


def test_finished_modules_are_skipped_on_continue(api: Any, five_pages: list[str]) -> None:
    body = api(
        "action=query&list=allpages|recentchanges&aplimit=1&rclimit=10"
        "&apcontinue=Beta&continue=-||recentchanges"
    )
    assert "recentchanges" not in body["query"]
    assert body["continue"] == {"apcontinue": "Delta", "continue": "-||recentchanges"}


@pytest.mark.parametrize("value", ["abc", "a||b||c", "||x||"])
def test_malformed_continue_gives_badcontinue_from_main(api: Any, value: str) -> None:
    body = api(f"action=query&list=allpages&continue={value}&errorformat=plaintext")
    # Oracle: {"code":"badcontinue","module":"main",...}
    assert body["errors"][0]["code"] == "badcontinue"
    assert body["errors"][0]["module"] == "main"
    assert body["errors"][0]["text"] == (
        "Invalid continue param. You should pass the original value returned by the previous query."
    )


def test_bad_module_continuation_value_gives_badcontinue(api: Any, edit: Any) -> None:
    edit("History", "one")
    body = api("action=query&titles=History&prop=revisions&rvlimit=1&rvcontinue=nonsense")
    assert body["error"]["code"] == "badcontinue"


def test_empty_query_is_a_complete_batch(api: Any) -> None:
    # Oracle: action=query alone answers {"batchcomplete":""} (fv1).
    assert api("action=query", fv=1) == {"batchcomplete": ""}


def test_limits_report_what_max_meant(api: Any, five_pages: list[str]) -> None:
    body = api("action=query&list=allpages&aplimit=max")
    # Oracle (anonymous): "limits":{"allpages":500}, before "query" for list modules.
    assert body["limits"] == {"allpages": 500}
    assert list(body) == ["batchcomplete", "limits", "query"]
