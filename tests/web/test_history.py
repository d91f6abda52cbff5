"""action=history: rows, the rollback link on the top row (web-ui.md §1-2), paging."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from web_helpers import INDEX, browser, content, heading, logged_in_browser, rollback_links

from rollwiki.services.wiki import Wiki


@pytest.fixture
def users(make_user: Any) -> None:
    make_user("Admin", ["sysop"])
    make_user("Rollbacker", ["rollbacker"])
    make_user("Editor")
    make_user("Vandal")


def history(client: Any, title: str, **params: Any) -> str:
    response = client.get(INDEX, params={"title": title, "action": "history", **params})
    assert response.status_code == 200
    return str(response.text)


def test_history_lists_revisions_newest_first(wiki: Wiki, users: None, edit_as: Any) -> None:
    edit_as("Editor", "H", "one", summary="first")
    edit_as("Vandal", "H", "one two", summary="second", minor=True)
    page = history(browser(wiki), "H")
    assert heading(page) == "H: Revision history"
    rows = re.findall(r'<li data-mw-revid="(\d+)"', page)
    assert rows == ["2", "1"]
    text = content(page)
    # Separators and parentheses of the tool links come from the stylesheet, as in 1.39.
    assert "Vandal talk contribs m 7 bytes +4 second" in text
    assert "Editor talk contribs 3 bytes +3 first" in text
    assert 'href="/w/index.php?title=H&amp;diff=2&amp;oldid=1"' in page  # prev of the top row
    assert '<meta name="robots" content="noindex,nofollow">' in page


@pytest.mark.parametrize(
    ("edits", "label"),
    [
        (1, "rollback 1 edit"),
        (3, "rollback 3 edits"),
        (10, "rollback 10 edits"),
        (13, "rollback more than 10 edits"),
    ],
)
def test_rollback_link_label_counts_the_top_run(
    wiki: Wiki, users: None, edit_as: Any, edits: int, label: str
) -> None:
    edit_as("Editor", "RB Web", "base")
    for i in range(edits):
        edit_as("Vandal", "RB Web", f"v{i}")
    page = history(logged_in_browser(wiki, "Rollbacker"), "RB Web")
    links = rollback_links(page)
    assert len(links) == 1
    href, attributes, text = links[0]
    assert text == label
    parts = urlsplit(href)
    assert parts.path == "/w/index.php"
    query = parse_qs(parts.query)
    assert query["title"] == ["RB_Web"] and query["action"] == ["rollback"]
    assert query["from"] == ["Vandal"]
    assert query["token"][0].endswith("+\\")
    # The raw link as MediaWiki prints it (observed on 1.39).
    assert re.search(
        r'href="/w/index\.php\?title=RB_Web&amp;action=rollback&amp;from=Vandal&amp;'
        r'token=[0-9a-f]{40}%2B%5C"',
        page,
    )
    assert (
        'title="&#34;Rollback&#34; reverts the last contributor&#39;s edit(s) to this '
        'page in one click"'
        in attributes
        or 'title="&quot;Rollback&quot;' in attributes
    )
    assert 'data-mw="interface"' in attributes


def test_rollback_link_is_on_the_top_row_only_before_undo(
    wiki: Wiki, users: None, edit_as: Any
) -> None:
    edit_as("Editor", "T", "a")
    edit_as("Vandal", "T", "b")
    edit_as("Editor", "T", "c")
    page = history(logged_in_browser(wiki, "Rollbacker"), "T")
    top = re.search(r'<li data-mw-revid="3".*?</li>', page, re.S)
    assert top is not None
    assert re.search(
        r'<span class="mw-changeslist-links"><span><span class="mw-rollback-link">'
        r".*?</span></span><span><span class=\"mw-history-undo\">",
        top.group(0),
    )
    assert len(rollback_links(page)) == 1


@pytest.mark.parametrize("viewer", ["Editor", None])
def test_no_rollback_link_without_the_right(
    wiki: Wiki, users: None, edit_as: Any, viewer: str | None
) -> None:
    edit_as("Editor", "T", "a")
    edit_as("Vandal", "T", "b")
    client = logged_in_browser(wiki, viewer) if viewer else browser(wiki)
    assert rollback_links(history(client, "T")) == []


def test_no_rollback_link_for_a_single_revision_or_a_single_author(
    wiki: Wiki, users: None, edit_as: Any
) -> None:
    edit_as("Vandal", "One", "a")
    edit_as("Vandal", "Solo", "a")
    edit_as("Vandal", "Solo", "b")
    client = logged_in_browser(wiki, "Rollbacker")
    assert rollback_links(history(client, "One")) == []
    assert rollback_links(history(client, "Solo")) == []


def test_no_rollback_link_when_the_restored_revision_is_hidden(
    wiki: Wiki, users: None, edit_as: Any
) -> None:
    from rollwiki.storage.queries import pages as pq

    good = edit_as("Editor", "Hid", "a")
    edit_as("Vandal", "Hid", "b")
    wiki.db.write(lambda c: pq.set_revision_deleted(c, good, 1))
    assert rollback_links(history(logged_in_browser(wiki, "Rollbacker"), "Hid")) == []


def test_rollback_link_with_bot_param_adds_hidediff_and_bot(
    wiki: Wiki, users: None, edit_as: Any
) -> None:
    edit_as("Editor", "T", "a")
    edit_as("Vandal", "T", "b")
    page = history(logged_in_browser(wiki, "Admin"), "T", bot="1")
    query = parse_qs(urlsplit(rollback_links(page)[0][0]).query)
    assert query["hidediff"] == ["1"] and query["bot"] == ["1"]


def test_show_rollback_edit_count_off_gives_plain_label(
    wiki: Wiki, users: None, edit_as: Any
) -> None:
    wiki.config = wiki.config.with_overrides({"show_rollback_edit_count": 0})
    edit_as("Editor", "T", "a")
    edit_as("Vandal", "T", "b")
    links = rollback_links(history(logged_in_browser(wiki, "Rollbacker"), "T"))
    assert [label for _, _, label in links] == ["rollback"]


def test_ukrainian_label(wiki: Wiki, users: None, edit_as: Any) -> None:
    edit_as("Editor", "T", "a")
    edit_as("Vandal", "T", "b")
    edit_as("Vandal", "T", "c")
    links = rollback_links(history(logged_in_browser(wiki, "Rollbacker"), "T", uselang="uk"))
    assert links[0][2] == "відкинути 2 редагування"
    assert "Одним кліком прибрати зміни" in links[0][1]


def test_paging_with_limit_offset_and_dir(wiki: Wiki, users: None, edit_as: Any) -> None:
    for i in range(5):
        edit_as("Editor", "P", f"v{i}", timestamp=f"2026010100000{i}")
    client = browser(wiki)
    first = history(client, "P", limit=2)
    assert re.findall(r'<li data-mw-revid="(\d+)"', first) == ["5", "4"]
    older = re.search(r'<a href="([^"]+)" class="mw-nextlink"', first)
    assert older is not None
    second = client.get(older.group(1).replace("&amp;", "&")).text
    assert re.findall(r'<li data-mw-revid="(\d+)"', second) == ["3", "2"]
    newer = re.search(r'<a href="([^"]+)" class="mw-prevlink"', second)
    assert newer is not None
    back = client.get(newer.group(1).replace("&amp;", "&")).text
    assert re.findall(r'<li data-mw-revid="(\d+)"', back) == ["5", "4"]
    oldest = history(client, "P", limit=2, dir="prev")
    assert re.findall(r'<li data-mw-revid="(\d+)"', oldest) == ["2", "1"]
    by_offset = history(client, "P", limit=10, offset="20260101000003|4")
    assert re.findall(r'<li data-mw-revid="(\d+)"', by_offset) == ["3", "2", "1"]


def test_history_of_missing_page_is_404(wiki: Wiki) -> None:
    response = browser(wiki).get(INDEX, params={"title": "Nope", "action": "history"})
    assert response.status_code == 404
    assert "There is no edit history for this page." in content(response.text)


def test_tags_and_rollback_rows_after_a_rollback(wiki: Wiki, users: None, edit_as: Any) -> None:
    edit_as("Editor", "T", "a")
    edit_as("Vandal", "T", "b")
    client = logged_in_browser(wiki, "Admin")
    client.get(rollback_links(history(client, "T"))[0][0])
    page = history(client, "T")
    text = content(page)
    assert "Reverted edits by Vandal (talk) to last revision by Editor" in text
    assert "Tag: Rollback" in text
    assert "Tag: Reverted" in text  # the sysop autopatrols: mw-reverted applies at once
