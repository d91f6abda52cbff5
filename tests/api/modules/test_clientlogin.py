"""action=clientlogin: PASS/FAIL/UI as 1.39 answers them, and action=logout."""

from __future__ import annotations

from typing import Any

import pytest
from accounts_helpers import clientlogin, get, new_client, post, token
from sqlalchemy import select

from rollwiki.services import passwords
from rollwiki.services.wiki import Wiki
from rollwiki.storage.queries import users as uq
from rollwiki.storage.schema import sessions

RETURN = "http://127.0.0.1:8080/"
WRONG = "Incorrect username or password entered.\nPlease try again."


@pytest.fixture
def editor(make_user: Any) -> int:
    user_id: int = make_user("Editor")
    return user_id


def login(client: Any, **fields: Any) -> Any:
    fields.setdefault("loginreturnurl", RETURN)
    return post(client, action="clientlogin", logintoken=token(client, "login"), **fields)


def session_users(wiki: Wiki) -> list[int]:
    return wiki.db.read(lambda c: [r.sess_user for r in c.execute(select(sessions))])


def test_clientlogin_passes_and_the_session_belongs_to_the_account(wiki: Wiki, editor: int) -> None:
    client = new_client(wiki)
    body = login(client, username="Editor", password="EditorPass-1234").json()
    assert body == {"clientlogin": {"status": "PASS", "username": "Editor"}}
    assert session_users(wiki) == [editor]
    assert token(client) != "+\\"


@pytest.mark.parametrize(
    ("formatversion", "expected"),
    [
        ("1", {"status": "FAIL", "message": WRONG, "messagecode": "wrongpassword"}),
        (
            "2",
            {
                "status": "FAIL",
                "message": WRONG,
                "messagecode": "wrongpassword",
                "canpreservestate": False,
            },
        ),
    ],
)
def test_wrong_password_fails_in_both_formatversions(
    wiki: Wiki, editor: int, formatversion: str, expected: dict[str, Any]
) -> None:
    client = new_client(wiki)
    body = login(client, username="Editor", password="bad", formatversion=formatversion).json()
    assert body == {"clientlogin": expected}
    assert session_users(wiki) == [0]


@pytest.mark.parametrize(
    ("messageformat", "message"),
    [
        ("wikitext", WRONG),
        ("html", WRONG),
        ("raw", {"key": "wrongpassword", "params": []}),
        ("none", None),
    ],
)
def test_loginmessageformat_shapes_the_message(
    wiki: Wiki, editor: int, messageformat: str, message: Any
) -> None:
    client = new_client(wiki)
    body = login(
        client,
        username="Editor",
        password="bad",
        loginmessageformat=messageformat,
        formatversion="2",
    ).json()["clientlogin"]
    assert body.get("message") == message
    assert body["messagecode"] == "wrongpassword"


def test_message_in_user_language(wiki: Wiki, editor: int) -> None:
    client = new_client(wiki)
    body = login(client, username="Nobody", password="bad", uselang="uk").json()
    assert body["clientlogin"]["messagecode"] == "wrongpassword"
    assert body["clientlogin"]["message"] != WRONG


@pytest.mark.parametrize(
    ("fields", "code", "info"),
    [
        (
            {"loginreturnurl": None},
            "missingparam",
            'At least one of the parameters "logincontinue" and "loginreturnurl" is required.',
        ),
        (
            {"loginreturnurl": "foo"},
            "badurl_loginreturnurl",
            'Invalid value "foo" for URL parameter "loginreturnurl".',
        ),
    ],
)
def test_returnurl_errors(
    wiki: Wiki, editor: int, fields: dict[str, Any], code: str, info: str
) -> None:
    client = new_client(wiki)
    data = {"username": "Editor", "password": "x", "loginreturnurl": RETURN, **fields}
    data = {k: v for k, v in data.items() if v is not None}
    response = post(client, action="clientlogin", logintoken=token(client, "login"), **data)
    assert response.headers["mediawiki-api-error"] == code
    assert response.json()["error"]["info"] == info


def test_continue_without_login_in_progress_fails(wiki: Wiki, editor: int) -> None:
    client = new_client(wiki)
    body = post(
        client, action="clientlogin", logintoken=token(client, "login"), logincontinue="1"
    ).json()
    assert body["clientlogin"] == {
        "status": "FAIL",
        "message": "Authentication is not in progress or session data has been lost. "
        "Please start again from the beginning.",
        "messagecode": "authmanager-authn-not-in-progress",
    }


def test_login_token_in_query_string_gives_mustpostparams(wiki: Wiki, editor: int) -> None:
    client = new_client(wiki)
    response = client.post(
        f"/w/api.php?logintoken={token(client, 'login')}",
        data={"action": "clientlogin", "username": "Editor", "format": "json"},
    )
    assert response.headers["mediawiki-api-error"] == "mustpostparams"


def test_bad_login_token_gives_badtoken(wiki: Wiki, editor: int) -> None:
    client = new_client(wiki)
    token(client, "login")
    response = post(
        client, action="clientlogin", logintoken="x+\\", username="Editor", loginreturnurl=RETURN
    )
    assert response.headers["mediawiki-api-error"] == "badtoken"


