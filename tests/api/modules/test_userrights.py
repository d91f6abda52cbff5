"""action=userrights: changeable groups, expiries, results in both formatversions, log."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from accounts_helpers import logged_in, post, token
from sqlalchemy import select

from rollwiki.services import accounts, timestamps
from rollwiki.services.wiki import Wiki
from rollwiki.storage.queries import users as uq
from rollwiki.storage.schema import logging
from rollwiki.testing.wikis import cached_hash, make_wiki


@pytest.fixture
def admin(wiki: Wiki, make_user: Any) -> Any:
    make_user("Admin", ["sysop", "bureaucrat"])
    return logged_in(wiki, "Admin")


@pytest.fixture
def target(make_user: Any) -> int:
    user_id: int = make_user("Target", ["rollbacker"])
    return user_id


def rights(client: Any, **params: Any) -> Any:
    return post(client, action="userrights", token=token(client, "userrights"), **params)


def groups(wiki: Wiki, user_id: int) -> list[tuple[str, str | None]]:
    return wiki.db.read(lambda c: uq.groups_of(c, user_id, timestamps.mw_now()))


def log_rows(wiki: Wiki) -> list[dict[str, Any]]:
    return wiki.db.read(lambda c: [dict(r) for r in c.execute(select(logging)).mappings()])


@pytest.mark.parametrize("formatversion", ["1", "2"])
def test_adding_groups_with_expiries(
    wiki: Wiki, admin: Any, target: int, formatversion: str
) -> None:
    body = rights(
        admin,
        user="Target",
        add="bot|sysop",
        expiry="1 week|infinite",
        reason="testing",
        formatversion=formatversion,
    ).json()
    assert body == {
        "userrights": {"user": "Target", "userid": target, "added": ["bot", "sysop"], "removed": []}
    }
    memberships = dict(groups(wiki, target))
    assert memberships["sysop"] is None and memberships["rollbacker"] is None
    assert memberships["bot"] is not None and memberships["bot"] > timestamps.mw_now()
    entry = log_rows(wiki)[0]
    assert (entry["log_type"], entry["log_action"], entry["log_title"]) == (
        "rights",
        "rights",
        "Target",
    )
    assert entry["log_comment"] == "testing"
    params = json.loads(entry["log_params"])
    assert params["4::oldgroups"] == ["rollbacker"]
    assert params["5::newgroups"] == ["rollbacker", "bot", "sysop"]
    assert params["oldmetadata"] == [{"expiry": None}]
    assert params["newmetadata"] == [
        {"expiry": None},
        {"expiry": memberships["bot"]},
        {"expiry": None},
    ]


def test_readding_a_held_group_keeps_php_array_keys(wiki: Wiki, admin: Any, target: int) -> None:
    """Observed on 1.39: ``add=rollbacker|bot`` with rollbacker held gives {"1": "bot"}."""
    body = rights(admin, user="Target", add="rollbacker|bot", formatversion="2").json()
    assert body["userrights"]["added"] == {"1": "bot"}


def test_nothing_changed_writes_no_log(wiki: Wiki, admin: Any, target: int) -> None:
    body = rights(admin, user="Target", add="rollbacker").json()
    assert body["userrights"]["added"] == []
    assert log_rows(wiki) == []


def test_removing_groups(wiki: Wiki, admin: Any, target: int) -> None:
    body = rights(admin, user="Target", remove="rollbacker|sysop").json()
    assert body["userrights"] == {
        "user": "Target",
        "userid": target,
        "added": [],
        "removed": ["rollbacker"],
    }
    assert groups(wiki, target) == []
    assert json.loads(log_rows(wiki)[0]["log_params"])["5::newgroups"] == []


def test_target_by_userid_warns_deprecated(wiki: Wiki, admin: Any, target: int) -> None:
    body = rights(admin, userid=str(target), add="bot").json()
    assert body["userrights"]["added"] == ["bot"]
    assert body["warnings"]["userrights"]["*"] == 'The parameter "userid" has been deprecated.'


@pytest.mark.parametrize(
    ("params", "code", "info"),
    [
        (
            {"user": "Target", "add": "bot|sysop", "expiry": "1 week|2 weeks|3 weeks"},
            "toofewexpiries",
            "3 expiry timestamps were provided where 2 were needed.",
        ),
        (
            {"user": "Target", "add": "bot", "expiry": "garbage"},
            "invalidexpiry",
            'Invalid expiry time "garbage".',
        ),
        (
            {"user": "Target", "add": "bot", "expiry": "2001-01-01T00:00:00Z"},
            "pastexpiry",
            'Expiry time "2001-01-01T00:00:00Z" is in the past.',
        ),
        (
            {"user": "NoSuchUserZZ", "add": "bot"},
            "nosuchuser",
            'There is no user by the name "NoSuchUserZZ". Check your spelling.',
        ),
        (
            {"user": "Bad@Name", "add": "bot"},
            "nointerwikiuserrights",
            "You do not have permission to edit user rights on other wikis.",
        ),
        (
            {"userid": "9999", "add": "bot"},
            "invaliduser",
            "You have not specified a valid username.",
        ),
        (
            {"add": "bot"},
            "missingparam",
            'One of the parameters "user" and "userid" is required.',
        ),
    ],
)
def test_userrights_errors(
    wiki: Wiki, admin: Any, target: int, params: dict[str, str], code: str, info: str
) -> None:
    response = rights(admin, **params)
    assert response.headers["mediawiki-api-error"] == code
    assert response.json()["error"]["info"] == info
    assert groups(wiki, target) == [("rollbacker", None)]
    assert log_rows(wiki) == []


def test_without_userrights_right_nothing_changes(wiki: Wiki, make_user: Any, target: int) -> None:
    make_user("Editor")
    client = logged_in(wiki, "Editor")
    body = rights(client, user="Target", add="sysop", remove="rollbacker").json()
    assert body["userrights"] == {"user": "Target", "userid": target, "added": [], "removed": []}
    assert groups(wiki, target) == [("rollbacker", None)]


def test_anonymous_userrights_token_is_rejected_for_bad_token(wiki: Wiki, target: int) -> None:
    from accounts_helpers import new_client

    response = post(new_client(wiki), action="userrights", user="Target", add="bot", token="x")
    assert response.headers["mediawiki-api-error"] == "badtoken"


def test_add_groups_setting_lets_a_group_grant_some_groups(tmp_path: Path) -> None:
    w = make_wiki(
        tmp_path,
        add_groups={"sysop": ["rollbacker"]},
        remove_groups={"sysop": ["rollbacker"]},
        groups_add_to_self={"sysop": ["bot"]},
    )
    hashed = cached_hash("AdminPass-1234")
    w.db.write(lambda c: accounts.create_user(c, "Admin", hashed, ["sysop"]))
    target_id = w.db.write(lambda c: accounts.create_user(c, "Target", hashed))
    client = logged_in(w, "Admin", "AdminPass-1234")
    body = rights(client, user="Target", add="rollbacker|bot").json()
    assert body["userrights"]["added"] == ["rollbacker"]
    assert groups(w, target_id) == [("rollbacker", None)]
    self_body = rights(client, user="Admin", add="bot|bureaucrat").json()
    assert self_body["userrights"]["added"] == ["bot"]
    w.db.close()


def test_changed_groups_apply_to_the_next_request(wiki: Wiki, admin: Any, target: int) -> None:
    """The target's rights come from the database on every request."""
    from rollwiki.services.performer import load_performer
    from rollwiki.services.sessions import Session

    rights(admin, user="Target", add="sysop")

    def performer(conn: Any) -> Any:
        return load_performer(conn, Session(user_id=target), "127.0.0.1", wiki.permissions, {})

    assert wiki.db.read(performer).allowed("delete")
