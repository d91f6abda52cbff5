"""Diff views: revision pairs, word-level changes, the rollback link on the current
revision's side (web-ui.md §1), the intermediate-revisions notice."""

from __future__ import annotations

from typing import Any

import pytest
from web_helpers import INDEX, browser, content, heading, logged_in_browser, rollback_links

from rollwiki.services.wiki import Wiki


@pytest.fixture
def revs(wiki: Wiki, make_user: Any, edit_as: Any) -> list[int]:
    make_user("Rollbacker", ["rollbacker"])
    make_user("Editor")
    make_user("Vandal")
    return [
        edit_as("Editor", "D", "alpha beta\n\nsecond line", summary="create"),
        edit_as("Vandal", "D", "alpha gamma beta\n\nsecond line", summary="v1"),
        edit_as("Vandal", "D", "alpha gamma beta delta\n\nsecond line", summary="v2"),
    ]


def diff(client: Any, **params: Any) -> str:
    response = client.get(INDEX, params={"title": "D", **params})
    assert response.status_code == 200
    return str(response.text)


def test_diff_shows_word_level_changes_and_headers(wiki: Wiki, revs: list[int]) -> None:
    page = diff(browser(wiki), diff=revs[1], oldid=revs[0])
    assert heading(page) == "D: Difference between revisions"
    # wikidiff2's word diff, as the oracle prints it.
    assert '<div>alpha<ins class="diffchange diffchange-inline"> gamma</ins> beta</div>' in page
    text = content(page)
    assert "Revision as of" in text and "Editor (talk | contribs)" in text
    assert "(create)" in text and "(v1)" in text
    assert "Newer edit →" in text


@pytest.mark.parametrize(
    ("params", "old", "new"),
    [
        ({"diff": "prev", "oldid": 2}, 1, 2),
        ({"diff": "next", "oldid": 1}, 1, 2),
        ({"diff": "cur", "oldid": 1}, 1, 3),
        ({"diff": 2}, 1, 2),
        ({"diff": 1, "oldid": 3}, 1, 3),
    ],
)
def test_diff_parameter_forms(
    wiki: Wiki, revs: list[int], params: dict[str, Any], old: int, new: int
) -> None:
    page = diff(browser(wiki), **params)
    assert f'"wgDiffOldId":{old}' in page and f'"wgDiffNewId":{new}' in page


def test_rollback_link_beside_the_current_revision_author(wiki: Wiki, revs: list[int]) -> None:
    client = logged_in_browser(wiki, "Rollbacker")
    page = diff(client, diff=revs[2], oldid=revs[0])
    links = rollback_links(page)
    assert [label for _, _, label in links] == ["rollback 2 edits"]
    assert '\u00a0\u00a0\u00a0<span class="mw-rollback-link">' in page
    assert "(One intermediate revision by the same user not shown)" in content(page)
    older = diff(client, diff=revs[1], oldid=revs[0])
    assert rollback_links(older) == []


def test_no_rollback_link_on_diff_for_plain_users(wiki: Wiki, revs: list[int]) -> None:
    assert rollback_links(diff(logged_in_browser(wiki, "Editor"), diff=revs[2])) == []


def test_missing_revision_is_404(wiki: Wiki, revs: list[int]) -> None:
    response = browser(wiki).get(INDEX, params={"title": "D", "diff": 999})
    assert response.status_code == 404


def test_diffonly_leaves_out_the_page_content(wiki: Wiki, revs: list[int]) -> None:
    page = diff(browser(wiki), diff=revs[2], diffonly=1)
    assert "diff-currentversion-title" not in page
    full = diff(browser(wiki), diff=revs[2])
    assert "Latest revision as of" in full
