"""Listings cost a fixed number of queries, whatever the number of rows (no N+1)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event
from web_helpers import INDEX, logged_in_browser

from rollwiki.services.wiki import Wiki


class Counter:
    def __init__(self, wiki: Wiki) -> None:
        self.count = 0
        self.engine = wiki.db.engine

    def __call__(self, *args: Any) -> None:
        self.count += 1


@pytest.fixture
def counter(wiki: Wiki) -> Iterator[Counter]:
    c = Counter(wiki)
    event.listen(c.engine, "before_cursor_execute", c)
    yield c
    event.remove(c.engine, "before_cursor_execute", c)


def build(edit_as: Any, pages: int, edits: int) -> None:
    for p in range(pages):
        for e in range(edits):
            author = ["Editor", "Vandal", "Other"][e % 3]
            edit_as(author, f"Page {p}", f"text {p} {e}", summary=f"[[Link {e}]] edit {e}")


@pytest.mark.parametrize(
    "url",
    [
        {"title": "Page 0", "action": "history"},
        {"title": "Special:RecentChanges", "limit": "500"},
        {"title": "Special:Contributions/Vandal"},
        {"title": "Special:Log"},
    ],
    ids=["history", "recentchanges", "contributions", "log"],
)
def test_query_count_does_not_grow_with_rows(
    wiki: Wiki, make_user: Any, edit_as: Any, counter: Counter, url: dict[str, str]
) -> None:
    make_user("Rollbacker", ["rollbacker"])
    for name in ("Editor", "Vandal", "Other"):
        make_user(name)
    client = logged_in_browser(wiki, "Rollbacker")
    build(edit_as, 2, 3)
    counter.count = 0
    client.get(INDEX, params=url)
    small = counter.count
    build(edit_as, 6, 12)
    counter.count = 0
    client.get(INDEX, params=url)
    assert counter.count <= small + 2, (small, counter.count)
