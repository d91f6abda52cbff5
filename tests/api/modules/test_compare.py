"""action=compare: revisions, relative comparisons, supplied text, props and errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from admin_support import ApiClient, save
from rollwiki.services.wiki import Wiki

ORACLE = json.loads(
    (Path(__file__).parents[2] / "render" / "oracle_diffs.json").read_text(encoding="utf-8")
)


@pytest.fixture
def api(client: TestClient, wiki: Wiki, make_user: Any) -> ApiClient:
    make_user("Editor")
    return ApiClient(client, wiki)


@pytest.fixture
def revs(wiki: Wiki, api: ApiClient) -> list[int]:
    out = []
    for text, comment in (("one\ntwo", "first"), ("one\ntwo\nthree", "second [[Foo]]"),
                          ("one\n2\nthree", "third")):  # fmt: skip
        rev = save(wiki, "Compared", text, "Editor", comment=comment).revision
        assert rev is not None
        out.append(rev["rev_id"])
    return out


@pytest.mark.parametrize("case", ORACLE["cases"][:3], ids=["dissimilar", "moved", "long"])
def test_compare_body_matches_the_oracle(api: ApiClient, wiki: Wiki, case: dict[str, Any]) -> None:
    old = save(wiki, "Oracle case", case["old"], "Editor").revision
    new = save(wiki, "Oracle case", case["new"], "Editor").revision
    assert old and new
    body = api.get(action="compare", fromrev=old["rev_id"], torev=new["rev_id"])
    assert body["compare"]["body"] == case["body"]


def test_all_props_in_1_39_order(api: ApiClient, revs: list[int]) -> None:
    body = api.get(
        action="compare",
        fromrev=revs[0],
        torev=revs[1],
        prop="diff|diffsize|rel|ids|title|user|comment|parsedcomment|size|timestamp",
        formatversion="1",
    )
    result = body["compare"]
    keys = [k for k in result if not k.endswith("parsedcomment")]
    assert keys == [
        "fromid", "fromrevid", "fromns", "fromtitle", "fromsize", "fromtimestamp",
        "fromuser", "fromuserid", "fromcomment",
        "toid", "torevid", "tons", "totitle", "tosize", "totimestamp",
        "touser", "touserid", "tocomment",
        "next", "diffsize", "*",
    ]  # fmt: skip
    assert result["fromrevid"] == revs[0] and result["torevid"] == revs[1]
    assert result["next"] == revs[2] and "prev" not in result
    assert result["fromsize"] == 7 and result["tosize"] == 13
    assert result["diffsize"] == len(result["*"].encode("utf-8"))
    assert '<td class="diff-addedline diff-side-added"><div>three</div></td>' in result["*"]


def test_default_props_are_diff_ids_title(api: ApiClient, revs: list[int]) -> None:
    result = api.get(action="compare", fromrev=revs[1], torev=revs[2])["compare"]
    assert set(result) == {
        "fromid", "fromrevid", "fromns", "fromtitle", "toid", "torevid", "tons", "totitle", "body"
    }  # fmt: skip
    # "two" and "2" share nothing: shown as an added and a deleted line, not a word diff.
    assert 'diff-addedline diff-side-added"><div>2</div>' in result["body"]
    assert 'diff-deletedline diff-side-deleted"><div>two</div>' in result["body"]


def test_torelative_prev_of_the_first_revision_warns_and_diffs_against_empty(
    api: ApiClient, revs: list[int]
) -> None:
    body = api.get(action="compare", fromrev=revs[0], torelative="prev")
    # Observed on 1.39: only to* fields, a warning, and the whole text as added.
    assert body["warnings"]["compare"]["warnings"] == (
        f"Revision {revs[0]} is the earliest revision of Compared, there is no revision for "
        '"torelative=prev" to compare to.'
    )
    assert set(body["compare"]) == {"toid", "torevid", "tons", "totitle", "body"}
    assert body["compare"]["body"].count('data-marker="+"') == 2


def test_torelative_next_of_the_latest_is_empty(api: ApiClient, revs: list[int]) -> None:
    body = api.get(action="compare", fromrev=revs[2], torelative="next")
    assert set(body["compare"]) == {"fromid", "fromrevid", "fromns", "fromtitle", "body"}
    assert body["compare"]["body"] == ""


def test_torelative_prev_and_cur(api: ApiClient, revs: list[int]) -> None:
    prev = api.get(action="compare", fromrev=revs[2], torelative="prev")["compare"]
    assert (prev["fromrevid"], prev["torevid"]) == (revs[1], revs[2])
    cur = api.get(action="compare", fromrev=revs[0], torelative="cur")["compare"]
    assert (cur["fromrevid"], cur["torevid"]) == (revs[0], revs[2])


def test_same_revision_gives_empty_body(api: ApiClient, revs: list[int]) -> None:
    assert api.get(action="compare", fromrev=revs[1], torev=revs[1])["compare"]["body"] == ""


def test_titles_compare_latest_revisions_and_text_overrides(
    api: ApiClient, wiki: Wiki, revs: list[int]
) -> None:
    save(wiki, "Other", "one\nzwei\nthree", "Editor")
    result = api.get(action="compare", fromtitle="Compared", totitle="Other")["compare"]
    assert result["fromrevid"] == revs[2] and result["totitle"] == "Other"
    supplied = api.get(action="compare", fromtitle="Compared", totext="one\n2\nthree\nfour")
    assert "toid" not in supplied["compare"] and "four" in supplied["compare"]["body"]


def test_line_numbers_are_localised(api: ApiClient, revs: list[int]) -> None:
    body = api.get(action="compare", fromrev=revs[0], torev=revs[1], uselang="uk")
    assert "Рядок 1:" in body["compare"]["body"]


def test_hidden_text_cannot_be_compared(api: ApiClient, wiki: Wiki, revs: list[int]) -> None:
    from rollwiki.storage.queries import pages as pq

    wiki.db.write(lambda c: pq.set_revision_deleted(c, revs[0], 1))
    body = api.get(action="compare", fromrev=revs[0], torev=revs[1], formatversion="1")
    assert body["error"]["code"] == "missingcontent"
    assert body["error"]["info"] == f"Missing content for revision ID {revs[0]}."


COMPARE_ERRORS = [
    (
        {"torev": "1"},
        "missingparam",
        'At least one of the parameters "fromtitle", "fromid", "fromrev", "fromtext" and '
        '"fromslots" is required.',
    ),
    ({"fromrev": "99999", "torev": "1"}, "nosuchrevid", "There is no revision with ID 99999."),
    (
        {"fromtitle": "Nope", "totitle": "Compared"},
        "missingtitle",
        "The page Nope doesn't exist.",
    ),
    ({"fromtitle": "Bad[title", "totitle": "Compared"}, "invalidtitle", 'Bad title "Bad[title".'),
    ({"fromid": "99999", "totitle": "Compared"}, "nosuchpageid", "There is no page with ID 99999."),
]


@pytest.mark.parametrize(("params", "code", "info"), COMPARE_ERRORS)
def test_compare_errors(
    api: ApiClient, revs: list[int], params: dict[str, str], code: str, info: str
) -> None:
    body = api.get(action="compare", formatversion="1", **params)
    assert (body["error"]["code"], body["error"]["info"]) == (code, info)


def test_templated_slot_parameters_and_bodies(api: ApiClient, revs: list[int]) -> None:
    body = api.get(
        action="compare",
        fromrev=revs[2],
        toslots="main",
        **{"totext-main": "one\n2\nthree\nfour"},
        slots="main",
        prop="diff|diffsize",
    )
    result = body["compare"]
    assert "four" in result["bodies"]["main"]
    assert result["diffsize"] == len(result["bodies"]["main"].encode("utf-8"))


def test_totext_needs_text_for_main_slot(api: ApiClient, revs: list[int]) -> None:
    body = api.get(action="compare", fromrev=revs[0], toslots="main", formatversion="1")
    assert body["error"]["code"] == "compare-maintextrequired"
