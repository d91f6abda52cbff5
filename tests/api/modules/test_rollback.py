"""action=rollback through HTTP: responses, the check order, error codes and texts."""

from __future__ import annotations

from typing import Any

import pytest
from accounts_helpers import API, logged_in, new_client, post, token
from starlette.testclient import TestClient

from rollwiki.services.wiki import Wiki
from rollwiki.storage.queries import pages as pq
from rollwiki.storage.queries import tags as tq

PAGE = "RB Basic"


@pytest.fixture
def setup(wiki: Wiki, make_user: Any, edit_as: Any) -> dict[str, int]:
    make_user("Admin", ["sysop"])
    make_user("Rollbacker", ["rollbacker"])
    make_user("Editor")
    make_user("Vandal")
    wiki.db.write(lambda c: tq.define_tag(c, "AWB"))
    good = edit_as("Editor", PAGE, "good text")
    edit_as("Vandal", PAGE, "bad 1")
    bad = edit_as("Vandal", PAGE, "bad 2")
    return {"good": good, "bad": bad}


def rollback(client: TestClient, **params: Any) -> Any:
    params.setdefault("token", token(client, "rollback"))
    return post(client, action="rollback", **params)


def latest_text(wiki: Wiki) -> str:
    def read(conn: Any) -> str:
        page = pq.page_by_title(conn, 0, PAGE.replace(" ", "_"))
        rev = pq.revision_by_id(conn, page["page_latest"])
        return pq.content_text(conn, rev["rev_content"])

    return wiki.db.read(read)


@pytest.mark.parametrize("fv", ["1", "2"])
def test_rollback_answers_with_the_revisions_involved(
    wiki: Wiki, setup: dict[str, int], fv: str
) -> None:
    client = logged_in(wiki, "Rollbacker")

    r = rollback(client, title=PAGE, user="Vandal", formatversion=fv)

    assert r.status_code == 200
    body = r.json()["rollback"]
    assert body["title"] == PAGE
    assert body["old_revid"] == setup["bad"] and body["last_revid"] == setup["good"]
    assert isinstance(body["revid"], int) and body["revid"] > setup["bad"]
    assert body["summary"].startswith("Reverted edits by [[Special:Contributions/Vandal|")
    assert latest_text(wiki) == "good text"


def test_rollback_by_pageid_and_normalised_title_and_user(
    wiki: Wiki, setup: dict[str, int]
) -> None:
    client = logged_in(wiki, "Admin")
    page_id = wiki.db.read(lambda c: pq.page_by_title(c, 0, "RB_Basic"))["page_id"]

    r = rollback(client, pageid=str(page_id), user="vandal")

    assert r.json()["rollback"]["pageid"] == page_id
    assert latest_text(wiki) == "good text"


CHECK_ORDER = [
    # (params without token/action, token kind or special, method, expected code)
    ({}, None, "POST", "missingparam"),
    ({"title": PAGE, "user": "Vandal|x"}, None, "POST", "baduser"),
    ({"title": PAGE, "user": "Vandal", "tags": "NoSuchTag"}, None, "POST", "badtags"),
    ({"title": PAGE, "user": "Vandal", "watchlist": "sometimes"}, None, "POST", "badvalue"),
    ({"title": PAGE, "user": "Vandal", "pageid": "abc"}, None, "POST", "badinteger"),
    ({"title": PAGE, "user": "Vandal"}, None, "POST", "missingparam"),
    ({"title": PAGE, "user": "Vandal"}, "query", "POST", "mustpostparams"),
    ({"title": PAGE, "user": "Vandal"}, "query", "GET", "mustpostparams"),
    ({"title": PAGE, "user": "Vandal"}, "bad", "POST", "badtoken"),
    ({"title": PAGE, "user": "Vandal"}, "csrf", "POST", "badtoken"),
    ({"user": "Vandal"}, "rollback", "POST", "missingparam"),
    ({"title": PAGE, "pageid": "1", "user": "Vandal"}, "rollback", "POST", "invalidparammix"),
    ({"title": "Foo[bar]", "user": "Vandal"}, "rollback", "POST", "invalidtitle"),
    ({"title": "", "user": "Vandal"}, "rollback", "POST", "invalidtitle"),
    ({"title": "wikipedia:Foo", "user": "Vandal"}, "rollback", "POST", "missingtitle"),
    ({"title": "No such page", "user": "Vandal"}, "rollback", "POST", "missingtitle"),
    ({"title": "Special:Version", "user": "Vandal"}, "rollback", "POST", "missingtitle"),
    ({"pageid": "987654321", "user": "Vandal"}, "rollback", "POST", "nosuchpageid"),
    ({"title": PAGE, "user": "Editor"}, "rollback", "POST", "alreadyrolled"),
]


