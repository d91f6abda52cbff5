"""action=block and action=unblock: responses, errors (en/uk) and the rows they write."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from admin_support import ApiClient
from rollwiki.services.wiki import Wiki
from rollwiki.storage.schema import ipblocks, ipblocks_restrictions, logging, recentchanges


@pytest.fixture
def admin(client: TestClient, wiki: Wiki, make_user: Any) -> ApiClient:
    make_user("Target")
    make_user("Other")
    return ApiClient(client, wiki).login(make_user("Admin", ["sysop"]))


def blocks(wiki: Wiki) -> list[dict[str, Any]]:
    return wiki.db.read(
        lambda c: [
            dict(r) for r in c.execute(select(ipblocks).order_by(ipblocks.c.ipb_id)).mappings()
        ]
    )


def logs(wiki: Wiki) -> list[dict[str, Any]]:
    return wiki.db.read(
        lambda c: [
            dict(r) for r in c.execute(select(logging).order_by(logging.c.log_id)).mappings()
        ]
    )


def test_block_of_an_account_returns_1_39_shape_and_writes_row_and_log(
    admin: ApiClient, wiki: Wiki
) -> None:
    # Observed on 1.39: {"block":{"user":"Rollbacker","userID":3,"expiry":"…","id":8,
    # "reason":"conformance test block","pagerestrictions":null,"namespacerestrictions":null}}
    body = admin.post(
        action="block",
        token=admin.token(),
        user="Target",
        expiry="1 hour",
        reason="test block",
        formatversion="1",
    )
    block = body["block"]
    assert list(block) == [
        "user",
        "userID",
        "expiry",
        "id",
        "reason",
        "pagerestrictions",
        "namespacerestrictions",
    ]
    assert block["user"] == "Target"
    assert block["reason"] == "test block"
    assert block["expiry"].endswith("Z")
    [row] = blocks(wiki)
    assert row["ipb_id"] == block["id"]
    assert row["ipb_user"] == block["userID"] > 0
    assert row["ipb_address"] == "Target"
    assert row["ipb_sitewide"] and not row["ipb_allow_usertalk"] and not row["ipb_anon_only"]
    [log] = logs(wiki)
    assert (log["log_type"], log["log_action"], log["log_title"]) == ("block", "block", "Target")
    assert log["log_namespace"] == 2
    assert json.loads(log["log_params"]) == {
        "5::duration": "1 hour",
        "6::flags": "noautoblock,nousertalk",
        "sitewide": True,
    }
    rc = wiki.db.read(lambda c: c.execute(select(recentchanges)).mappings().one())
    assert (rc["rc_type"], rc["rc_log_type"], rc["rc_log_action"]) == (3, "block", "block")


def test_block_formatversion_2_echoes_every_flag(admin: ApiClient) -> None:
    body = admin.act("block", user="192.0.2.5", expiry="infinite", anononly="1", nocreate="1")
    assert body["block"] == {
        "user": "192.0.2.5",
        "userID": 0,
        "expiry": "infinite",
        "id": body["block"]["id"],
        "reason": "",
        "anononly": True,
        "nocreate": True,
        "autoblock": False,
        "noemail": False,
        "hidename": False,
        "allowusertalk": False,
        "watchuser": False,
        "partial": False,
        "pagerestrictions": None,
        "namespacerestrictions": None,
    }


def test_ip_block_log_flags_and_range_bounds(admin: ApiClient, wiki: Wiki) -> None:
    admin.act("block", user="192.0.2.0/24", expiry="1 day", anononly="1")
    [row] = blocks(wiki)
    assert (row["ipb_range_start"], row["ipb_range_end"]) == ("C0000200", "C00002FF")
    assert row["ipb_anon_only"] and not row["ipb_enable_autoblock"]
    assert json.loads(logs(wiki)[0]["log_params"])["6::flags"] == "anononly,nousertalk"


def test_reblock_updates_the_existing_block_and_logs_reblock(admin: ApiClient, wiki: Wiki) -> None:
    first = admin.act("block", user="Target", expiry="2 hours", reason="r1")
    second = admin.act("block", user="Target", expiry="3 hours", reason="r2", reblock="1")
    assert second["block"]["id"] == first["block"]["id"]
    [row] = blocks(wiki)
    assert row["ipb_reason"] == "r2"
    assert [(r["log_action"], r["log_comment"]) for r in logs(wiki)] == [
        ("block", "r1"),
        ("reblock", "r2"),
    ]


def test_identical_reblock_is_refused_as_already_blocked(admin: ApiClient, wiki: Wiki) -> None:
    admin.act("block", user="Target", expiry="infinite", reason="same")
    body = admin.act("block", user="Target", expiry="infinite", reason="same", reblock="1")
    assert body["error"]["code"] == "alreadyblocked"
    assert len(logs(wiki)) == 1


def test_partial_block_stores_restrictions(admin: ApiClient, wiki: Wiki) -> None:
    from admin_support import save

    save(wiki, "Restricted page", "text", "Other")
    body = admin.act(
        "block",
        user="Target",
        expiry="1 hour",
        partial="1",
        allowusertalk="1",
        pagerestrictions="restricted_page",
        namespacerestrictions="4",
        formatversion="1",
    )
    assert body["block"]["partial"] == "" and body["block"]["allowusertalk"] == ""
    assert body["block"]["pagerestrictions"] == ["Restricted page"]
    assert body["block"]["namespacerestrictions"] == [4]
    [row] = blocks(wiki)
    assert not row["ipb_sitewide"] and row["ipb_allow_usertalk"]
    restrictions = wiki.db.read(
        lambda c: sorted((r.ir_type, r.ir_value) for r in c.execute(select(ipblocks_restrictions)))
    )
    page_id = wiki.db.read(
        lambda c: c.execute(select(logging.c.log_id)).scalar()  # any row: ensure read works
    )
    assert page_id is not None
    assert restrictions[1] == (2, 4) and restrictions[0][0] == 1
    params = json.loads(logs(wiki)[0]["log_params"])
    assert params["7::restrictions"] == {"pages": ["Restricted page"], "namespaces": [4]}
    assert params["sitewide"] is False


def test_watchuser_watches_the_user_page_and_its_talk(admin: ApiClient, wiki: Wiki) -> None:
    from rollwiki.storage.schema import watchlist

    admin.act("block", user="Target", watchuser="1")
    rows = wiki.db.read(
        lambda c: sorted((r.wl_namespace, r.wl_title) for r in c.execute(select(watchlist)))
    )
    assert rows == [(2, "Target"), (3, "Target")]


BLOCK_ERRORS = [
    ({}, "missingparam", 'One of the parameters "user" and "userid" is required.'),
    (
        {"user": "Target", "userid": "1"},
        "invalidparammix",
        'The parameters "user" and "userid" can not be used together.',
    ),
    ({"userid": "999999"}, "nosuchuserid", "There is no user with ID 999999."),
    (
        {"user": "Nobody here"},
        "nosuchuser",
        'There is no user by the name "Nobody here". Check your spelling.',
    ),
    ({"user": "Target", "expiry": "bogus"}, "invalidexpiry", "Expiry time invalid."),
    (
        {"user": "Target", "expiry": "2001-01-01T00:00:00Z"},
        "ipb_expiry_old",
        "Expiry time is in the past.",
    ),
    (
        {"user": "192.0.2.0/8"},
        "ip_range_toolarge",
        "Range blocks larger than /16 are not allowed.",
    ),
    (
        {"user": "Target", "noemail": "1"},
        "cantblock-email",
        "You don't have permission to block users from sending email through the wiki.",
    ),
    (
        {"user": "Target", "partial": "1"},
        "ipb-prevent-user-talk-edit",
        "Editing their own talk page must be allowed for a partial block, unless it includes "
        "a restriction on the User Talk namespace.",
    ),
    (
        {"user": "Target", "partial": "1", "pagerestrictions": "No such page"},
        "missingtitle",
        'Invalid value "No such page" for title parameter "pagerestrictions": the page does '
        "not exist.",
    ),
    (
        {"user": "Target", "hidename": "1"},
        "permissiondenied",
        "You are not allowed to execute the action you have requested.",
    ),
    (
        {"user": "Target", "tags": "bogus"},
        "badtags",
        'The tag "bogus" is not allowed to be manually applied.',
    ),
]


@pytest.mark.parametrize(("params", "code", "info"), BLOCK_ERRORS)
def test_block_errors_match_1_39_and_change_nothing(
    admin: ApiClient, wiki: Wiki, params: dict[str, str], code: str, info: str
) -> None:
    response = admin.post_raw(action="block", token=admin.token(), formatversion="1", **params)
    body = response.json()
    assert body["error"]["code"] == code
    assert body["error"]["info"] == info
    assert response.headers["MediaWiki-API-Error"] == code
    assert blocks(wiki) == [] and logs(wiki) == []


UK_ERRORS = [
    ({"user": "Target", "expiry": "bogus"}, "invalidexpiry", "Невірно вказано термін."),
    ({"userid": "999999"}, "nosuchuserid", "Немає користувача з ідентифікатором 999999."),
]


@pytest.mark.parametrize(("params", "code", "text"), UK_ERRORS)
def test_block_errors_in_ukrainian(
    admin: ApiClient, params: dict[str, str], code: str, text: str
) -> None:
    body = admin.act("block", uselang="uk", errorformat="plaintext", **params)
    [error] = body["errors"]
    assert (error["code"], error["text"]) == (code, text)


def test_block_without_the_block_right_is_permissiondenied(
    client: TestClient, wiki: Wiki, make_user: Any
) -> None:
    make_user("Target")
    editor = ApiClient(client, wiki).login(make_user("Editor"))
    body = editor.act("block", user="Target", formatversion="1")
    assert body["error"] == {
        "code": "permissiondenied",
        "info": "You don't have permission to block this user from editing.",
        "*": body["error"]["*"],
    }
    assert blocks(wiki) == []


# -- unblock ----------------------------------------------------------------------------------


def test_unblock_by_user_removes_block_and_logs(admin: ApiClient, wiki: Wiki) -> None:
    placed = admin.act("block", user="Target", expiry="1 day")["block"]
    body = admin.act("unblock", user="Target", reason="done")
    # Observed on 1.39: {"unblock":{"id":8,"user":"Rollbacker","userid":3,"reason":"done"}}
    assert body == {
        "unblock": {
            "id": placed["id"],
            "user": "Target",
            "userid": placed["userID"],
            "reason": "done",
        }
    }
    assert blocks(wiki) == []
    assert [(r["log_action"], r["log_title"], r["log_params"]) for r in logs(wiki)][-1] == (
        "unblock",
        "Target",
        "{}",
    )


def test_unblock_by_id_of_a_range(admin: ApiClient, wiki: Wiki) -> None:
    placed = admin.act("block", user="192.0.2.0/24")["block"]
    body = admin.act("unblock", id=str(placed["id"]))
    assert body["unblock"] == {
        "id": placed["id"],
        "user": "192.0.2.0/24",
        "userid": 0,
        "reason": "",
    }
    assert blocks(wiki) == []


UNBLOCK_ERRORS = [
    (
        {"user": "Target"},
        "cantunblock",
        "Error: Block for Target not found. It may have been removed already.",
    ),
    (
        {"id": "99999"},
        "cantunblock",
        "Error: Block for #99999 not found. It may have been removed already.",
    ),
    ({}, "missingparam", 'One of the parameters "id", "user" and "userid" is required.'),
    (
        {"id": "1", "user": "Target"},
        "invalidparammix",
        'The parameters "id" and "user" can not be used together.',
    ),
]


@pytest.mark.parametrize(("params", "code", "info"), UNBLOCK_ERRORS)
def test_unblock_errors_match_1_39(
    admin: ApiClient, wiki: Wiki, params: dict[str, str], code: str, info: str
) -> None:
    body = admin.act("unblock", formatversion="1", **params)
    assert (body["error"]["code"], body["error"]["info"]) == (code, info)
    assert logs(wiki) == []


def test_unblock_without_block_right(client: TestClient, wiki: Wiki, make_user: Any) -> None:
    editor = ApiClient(client, wiki).login(make_user("Editor"))
    body = editor.act("unblock", user="Someone", formatversion="1")
    assert body["error"]["code"] == "permissiondenied"
    assert body["error"]["info"] == "You don't have permission to unblock users."


def test_blocked_admin_cannot_block_others_but_gets_blockinfo(
    admin: ApiClient, client: TestClient, wiki: Wiki, make_user: Any
) -> None:
    other_admin = make_user("Admin2", ["sysop"])
    admin.act("block", user="Admin2", expiry="1 day")
    blocked = ApiClient(client, wiki).login(other_admin)
    body = blocked.act("unblock", user="Target", formatversion="1")
    assert body["error"]["code"] == "ipbblocked"
    assert body["error"]["blockinfo"]["blockedby"] == "Admin"
    body = blocked.act("block", user="Target", formatversion="1")
    assert body["error"]["code"] == "ipbblocked"


def test_watchlistexpiry_is_echoed_when_watchlist_expiry_is_on(
    admin: ApiClient, wiki: Wiki
) -> None:
    from rollwiki.storage.schema import watchlist

    wiki.config.watchlist_expiry = True
    body = admin.act("block", user="Target", watchuser="1", watchlistexpiry="1 week")
    until = body["block"]["watchlistexpiry"]
    assert (
        list(body["block"]).index("watchlistexpiry") == list(body["block"]).index("watchuser") + 1
    )
    expiries = wiki.db.read(lambda c: {r.wl_expiry for r in c.execute(select(watchlist))})
    assert len(expiries) == 1
    [stored] = expiries
    assert (
        until
        == f"{stored[:4]}-{stored[4:6]}-{stored[6:8]}T{stored[8:10]}:{stored[10:12]}:{stored[12:]}Z"
    )


def test_hidename_with_hideuser_goes_to_the_suppression_log(admin: ApiClient, wiki: Wiki) -> None:
    wiki.config.group_permissions["sysop"].append("hideuser")
    body = admin.act("block", user="Target", expiry="infinite", hidename="1")
    assert body["block"]["hidename"] is True
    [row] = blocks(wiki)
    assert row["ipb_deleted"]
    [log] = logs(wiki)
    assert (log["log_type"], log["log_action"]) == ("suppress", "block")
    assert "hiddenname" in json.loads(log["log_params"])["6::flags"]
    assert wiki.db.read(lambda c: c.execute(select(recentchanges)).all()) == []
    temporary = admin.act("block", user="192.0.2.1", hidename="1", expiry="1 day")
    assert "error" not in temporary  # hidename only applies to accounts
    body = admin.act("block", user="Other", expiry="1 day", hidename="1", formatversion="1")
    assert body["error"]["code"] == "ipb_expiry_temp"
