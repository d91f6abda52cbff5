"""Page views (current, old, missing, redirects), action=raw, user scripts, the
JavaScript configuration, the edit form with its conflict handling, watch/unwatch."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from web_helpers import (
    INDEX,
    browser,
    content,
    form_fields,
    heading,
    latest,
    logged_in_browser,
)

from rollwiki.services.watchlist import is_watched
from rollwiki.services.wiki import Wiki
from rollwiki.storage.queries import users as uq


@pytest.fixture
def pages(wiki: Wiki, make_user: Any, edit_as: Any) -> list[int]:
    make_user("Editor")
    make_user("Other")
    # Older than the edits the tests make, as a real history would be.
    revs = [
        edit_as(
            "Editor",
            "Main Page",
            "Welcome to '''the wiki'''. See [[Other page]].",
            timestamp="20260101000000",
        ),
        edit_as("Editor", "Other page", "first", timestamp="20260101000001"),
        edit_as("Other", "Other page", "second", timestamp="20260101000002"),
        edit_as("Editor", "Shortcut", "#REDIRECT [[Other page]]", timestamp="20260101000003"),
    ]
    return revs


def config_of(page: str) -> dict[str, Any]:
    m = re.search(r'<script type="application/json" id="mw-config-data">(.*?)</script>', page)
    assert m is not None
    data: dict[str, Any] = json.loads(m.group(1))
    return data


def test_article_path_and_index_php_show_the_page(wiki: Wiki, pages: list[int]) -> None:
    client = browser(wiki)
    for response in (
        client.get("/wiki/Main_Page"),
        client.get(INDEX, params={"title": "Main Page"}),
        client.get("/index.php", params={"title": "Main_Page"}),
    ):
        assert response.status_code == 200
        assert heading(response.text) == "Main Page"
        assert "<b>the wiki</b>" in response.text
        assert 'href="/wiki/Other_page" title="Other page"' in response.text
    assert client.get("/", follow_redirects=False).headers["location"] == "/wiki/Main_Page"


def test_js_config_describes_the_page_and_user(wiki: Wiki, pages: list[int]) -> None:
    page = logged_in_browser(wiki, "Editor").get("/wiki/Other_page").text
    config = config_of(page)
    assert config["wgPageName"] == "Other_page"
    assert config["wgTitle"] == "Other page"
    assert config["wgNamespaceNumber"] == 0
    assert config["wgUserName"] == "Editor"
    assert "user" in config["wgUserGroups"]
    assert config["wgRevisionId"] == config["wgCurRevisionId"] == pages[2]
    assert config["wgArticleId"] == 2
    assert config["wgScriptPath"] == "/w"
    assert config["wgArticlePath"] == "/wiki/$1"
    assert config["wgAction"] == "view"
    assert config["wgUserLanguage"] == "en"
    anon = config_of(browser(wiki).get("/wiki/Other_page").text)
    assert anon["wgUserName"] is None


def test_old_revision_view(wiki: Wiki, pages: list[int]) -> None:
    page = browser(wiki).get(INDEX, params={"title": "Other page", "oldid": pages[1]}).text
    assert "first" in content(page) and "second" not in content(page)
    assert "Revision as of" in content(page)
    assert config_of(page)["wgRevisionId"] == pages[1]
    assert "Newer revision →" in content(page)


def test_missing_page_is_404_with_a_create_link(wiki: Wiki, pages: list[int]) -> None:
    response = browser(wiki).get("/wiki/No_such_page")
    assert response.status_code == 404
    assert "There is currently no text in this page." in content(response.text)
    assert "title=No_such_page&amp;action=edit" in response.text


def test_redirects_are_followed_unless_asked_not_to(wiki: Wiki, pages: list[int]) -> None:
    client = browser(wiki)
    followed = client.get("/wiki/Shortcut").text
    assert heading(followed) == "Other page"
    assert "(Redirected from Shortcut)" in content(followed)
    raw = client.get(INDEX, params={"title": "Shortcut", "redirect": "no"}).text
    assert heading(raw) == "Shortcut"
    assert "Redirect to:" in content(raw)


def test_interface_language_by_uselang(wiki: Wiki, pages: list[int]) -> None:
    page = browser(wiki).get("/wiki/Other_page", params={"uselang": "uk"}).text
    assert '<html class="client-nojs" lang="uk"' in page
    assert "Переглянути історію" in page
    assert config_of(page)["wgUserLanguage"] == "uk"


def test_raw_action_and_user_script_loading(wiki: Wiki, pages: list[int]) -> None:
    editor = logged_in_browser(wiki, "Editor")
    fields = edit_form(editor, "User:Editor/common.js")
    fields.update({"wpTextbox1": "mw.hook('x').fire();", "wpSave": "1"})
    editor.post(INDEX + "?title=User:Editor/common.js&action=submit", data=fields)
    raw = browser(wiki).get(
        INDEX,
        params={"title": "User:Editor/common.js", "action": "raw", "ctype": "text/javascript"},
    )
    assert raw.headers["content-type"] == "text/javascript; charset=UTF-8"
    assert raw.text == "mw.hook('x').fire();"
    own = logged_in_browser(wiki, "Editor").get("/wiki/Main_Page").text
    assert (
        '<script src="/w/index.php?title=User:Editor/common.js&amp;action=raw&amp;'
        'ctype=text%2Fjavascript" defer></script>'
    ) in own
    other = logged_in_browser(wiki, "Other").get("/wiki/Main_Page").text
    assert "common.js" not in other
    # Never on the login or preference pages.
    prefs = logged_in_browser(wiki, "Editor").get(INDEX, params={"title": "Special:Preferences"})
    assert "common.js" not in prefs.text


def edit_form(client: Any, title: str) -> dict[str, str]:
    page = client.get(INDEX, params={"title": title, "action": "edit"}).text
    return form_fields(page, "editform")


def test_edit_saves_through_the_form(wiki: Wiki, pages: list[int]) -> None:
    client = logged_in_browser(wiki, "Editor")
    fields = edit_form(client, "Other page")
    assert fields["wpTextbox1"] == "second"
    fields.update({"wpTextbox1": "third", "wpSummary": "my summary", "wpSave": "1"})
    response = client.post(
        INDEX + "?title=Other_page&action=submit", data=fields, follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/wiki/Other_page"
    rev = latest(wiki, "Other page")
    assert rev["text"] == "third" and rev["rev_comment"] == "my summary"
    assert rev["actor_name"] == "Editor"


def test_edit_with_bad_token_saves_nothing(wiki: Wiki, pages: list[int]) -> None:
    client = logged_in_browser(wiki, "Editor")
    fields = edit_form(client, "Other page")
    fields.update({"wpTextbox1": "hacked", "wpEditToken": "+\\", "wpSave": "1"})
    response = client.post(INDEX + "?title=Other_page&action=submit", data=fields)
    assert response.status_code == 200
    assert "loss of session data" in content(response.text)
    assert latest(wiki, "Other page")["text"] == "second"


def test_edit_conflict_shows_both_texts(wiki: Wiki, pages: list[int]) -> None:
    mine = logged_in_browser(wiki, "Editor")
    theirs = logged_in_browser(wiki, "Other")
    my_form = edit_form(mine, "Other page")
    their_form = edit_form(theirs, "Other page")
    their_form.update({"wpTextbox1": "their version", "wpSave": "1"})
    theirs.post(INDEX + "?title=Other_page&action=submit", data=their_form)
    my_form.update({"wpTextbox1": "my version", "wpSave": "1"})
    response = mine.post(INDEX + "?title=Other_page&action=submit", data=my_form)
    assert heading(response.text) == "Edit conflict: Other page"
    assert "Someone else has changed this page since you started editing it." in content(
        response.text
    )
    fields = form_fields(response.text, "editform")
    assert fields["wpTextbox1"] == "their version"
    assert fields["wpTextbox2"] == "my version"
    assert latest(wiki, "Other page")["text"] == "their version"
    # Saving again from the conflict screen overwrites knowingly.
    fields["wpTextbox1"] = "merged version"
    fields["wpSave"] = "1"
    mine.post(INDEX + "?title=Other_page&action=submit", data=fields)
    assert latest(wiki, "Other page")["text"] == "merged version"


def test_preview_does_not_save(wiki: Wiki, pages: list[int]) -> None:
    client = logged_in_browser(wiki, "Editor")
    fields = edit_form(client, "Other page")
    fields.update({"wpTextbox1": "'''previewed'''", "wpPreview": "1"})
    response = client.post(INDEX + "?title=Other_page&action=submit", data=fields)
    assert "<b>previewed</b>" in response.text
    assert "Remember that this is only a preview." in content(response.text)
    assert latest(wiki, "Other page")["text"] == "second"


def test_watch_and_unwatch_need_a_post_with_token(wiki: Wiki, pages: list[int]) -> None:
    client = logged_in_browser(wiki, "Other")
    user = wiki.db.read(lambda c: uq.user_by_name(c, "Other"))
    title = wiki.titles.parse("Main Page")
    form = client.get(INDEX, params={"title": "Main Page", "action": "watch"}).text
    assert not wiki.db.read(lambda c: is_watched(c, user["user_id"], title))
    fields = form_fields(form, "mw-rollback-confirm")
    client.post(INDEX + "?title=Main_Page&action=watch", data={**fields, "wpEditToken": "x"})
    assert not wiki.db.read(lambda c: is_watched(c, user["user_id"], title))
    client.post(INDEX + "?title=Main_Page&action=watch", data=fields)
    assert wiki.db.read(lambda c: is_watched(c, user["user_id"], title))
    form = client.get(INDEX, params={"title": "Main Page", "action": "unwatch"}).text
    client.post(
        INDEX + "?title=Main_Page&action=unwatch", data=form_fields(form, "mw-rollback-confirm")
    )
    assert not wiki.db.read(lambda c: is_watched(c, user["user_id"], title))


@pytest.mark.parametrize(
    ("params", "status", "title"),
    [
        ({"title": "Main Page", "action": "bogus"}, 404, "No such action"),
        ({"title": "[[bad]]"}, 400, "Bad title"),
        ({"title": "Special:NoSuchSpecial"}, 404, "No such special page"),
    ],
)
def test_error_pages(
    wiki: Wiki, pages: list[int], params: dict[str, str], status: int, title: str
) -> None:
    response = browser(wiki).get(INDEX, params=params)
    assert response.status_code == status
    assert heading(response.text) == title


def test_missing_revision_and_missing_diff(wiki: Wiki, pages: list[int]) -> None:
    client = browser(wiki)
    response = client.get(INDEX, params={"title": "Other page", "oldid": 999})
    assert response.status_code == 404
    assert heading(response.text) == "Error"
    assert 'The revision #999 of the page named "Other page" does not exist.' in content(
        response.text
    )
    assert "title=Special:Log/delete&amp;page=Other+page" in response.text
    response = client.get(INDEX, params={"title": "Other page", "diff": 999})
    assert response.status_code == 404
    assert "One revision of this difference (999) was not found." in content(response.text)


def test_search_goes_to_an_existing_page_or_lists_prefix_matches(
    wiki: Wiki, pages: list[int]
) -> None:
    client = browser(wiki)
    go = client.get(
        INDEX, params={"title": "Special:Search", "search": "other page"}, follow_redirects=False
    )
    assert go.status_code == 302 and go.headers["location"] == "/wiki/Other_page"
    found = client.get(INDEX, params={"search": "Oth"})
    assert heading(found.text) == "Search results"
    assert 'href="/wiki/Other_page"' in found.text
    assert "Oth" in content(found.text)


def test_my_pages_redirect_to_the_user(wiki: Wiki, pages: list[int]) -> None:
    client = logged_in_browser(wiki, "Editor")
    for name, target in (
        ("MyPage", "/wiki/User:Editor"),
        ("MyTalk", "/wiki/User_talk:Editor"),
        ("MyContributions", "/wiki/Special:Contributions/Editor"),
    ):
        response = client.get(f"/wiki/Special:{name}", follow_redirects=False)
        assert response.headers["location"] == target


def test_head_request_has_headers(wiki: Wiki, pages: list[int]) -> None:
    response = browser(wiki).head("/wiki/Main_Page")
    assert response.status_code == 200
    assert response.headers["x-frame-options"] == "DENY"


def test_edit_form_posted_as_multipart(wiki: Wiki, pages: list[int]) -> None:
    """Browsers send the edit form as multipart/form-data (its enctype, as MediaWiki's)."""
    client = logged_in_browser(wiki, "Editor")
    fields = edit_form(client, "Other page")
    fields.update({"wpTextbox1": "multipart ünïcode", "wpSave": "1"})
    response = client.post(
        INDEX + "?title=Other_page&action=submit",
        data=fields,
        files={"wpUploadDummy": ("", b"", "application/octet-stream")},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert latest(wiki, "Other page")["text"] == "multipart ünïcode"
