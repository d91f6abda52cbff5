"""action=login: every result code, bot passwords, sessions across requests, throttling."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from accounts_helpers import get, new_client, post, token
from sqlalchemy import select

from rollwiki.services.wiki import Wiki
from rollwiki.storage.schema import sessions
from rollwiki.testing.wikis import make_wiki

MAILING_LIST = (
    "Subscribe to the mediawiki-api-announce mailing list at "
    "<https://lists.wikimedia.org/postorius/lists/mediawiki-api-announce.lists.wikimedia.org/> "
    "for notice of API deprecations and breaking changes."
)
BP = "editeditediteditediteditedit1234"


@pytest.fixture
def editor(wiki: Wiki, make_user: Any, make_bot_password: Any) -> int:
    user_id: int = make_user("Editor")
    make_bot_password(user_id, "edit", ["basic", "editpage", "rollback"], BP)
    return user_id


def session_rows(wiki: Wiki) -> list[dict[str, Any]]:
    return wiki.db.read(lambda c: [dict(r) for r in c.execute(select(sessions)).mappings()])


def test_login_without_token_gives_needtoken_with_deprecation_warnings(
    wiki: Wiki, editor: int
) -> None:
    client = new_client(wiki)
    body = post(client, action="login", lgname="Editor").json()
    # Observed on 1.39: the token comes back with two deprecation warnings.
    assert body["login"]["result"] == "NeedToken"
    assert body["login"]["token"].endswith("+\\") and len(body["login"]["token"]) == 42
    assert body["warnings"] == {
        "main": {"*": MAILING_LIST},
        "login": {
            "*": 'Fetching a token via "action=login" is deprecated. '
            'Use "action=query&meta=tokens&type=login" instead.'
        },
    }
    # bc warnings: the module that warned last comes first, as MediaWiki adds them on top.
    assert list(body["warnings"]) == ["main", "login"]
    # The session was persisted so that the token can be used next.
    assert len(session_rows(wiki)) == 1


def test_needtoken_warnings_in_plaintext_errorformat_carry_codes(wiki: Wiki, editor: int) -> None:
    client = new_client(wiki)
    body = post(
        client, action="login", lgname="Editor", formatversion="2", errorformat="plaintext"
    ).json()
    assert body["warnings"] == [
        {
            "code": "deprecation",
            "text": 'Fetching a token via "action=login" is deprecated. '
            'Use "action=query&meta=tokens&type=login" instead.',
            "data": {"feature": "action=login&!lgtoken"},
            "module": "login",
        },
        {"code": "deprecation-help", "text": MAILING_LIST, "module": "main"},
    ]


def test_token_from_a_session_without_login_secret_fails_as_timed_out(
    wiki: Wiki, editor: int
) -> None:
    client = new_client(wiki)
    body = post(client, action="login", lgname="Editor", lgpassword="x", lgtoken="abc+\\").json()
    assert body == {
        "login": {
            "result": "Failed",
            "reason": "Unable to continue login. Your session most likely timed out.",
        }
    }


def test_wrong_token_gives_wrongtoken(wiki: Wiki, editor: int) -> None:
    client = new_client(wiki)
    token(client, "login")
    body = post(client, action="login", lgname="Editor", lgpassword="x", lgtoken="abc+\\").json()
    assert body == {"login": {"result": "WrongToken"}}


WRONG = "Incorrect username or password entered. Please try again."
NO_PRIMARY = "The supplied credentials could not be authenticated."


@pytest.mark.parametrize(
    ("name", "password", "reason"),
    [
        ("Editor", "wrong", WRONG),
        ("NoSuchUser", "x", WRONG),  # no enumeration of accounts (T134100)
        ("Foo@bar", BP, WRONG),  # bot-password shaped, no such user: main login tried
        ("Editor@nosuchapp", BP, WRONG),
        ("Editor@edit", "e" * 32 + "x", WRONG),  # not a bot password ("x" is not in 0-9a-w)
        ("", "x", NO_PRIMARY),
        ("Editor", "", NO_PRIMARY),
        ("Bad#Name", "x", NO_PRIMARY),
    ],
)
def test_failed_logins_give_mediawiki_reasons(
    wiki: Wiki, editor: int, name: str, password: str, reason: str
) -> None:
    client = new_client(wiki)
    lgtoken = token(client, "login")
    body = post(client, action="login", lgname=name, lgpassword=password, lgtoken=lgtoken).json()
    assert body == {"login": {"result": "Failed", "reason": reason}}
    assert all(row["sess_user"] == 0 for row in session_rows(wiki))


def test_failed_reason_follows_errorformat(wiki: Wiki, editor: int) -> None:
    client = new_client(wiki)
    lgtoken = token(client, "login")
    common = {"action": "login", "lgname": "Editor", "lgpassword": "x", "lgtoken": lgtoken}
    plain = post(client, **common, errorformat="plaintext", formatversion="2").json()
    assert plain["login"]["reason"] == {"code": "wrongpassword", "text": WRONG}
    raw = post(client, **common, errorformat="raw", formatversion="2").json()
    assert raw["login"]["reason"] == {"code": "wrongpassword", "key": "wrongpassword", "params": []}


@pytest.mark.parametrize("formatversion", ["1", "2"])
def test_bot_password_login_succeeds_and_switches_the_session(
    wiki: Wiki, editor: int, formatversion: str
) -> None:
    client = new_client(wiki)
    anon_csrf = token(client)
    assert anon_csrf == "+\\"
    lgtoken = token(client, "login")
    old_cookie = client.cookies.get("testwiki_session")
    body = post(
        client,
        action="login",
        lgname="Editor@edit",
        lgpassword=BP,
        lgtoken=lgtoken,
        formatversion=formatversion,
    ).json()
    assert body == {"login": {"result": "Success", "lguserid": editor, "lgusername": "Editor"}}
    # A new session id (no fixation), bound to the bot password.
    assert client.cookies.get("testwiki_session") != old_cookie
    rows = session_rows(wiki)
    assert [(r["sess_user"], r["sess_bp_app_id"]) for r in rows] == [(editor, "edit")]
    assert '"bp_token"' in rows[0]["sess_data"]
    # The next request is made as the account: its csrf token is no longer the anonymous one.
    assert token(client) != "+\\"


def test_app_and_password_form_of_bot_login(wiki: Wiki, editor: int) -> None:
    """BotPassword::canonicalizeLoginData(): lgname=User, lgpassword=app@secret."""
    client = new_client(wiki)
    lgtoken = token(client, "login")
    body = post(
        client, action="login", lgname="Editor", lgpassword=f"edit@{BP}", lgtoken=lgtoken
    ).json()
    assert body["login"] == {"result": "Success", "lguserid": editor, "lgusername": "Editor"}
    assert "warnings" not in body


def test_main_account_login_succeeds_with_deprecation_warning(wiki: Wiki, editor: int) -> None:
    client = new_client(wiki)
    lgtoken = token(client, "login")
    body = post(
        client, action="login", lgname="Editor", lgpassword="EditorPass-1234", lgtoken=lgtoken
    ).json()
    assert body["login"] == {"result": "Success", "lguserid": editor, "lgusername": "Editor"}
    assert body["warnings"]["login"]["*"] == (
        'Main-account login via "action=login" is deprecated and may stop working without '
        'warning. To continue login with "action=login", see [[Special:BotPasswords]]. To '
        'safely continue using main-account login, see "action=clientlogin".'
    )
    assert body["warnings"]["main"]["*"] == MAILING_LIST
    assert [(r["sess_user"], r["sess_bp_app_id"]) for r in session_rows(wiki)] == [(editor, None)]


def test_login_token_is_single_session_after_success(wiki: Wiki, editor: int) -> None:
    """Logging in resets the token secrets: the old login token is stale afterwards."""
    client = new_client(wiki)
    lgtoken = token(client, "login")
    post(client, action="login", lgname="Editor", lgpassword="EditorPass-1234", lgtoken=lgtoken)
    again = post(
        client, action="login", lgname="Editor", lgpassword="EditorPass-1234", lgtoken=lgtoken
    ).json()
    assert again["login"]["result"] == "Failed"


def test_login_inside_a_bot_password_session_is_aborted(wiki: Wiki, editor: int) -> None:
    client = new_client(wiki)
    lgtoken = token(client, "login")
    post(client, action="login", lgname="Editor@edit", lgpassword=BP, lgtoken=lgtoken)
    body = post(
        client, action="login", lgname="Editor@edit", lgpassword=BP, lgtoken=token(client, "login")
    ).json()
    assert body == {
        "login": {
            "result": "Aborted",
            "reason": "Cannot log in when using "
            "MediaWiki\\Session\\BotPasswordSessionProvider sessions.",
        }
    }


def test_login_without_same_origin_policy_is_aborted(wiki: Wiki, editor: int) -> None:
    client = new_client(wiki)
    body = post(
        client, action="login", lgname="Editor@edit", lgpassword=BP, lgtoken="x", origin="*"
    ).json()
    assert body == {
        "login": {
            "result": "Aborted",
            "reason": "Cannot log in when the same-origin policy is not applied.",
        }
    }
    assert session_rows(wiki) == []


def test_login_by_get_gives_mustbeposted(wiki: Wiki, editor: int) -> None:
    response = get(new_client(wiki), action="login", lgname="Editor")
    assert response.headers["mediawiki-api-error"] == "mustbeposted"
    assert response.json()["error"]["info"] == 'The "login" module requires a POST request.'


def test_password_in_query_string_gives_mustpostparams(wiki: Wiki, editor: int) -> None:
    client = new_client(wiki)
    lgtoken = token(client, "login")
    response = client.post(
        "/w/api.php?lgpassword=x",
        data={"action": "login", "lgname": "Editor", "lgtoken": lgtoken, "format": "json"},
    )
    assert response.headers["mediawiki-api-error"] == "mustpostparams"
    assert response.json()["error"]["info"] == (
        "The following parameter was found in the query string, but must be in the POST "
        "body: lgpassword."
    )


def test_bot_password_outside_its_ip_ranges_is_refused(
    wiki: Wiki, make_user: Any, make_bot_password: Any
) -> None:
    from rollwiki.services import accounts
    from rollwiki.services.passwords import hash_password

    user_id = make_user("Editor")
    hashed = hash_password(BP)
    wiki.db.write(
        lambda c: accounts.set_bot_password(
            c, user_id, "edit", hashed, ["basic"], ip_ranges=("192.0.2.0/24",)
        )
    )
    client = new_client(wiki)
    lgtoken = token(client, "login")
    body = post(client, action="login", lgname="Editor@edit", lgpassword=BP, lgtoken=lgtoken).json()
    # botpasswords-restriction-failed is not final: the main-account login then fails.
    assert body == {"login": {"result": "Failed", "reason": WRONG}}


def test_deleted_bot_password_ends_its_sessions(wiki: Wiki, editor: int) -> None:
    from rollwiki.storage.queries import users as uq

    client = new_client(wiki)
    lgtoken = token(client, "login")
    post(client, action="login", lgname="Editor@edit", lgpassword=BP, lgtoken=lgtoken)
    assert token(client) != "+\\"
    wiki.db.write(lambda c: uq.delete_bot_password(c, editor, "edit"))
    assert token(client) == "+\\"


@pytest.fixture
def throttled_wiki(tmp_path: Path) -> Any:
    w = make_wiki(tmp_path, password_attempt_throttle=[{"count": 2, "seconds": 300}])
    yield w
    w.db.close()


def _login(client: Any, name: str, password: str) -> Any:
    lgtoken = token(client, "login")
    return post(client, action="login", lgname=name, lgpassword=password, lgtoken=lgtoken).json()


def test_password_attempt_throttle_refuses_after_count(throttled_wiki: Wiki) -> None:
    from rollwiki.services import accounts
    from rollwiki.testing.wikis import cached_hash

    hashed = cached_hash("EditorPass-1234")
    throttled_wiki.db.write(lambda c: accounts.create_user(c, "Editor", hashed))
    client = new_client(throttled_wiki)
    assert _login(client, "Editor", "bad")["login"]["reason"] == WRONG
    assert _login(client, "Editor", "bad")["login"]["reason"] == WRONG
    refused = _login(client, "Editor", "EditorPass-1234")["login"]
    assert refused == {
        "result": "Failed",
        "reason": "You have made too many recent login attempts. "
        "Please wait 5 minutes before trying again.",
    }
    # Another account from the same address is counted separately.
    assert _login(client, "Other", "bad")["login"]["reason"] == WRONG


def test_successful_login_clears_the_throttle(throttled_wiki: Wiki) -> None:
    from rollwiki.services import accounts
    from rollwiki.testing.wikis import cached_hash

    hashed = cached_hash("EditorPass-1234")
    throttled_wiki.db.write(lambda c: accounts.create_user(c, "Editor", hashed))
    client = new_client(throttled_wiki)
    _login(client, "Editor", "bad")
    assert _login(client, "Editor", "EditorPass-1234")["login"]["result"] == "Success"
    other = new_client(throttled_wiki)
    _login(other, "Editor", "bad")
    assert _login(other, "Editor", "bad")["login"]["reason"] == WRONG


def test_empty_throttle_setting_switches_throttling_off(tmp_path: Path) -> None:
    from rollwiki.services import accounts
    from rollwiki.testing.wikis import cached_hash

    w = make_wiki(tmp_path, password_attempt_throttle=[])
    hashed = cached_hash("EditorPass-1234")
    w.db.write(lambda c: accounts.create_user(c, "Editor", hashed))
    client = new_client(w)
    for _ in range(8):
        assert _login(client, "Editor", "bad")["login"]["reason"] == WRONG
    assert _login(client, "Editor", "EditorPass-1234")["login"]["result"] == "Success"
    w.db.close()


def test_rollback_demo_first_three_steps(
    wiki: Wiki, make_user: Any, make_bot_password: Any
) -> None:
    """API:Rollback's Python demo: login token (GET), bot-password login (POST), csrf (GET)."""
    user_id = make_user("Rollbacker", ["rollbacker"])
    password = make_bot_password(user_id, "rollbot", ["basic", "editpage", "rollback"])
    session = new_client(wiki)
    url = "http://testserver/w/api.php"
    params_0 = {"action": "query", "meta": "tokens", "type": "login", "format": "json"}
    login_token = session.get(url=url, params=params_0).json()["query"]["tokens"]["logintoken"]
    params_1 = {
        "action": "login",
        "lgname": "Rollbacker@rollbot",
        "lgpassword": password,
        "lgtoken": login_token,
        "format": "json",
    }
    data = session.post(url, data=params_1).json()
    assert data == {"login": {"result": "Success", "lguserid": user_id, "lgusername": "Rollbacker"}}
    params_2 = {"action": "query", "meta": "tokens", "format": "json"}
    csrf = session.get(url=url, params=params_2).json()["query"]["tokens"]["csrftoken"]
    assert csrf.endswith("+\\") and len(csrf) > 2
    rollback_token = token(session, "rollback")
    assert rollback_token != csrf and rollback_token.endswith("+\\")
