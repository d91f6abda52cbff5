"""A patroller's whole job in a real browser: log in, find the vandalism, roll it back
(with and without the confirmation preference, with and without JavaScript), user
scripts through mw.Api, and the API sandbox."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import edit, latest, login, make_live, set_option

from rollwiki.testing.server import LiveWiki

PAGE = "RB Web"
HOSTILE_NAME = 'Evil" onmouseover="alert(1)'
HOSTILE_SUMMARIES = [
    "<script>alert('summary')</script>",
    '"onmouseover=alert(1) x="',
    "[[javascript:alert(1)|click me]]",
    "[[Foo|<img src=x onerror=alert(1)>]]",
]


@pytest.fixture
def live() -> Iterator[LiveWiki]:
    server = make_live()
    edit(server, "Editor", PAGE, "base text\n\nsecond paragraph", summary="create")
    edit(server, "Vandal", PAGE, "base text VANDAL\n\nsecond paragraph", summary="vandal 1")
    edit(server, "Vandal", PAGE, "base text VANDAL MORE\n\nsecond paragraph", summary="vandal 2")
    edit(server, "Editor", "Sandbox", "sandbox base")
    edit(server, "Vandal", "Sandbox", "sandbox vandalised")
    edit(server, "Editor", "Hostile", "clean")
    for summary in HOSTILE_SUMMARIES:
        edit(server, HOSTILE_NAME, "Hostile", f"hostile {summary}", summary=summary)
    with server:
        yield server


@pytest.fixture
def page(chromium: Any, live: LiveWiki) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tab.dialogs = dialogs
    try:
        yield tab
    finally:
        context.close()
        assert dialogs == [], f"a script ran: {dialogs}"


def history_url(live: LiveWiki, title: str = PAGE) -> str:
    return f"{live.base_url}/w/index.php?title={title.replace(' ', '_')}&action=history"


def test_rollbacker_rolls_back_from_the_history(
    page: Any, live: LiveWiki, screenshots: Path
) -> None:
    login(page, live, "Rollbacker")
    page.goto(history_url(live))
    link = page.locator(".mw-rollback-link a")
    assert link.count() == 1
    assert link.inner_text() == "rollback 2 edits"
    assert link.get_attribute("data-mw") == "interface"
    page.screenshot(path=str(screenshots / "history.png"), full_page=True)
    link.click()
    page.wait_for_load_state()
    assert page.locator("#firstHeading").inner_text() == "Action complete"
    text = page.locator("#mw-content-text").inner_text()
    assert "Reverted edits by Vandal (talk | contribs)" in text
    assert "changed back to last revision by Editor (talk | contribs)." in text
    assert page.locator("table.diff").count() == 1
    page.screenshot(path=str(screenshots / "rollback-result.png"), full_page=True)
    rev = latest(live, PAGE)
    assert rev["text"] == "base text\n\nsecond paragraph"
    assert rev["actor_name"] == "Rollbacker" and "mw-rollback" in rev["tags"]
    page.click("#mw-returnto a")
    page.goto(history_url(live))
    top = page.locator("#pagehistory li").first
    assert "Rollbacker" in top.inner_text()
    assert "Tag: Rollback" in top.inner_text()
    assert "Reverted edits by Vandal" in top.inner_text()
    assert page.locator(".mw-rollback-link").count() == 1  # now for the rollbacker's own edit


def test_confirmation_form_without_javascript(chromium: Any, live: LiveWiki) -> None:
    set_option(live, "Rollbacker", "showrollbackconfirmation", "1")
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        login(page, live, "Rollbacker")
        page.goto(history_url(live))
        page.click(".mw-rollback-link a")
        page.wait_for_load_state()
        assert page.locator("legend").first.inner_text() == "Revert edits to this page?"
        assert latest(live, PAGE)["actor_name"] == "Vandal"  # nothing happened yet
        page.click("#mw-rollback-confirm button[type=submit]")
        page.wait_for_load_state()
        assert page.locator("#firstHeading").inner_text() == "Action complete"
        assert latest(live, PAGE)["actor_name"] == "Rollbacker"
    finally:
        context.close()


def test_confirmation_prompt_with_javascript(page: Any, live: LiveWiki) -> None:
    set_option(live, "Rollbacker", "showrollbackconfirmation", "1")
    login(page, live, "Rollbacker")
    page.goto(history_url(live))
    url = page.url
    page.click(".mw-rollback-link a")
    prompt = page.locator(".mw-rollback-confirmation")
    prompt.wait_for()
    assert "Please confirm:" in prompt.inner_text()
    assert page.url == url
    page.click(".mw-rollback-confirmation-no")
    assert page.locator(".mw-rollback-confirmation").count() == 0
    assert latest(live, PAGE)["actor_name"] == "Vandal"
    page.click(".mw-rollback-link a")
    with page.expect_navigation():
        page.click(".mw-rollback-confirmation-yes")
    assert page.locator("#firstHeading").inner_text() == "Action complete"
    assert latest(live, PAGE)["actor_name"] == "Rollbacker"


def test_plain_user_sees_no_rollback_link(page: Any, live: LiveWiki) -> None:
    login(page, live, "Editor")
    page.goto(history_url(live))
    assert page.locator("#pagehistory li").count() == 3
    assert page.locator(".mw-rollback-link").count() == 0
    page.goto(f"{live.base_url}/wiki/Special:RecentChanges")
    assert page.locator(".mw-rollback-link").count() == 0


def test_hostile_names_and_summaries_render_as_text(page: Any, live: LiveWiki) -> None:
    login(page, live, "Rollbacker")
    for url, shown in (
        (history_url(live, "Hostile"), "<script>alert('summary')</script>"),
        (f"{live.base_url}/wiki/Special:RecentChanges", "<script>alert('summary')</script>"),
        (
            f"{live.base_url}/w/index.php?title=Hostile&diff=cur&oldid=6",
            "hostile <img src=x onerror=alert(1)>",
        ),
    ):
        page.goto(url)
        text = page.locator("#bodyContent").inner_text()
        assert HOSTILE_NAME in text
        assert shown in text
        assert page.locator("#bodyContent img").count() == 0
        assert page.locator("#bodyContent [onmouseover]").count() == 0
        page.hover(f"text={HOSTILE_NAME}", timeout=2000)
    # The wikitext link trick stays a harmless link.
    page.goto(history_url(live, "Hostile"))
    hrefs = page.eval_on_selector_all("#pagehistory a", "els => els.map(e => e.href)")
    assert all(not h.lower().startswith("javascript:") for h in hrefs)


# The "MediaWiki JS" demo of the API:Rollback page, unmodified but for its parameter
# values (the page and the user whose edits to roll back).
MW_API_DEMO = """
/*
	MediaWiki API Demos
	Demo of `rollback` module: Sending post request to rollback the
    last edits made to a given page.

	MIT License
*/

