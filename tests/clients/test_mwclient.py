"""mwclient, unmodified, against a live rollwiki: several editors, rollback and its errors."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
import requests

from rollwiki.testing import BotCredentials, RollWiki

mwclient = pytest.importorskip("mwclient", reason="mwclient is in the test extras")

EDITING = ["basic", "editpage", "createeditmovepage"]
SiteFactory = Callable[[BotCredentials], Any]


@pytest.fixture
def site_for(rollwiki: RollWiki) -> SiteFactory:
    """A logged-in mwclient.Site per bot password (its own HTTP session and cookies)."""

    def connect(bot: BotCredentials) -> Any:
        site = mwclient.Site(
            rollwiki.host,
            path=rollwiki.script_path,
            scheme=rollwiki.scheme,
            clients_useragent="rollwiki-tests",
            max_retries=0,  # fail at once instead of sleeping and retrying
            retry_timeout=0,
        )
        site.login(*bot.as_tuple())
        return site

    return connect


@pytest.fixture
def editors(rollwiki: RollWiki, site_for: SiteFactory) -> dict[str, Any]:
    """Editor and Vandal (plain users) and Rollbacker, each logged in with a bot password."""
    rollwiki.make_user("Editor")
    rollwiki.make_user("Vandal")
    rollwiki.make_user("Rollbacker", groups=["rollbacker"])
    return {
        "Editor": site_for(rollwiki.make_bot_password("Editor", "edit", grants=EDITING)),
        "Vandal": site_for(rollwiki.make_bot_password("Vandal", "edit", grants=EDITING)),
        "Rollbacker": site_for(
            rollwiki.make_bot_password(
                "Rollbacker", "rollbot", grants=["basic", "editpage", "rollback"]
            )
        ),
    }


def history(site: Any, title: str) -> list[dict[str, Any]]:
    """Newest first, through mwclient's page.revisions() (prop=revisions)."""
    return list(site.pages[title].revisions(prop="ids|user|comment|content|timestamp|tags"))


def test_site_init_reads_version_and_rights(editors: dict[str, Any], rollwiki: RollWiki) -> None:
    site = editors["Rollbacker"]
    assert site.version == (1, 39, 17)
    assert site.site["generator"] == "MediaWiki 1.39.17"
    assert site.logged_in
    assert site.username == "Rollbacker"
    assert "rollback" in site.rights
    assert "bot" not in site.rights
    assert site.namespaces[4] == rollwiki.wiki.config.project_namespace


def test_edits_by_several_users_then_rollback_restores_the_good_version(
    editors: dict[str, Any], rollwiki: RollWiki
) -> None:
    title = "Mwclient article"
    created = editors["Editor"].pages[title].edit("good text", summary="new article")
    bad1 = editors["Vandal"].pages[title].edit("bad 1", summary="vandalism")
    bad2 = editors["Vandal"].pages[title].edit("bad 2")
    assert created["result"] == bad1["result"] == bad2["result"] == "Success"
    assert created["new"] == ""  # formatversion 1: true is ""

    site = editors["Rollbacker"]
    token = site.get_token("rollback")
    result = site.post("rollback", title=title, user="Vandal", token=token)["rollback"]

    assert result["old_revid"] == bad2["newrevid"]
    assert result["last_revid"] == created["newrevid"]
    revisions = history(site, title)
    assert [(r["revid"], r["user"]) for r in revisions] == [
        (result["revid"], "Rollbacker"),
        (bad2["newrevid"], "Vandal"),
        (bad1["newrevid"], "Vandal"),
        (created["newrevid"], "Editor"),
    ]
    assert revisions[0]["*"] == revisions[3]["*"] == "good text"
    assert revisions[0]["comment"] == (
        "Reverted edits by [[Special:Contributions/Vandal|Vandal]] "
        "([[User talk:Vandal|talk]]) to last revision by [[User:Editor|Editor]]"
    )
    assert revisions[0]["tags"] == ["mw-rollback"]
    # mwclient parses timestamps strictly (time.strptime "%Y-%m-%dT%H:%M:%SZ").
    assert all(isinstance(r["timestamp"], time.struct_time) for r in revisions)
    assert revisions[0]["timestamp"] >= revisions[-1]["timestamp"]
    assert site.pages[title].text() == "good text"
    assert rollwiki.page_text(title) == "good text"


