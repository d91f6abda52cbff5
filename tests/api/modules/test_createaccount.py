"""action=createaccount: 1.39's failure messages, and what a new account gets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from accounts_helpers import logged_in, new_client, post, token
from sqlalchemy import select

from rollwiki.services import passwords
from rollwiki.services.wiki import Wiki
from rollwiki.storage.queries import users as uq
from rollwiki.storage.schema import actor, logging, recentchanges, user, watchlist
from rollwiki.testing.wikis import make_wiki

RETURN = "http://127.0.0.1:8080/"


def create(client: Any, **fields: Any) -> Any:
    fields.setdefault("createreturnurl", RETURN)
    return post(
        client, action="createaccount", createtoken=token(client, "createaccount"), **fields
    )


def user_names(wiki: Wiki) -> list[str]:
    return wiki.db.read(lambda c: [r.user_name for r in c.execute(select(user.c.user_name))])


SUBSTRING = "Your password must not appear within your username."
COMMON = (
    "The password entered is in a list of very commonly used passwords. "
    "Please choose a more unique password."
)


# Observed on the 1.39 oracle with these exact inputs.
@pytest.mark.parametrize(
    ("fields", "message", "code"),
    [
        (
            {"username": "HelperAccX1", "password": "a", "retype": "a"},
            SUBSTRING,
            "password-substring-username-match",
        ),
        (
            {"username": "HelperAccX1", "password": "password", "retype": "password"},
            COMMON,
            "passwordincommonlist",
        ),
        (
            {"username": "Passwordqq", "password": "password", "retype": "password"},
            f"* {SUBSTRING}\n* {COMMON}",
            "___1____2",
        ),
        (
            {"username": "HelperAccX1", "password": "Good-Pass-987", "retype": "Good-Pass-98"},
            "The passwords you entered do not match.",
            "badretype",
        ),
        (
            {"username": "Existing", "password": "Good-Pass-987", "retype": "Good-Pass-987"},
            "Username entered already in use.\nPlease choose a different name.",
            "userexists",
        ),
        (
            {"username": "", "password": "Good-Pass-987", "retype": "Good-Pass-987"},
            "You have not specified a valid username.",
            "invaliduser",
        ),
        (
            {"username": "Bad@Name", "password": "Good-Pass-987", "retype": "Good-Pass-987"},
            "You have not specified a valid username.",
            "invaliduser",
        ),
        (
            {"username": "HelperAccX1", "password": "", "retype": ""},
            "The supplied credentials could not be used for account creation.",
            "authmanager-create-no-primary",
        ),
        (
            {"username": "HelperAccX1"},
            "The supplied credentials could not be used for account creation.",
            "authmanager-create-no-primary",
        ),
        (
            {"username": "HelperAccX1", "password": "ExamplePassword", "retype": "ExamplePassword"},
            "The use of this username and password has been forbidden.",
            "password-login-forbidden",
        ),
    ],
)
def test_refused_creations_give_mediawiki_messages(
    wiki: Wiki, make_user: Any, fields: dict[str, str], message: str, code: str
) -> None:
    make_user("Existing")
    body = create(new_client(wiki), **fields).json()
    assert body == {"createaccount": {"status": "FAIL", "message": message, "messagecode": code}}
    assert user_names(wiki) == ["Existing"]


def test_failure_in_formatversion_2_says_state_cannot_be_preserved(wiki: Wiki) -> None:
    body = create(
        new_client(wiki), username="HelperAccX1", password="a", retype="a", formatversion="2"
    ).json()
    assert body["createaccount"]["canpreservestate"] is False


def test_raw_messageformat_of_a_list_of_problems(wiki: Wiki) -> None:
    body = create(
        new_client(wiki),
        username="Passwordqq",
        password="password",
        retype="password",
        createmessageformat="raw",
        formatversion="2",
    ).json()
    assert body["createaccount"]["message"]["key"] == "* $1\n* $2"
    assert body["createaccount"]["messagecode"] == "___1____2"


def test_anonymous_creation_makes_account_actor_log_and_watchlist(wiki: Wiki) -> None:
    client = new_client(wiki)
    body = create(
        client,
        username="new_user",
        password="Good-Pass-987",
        retype="Good-Pass-987",
        realname="Ann",
    ).json()
    assert body == {"createaccount": {"status": "PASS", "username": "New user"}}
    row = wiki.db.read(lambda c: uq.user_by_name(c, "New user"))
    assert row is not None
    assert row["user_real_name"] == "Ann"
    assert passwords.verify_password(row["user_password"], "Good-Pass-987")

    def state(conn: Any) -> Any:
        actors = [(r.actor_user, r.actor_name) for r in conn.execute(select(actor))]
        logs = [
            (r.log_type, r.log_action, r.log_actor, r.log_namespace, r.log_title, r.log_params)
            for r in conn.execute(select(logging))
        ]
        rcs = [
            (r.rc_log_type, r.rc_log_action, r.rc_logid)
            for r in conn.execute(select(recentchanges))
        ]
        watched = [(r.wl_user, r.wl_namespace, r.wl_title) for r in conn.execute(select(watchlist))]
        return actors, logs, rcs, watched

    actors, logs, rcs, watched = wiki.db.read(state)
    user_id = row["user_id"]
    assert actors == [(user_id, "New user")]
    actor_id = wiki.db.read(lambda c: uq.actor_id_for(c, "New user"))
    assert logs == [
        ("newusers", "create", actor_id, 2, "New_user", json.dumps({"4::userid": user_id}))
    ]
    assert rcs == [("newusers", "create", 1)]
    assert watched == [(user_id, 2, "New_user"), (user_id, 3, "New_user")]
    # The API does not log the creator in as the new account (observed on 1.39).
    assert token(client) == "+\\"


def test_email_is_unrecognized_while_email_is_disabled(wiki: Wiki) -> None:
    body = create(
        new_client(wiki),
        username="Mailer",
        password="Good-Pass-987",
        retype="Good-Pass-987",
        email="x@example.org",
    ).json()
    assert body["createaccount"]["status"] == "PASS"
    assert body["warnings"]["main"]["*"] == "Unrecognized parameter: email."


def test_logged_in_creator_writes_create2_with_reason(wiki: Wiki, make_user: Any) -> None:
    admin_id = make_user("Admin", ["sysop"])
    client = logged_in(wiki, "Admin")
    body = create(
        client,
        username="Newbie",
        password="Good-Pass-987",
        retype="Good-Pass-987",
        reason="for a test",
    ).json()
    assert body["createaccount"] == {"status": "PASS", "username": "Newbie"}
    entry = wiki.db.read(lambda c: c.execute(select(logging)).mappings().one())
    assert (entry["log_action"], entry["log_comment"]) == ("create2", "for a test")
    assert entry["log_actor"] == wiki.db.read(lambda c: uq.actor_id_for(c, "Admin"))
    # The creator stays logged in as themselves.
    assert wiki.db.read(lambda c: uq.user_by_id(c, admin_id)) is not None


def test_without_createaccount_right_creation_is_refused(tmp_path: Path) -> None:
    from rollwiki.config import DEFAULT_GROUP_PERMISSIONS

    perms = {k: list(v) for k, v in DEFAULT_GROUP_PERMISSIONS.items()}
    perms["*"] = [r for r in perms["*"] if r != "createaccount"]
    w = make_wiki(tmp_path, group_permissions=perms)
    body = create(
        new_client(w), username="Nope", password="Good-Pass-987", retype="Good-Pass-987"
    ).json()
    assert body["createaccount"]["status"] == "FAIL"
    assert body["createaccount"]["messagecode"] == "permissiondenied"
    assert body["createaccount"]["message"].startswith(
        "The action you have requested is limited to users in the group"
    )
    assert user_names(w) == []
    w.db.close()


def test_account_creation_throttle(tmp_path: Path) -> None:
    w = make_wiki(tmp_path, account_creation_throttle=[{"count": 1, "seconds": 86400}])
    client = new_client(w)
    first = create(client, username="One", password="Good-Pass-987", retype="Good-Pass-987")
    assert first.json()["createaccount"]["status"] == "PASS"
    second = create(client, username="Two", password="Good-Pass-987", retype="Good-Pass-987")
    assert second.json()["createaccount"] == {
        "status": "FAIL",
        "message": "Visitors to this wiki using your IP address have created 1 account in the "
        "last 1 day, which is the maximum allowed in this time period.\nAs a result, "
        "visitors using this IP address cannot create any more accounts at the moment.",
        "messagecode": "acct_creation_throttle_hit",
    }
    assert user_names(w) == ["One"]
    w.db.close()


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"createreturnurl": None}, "missingparam"),
        ({"createreturnurl": "foo"}, "badurl_createreturnurl"),
    ],
)
def test_returnurl_errors(wiki: Wiki, fields: dict[str, Any], code: str) -> None:
    client = new_client(wiki)
    data = {"username": "X", "createreturnurl": RETURN, **fields}
    data = {k: v for k, v in data.items() if v is not None}
    response = post(
        client, action="createaccount", createtoken=token(client, "createaccount"), **data
    )
    assert response.headers["mediawiki-api-error"] == code


def test_password_in_query_string_gives_mustpostparams(wiki: Wiki) -> None:
    client = new_client(wiki)
    response = client.post(
        "/w/api.php?password=x",
        data={
            "action": "createaccount",
            "createtoken": token(client, "createaccount"),
            "username": "X",
            "retype": "x",
            "createreturnurl": RETURN,
            "format": "json",
        },
    )
    assert response.headers["mediawiki-api-error"] == "mustpostparams"
    assert user_names(wiki) == []
