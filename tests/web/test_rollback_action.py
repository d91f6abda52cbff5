"""index.php?action=rollback: the success page, every failure page (en/uk texts of
web-ui.md §3), the check order, the confirmation form, and the database after each."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from web_helpers import (
    INDEX,
    browser,
    content,
    form_fields,
    heading,
    latest,
    logged_in_browser,
    rollback_links,
)

from rollwiki.services.wiki import Wiki
from rollwiki.storage.queries import users as uq

PAGE = "RB Web"


@pytest.fixture
def setup(wiki: Wiki, make_user: Any, edit_as: Any) -> dict[str, int]:
    make_user("Admin", ["sysop"])
    make_user("Rollbacker", ["rollbacker"])
    make_user("Editor")
    make_user("Vandal")
    good = edit_as("Editor", PAGE, "base text", summary="create")
    edit_as("Vandal", PAGE, "base text vandal", summary="vandal 1")
    bad = edit_as("Vandal", PAGE, "base text vandal more", summary="vandal 2")
    return {"good": good, "bad": bad}


def link_of(client: Any) -> str:
    page = client.get(INDEX, params={"title": PAGE, "action": "history"}).text
    links = rollback_links(page)
    assert len(links) == 1, page
    return links[0][0]


def token_of(client: Any) -> str:
    return parse_qs(urlsplit(link_of(client)).query)["token"][0]


def test_get_with_valid_token_rolls_back_and_shows_action_complete(
    wiki: Wiki, setup: dict[str, int]
) -> None:
    client = logged_in_browser(wiki, "Rollbacker")
    response = client.get(link_of(client))
    assert response.status_code == 200
    assert heading(response.text) == "Action complete"
    text = content(response.text)
    assert (
        "Reverted edits by Vandal (talk | contribs); changed back to last revision by "
        "Editor (talk | contribs)." in text
    )
    assert "Return to RB Web." in text
    assert '<meta name="robots" content="noindex,nofollow">' in response.text
    # The diff between the old current revision and the restored one.
    assert 'class="diff diff-contentalign-left' in response.text
    assert "vandal more" in response.text
    rev = latest(wiki, PAGE)
    assert rev["text"] == "base text"
    assert rev["actor_name"] == "Rollbacker"
    assert rev["rev_comment"] == (
        "Reverted edits by [[Special:Contributions/Vandal|Vandal]] ([[User talk:Vandal|talk]]) "
        "to last revision by [[User:Editor|Editor]]"
    )
    assert "mw-rollback" in rev["tags"]
    assert rev["count"] == 4


def test_success_page_in_ukrainian(wiki: Wiki, setup: dict[str, int]) -> None:
    client = logged_in_browser(wiki, "Rollbacker")
    response = client.get(link_of(client) + "&uselang=uk")
    assert heading(response.text) == "Дію виконано"
    assert "Відкинуті редагування" in content(response.text)
    assert "Повернення до сторінки «RB Web»." in content(response.text)


def test_block_link_appears_for_admins_on_success_page(wiki: Wiki, setup: dict[str, int]) -> None:
    client = logged_in_browser(wiki, "Admin")
    response = client.get(link_of(client))
    assert "Vandal (talk | contribs | block)" in content(response.text)


@pytest.mark.parametrize(
    ("extra", "option"),
    [("&hidediff=1", None), ("", "norollbackdiff")],
)
def test_diff_is_hidden_by_hidediff_or_preference(
    wiki: Wiki, setup: dict[str, int], extra: str, option: str | None
) -> None:
    if option:
        user = wiki.db.read(lambda c: uq.user_by_name(c, "Rollbacker"))
        wiki.db.write(lambda c: uq.set_option(c, user["user_id"], option, "1"))
    client = logged_in_browser(wiki, "Rollbacker")
    response = client.get(link_of(client) + extra)
    assert heading(response.text) == "Action complete"
    assert 'class="diff ' not in response.text
    assert latest(wiki, PAGE)["text"] == "base text"


def test_watchrollback_preference_watches_the_page(
    wiki: Wiki, setup: dict[str, int], edit_as: Any
) -> None:
    from rollwiki.services.watchlist import is_watched

    user = wiki.db.read(lambda c: uq.user_by_name(c, "Rollbacker"))
    title = wiki.titles.parse(PAGE)
    client = logged_in_browser(wiki, "Rollbacker")
    client.get(link_of(client))
    assert not wiki.db.read(lambda c: is_watched(c, user["user_id"], title))
    wiki.db.write(lambda c: uq.set_option(c, user["user_id"], "watchrollback", "1"))
    edit_as("Vandal", PAGE, "again")
    client = logged_in_browser(wiki, "Rollbacker")
    assert heading(client.get(link_of(client)).text) == "Action complete"
    assert wiki.db.read(lambda c: is_watched(c, user["user_id"], title))


FAILURES = [
    # name, query change, user, (en title, en text), (uk title, uk text), status
    (
        "missing from",
        lambda q: {k: v for k, v in q.items() if k != "from"},
        "Rollbacker",
        ("Rollback failed", "Missing required parameters on request."),
        ("Відкинути зміни не вдалося", "Відсутні обов'язкові параметри за запитом."),
        200,
    ),
    (
        "bad token",
        lambda q: {**q, "token": "0" * 32 + "+\\"},
        "Rollbacker",
        (
            "Session failure",
            "There seems to be a problem with your login session; this action has been "
            "canceled as a precaution against session hijacking. Please resubmit the form.",
        ),
        (
            "Помилка сеансу",
            "Здається, виникли проблеми з поточним сеансом роботи; цю дію скасовано, щоб "
            "запобігти «захопленню сеансу». Будь ласка, надішліть форму ще раз.",
        ),
        200,
    ),
    (
        "from is not the last author",
        lambda q: {**q, "from": "Editor"},
        "Rollbacker",
        (
            "Rollback failed",
            "Cannot rollback the last edit of RB Web by Editor (talk | contribs). Someone "
            "else has edited or rolled back the page already. The last edit to the page was "
            "by Vandal (talk | contribs).",
        ),
        ("Відкинути зміни не вдалося", "RB Web"),
        200,
    ),
    (
        "no rollback right",
        lambda q: q,
        "Editor",
        (
            "Permission error",
            "You do not have permission to quickly rollback the edits of the last user who "
            "edited a particular page, for the following reason: The action you have "
            "requested is limited to users in one of the groups:",
        ),
        (
            "Помилка доступу",
            "У Вас нема дозволу на швидкий відкіт редагувань користувача, який останнім "
            "редагував певну сторінку, з такої причини:",
        ),
        200,
    ),
]


@pytest.mark.parametrize(
    ("name", "change", "user", "en", "uk", "status"), FAILURES, ids=[f[0] for f in FAILURES]
)
@pytest.mark.parametrize("lang", ["en", "uk"])
def test_failure_pages_change_nothing(
    wiki: Wiki,
    setup: dict[str, int],
    name: str,
    change: Any,
    user: str,
    en: tuple[str, str],
    uk: tuple[str, str],
    status: int,
    lang: str,
) -> None:
    rollbacker = logged_in_browser(wiki, "Rollbacker")
    query = {k: v[0] for k, v in parse_qs(urlsplit(link_of(rollbacker)).query).items()}
    client = rollbacker if user == "Rollbacker" else logged_in_browser(wiki, user)
    if user != "Rollbacker":
        query["token"] = "+\\"
    params = {**change(query), "uselang": lang}
    response = client.get(INDEX, params=params)
    assert response.status_code == status
    title, text = en if lang == "en" else uk
    assert heading(response.text) == title
    assert text in content(response.text)
    rev = latest(wiki, PAGE)
    assert rev["rev_id"] == setup["bad"] and rev["count"] == 3


def test_from_check_comes_before_the_token_check(wiki: Wiki, setup: dict[str, int]) -> None:
    client = logged_in_browser(wiki, "Rollbacker")
    response = client.get(
        INDEX, params={"title": PAGE, "action": "rollback", "from": "Editor", "token": "bad"}
    )
    assert heading(response.text) == "Rollback failed"
    # The names are links, as MediaWiki renders alreadyrolled.
    assert 'href="/wiki/Special:Contributions/Editor"' in response.text


def test_anonymous_visitor_gets_permission_error(wiki: Wiki, setup: dict[str, int]) -> None:
    response = browser(wiki).get(
        INDEX, params={"title": PAGE, "action": "rollback", "from": "Vandal", "token": "+\\"}
    )
    assert heading(response.text) == "Permission error"
    assert latest(wiki, PAGE)["rev_id"] == setup["bad"]


def test_page_without_revisions_fails_with_missing_revision(wiki: Wiki, make_user: Any) -> None:
    make_user("Rollbacker", ["rollbacker"])
    client = logged_in_browser(wiki, "Rollbacker")
    response = client.get(
        INDEX, params={"title": "No such page", "action": "rollback", "from": "X", "token": "x"}
    )
    assert heading(response.text) == "Rollback failed"
    assert "Unable to load revision data." in content(response.text)


def test_only_author_fails_with_cantrollback(wiki: Wiki, make_user: Any, edit_as: Any) -> None:
    make_user("Rollbacker", ["rollbacker"])
    make_user("Vandal")
    edit_as("Vandal", "Solo", "one")
    top = edit_as("Vandal", "Solo", "two")
    client = logged_in_browser(wiki, "Rollbacker")
    history = client.get(INDEX, params={"title": "Solo", "action": "history"}).text
    assert rollback_links(history) == []  # "verify": no useless link on the history page
    contribs = client.get(INDEX, params={"title": "Special:Contributions/Vandal"}).text
    (href, _, label) = rollback_links(contribs)[0]
    assert label == "rollback 2 edits"
    response = client.get(href)
    assert heading(response.text) == "Rollback failed"
    assert (
        "Cannot revert the edit. The last contributor is the only author of this page."
        in content(response.text)
    )
    assert latest(wiki, "Solo")["rev_id"] == top


def test_rate_limit_gives_action_throttled_with_429(
    wiki: Wiki, setup: dict[str, int], edit_as: Any
) -> None:
    wiki.config = wiki.config.with_overrides(
        {"rate_limits": {"rollback": {"user": [1, 3600], "newbie": [1, 3600]}}}
    )
    client = logged_in_browser(wiki, "Rollbacker")
    assert heading(client.get(link_of(client)).text) == "Action complete"
    edit_as("Vandal", PAGE, "vandal again")
    response = client.get(link_of(client))
    assert response.status_code == 429
    assert heading(response.text) == "Action throttled"
    assert "As an anti-abuse measure" in content(response.text)
    assert latest(wiki, PAGE)["text"] == "vandal again"


def test_read_only_wiki_shows_database_locked(wiki: Wiki, setup: dict[str, int]) -> None:
    client = logged_in_browser(wiki, "Rollbacker")
    href = link_of(client)
    wiki.config = wiki.config.with_overrides({"read_only": "Maintenance"})
    response = client.get(href)
    assert heading(response.text) == "Database locked"
    assert "Maintenance" in content(response.text)
    assert latest(wiki, PAGE)["rev_id"] == setup["bad"]


def test_custom_summary_and_bot_flag(wiki: Wiki, setup: dict[str, int], make_user: Any) -> None:
    client = logged_in_browser(wiki, "Admin")
    response = client.get(link_of(client) + "&summary=Undo+$2+back+to+$1&bot=1")
    assert heading(response.text) == "Action complete"
    rev = latest(wiki, PAGE)
    assert rev["rev_comment"] == "Undo Vandal back to Editor"


# -- the confirmation step (showrollbackconfirmation) -----------------------------------------


@pytest.fixture
def confirming(wiki: Wiki, setup: dict[str, int]) -> Any:
    user = wiki.db.read(lambda c: uq.user_by_name(c, "Rollbacker"))
    wiki.db.write(lambda c: uq.set_option(c, user["user_id"], "showrollbackconfirmation", "1"))
    return logged_in_browser(wiki, "Rollbacker")


@pytest.mark.parametrize(
    ("lang", "legend", "text", "button"),
    [
        (
            "en",
            "Revert edits to this page?",
            "This action will instantly rollback the selected changes to this page.",
            "OK",
        ),
        (
            "uk",
            "Відкотити редагування цієї сторінки?",
            "Ця дія миттєво відкотить обрані зміни на цій сторінці.",
            "Гаразд",
        ),
    ],
)
def test_get_with_preference_shows_the_form_and_changes_nothing(
    wiki: Wiki,
    setup: dict[str, int],
    confirming: Any,
    lang: str,
    legend: str,
    text: str,
    button: str,
) -> None:
    response = confirming.get(link_of(confirming) + f"&uselang={lang}")
    assert response.status_code == 200
    assert heading(response.text) == PAGE
    page = content(response.text)
    assert legend in page and text in page and button in page
    assert re.search(
        r'<form action="/w/index.php\?title=RB_Web&amp;action=rollback" '
        r'method="post"',
        response.text,
    )
    fields = form_fields(response.text, "mw-rollback-confirm")
    assert fields["title"] == "RB_Web" and fields["from"] == "Vandal"
    assert fields["wpEditToken"].endswith("+\\") and fields["token"].endswith("+\\")
    assert latest(wiki, PAGE)["rev_id"] == setup["bad"]


def test_posting_the_confirmation_form_rolls_back(
    wiki: Wiki, setup: dict[str, int], confirming: Any
) -> None:
    form = confirming.get(link_of(confirming)).text
    fields = form_fields(form, "mw-rollback-confirm")
    assert set(fields) >= {"title", "wpEditToken", "from", "token"}
    response = confirming.post(INDEX + "?title=RB_Web&action=rollback", data=fields)
    assert heading(response.text) == "Action complete"
    assert latest(wiki, PAGE)["text"] == "base text"


def test_empty_post_to_the_link_rolls_back(
    wiki: Wiki, setup: dict[str, int], confirming: Any
) -> None:
    """What the JavaScript prompt does: an empty POST to the link's URL."""
    response = confirming.post(link_of(confirming))
    assert heading(response.text) == "Action complete"
    assert latest(wiki, PAGE)["text"] == "base text"


