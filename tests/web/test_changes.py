"""Special:Contributions, Special:RecentChanges, Special:Watchlist, Special:Log and
Special:Tags: rows, rollback links (web-ui.md §1), filters."""

from __future__ import annotations

import re
from typing import Any

import pytest
from web_helpers import (
    INDEX,
    browser,
    content,
    form_fields,
    heading,
    logged_in_browser,
    rollback_links,
)

from rollwiki.services.watchlist import add_watch
from rollwiki.services.wiki import Wiki
from rollwiki.storage.queries import users as uq


@pytest.fixture
def site(wiki: Wiki, make_user: Any, edit_as: Any) -> None:
    make_user("Admin", ["sysop", "bureaucrat"])
    make_user("Rollbacker", ["rollbacker"])
    make_user("Editor")
    make_user("Vandal")
    edit_as("Editor", "Alpha", "a", summary="alpha created")
    edit_as("Vandal", "Alpha", "a vandal", summary="alpha vandalised")
    edit_as("Vandal", "Fresh", "new page by vandal")
    edit_as("Editor", "Beta", "b")
    edit_as("Vandal", "Beta", "b1")
    edit_as("Editor", "Beta", "b2", summary="beta fixed")


def special(client: Any, name: str, **params: Any) -> str:
    response = client.get(INDEX, params={"title": f"Special:{name}", **params})
    assert response.status_code == 200, response.text
    return str(response.text)


def test_contributions_mark_current_rows_and_link_rollback(wiki: Wiki, site: None) -> None:
    page = special(logged_in_browser(wiki, "Rollbacker"), "Contributions/Vandal")
    assert heading(page) == "User contributions for Vandal"
    current = re.findall(r'<li data-mw-revid="(\d+)" class="mw-contributions-current', page)
    # Alpha's top edit and Fresh (created, never edited again) are current; Beta's is not.
    assert len(current) == 2
    links = rollback_links(page)
    # Not on "Fresh": page_is_new (no edit after its creation).
    assert len(links) == 1 and "title=Alpha" in links[0][0]
    assert links[0][2] == "rollback 1 edit"
    assert "current" in content(page)


def test_contributions_without_rights_show_no_links(wiki: Wiki, site: None) -> None:
    assert rollback_links(special(browser(wiki), "Contributions/Vandal")) == []


def test_contributions_of_unknown_user(wiki: Wiki, site: None) -> None:
    response = browser(wiki).get(INDEX, params={"title": "Special:Contributions/Nobody here"})
    assert response.status_code == 404
    assert "is not registered" in content(response.text)


def test_recent_changes_rows_and_rollback_links(wiki: Wiki, site: None) -> None:
    page = special(logged_in_browser(wiki, "Rollbacker"), "RecentChanges")
    assert heading(page) == "Recent changes"
    titles = re.findall(r'data-target-page="([^"]+)"', page)
    assert titles[:3] == ["Beta", "Beta", "Beta"]
    links = rollback_links(page)
    targets = sorted(re.search(r"title=([^&]+)", h).group(1) for h, _, _ in links)  # type: ignore[union-attr]
    # Edits that are their page's latest revision (not creations).
    assert targets == ["Alpha", "Beta"]
    assert "alpha vandalised" in content(page)


def test_recent_changes_hide_bots_by_default(wiki: Wiki, site: None) -> None:
    admin = logged_in_browser(wiki, "Admin")
    history = admin.get(INDEX, params={"title": "Alpha", "action": "history"}).text
    admin.get(rollback_links(history)[0][0] + "&bot=1")  # markbot: both sides become bot edits
    page = special(browser(wiki), "RecentChanges")
    assert "alpha vandalised" not in content(page)
    shown = special(browser(wiki), "RecentChanges", hidebots=0)
    assert "alpha vandalised" in content(shown)
    assert "Show bots" in content(page) and "Hide bots" in content(shown)


def test_recent_changes_user_and_tag_filters(wiki: Wiki, site: None) -> None:
    page = special(browser(wiki), "RecentChanges", user="Editor")
    assert "beta fixed" in content(page) and "alpha vandalised" not in content(page)
    admin = logged_in_browser(wiki, "Admin")
    history = admin.get(INDEX, params={"title": "Alpha", "action": "history"}).text
    admin.get(rollback_links(history)[0][0])
    tagged = special(browser(wiki), "RecentChanges", tagfilter="mw-rollback")
    rows = re.findall(r'<li data-mw-revid="\d+"', tagged)
    assert len(rows) == 1 and "Tag: Rollback" in content(tagged)


def test_watchlist_shows_changes_to_watched_pages(wiki: Wiki, site: None) -> None:
    user = wiki.db.read(lambda c: uq.user_by_name(c, "Rollbacker"))
    wiki.db.write(lambda c: add_watch(c, wiki, user["user_id"], wiki.titles.parse("Alpha"), None))
    page = special(logged_in_browser(wiki, "Rollbacker"), "Watchlist")
    assert heading(page) == "Watchlist"
    assert re.findall(r'data-target-page="([^"]+)"', page) == ["Alpha"]
    assert len(rollback_links(page)) == 1


def test_watchlist_needs_login(wiki: Wiki, site: None) -> None:
    page = special(browser(wiki), "Watchlist")
    assert "Please log in to view or edit items on your watchlist." in content(page)


def test_log_lists_entries_and_filters_by_type(wiki: Wiki, site: None) -> None:
    admin = logged_in_browser(wiki, "Admin")
    form = admin.get(INDEX, params={"title": "Special:UserRights/Vandal"}).text
    fields = form_fields(form, "mw-userrights-form2")
    fields.update({"wpGroup-rollbacker": "1", "user-reason": "trusted"})
    admin.post(INDEX + "?title=Special:UserRights/Vandal", data=fields)
    page = special(browser(wiki), "Log", type="rights")
    assert heading(page) == "User rights log"
    text = content(page)
    assert "Admin talk contribs changed group membership for Vandal" in text
    assert "from (none) to rollbacker" in text
    assert "(trusted)" in text


def test_tags_page_lists_software_tags_with_hits(wiki: Wiki, site: None) -> None:
    admin = logged_in_browser(wiki, "Admin")
    history = admin.get(INDEX, params={"title": "Alpha", "action": "history"}).text
    admin.get(rollback_links(history)[0][0])
    page = special(browser(wiki), "Tags")
    row = re.search(r'<tr class="mw-tag-mw-rollback">(.*?)</tr>', page, re.S)
    assert row is not None
    assert "Rollback" in row.group(1) and "1 change" in row.group(1)
    uk = special(browser(wiki), "Tags", uselang="uk")
    assert "Відкіт" in uk and "Скасовано" in uk
