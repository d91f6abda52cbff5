"""action=managetags: create/deactivate/activate/delete, the managetags log, 1.39's rules."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from admin_support import ApiClient, save
from rollwiki.services.wiki import Wiki
from rollwiki.storage.schema import change_tag, change_tag_def, logging


@pytest.fixture
def admin(client: TestClient, wiki: Wiki, make_user: Any) -> ApiClient:
    return ApiClient(client, wiki).login(make_user("Admin", ["sysop"]))


def defs(wiki: Wiki) -> dict[str, tuple[bool, int]]:
    return wiki.db.read(
        lambda c: {
            r.ctd_name: (bool(r.ctd_user_defined), r.ctd_count)
            for r in c.execute(select(change_tag_def))
        }
    )


def logs(wiki: Wiki) -> list[dict[str, Any]]:
    return wiki.db.read(
        lambda c: [
            dict(r) for r in c.execute(select(logging).order_by(logging.c.log_id)).mappings()
        ]
    )


def test_create_defines_the_tag_and_logs_on_special_tags(admin: ApiClient, wiki: Wiki) -> None:
    body = admin.act("managetags", operation="create", tag="spam", reason="why", formatversion="1")
    [log] = logs(wiki)
    # Observed on 1.39: {"managetags":{"operation":"create","tag":"…","success":"","logid":24}}
    assert body == {
        "managetags": {"operation": "create", "tag": "spam", "success": "", "logid": log["log_id"]}
    }
    assert defs(wiki) == {"spam": (True, 0)}
    assert (log["log_type"], log["log_action"], log["log_namespace"], log["log_title"]) == (
        "managetags",
        "create",
        -1,
        "Tags",
    )
    assert json.loads(log["log_params"]) == {"4::tag": "spam"}
    assert log["log_comment"] == "why"


def test_a_defined_tag_can_be_applied_by_later_requests(admin: ApiClient, wiki: Wiki) -> None:
    admin.act("managetags", operation="create", tag="spam")
    body = admin.act("managetags", operation="create", tag="other", tags="spam")
    assert body["managetags"]["success"] is True
    tagged = wiki.db.read(lambda c: c.execute(select(change_tag.c.ct_log_id)).scalars().all())
    assert tagged == [body["managetags"]["logid"]]


def test_deactivate_unused_tag_removes_definition_and_activate_is_not_found(
    admin: ApiClient, wiki: Wiki
) -> None:
    admin.act("managetags", operation="create", tag="spam")
    admin.act("managetags", operation="deactivate", tag="spam")
    assert defs(wiki) == {}
    body = admin.act("managetags", operation="activate", tag="spam", formatversion="1")
    assert body["error"]["code"] == "tags-activate-not-found"


def test_deactivate_then_activate_a_used_tag(admin: ApiClient, wiki: Wiki) -> None:
    admin.act("managetags", operation="create", tag="spam")
    save(wiki, "Tagged", "text", "Admin", tags=["spam"])
    admin.act("managetags", operation="deactivate", tag="spam")
    assert defs(wiki)["spam"] == (False, 1)
    body = admin.act("managetags", operation="activate", tag="spam")
    assert body["managetags"]["success"] is True
    assert defs(wiki)["spam"] == (True, 1)


def test_delete_removes_uses_and_logs_the_count(admin: ApiClient, wiki: Wiki) -> None:
    admin.act("managetags", operation="create", tag="spam")
    save(wiki, "Tagged", "text", "Admin", tags=["spam"])
    body = admin.act("managetags", operation="delete", tag="spam", reason="gone")
    assert body["managetags"]["operation"] == "delete"
    assert "spam" not in defs(wiki)
    assert wiki.db.read(lambda c: c.execute(select(change_tag)).all()) == []
    params = json.loads(logs(wiki)[-1]["log_params"])
    assert params == {"4::tag": "spam", "5:number:count": 1}


def test_mw_prefixed_names_are_not_reserved_in_1_39(admin: ApiClient, wiki: Wiki) -> None:
    # Observed on 1.39: creating "mw-helperadm…" succeeded; only existing tags are refused.
    body = admin.act("managetags", operation="create", tag="mw-custom")
    assert body["managetags"]["success"] is True


MANAGE_ERRORS = [
    (
        {"operation": "create", "tag": "mw-rollback"},
        "tags-create-already-exists",
        'The tag "mw-rollback" already exists.',
    ),
    (
        {"operation": "create", "tag": "a,b"},
        "tags-create-invalid-chars",
        'Tag names must not contain commas (","), pipes ("|"), or forward slashes ("/").',
    ),
    (
        {"operation": "create", "tag": "a[b"},
        "tags-create-invalid-title-chars",
        "Tag names must not contain characters that cannot be used in page titles.",
    ),
    ({"operation": "create", "tag": ""}, "missingparam", 'The "tag" parameter must be set.'),
    (
        {"operation": "activate", "tag": "mw-rollback"},
        "tags-activate-not-allowed",
        'It is not possible to activate the tag "mw-rollback".',
    ),
    (
        {"operation": "activate", "tag": "nothing"},
        "tags-activate-not-found",
        'The tag "nothing" does not exist.',
    ),
    (
        {"operation": "deactivate", "tag": "mw-rollback"},
        "tags-deactivate-not-allowed",
        'It is not possible to deactivate the tag "mw-rollback".',
    ),
    (
        {"operation": "delete", "tag": "mw-rollback"},
        "tags-delete-not-allowed",
        "Tags defined by an extension cannot be deleted unless the extension specifically "
        "allows it.",
    ),
    (
        {"operation": "delete", "tag": "nothing"},
        "tags-delete-not-found",
        'The tag "nothing" does not exist.',
    ),
    (
        {"operation": "rename", "tag": "x"},
        "badvalue",
        'Unrecognized value for parameter "operation": rename.',
    ),
]


@pytest.mark.parametrize(("params", "code", "info"), MANAGE_ERRORS)
def test_managetags_errors_match_1_39(
    admin: ApiClient, wiki: Wiki, params: dict[str, str], code: str, info: str
) -> None:
    body = admin.act("managetags", formatversion="1", **params)
    assert (body["error"]["code"], body["error"]["info"]) == (code, info)
    assert logs(wiki) == []


@pytest.mark.parametrize(
    ("operation", "info", "uk"),
    [
        (
            "create",
            "You do not have permission to manage change tags.",
            "У Вас нема дозволу керувати мітками змін.",
        ),
        (
            "delete",
            "You do not have permission to delete change tags.",
            "У Вас нема дозволу вилучати мітки змін.",
        ),
    ],
)
def test_managetags_without_rights(
    client: TestClient, wiki: Wiki, make_user: Any, operation: str, info: str, uk: str
) -> None:
    editor = ApiClient(client, wiki).login(make_user("Editor"))
    body = editor.act("managetags", operation=operation, tag="x", formatversion="1")
    assert (body["error"]["code"], body["error"]["info"]) == ("permissiondenied", info)
    body = editor.act(
        "managetags", operation=operation, tag="x", uselang="uk", errorformat="plaintext"
    )
    assert body["errors"][0]["text"] == uk
