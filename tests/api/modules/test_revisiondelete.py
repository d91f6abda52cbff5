"""action=revisiondelete (type=revision): bits, RC rows, the log entry, per-item statuses."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from admin_support import ApiClient, save
from rollwiki.services import timestamps
from rollwiki.services.wiki import Wiki
from rollwiki.storage.schema import logging, recentchanges, revision


@pytest.fixture(autouse=True)
def fixed_clock() -> Any:
    timestamps.set_clock(lambda: datetime(2026, 11, 26, 20, 16, 54, tzinfo=UTC))
    yield
    timestamps.set_clock(None)


@pytest.fixture
def admin(client: TestClient, wiki: Wiki, make_user: Any) -> ApiClient:
    wiki.config.group_permissions["sysop"].append("deleterevision")  # as on the oracle
    make_user("Editor")
    return ApiClient(client, wiki).login(make_user("Admin", ["sysop"]))


@pytest.fixture
def revs(wiki: Wiki, admin: ApiClient) -> tuple[int, int]:
    first = save(wiki, "Revdel page", "one", "Editor", comment="first").revision
    second = save(wiki, "Revdel page", "two", "Editor", comment="second").revision
    assert first and second
    return first["rev_id"], second["rev_id"]


def bits(wiki: Wiki, rev_id: int) -> tuple[int, int, int]:
    def run(c: Any) -> tuple[int, int, int]:
        rev = c.execute(select(revision.c.rev_deleted).where(revision.c.rev_id == rev_id)).scalar()
        rc = c.execute(
            select(recentchanges.c.rc_deleted, recentchanges.c.rc_patrolled).where(
                recentchanges.c.rc_this_oldid == rev_id
            )
        ).one()
        return rev, rc[0], rc[1]

    return wiki.db.read(run)


def logs(wiki: Wiki) -> list[dict[str, Any]]:
    return wiki.db.read(lambda c: [dict(r) for r in c.execute(select(logging)).mappings()])


def test_hide_content_and_comment(admin: ApiClient, wiki: Wiki, revs: tuple[int, int]) -> None:
    old, _ = revs
    body = admin.act(
        "revisiondelete",
        type="revision",
        target="Revdel page",
        ids=str(old),
        hide="content|comment",
        reason="why",
        formatversion="1",
    )
    # Observed on 1.39 (same request and shape).
    assert body == {
        "revisiondelete": {
            "status": "Success",
            "target": "Revdel page",
            "items": [
                {
                    "status": "Success",
                    "id": old,
                    "timestamp": "2026-11-26T20:16:54Z",
                    "commenthidden": "",
                    "texthidden": "",
                    "userid": body["revisiondelete"]["items"][0]["userid"],
                    "user": "Editor",
                    "comment": "first",
                }
            ],
        }
    }
    assert bits(wiki, old) == (3, 3, 2)
    [log] = logs(wiki)
    assert (log["log_type"], log["log_action"], log["log_comment"]) == (
        "delete",
        "revision",
        "why",
    )
    assert json.loads(log["log_params"]) == {
        "4::type": "revision",
        "5::ids": [old],
        "6::ofield": 0,
        "7::nfield": 3,
    }


def test_show_and_hide_in_one_call_logs_both_directions(
    admin: ApiClient, wiki: Wiki, revs: tuple[int, int]
) -> None:
    old, _ = revs
    admin.act("revisiondelete", type="revision", ids=str(old), hide="content|comment")
    body = admin.act(
        "revisiondelete", type="revision", ids=str(old), show="content|comment", hide="user"
    )
    item = body["revisiondelete"]["items"][0]
    assert (item["userhidden"], item["commenthidden"], item["texthidden"]) == (True, False, False)
    assert bits(wiki, old)[0] == 4
    params = json.loads(logs(wiki)[-1]["log_params"])
    assert (params["6::ofield"], params["7::nfield"]) == (3, 4)


def test_no_change_is_a_warning_in_bc_and_plaintext(
    admin: ApiClient, wiki: Wiki, revs: tuple[int, int]
) -> None:
    old, _ = revs
    admin.act("revisiondelete", type="revision", ids=str(old), hide="content")
    body = admin.act("revisiondelete", type="revision", ids=str(old), hide="content")
    # Observed on 1.39: bc lists both arrays, with the raw message and its params.
    item = body["revisiondelete"]["items"][0]
    assert item["status"] == "Success"
    assert item["errors"] == []
    assert item["warnings"] == [
        {
            "message": "revdelete-no-change",
            "params": ["26 November 2026", "20:16"],
            "code": "revdelete-no-change",
            "type": "warning",
        }
    ]
    body = admin.act(
        "revisiondelete", type="revision", ids=str(old), hide="content", errorformat="plaintext"
    )
    item = body["revisiondelete"]["items"][0]
    assert "errors" not in item
    assert item["warnings"] == [
        {
            "code": "revdelete-no-change",
            "text": "Warning: The item dated 20:16, 26 November 2026 already had the requested "
            "visibility settings.",
        }
    ]
    assert len(logs(wiki)) == 1


def test_current_revision_text_cannot_be_hidden_and_missing_ids_fail(
    admin: ApiClient, wiki: Wiki, revs: tuple[int, int]
) -> None:
    _, current = revs
    body = admin.act(
        "revisiondelete",
        type="revision",
        target="Revdel page",
        ids=f"{current}|999999",
        hide="content",
    )
    first, missing = body["revisiondelete"]["items"]
    assert first["status"] == "Success"
    assert first["errors"][0]["message"] == "revdelete-hide-current"
    assert missing == {
        "status": "Fail",
        "errors": [
            {
                "message": "revdelete-modify-missing",
                "params": [999999],
                "code": "revdelete-modify-missing",
                "type": "error",
            }
        ],
        "warnings": [],
        "id": 999999,
    }
    assert bits(wiki, current)[0] == 0 and logs(wiki) == []


def test_hidden_user_is_reported_and_deleted_bits_drive_rollback_data(
    admin: ApiClient, wiki: Wiki, revs: tuple[int, int]
) -> None:
    _, current = revs
    body = admin.act("revisiondelete", type="revision", ids=str(current), hide="user")
    # Observed on 1.39 ("current_user_hidden" scenario): the author stays visible to admins.
    item = body["revisiondelete"]["items"][0]
    assert item["userhidden"] is True and item["user"] == "Editor"
    assert bits(wiki, current) == (4, 4, 2)


REVDEL_ERRORS = [
    (
        {"ids": "1", "hide": "content", "show": "content"},
        "badparams",
        'The same field cannot be used in both "hide" and "show".',
    ),
    ({"ids": "1"}, "badparams", 'At least one value is required for "hide" and/or "show".'),
    (
        {"ids": "1", "hide": "content", "suppress": "yes"},
        "permissiondenied",
        "You don't have permission to review and undelete hidden revisions.",
    ),
    ({"ids": "", "hide": "content"}, "paramempty_ids", 'The parameter "ids" may not be empty.'),
    (
        {"ids": "999999", "hide": "content"},
        "needtarget",
        "A target title is required for this RevDel type.",
    ),
    (
        {"ids": "1", "hide": "bogus"},
        "badparams",
        'At least one value is required for "hide" and/or "show".',
    ),
]


@pytest.mark.parametrize(("params", "code", "info"), REVDEL_ERRORS)
def test_revisiondelete_errors(
    admin: ApiClient,
    wiki: Wiki,
    revs: tuple[int, int],
    params: dict[str, str],
    code: str,
    info: str,
) -> None:
    body = admin.act("revisiondelete", type="revision", formatversion="1", **params)
    assert (body["error"]["code"], body["error"]["info"]) == (code, info)
    assert logs(wiki) == []


def test_revisiondelete_needs_deleterevision(
    client: TestClient, wiki: Wiki, make_user: Any
) -> None:
    other = ApiClient(client, wiki).login(make_user("Other"))
    body = other.act("revisiondelete", type="revision", ids="1", hide="content", formatversion="1")
    assert body["error"]["code"] == "permissiondenied"
    assert body["error"]["info"] == "You don't have permission to delete revisions."
    body = other.act(
        "revisiondelete",
        type="revision",
        ids="1",
        hide="content",
        uselang="uk",
        errorformat="plaintext",
    )
    assert body["errors"][0]["text"] == "Ви не маєте прав на вилучення версій."
