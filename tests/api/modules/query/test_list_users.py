"""list=users and list=allusers."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from rollwiki.services.wiki import Wiki


@pytest.fixture
def people(make_user: Any) -> dict[str, int]:
    return {
        "Admin": make_user("Admin", ["sysop", "bureaucrat"]),
        "BotUser": make_user("BotUser", ["bot", "rollbacker"]),
        "Editor": make_user("Editor"),
        "Rollbacker": make_user("Rollbacker", ["rollbacker"]),
    }


def query(client: TestClient, **params: Any) -> Any:
    return client.get("/w/api.php", params={"action": "query", "format": "json", **params})


def test_users_invalid_first_then_found_and_missing(
    client: TestClient, people: dict[str, int]
) -> None:
    body = query(
        client,
        list="users",
        ususers="Admin|NoSuchUserQQ|Bad#Name|127.0.0.1|Foo@bar|",
        usprop="cancreate|groupmemberships|gender",
        formatversion="2",
    ).json()
    # The same request to the 1.39 oracle gives this shape.
    assert body["query"]["users"] == [
        {"name": "Bad#Name", "invalid": True},
        {"name": "127.0.0.1", "invalid": True},
        {"name": "", "invalid": True},
        {
            "userid": people["Admin"],
            "name": "Admin",
            "groupmemberships": [
                {"group": "bureaucrat", "expiry": "infinity"},
                {"group": "sysop", "expiry": "infinity"},
            ],
            "gender": "unknown",
        },
        {"name": "NoSuchUserQQ", "missing": True, "cancreate": True},
        {
            "name": "Foo@bar",
            "missing": True,
            "cancreate": False,
            "cancreateerror": [
                {"message": "noname", "params": [], "code": "invaliduser", "type": "error"}
            ],
        },
    ]


def test_users_formatversion_1_and_userids(client: TestClient, people: dict[str, int]) -> None:
    body = query(client, list="users", ususerids=f"{people['Editor']}|9999", usprop="editcount")
    assert body.json()["query"]["users"] == [
        {"userid": people["Editor"], "name": "Editor", "editcount": 0},
        {"userid": 9999, "missing": ""},
    ]


def test_users_groups_rights_and_implicit_groups(
    client: TestClient, people: dict[str, int], wiki: Wiki
) -> None:
    body = query(
        client, list="users", ususers="BotUser", usprop="groups|implicitgroups|rights"
    ).json()
    entry = body["query"]["users"][0]
    assert entry["groups"] == ["bot", "rollbacker", "*", "user", "autoconfirmed"]
    assert entry["implicitgroups"] == ["*", "user", "autoconfirmed"]
    assert "rollback" in entry["rights"] and "bot" in entry["rights"]
    assert "delete" not in entry["rights"]


def test_users_and_userids_together_is_an_error(client: TestClient) -> None:
    response = query(client, list="users", ususers="A", ususerids="1")
    assert response.headers["mediawiki-api-error"] == "invalidparammix"


def test_allusers_from_limit_and_props(client: TestClient, people: dict[str, int]) -> None:
    body = query(
        client,
        list="allusers",
        aulimit="2",
        aufrom="B",
        auprop="groups|editcount|implicitgroups",
    ).json()
    assert body["query"]["allusers"] == [
        {
            "userid": people["BotUser"],
            "name": "BotUser",
            "editcount": 0,
            "groups": ["*", "user", "autoconfirmed", "bot", "rollbacker"],
            "implicitgroups": ["*", "user", "autoconfirmed"],
        },
        {
            "userid": people["Editor"],
            "name": "Editor",
            "editcount": 0,
            "groups": ["*", "user", "autoconfirmed"],
            "implicitgroups": ["*", "user", "autoconfirmed"],
        },
    ]


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"augroup": "rollbacker"}, ["BotUser", "Rollbacker"]),
        ({"auexcludegroup": "rollbacker"}, ["Admin", "Editor"]),
        ({"aurights": "rollback", "audir": "descending"}, ["Rollbacker", "BotUser", "Admin"]),
        ({"auprefix": "r"}, ["Rollbacker"]),
        ({"auto": "C"}, ["Admin", "BotUser"]),
        ({"auwitheditsonly": "1"}, []),
        ({"auactiveusers": "1"}, []),
    ],
)
def test_allusers_filters(
    client: TestClient, people: dict[str, int], params: dict[str, str], names: list[str]
) -> None:
    body = query(client, list="allusers", **params).json()
    assert [u["name"] for u in body["query"]["allusers"]] == names


def test_allusers_group_and_excludegroup_together_is_an_error(
    client: TestClient, people: dict[str, int]
) -> None:
    response = query(client, list="allusers", augroup="sysop", auexcludegroup="bot")
    assert response.headers["mediawiki-api-error"] == "invalidparammix"
    assert response.json()["error"]["info"] == (
        'The parameters "augroup" and "auexcludegroup" can not be used together.'
    )


def test_allusers_continuation_is_recorded(
    client: TestClient, people: dict[str, int], wiki: Wiki
) -> None:
    from rollwiki.api.modules.query.allusers import AllUsersModule
    from rollwiki.api.request import ApiRequest, RequestParams
    from rollwiki.services.performer import anonymous
    from rollwiki.services.sessions import Session
    from rollwiki.services.wiki import RequestContext

    performer = anonymous("127.0.0.1", wiki.permissions)
    req = ApiRequest(RequestContext(wiki, performer, Session(), "127.0.0.1"), RequestParams())
    params = req.extract(AllUsersModule)
    params["limit"] = 2
    AllUsersModule().execute(req, params)
    assert [u["name"] for u in req.result.data["query"]["allusers"]] == ["Admin", "BotUser"]
    assert req.extra["query_continue"] == {"allusers": {"aufrom": "Editor"}}