def test_confirmation_without_from_is_a_400(
    wiki: Wiki, setup: dict[str, int], confirming: Any
) -> None:
    response = confirming.get(INDEX, params={"title": PAGE, "action": "rollback"})
    assert response.status_code == 400
    assert heading(response.text) == "Rollback failed"
    assert "Missing required parameters on request." in content(response.text)


def test_confirmation_pages_load_the_prompt_script(
    wiki: Wiki, setup: dict[str, int], confirming: Any
) -> None:
    history = confirming.get(INDEX, params={"title": PAGE, "action": "history"}).text
    assert '/static/rollback-confirm.js"' in history
    plain = logged_in_browser(wiki, "Admin")
    assert (
        "rollback-confirm.js"
        not in plain.get(INDEX, params={"title": PAGE, "action": "history"}).text
    )


def test_blocked_rollbacker_gets_permission_error_with_the_block(
    wiki: Wiki, setup: dict[str, int], performer_of: Any
) -> None:
    """Observed on 1.39: checkCanExecute() collects the block with the permission errors,
    so the page is "Permission error" with blockedtext (not a separate "User is blocked")."""
    from rollwiki.services import blockuser as bu

    client = logged_in_browser(wiki, "Rollbacker")
    href = link_of(client)
    admin = performer_of("Admin")

    def block(conn: Any) -> None:
        target = bu.parse_block_target(conn, wiki.usernames, "Rollbacker")
        bu.place_block(
            conn,
            admin,
            bu.BlockRequest(target=target, expiry="1 hour", reason="helper test"),
            reblock=False,
        )

    wiki.db.write(block)
    response = client.get(href)
    assert heading(response.text) == "Permission error"
    text = content(response.text)
    assert "Your username or IP address has been blocked." in text
    assert "The reason given is helper test." in text
    assert latest(wiki, PAGE)["rev_id"] == setup["bad"]