def test_rolling_back_the_same_run_twice_gives_alreadyrolled(
    editors: dict[str, Any], rollwiki: RollWiki
) -> None:
    title = "Mwclient alreadyrolled"
    editors["Editor"].pages[title].edit("good")
    editors["Vandal"].pages[title].edit("bad")
    site = editors["Rollbacker"]
    token = site.get_token("rollback")
    site.post("rollback", title=title, user="Vandal", token=token)

    with pytest.raises(mwclient.errors.APIError) as failure:
        site.post("rollback", title=title, user="Vandal", token=token)

    assert failure.value.code == "alreadyrolled"
    assert failure.value.info == (
        f"Cannot rollback the last edit of [[:{title}]] by [[User:Vandal|Vandal]] "
        "([[User talk:Vandal|talk]] | [[Special:Contributions/Vandal|contribs]]). "
        "Someone else has edited or rolled back the page already. The last edit to the page "
        "was by [[User:Rollbacker|Rollbacker]] ([[User talk:Rollbacker|talk]] | "
        "[[Special:Contributions/Rollbacker|contribs]])."
    )
    assert [r["user"] for r in history(site, title)] == ["Rollbacker", "Vandal", "Editor"]


def test_rolling_back_the_only_author_gives_onlyauthor(
    editors: dict[str, Any], rollwiki: RollWiki
) -> None:
    title = "Mwclient onlyauthor"
    editors["Vandal"].pages[title].edit("bad 1")
    editors["Vandal"].pages[title].edit("bad 2")
    site = editors["Rollbacker"]

    with pytest.raises(mwclient.errors.APIError) as failure:
        site.post("rollback", title=title, user="Vandal", token=site.get_token("rollback"))

    assert failure.value.code == "onlyauthor"
    assert failure.value.info == (
        # The bc error format joins the message's lines (observed on 1.39).
        "Cannot revert the edit. The last contributor is the only author of this page."
    )
    assert [r["user"] for r in history(site, title)] == ["Vandal", "Vandal"]
    assert rollwiki.page_text(title) == "bad 2"


def test_an_editor_without_the_rollback_right_gets_permissiondenied(
    editors: dict[str, Any], rollwiki: RollWiki
) -> None:
    title = "Mwclient permissiondenied"
    editors["Editor"].pages[title].edit("good")
    editors["Vandal"].pages[title].edit("bad")
    site = editors["Editor"]

    with pytest.raises(mwclient.errors.APIError) as failure:
        site.post("rollback", title=title, user="Vandal", token=site.get_token("rollback"))

    assert failure.value.code == "permissiondenied"
    assert rollwiki.page_text(title) == "bad"


def test_api_errors_come_with_http_200_so_mwclient_raises_apierror_not_httperror(
    editors: dict[str, Any], rollwiki: RollWiki
) -> None:
    title = "Mwclient get"
    editors["Editor"].pages[title].edit("good")
    editors["Vandal"].pages[title].edit("bad")
    site = editors["Rollbacker"]
    token = site.get_token("rollback")

    # A token in the query string: mustpostparams, reported in a 200 response as 1.39 does.
    with pytest.raises(mwclient.errors.APIError) as failure:
        site.get("rollback", title=title, user="Vandal", token=token)
    assert failure.value.code == "mustpostparams"

    raw = requests.get(
        rollwiki.api_url,
        params={"action": "rollback", "title": title, "user": "Vandal", "format": "json"},
        timeout=30,
    )
    assert raw.status_code == 200
    assert raw.headers["MediaWiki-API-Error"] == "missingparam"
    assert "X-Database-Lag" not in raw.headers  # mwclient would wait and retry
    assert rollwiki.page_text(title) == "bad"


def test_a_wrong_bot_password_fails_login(rollwiki: RollWiki) -> None:
    rollwiki.make_user("Editor")
    bot = rollwiki.make_bot_password("Editor", "edit", grants=EDITING)
    site = mwclient.Site(rollwiki.host, path=rollwiki.script_path, scheme=rollwiki.scheme)

    with pytest.raises(mwclient.errors.LoginError) as failure:
        site.login(bot.login, "x" * 32)

    assert failure.value.code == "Failed"
    # The reason as the 1.39 oracle words it for a wrong bot password.
    assert failure.value.info == "Incorrect username or password entered. Please try again."
    # (site.logged_in is no guide: mwclient sets it from any response without userinfo.)
    userinfo = site.get("query", meta="userinfo")["query"]["userinfo"]
    assert userinfo == {"id": 0, "name": "127.0.0.1", "anon": ""}