@pytest.mark.parametrize(("params", "tok", "method", "code"), CHECK_ORDER)
def test_the_first_failing_check_decides_the_error(
    wiki: Wiki,
    setup: dict[str, int],
    params: dict[str, str],
    tok: str | None,
    method: str,
    code: str,
) -> None:
    client = logged_in(wiki, "Rollbacker")
    data = {"action": "rollback", "format": "json", **params}
    query: dict[str, str] = {}
    if tok == "query":
        query["token"] = token(client, "rollback")
    elif tok == "bad":
        data["token"] = "abc+\\"
    elif tok is not None:
        data["token"] = token(client, tok)
    if method == "GET":
        r = client.get(API, params={**data, **query})
    else:
        r = client.post(API, params=query, data=data)

    assert r.status_code == 200
    assert r.json()["error"]["code"] == code
    assert r.headers["MediaWiki-API-Error"] == code
    assert latest_text(wiki) == "bad 2"


ENGLISH = [
    ({"user": "Vandal"}, 'One of the parameters "title" and "pageid" is required.'),
    ({"title": "Foo[bar]", "user": "Vandal"}, 'Bad title "Foo[bar]".'),
    ({"title": "No such", "user": "Vandal"}, "The page you specified doesn't exist."),
    ({"pageid": "987654321", "user": "Vandal"}, "There is no page with ID 987654321."),
    (
        {"title": PAGE, "pageid": "1", "user": "Vandal"},
        'The parameters "title" and "pageid" can not be used together.',
    ),
    (
        {"title": PAGE, "user": "Editor"},
        "Cannot rollback the last edit of [[:RB Basic]] by [[User:Editor|Editor]] "
        "([[User talk:Editor|talk]] | [[Special:Contributions/Editor|contribs]]). Someone else "
        "has edited or rolled back the page already. The last edit to the page was by "
        "[[User:Vandal|Vandal]] ([[User talk:Vandal|talk]] | [[Special:Contributions/Vandal|"
        "contribs]]).",
    ),
]


@pytest.mark.parametrize(("params", "info"), ENGLISH)
def test_bc_error_texts_are_mediawikis_english_even_with_uselang_uk(
    wiki: Wiki, setup: dict[str, int], params: dict[str, str], info: str
) -> None:
    client = logged_in(wiki, "Rollbacker")

    r = rollback(client, uselang="uk", **params)

    assert r.json()["error"]["info"] == info


UKRAINIAN = [
    ({"title": "No such", "user": "Vandal"}, "missingtitle", "Вказана Вами сторінка не існує."),
    (
        {"pageid": "987654321", "user": "Vandal"},
        "nosuchpageid",
        "Немає сторінки з ідентифікатором 987654321.",
    ),
    ({"title": PAGE, "user": "Vandal", "token": "abc+\\"}, "badtoken", "Недійсний токен CSRF."),
]


@pytest.mark.parametrize(("params", "code", "text"), UKRAINIAN)
def test_plaintext_errors_follow_uselang(
    wiki: Wiki, setup: dict[str, int], params: dict[str, str], code: str, text: str
) -> None:
    client = logged_in(wiki, "Rollbacker")

    r = rollback(client, uselang="uk", errorformat="plaintext", formatversion="2", **params)

    assert r.json()["errors"] == [{"code": code, "text": text, "module": "rollback"}]


def test_plain_user_gets_permissiondenied_naming_the_groups(
    wiki: Wiki, setup: dict[str, int]
) -> None:
    client = logged_in(wiki, "Editor")

    r = rollback(client, title=PAGE, user="Vandal")

    assert r.json()["error"] == {
        "code": "permissiondenied",
        "info": "The action you have requested is limited to users in one of the groups: "
        "[[TestWiki:Administrators|Administrators]], rollbacker.",
        "*": r.json()["error"]["*"],
    }


def test_anonymous_rollback_with_the_anonymous_token_is_permissiondenied(
    wiki: Wiki, setup: dict[str, int]
) -> None:
    client = new_client(wiki)

    r = rollback(client, title=PAGE, user="Vandal", token="+\\")

    assert r.json()["error"]["code"] == "permissiondenied"


def test_requested_tags_are_saved_on_the_rollback_revision(
    wiki: Wiki, setup: dict[str, int]
) -> None:
    client = logged_in(wiki, "Admin")

    revid = rollback(client, title=PAGE, user="Vandal", tags="AWB").json()["rollback"]["revid"]

    assert wiki.db.read(lambda c: tq.tags_for_revisions(c, [revid]))[revid] == [
        "AWB",
        "mw-rollback",
    ]


def test_unknown_parameters_only_warn(wiki: Wiki, setup: dict[str, int]) -> None:
    client = logged_in(wiki, "Admin")

    r = rollback(client, title=PAGE, user="Vandal", foo="1", formatversion="2")

    assert r.json()["warnings"] == {"main": {"warnings": "Unrecognized parameter: foo."}}
    assert "rollback" in r.json()
