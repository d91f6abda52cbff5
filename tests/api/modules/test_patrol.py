"""action=patrol: marking changes patrolled, the patrol log, and releasing mw-reverted."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from admin_support import ApiClient, save
from rollwiki.services.reverts import REVERT_ROLLBACK, EditResult
from rollwiki.services.wiki import Wiki
from rollwiki.storage.queries import tags as tq
from rollwiki.storage.schema import logging, recentchanges


@pytest.fixture
def admin(client: TestClient, wiki: Wiki, make_user: Any) -> ApiClient:
    for name in ("Editor", "Vandal", "Rollbacker"):
        make_user(name)
    return ApiClient(client, wiki).login(make_user("Admin", ["sysop"]))


def rc_of(wiki: Wiki, rev_id: int) -> dict[str, Any]:
    return wiki.db.read(
        lambda c: dict(
            c.execute(select(recentchanges).where(recentchanges.c.rc_this_oldid == rev_id))
            .mappings()
            .one()
        )
    )


def logs(wiki: Wiki) -> list[dict[str, Any]]:
    return wiki.db.read(lambda c: [dict(r) for r in c.execute(select(logging)).mappings()])


def test_patrol_by_revid_marks_rc_row_and_logs_without_rc(admin: ApiClient, wiki: Wiki) -> None:
    rev = save(wiki, "Patrol me", "text", "Editor").revision
    assert rev is not None
    rc = rc_of(wiki, rev["rev_id"])
    body = admin.act("patrol", "patrol", revid=str(rev["rev_id"]), formatversion="1")
    # Observed on 1.39: {"patrol":{"rcid":1930,"ns":0,"title":"Rbtest … patrol approves"}}
    assert body == {"patrol": {"rcid": rc["rc_id"], "ns": 0, "title": "Patrol me"}}
    assert rc_of(wiki, rev["rev_id"])["rc_patrolled"] == 1
    [log] = logs(wiki)
    assert (log["log_type"], log["log_action"], log["log_title"]) == (
        "patrol",
        "patrol",
        "Patrol_me",
    )
    assert json.loads(log["log_params"]) == {
        "4::curid": rev["rev_id"],
        "5::previd": 0,
        "6::auto": 0,
    }
    # PatrolLog publishes to the feeds only: no recent-changes row for the log entry.
    assert (
        wiki.db.read(
            lambda c: c.execute(select(recentchanges).where(recentchanges.c.rc_type == 3)).all()
        )
        == []
    )


def test_patrol_by_rcid_twice_logs_once(admin: ApiClient, wiki: Wiki) -> None:
    rev = save(wiki, "Patrol me", "text", "Editor").revision
    assert rev is not None
    rcid = rc_of(wiki, rev["rev_id"])["rc_id"]
    admin.act("patrol", "patrol", rcid=str(rcid))
    body = admin.act("patrol", "patrol", rcid=str(rcid))
    assert body["patrol"]["rcid"] == rcid
    assert len(logs(wiki)) == 1


def test_patrolling_a_rollback_releases_mw_reverted(admin: ApiClient, wiki: Wiki) -> None:
    good = save(wiki, "Reverted page", "good", "Editor").revision
    v1 = save(wiki, "Reverted page", "good bad1", "Vandal").revision
    v2 = save(wiki, "Reverted page", "good bad2", "Vandal").revision
    assert good and v1 and v2
    result = EditResult(
        original_revision_id=good["rev_id"],
        revert_method=REVERT_ROLLBACK,
        newest_reverted=v2["rev_id"],
        oldest_reverted=v1["rev_id"],
        is_exact_revert=True,
    )
    # A rollback by a user without autopatrol: unpatrolled, mw-reverted waits for approval.
    revert = save(
        wiki,
        "Reverted page",
        "good",
        "Rollbacker",
        tags=["mw-rollback"],
        tag_params={"mw-rollback": result.to_json()},
    ).revision
    assert revert is not None
    tags_before = wiki.db.read(lambda c: tq.tags_for_revisions(c, [v1["rev_id"], v2["rev_id"]]))
    assert tags_before == {v1["rev_id"]: [], v2["rev_id"]: []}

    admin.act("patrol", "patrol", revid=str(revert["rev_id"]))

    tags_after = wiki.db.read(
        lambda c: tq.tags_for_revisions(c, [good["rev_id"], v1["rev_id"], v2["rev_id"]])
    )
    assert tags_after == {
        good["rev_id"]: [],
        v1["rev_id"]: ["mw-reverted"],
        v2["rev_id"]: ["mw-reverted"],
    }
    assert (
        "mw-reverted"
        in wiki.db.read(lambda c: tq.tags_for_rc(c, [rc_of(wiki, v1["rev_id"])["rc_id"]]))[
            rc_of(wiki, v1["rev_id"])["rc_id"]
        ]
    )


def test_own_edit_without_autopatrol_is_noautopatrol(
    client: TestClient, wiki: Wiki, make_user: Any
) -> None:
    wiki.config.group_permissions["patroller"] = ["patrol"]
    me = ApiClient(client, wiki).login(make_user("Patroller", ["patroller"]))
    rev = save(wiki, "Mine", "text", "Patroller").revision
    assert rev is not None
    body = me.act("patrol", "patrol", revid=str(rev["rev_id"]), formatversion="1")
    assert body["error"]["code"] == "noautopatrol"
    assert body["error"]["info"] == "You are not allowed to mark your own changes as patrolled."
    assert rc_of(wiki, rev["rev_id"])["rc_patrolled"] == 0


def test_patrol_disabled_when_rc_patrol_is_off(admin: ApiClient, wiki: Wiki) -> None:
    save(wiki, "P", "one", "Editor")
    rev = save(wiki, "P", "two", "Editor").revision
    assert rev is not None
    wiki.config.use_rc_patrol = False
    body = admin.act("patrol", "patrol", revid=str(rev["rev_id"]), formatversion="1")
    assert body["error"] == {
        "code": "patroldisabled",
        "info": "Recent changes patrol disabled",
        "*": body["error"]["*"],
    }


PATROL_ERRORS = [
    ({"rcid": "99999"}, "nosuchrcid", "There is no recent change with ID 99999."),
    ({"revid": "99999"}, "nosuchrevid", "There is no revision with ID 99999."),
    ({}, "missingparam", 'One of the parameters "rcid" and "revid" is required.'),
    (
        {"rcid": "1", "revid": "1"},
        "invalidparammix",
        'The parameters "rcid" and "revid" can not be used together.',
    ),
]


@pytest.mark.parametrize(("params", "code", "info"), PATROL_ERRORS)
def test_patrol_errors(
    admin: ApiClient, wiki: Wiki, params: dict[str, str], code: str, info: str
) -> None:
    body = admin.act("patrol", "patrol", formatversion="1", **params)
    assert (body["error"]["code"], body["error"]["info"]) == (code, info)
    assert logs(wiki) == []


def test_patrol_with_csrf_token_is_badtoken(admin: ApiClient, wiki: Wiki) -> None:
    rev = save(wiki, "P", "text", "Editor").revision
    assert rev is not None
    body = admin.act("patrol", "csrf", revid=str(rev["rev_id"]), formatversion="1")
    assert body["error"]["code"] == "badtoken"


def test_patrol_without_right_names_the_groups(
    client: TestClient, wiki: Wiki, make_user: Any
) -> None:
    make_user("Editor")
    rev = save(wiki, "P", "text", "Editor").revision
    assert rev is not None
    other = ApiClient(client, wiki).login(make_user("Other"))
    body = other.act("patrol", "patrol", revid=str(rev["rev_id"]), formatversion="1")
    assert body["error"]["code"] == "permissiondenied"
    assert body["error"]["info"] == (
        "The action you have requested is limited to users in the group: "
        "[[TestWiki:Administrators|Administrators]]."
    )
    body = other.act(
        "patrol", "patrol", revid=str(rev["rev_id"]), uselang="uk", errorformat="plaintext"
    )
    assert body["errors"][0]["code"] == "permissiondenied"
    assert body["errors"][0]["text"].startswith("Дія, яку ви хотіли зробити")
