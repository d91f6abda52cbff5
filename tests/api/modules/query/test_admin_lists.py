"""list=blocks, list=logevents and list=tags: rows, props, filters, continuation, errors."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from starlette.testclient import TestClient

from admin_support import ApiClient, save
from rollwiki.services import timestamps
from rollwiki.services.logs import LogEntry, write_log
from rollwiki.services.titles import Title
from rollwiki.services.wiki import Wiki
from rollwiki.storage.queries import pages as pq
from rollwiki.storage.queries import users as uq


@pytest.fixture(autouse=True)
def fixed_clock() -> Any:
    timestamps.set_clock(lambda: datetime(2026, 11, 26, 20, 24, 15, tzinfo=UTC))
    yield
    timestamps.set_clock(None)


@pytest.fixture
def admin(client: TestClient, wiki: Wiki, make_user: Any) -> ApiClient:
    make_user("Target")
    return ApiClient(client, wiki).login(make_user("Admin", ["sysop"]))


# -- list=blocks -----------------------------------------------------------------------------

ALL_BLOCK_PROPS = "id|user|userid|by|byid|timestamp|expiry|reason|range|flags|restrictions"


def test_blocks_with_every_prop_as_1_39(admin: ApiClient, wiki: Wiki) -> None:
    save(wiki, "Blocked page", "x", "Admin")
    partial = admin.act(
        "block",
        user="Target",
        expiry="1 day",
        partial="1",
        allowusertalk="1",
        pagerestrictions="Blocked page",
        namespacerestrictions="4|1",
        reason="q",
    )["block"]
    ranged = admin.act("block", user="198.51.100.0/24", expiry="infinite")["block"]
    blocks = admin.get(action="query", list="blocks", bkprop=ALL_BLOCK_PROPS)["query"]["blocks"]
    page = wiki.db.read(lambda c: pq.page_by_title(c, 0, "Blocked_page"))
    assert page is not None
    page_id = page["page_id"]
    # Observed on 1.39 (same blocks): newest first, range fields for accounts are 0.0.0.0.
    assert blocks == [
        {
            "id": ranged["id"], "user": "198.51.100.0/24", "userid": 0, "by": "Admin",
            "byid": blocks[0]["byid"], "timestamp": "2026-11-26T20:24:15Z", "expiry": "infinity",
            "reason": "", "rangestart": "198.51.100.0", "rangeend": "198.51.100.255",
            "automatic": False, "anononly": False, "nocreate": False, "autoblock": False,
            "noemail": False, "hidden": False, "allowusertalk": False, "partial": False,
            "restrictions": [],
        },
        {
            "id": partial["id"], "user": "Target", "userid": partial["userID"], "by": "Admin",
            "byid": blocks[0]["byid"], "timestamp": "2026-11-26T20:24:15Z",
            "expiry": "2026-11-27T20:24:15Z", "reason": "q", "rangestart": "0.0.0.0",
            "rangeend": "0.0.0.0", "automatic": False, "anononly": False, "nocreate": False,
            "autoblock": False, "noemail": False, "hidden": False, "allowusertalk": True,
            "partial": True,
            "restrictions": {
                "pages": [{"id": page_id, "ns": 0, "title": "Blocked page"}],
                "namespaces": [1, 4],
            },
        },
    ]  # fmt: skip


def test_blocks_filters(admin: ApiClient) -> None:
    admin.act("block", user="Target", expiry="1 day")
    admin.act("block", user="198.51.100.0/24")
    admin.act("block", user="192.0.2.9")

    def users(**params: str) -> list[str]:
        result = admin.get(action="query", list="blocks", bkprop="user", **params)
        return [b["user"] for b in result["query"]["blocks"]]

    assert users(bkip="198.51.100.7") == ["198.51.100.0/24"]
    assert users(bkusers="Target|192.0.2.9") == ["192.0.2.9", "Target"]
    assert users(bkshow="account") == ["Target"]
    assert users(bkshow="!account|!range") == ["192.0.2.9"]
    assert users(bkshow="temp") == ["Target"]
    assert users(bkdir="newer", bklimit="2") == ["Target", "198.51.100.0/24"]


def test_blocks_continue_from_timestamp_and_id(admin: ApiClient) -> None:
    ids = [admin.act("block", user=f"192.0.2.{i}")["block"]["id"] for i in range(1, 4)]
    first = admin.get(action="query", list="blocks", bkprop="id", bklimit="2")
    assert [b["id"] for b in first["query"]["blocks"]] == [ids[2], ids[1]]
    assert first["continue"] == {"bkcontinue": f"20261126202415|{ids[0]}", "continue": "-||"}
    rest = admin.get(
        action="query", list="blocks", bkprop="id", bkcontinue=f"20261126202415|{ids[0]}"
    )
    assert [b["id"] for b in rest["query"]["blocks"]] == [ids[0]]


@pytest.mark.parametrize(
    ("params", "code", "info"),
    [
        ({"bkip": "not an ip"}, "param_ip", "IP parameter is not valid."),
        ({"bkip": "10.0.0.0/8"}, "cidrtoobroad",
         "IPv4 CIDR ranges broader than /16 are not accepted."),
        ({"bkshow": "ip|!ip"}, "show", "Incorrect parameter - mutually exclusive values may not "
         "be supplied."),
        ({"bkcontinue": "garbage"}, "badcontinue", "Invalid continue param. You should pass the "
         "original value returned by the previous query."),
        ({"bkusers": "Target", "bkip": "192.0.2.1"}, "invalidparammix",
         'The parameters "bkusers" and "bkip" can not be used together.'),
    ],
)  # fmt: skip
def test_blocks_errors(admin: ApiClient, params: dict[str, str], code: str, info: str) -> None:
    body = admin.get(action="query", list="blocks", formatversion="1", **params)
    assert (body["error"]["code"], body["error"]["info"]) == (code, info)


# -- list=logevents --------------------------------------------------------------------------


def logevents(api: ApiClient, **params: str) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = api.get(action="query", list="logevents", **params)["query"][
        "logevents"
    ]
    return result


def test_block_log_params_as_1_39(admin: ApiClient, wiki: Wiki) -> None:
    save(wiki, "Blocked page", "x", "Admin")
    admin.act("block", user="Target", expiry="1 day", partial="1", allowusertalk="1",
              pagerestrictions="Blocked page", namespacerestrictions="4|1", reason="q")  # fmt: skip
    admin.act("unblock", user="Target")
    rows = logevents(admin, letype="block")
    assert [r["action"] for r in rows] == ["unblock", "block"]
    assert rows[0]["params"] == {} and rows[0]["title"] == "User:Target"
    # Observed on 1.39 for the same partial block.
    assert rows[1]["params"] == {
        "duration": "1 day",
        "flags": ["noautoblock"],
        "restrictions": {
            "pages": [{"page_ns": 0, "page_title": "Blocked page"}],
            "namespaces": [4, 1],
        },
        "sitewide": False,
        "expiry": "2026-11-27T20:24:15Z",
    }
    assert set(rows[1]) == {
        "logid", "ns", "title", "pageid", "logpage", "params", "type", "action", "user",
        "timestamp", "comment",
    }  # fmt: skip


def test_protect_patrol_delete_and_managetags_params(admin: ApiClient, wiki: Wiki) -> None:
    wiki.config.group_permissions["sysop"].append("deleterevision")
    saved = save(wiki, "Prot", "hello", "Target")
    save(wiki, "Prot", "hello again", "Target")
    assert saved.revision is not None
    admin.act("protect", title="Prot", protections="edit=sysop|move=autoconfirmed",
              expiry="infinite|1 week", cascade="1", reason="my reason")  # fmt: skip
    admin.act("patrol", "patrol", revid=str(saved.revision["rev_id"]))
    admin.act("revisiondelete", type="revision", ids=str(saved.revision["rev_id"]),
              hide="content|comment")  # fmt: skip
    admin.act("managetags", operation="create", tag="spam")
    by_type = {r["type"]: r["params"] for r in logevents(admin, lelimit="10")}
    # Observed on 1.39 for the same protect request.
    assert by_type["protect"] == {
        "description": "\u200e[edit=sysop] (indefinite)\u200e[move=autoconfirmed] "
        "(expires 20:24, 3 December 2026 (UTC))",
        "cascade": True,
        "details": [
            {"type": "edit", "level": "sysop", "expiry": "infinite", "cascade": True},
            {"type": "move", "level": "autoconfirmed", "expiry": "2026-12-03T20:24:15Z",
             "cascade": False},
        ],
    }  # fmt: skip
    assert by_type["patrol"] == {"curid": saved.revision["rev_id"], "previd": 0, "auto": False}
    assert by_type["delete"] == {
        "type": "revision",
        "ids": [saved.revision["rev_id"]],
        "old": {"bitmask": 0, "content": False, "comment": False, "user": False,
                "restricted": False},
        "new": {"bitmask": 3, "content": True, "comment": True, "user": False,
                "restricted": False},
    }  # fmt: skip
    assert by_type["managetags"] == {"tag": "spam"}


def write_raw_log(wiki: Wiki, log_type: str, action: str, params: dict[str, Any]) -> None:
    def run(c: Any) -> None:
        actor = uq.ensure_actor(c, "Admin", None)
        write_log(
            c,
            LogEntry(log_type, action, actor, Title(2, "Target"), timestamps.mw_now(),
                     params=params),
        )  # fmt: skip

    wiki.db.write(run)


@pytest.mark.parametrize(
    ("log_type", "action", "stored", "shown"),
    [
        ("rights", "rights",
         {"4::oldgroups": [], "5::newgroups": ["sysop"], "oldmetadata": [],
          "newmetadata": [{"expiry": None}]},
         {"oldgroups": [], "newgroups": ["sysop"], "oldmetadata": [],
          "newmetadata": [{"group": "sysop", "expiry": "infinity"}]}),
        ("newusers", "create", {"4::userid": 7}, {"userid": 7}),
        ("import", "interwiki", {"4:number:count": 2, "5:title-link:interwiki": "en:Foo"},
         {"count": 2, "interwiki_ns": 0, "interwiki_title": "En:Foo"}),
        ("contentmodel", "change", {"4::oldmodel": "wikitext", "5::newmodel": "text"},
         {"oldmodel": "wikitext", "newmodel": "text"}),
    ],
)  # fmt: skip
def test_params_of_other_log_types(
    admin: ApiClient, wiki: Wiki, log_type: str, action: str, stored: Any, shown: Any
) -> None:
    write_raw_log(wiki, log_type, action, stored)
    assert logevents(admin, letype=log_type)[0]["params"] == shown


def test_logevents_filters_and_continuation(admin: ApiClient, wiki: Wiki) -> None:
    admin.act("block", user="192.0.2.1")
    admin.act("block", user="192.0.2.2")
    admin.act("managetags", operation="create", tag="spam")
    assert [r["title"] for r in logevents(admin, leaction="block/block")] == [
        "User:192.0.2.2",
        "User:192.0.2.1",
    ]
    assert len(logevents(admin, letitle="User:192.0.2.1")) == 1
    assert len(logevents(admin, lenamespace="-1")) == 1
    assert len(logevents(admin, leprefix="User:192.0.2.")) == 2
    assert len(logevents(admin, leuser="Admin")) == 3
    assert logevents(admin, leuser="Target") == []
    first = logevents(admin, lelimit="1", ledir="newer", leprop="ids")
    assert len(first) == 1
    rest = logevents(admin, ledir="newer", leprop="ids",
                     lecontinue=f"20261126202415|{first[0]['logid'] + 1}")  # fmt: skip
    assert [r["logid"] for r in rest] == [first[0]["logid"] + 1, first[0]["logid"] + 2]


def test_logevents_tags_and_tag_filter(admin: ApiClient) -> None:
    admin.act("managetags", operation="create", tag="spam")
    admin.act("block", user="192.0.2.1", tags="spam")
    rows = logevents(admin, letag="spam", leprop="type|tags")
    assert rows == [{"type": "block", "action": "block", "tags": ["spam"]}]
    assert logevents(admin, letag="nosuchtag") == []


@pytest.mark.parametrize(
    ("params", "code", "info"),
    [
        ({"leaction": "block"}, "unknown_leaction",
         'Unrecognized value for parameter "leaction": block.'),
        ({"leaction": "nosuch/thing"}, "unknown_leaction",
         'Unrecognized value for parameter "leaction": nosuch/thing.'),
        ({"letitle": "Bad[title"}, "invalidtitle", 'Bad title "Bad[title".'),
        ({"letitle": "A", "lenamespace": "0"}, "invalidparammix",
         'The parameters "letitle" and "lenamespace" can not be used together.'),
    ],
)  # fmt: skip
def test_logevents_errors(admin: ApiClient, params: dict[str, str], code: str, info: str) -> None:
    body = admin.get(action="query", list="logevents", formatversion="1", **params)
    assert (body["error"]["code"], body["error"]["info"]) == (code, info)


def test_suppression_log_is_hidden_without_suppressionlog(admin: ApiClient, wiki: Wiki) -> None:
    write_raw_log(wiki, "suppress", "block", {"5::duration": "infinity", "6::flags": "",
                                               "sitewide": True})  # fmt: skip
    assert logevents(admin) == []
    wiki.config.group_permissions["sysop"].append("suppressionlog")
    assert [r["type"] for r in logevents(admin)] == ["suppress"]


# -- list=tags --------------------------------------------------------------------------------


def test_tags_lists_software_and_manual_tags(admin: ApiClient, wiki: Wiki) -> None:
    admin.act("managetags", operation="create", tag="AWB")
    save(wiki, "Tagged", "x", "Admin", tags=["mw-rollback"])
    rows = admin.get(
        action="query",
        list="tags",
        tgprop="displayname|description|hitcount|defined|source|active",
        tglimit="max",
        formatversion="1",
    )["query"]["tags"]
    by_name = {r["name"]: r for r in rows}
    assert [r["name"] for r in rows] == sorted(by_name)
    # Observed on 1.39 (core tags report source "extension").
    assert by_name["mw-rollback"] == {
        "name": "mw-rollback",
        "displayname": "Rollback",
        "description": "Edits that roll back previous edits using the rollback link",
        "hitcount": 1,
        "defined": "",
        "source": ["extension"],
        "active": "",
    }
    assert by_name["AWB"] == {
        "name": "AWB",
        "displayname": "AWB",
        "description": "",
        "hitcount": 0,
        "defined": "",
        "source": ["manual"],
        "active": "",
    }


def test_tags_in_ukrainian_and_with_continuation(admin: ApiClient) -> None:
    rows = admin.get(action="query", list="tags", tgprop="displayname", uselang="uk",
                     tglimit="2")["query"]["tags"]  # fmt: skip
    assert rows == [
        {"name": "mw-blank", "displayname": "Очищення"},
        {"name": "mw-changed-redirect-target", "displayname": "Змінено ціль перенаправлення"},
    ]
    first = admin.get(action="query", list="tags", tglimit="2")
    assert first["continue"]["tgcontinue"] == "mw-contentmodelchange"
    rest = admin.get(action="query", list="tags", tgcontinue="mw-undo")["query"]["tags"]
    assert rest == [{"name": "mw-undo"}]


def test_deleted_tag_disappears_from_list(admin: ApiClient) -> None:
    admin.act("managetags", operation="create", tag="gone")
    admin.act("managetags", operation="delete", tag="gone")
    names = [r["name"] for r in admin.get(action="query", list="tags", tglimit="max")["query"][
        "tags"]]  # fmt: skip
    assert "gone" not in names and json.dumps(names).count("mw-") == 11