var params = {
		action: 'rollback',
		title: 'Sandbox',
		user: 'Vandal',
		format: 'json'
	},
	api = new mw.Api();

api.postWithToken( 'rollback', params ).done( function ( data ) {
	console.log( data );
} );
"""


def test_mw_api_demo_runs_as_a_user_script(page: Any, live: LiveWiki) -> None:
    edit(live, "Rollbacker", "User:Rollbacker/common.js", MW_API_DEMO, model="javascript")
    messages: list[Any] = []
    page.on("console", lambda msg: messages.append(msg))
    login(page, live, "Rollbacker")
    page.wait_for_function("() => window.mw && mw.config.get('wgUserName') === 'Rollbacker'")
    page.wait_for_timeout(200)
    deadline = 50
    while deadline and not any("rollback" in m.text for m in messages):
        page.wait_for_timeout(100)
        deadline -= 1
    logged = [m for m in messages if "rollback" in m.text or m.type == "log"]
    assert logged, [m.text for m in messages]
    data = logged[0].args[0].json_value()
    assert data["rollback"]["title"] == "Sandbox"
    rev = latest(live, "Sandbox")
    assert rev["text"] == "sandbox base" and rev["actor_name"] == "Rollbacker"


def test_mw_config_and_api_in_the_page(page: Any, live: LiveWiki) -> None:
    login(page, live, "Rollbacker")
    page.goto(f"{live.base_url}/wiki/RB_Web")
    config = page.evaluate(
        "() => mw.config.get(['wgPageName', 'wgTitle', 'wgNamespaceNumber', 'wgUserName',"
        " 'wgUserGroups', 'wgRevisionId', 'wgCurRevisionId', 'wgArticleId', 'wgScriptPath',"
        " 'wgServer', 'wgArticlePath', 'wgAction', 'wgUserLanguage'])"
    )
    assert config["wgPageName"] == "RB_Web" and config["wgUserName"] == "Rollbacker"
    assert "rollbacker" in config["wgUserGroups"]
    assert config["wgRevisionId"] == config["wgCurRevisionId"] == 3
    assert config["wgServer"] == live.base_url
    userinfo = page.evaluate(
        """() => new Promise((resolve, reject) => new mw.Api()
            .get({action: 'query', meta: 'userinfo'})
            .then(d => resolve(d.query.userinfo.name), (code) => reject(code)))"""
    )
    assert userinfo == "Rollbacker"
    failure = page.evaluate(
        """() => new Promise(resolve => new mw.Api()
            .post({action: 'rollback', title: 'RB Web', user: 'Vandal', token: 'bad'})
            .fail((code, result) => resolve([code, result.error.code])))"""
    )
    assert failure == ["badtoken", "badtoken"]


def test_api_sandbox_sends_a_request(page: Any, live: LiveWiki) -> None:
    login(page, live, "Rollbacker")
    page.goto(f"{live.base_url}/wiki/Special:ApiSandbox#action=query&list=recentchanges&rclimit=5")
    page.wait_for_selector("#apisandbox-query-recentchanges-rclimit")
    assert page.input_value("#mw-apisandbox-action") == "query"
    assert page.input_value("#apisandbox-query-recentchanges-rclimit") == "5"
    page.click("#mw-apisandbox-submit")
    page.wait_for_function(
        "() => document.getElementById('mw-apisandbox-response').textContent"
        ".includes('recentchanges')"
    )
    response = page.locator("#mw-apisandbox-response").inner_text()
    assert '"batchcomplete": true' in response
    url = page.locator("#mw-apisandbox-url").inner_text()
    assert url.startswith("/w/api.php?action=query") and "list=recentchanges" in url


def test_api_sandbox_fills_the_rollback_token_and_posts(page: Any, live: LiveWiki) -> None:
    login(page, live, "Rollbacker")
    page.goto(f"{live.base_url}/wiki/Special:ApiSandbox#action=rollback&title=Sandbox&user=Vandal")
    page.wait_for_selector("#apisandbox-rollback-user")
    page.click("#mw-apisandbox-submit")
    page.wait_for_function(
        "() => document.getElementById('mw-apisandbox-response').textContent.includes('rollback')"
    )
    assert '"revid"' in page.locator("#mw-apisandbox-response").inner_text()
    assert latest(live, "Sandbox")["actor_name"] == "Rollbacker"


def test_help_examples_open_in_the_sandbox(page: Any, live: LiveWiki) -> None:
    page.goto(f"{live.base_url}/w/api.php?action=help&modules=rollback")
    link = page.locator("a[href*='Special:ApiSandbox#']").first
    href = link.get_attribute("href")
    assert href is not None and "action=rollback" in href
    link.click()
    page.wait_for_selector("#apisandbox-rollback-user")
    assert page.input_value("#mw-apisandbox-action") == "rollback"
    assert page.input_value("#apisandbox-rollback-title") == "Main Page"
    assert page.input_value("#apisandbox-rollback-user") == "Example"