def test_bot_password_session_cannot_clientlogin(
    wiki: Wiki, editor: int, make_bot_password: Any
) -> None:
    password = make_bot_password(editor, "edit", ["basic"])
    client = new_client(wiki)
    lgtoken = token(client, "login")
    post(client, action="login", lgname="Editor@edit", lgpassword=password, lgtoken=lgtoken)
    body = login(client, username="Editor", password="EditorPass-1234").json()
    # 1.39 answers with a message key it does not define, and ignores the fields.
    assert body["clientlogin"] == {
        "status": "FAIL",
        "message": "\u29fcuserlogin-cannot-login\u29fd",
        "messagecode": "userlogin-cannot-login",
    }
    assert body["warnings"]["main"]["*"] == "Unrecognized parameters: username, password."


@pytest.fixture
def weak_sysop(make_user: Any) -> int:
    # 9 bytes: fine for users, too short for sysops (MinimalPasswordLength 10, suggested change).
    user_id: int = make_user("Shorty", ["sysop"], password="Qx7-pwd9!")
    return user_id


def test_weak_password_of_a_sysop_asks_for_a_reset(wiki: Wiki, weak_sysop: int) -> None:
    client = new_client(wiki)
    body = login(client, username="Shorty", password="Qx7-pwd9!", formatversion="2").json()
    result = body["clientlogin"]
    assert result["status"] == "UI"
    assert result["messagecode"] == "resetpass-validity-soft"
    assert result["message"] == (
        "Your password is not valid: Passwords must be at least 10 characters.\n\n"
        'Please choose a new password now, or click "Skip" to change it later.'
    )
    assert [r["id"] for r in result["requests"]] == [
        "MediaWiki\\Auth\\PasswordAuthenticationRequest",
        "MediaWiki\\Auth\\ButtonAuthenticationRequest:skipReset",
    ]
    assert result["requests"][0]["account"] == "Shorty"
    assert result["requests"][0]["fields"]["retype"] == {
        "type": "password",
        "label": "Retype new password:",
        "help": "Password again to confirm.",
        "optional": False,
        "sensitive": True,
    }
    # Not logged in yet.
    assert token(client) == "+\\"


def test_weak_password_reset_can_be_skipped(wiki: Wiki, weak_sysop: int) -> None:
    client = new_client(wiki)
    login(client, username="Shorty", password="Qx7-pwd9!")
    mismatch = post(
        client,
        action="clientlogin",
        logintoken=token(client, "login"),
        logincontinue="1",
        password="abc",
        retype="abd",
    ).json()["clientlogin"]
    assert (mismatch["status"], mismatch["messagecode"]) == ("UI", "badretype")
    done = post(
        client,
        action="clientlogin",
        logintoken=token(client, "login"),
        logincontinue="1",
        skipReset="1",
    ).json()
    assert done == {"clientlogin": {"status": "PASS", "username": "Shorty"}}
    assert session_users(wiki) == [weak_sysop]


def test_weak_password_reset_changes_the_password(wiki: Wiki, weak_sysop: int) -> None:
    client = new_client(wiki)
    login(client, username="Shorty", password="Qx7-pwd9!")
    done = post(
        client,
        action="clientlogin",
        logintoken=token(client, "login"),
        logincontinue="1",
        password="A-much-longer-pass-42",
        retype="A-much-longer-pass-42",
    ).json()
    assert done == {"clientlogin": {"status": "PASS", "username": "Shorty"}}
    stored = wiki.db.read(lambda c: uq.user_by_id(c, weak_sysop))
    assert stored is not None
    assert passwords.verify_password(stored["user_password"], "A-much-longer-pass-42")


def test_action_login_cannot_do_the_reset_step(wiki: Wiki, weak_sysop: int) -> None:
    client = new_client(wiki)
    body = post(
        client,
        action="login",
        lgname="Shorty",
        lgpassword="Qx7-pwd9!",
        lgtoken=token(client, "login"),
    ).json()
    assert body["login"]["result"] == "Aborted"
    assert body["login"]["reason"].startswith("Authentication requires user interaction")


# -- logout -------------------------------------------------------------------------------


@pytest.mark.parametrize("formatversion", ["1", "2"])
def test_logout_ends_the_session_and_tokens_become_anonymous(
    wiki: Wiki, editor: int, formatversion: str
) -> None:
    client = new_client(wiki)
    clientlogin(client, "Editor")
    csrf = token(client)
    assert csrf != "+\\"
    response = post(client, action="logout", token=csrf, formatversion=formatversion)
    assert response.status_code == 200
    assert response.json() == {}
    assert session_users(wiki) == []
    assert token(client) == "+\\"
    # The old token is no longer accepted.
    again = post(client, action="logout", token=csrf)
    assert again.headers["mediawiki-api-error"] == "badtoken"


def test_logout_of_a_bot_password_session(wiki: Wiki, editor: int, make_bot_password: Any) -> None:
    password = make_bot_password(editor, "edit", ["basic"])
    client = new_client(wiki)
    post(
        client,
        action="login",
        lgname="Editor@edit",
        lgpassword=password,
        lgtoken=token(client, "login"),
    )
    assert post(client, action="logout", token=token(client)).json() == {}
    assert session_users(wiki) == []


def test_anonymous_logout_with_anonymous_token_is_empty_success(wiki: Wiki) -> None:
    assert post(new_client(wiki), action="logout", token="+\\").json() == {}


@pytest.mark.parametrize(
    ("method", "code"), [("GET", "mustpostparams"), ("POST-notoken", "missingparam")]
)
def test_logout_errors(wiki: Wiki, method: str, code: str) -> None:
    client = new_client(wiki)
    if method == "GET":
        response = get(client, action="logout", token="+\\")
    else:
        response = post(client, action="logout")
    assert response.headers["mediawiki-api-error"] == code
