"""action=protect: restrictions, the null revision, the log entry, title protection, errors."""

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
from rollwiki.storage.schema import (
    logging,
    page,
    page_restrictions,
    protected_titles,
    recentchanges,
    revision,
    user,
)


@pytest.fixture(autouse=True)
def fixed_clock() -> Any:
    timestamps.set_clock(lambda: datetime(2026, 11, 26, 20, 8, 59, tzinfo=UTC))
    yield
    timestamps.set_clock(None)


@pytest.fixture
def admin(client: TestClient, wiki: Wiki, make_user: Any) -> ApiClient:
    return ApiClient(client, wiki).login(make_user("Admin", ["sysop"]))


def rows(wiki: Wiki, table: Any) -> list[dict[str, Any]]:
    return wiki.db.read(lambda c: [dict(r) for r in c.execute(select(table)).mappings()])


def test_protect_writes_restrictions_null_revision_and_log(admin: ApiClient, wiki: Wiki) -> None:
    saved = save(wiki, "Prot page", "hello", "Admin")
    body = admin.act(
        "protect",
        title="Prot page",
        protections="edit=sysop|move=autoconfirmed",
        expiry="infinite|1 week",
        reason="my reason",
        cascade="1",
        formatversion="1",
    )
    # Observed on 1.39 (same request): cascade "" and per-action expiries.
    assert body == {
        "protect": {
            "title": "Prot page",
            "reason": "my reason",
            "cascade": "",
            "protections": [
                {"edit": "sysop", "expiry": "infinite"},
                {"move": "autoconfirmed", "expiry": "2026-12-03T20:08:59Z"},
            ],
        }
    }
    restrictions = sorted(
        (r["pr_type"], r["pr_level"], bool(r["pr_cascade"]), r["pr_expiry"])
        for r in rows(wiki, page_restrictions)
    )
    assert restrictions == [
        ("edit", "sysop", True, "infinity"),
        ("move", "autoconfirmed", False, "20261203200859"),
    ]
    revs = sorted(rows(wiki, revision), key=lambda r: r["rev_id"])
    assert len(revs) == 2
    null = revs[1]
    # Observed on 1.39: the null revision's comment, byte for byte.
    assert null["rev_comment"] == (
        'Protected "[[Prot page]]": my reason ([Edit=Allow only administrators] (indefinite) '
        "[Move=Allow only autoconfirmed users] (expires 20:08, 3 December 2026 (UTC))) "
        "[cascading]"
    )
    assert null["rev_minor_edit"] and null["rev_content"] == revs[0]["rev_content"]
    assert null["rev_parent_id"] == revs[0]["rev_id"]
    [pg] = rows(wiki, page)
    assert pg["page_latest"] == null["rev_id"]
    editcount = wiki.db.read(lambda c: c.execute(select(user.c.user_editcount)).scalar())
    assert editcount == 1  # the null revision is not an edit
    [log] = rows(wiki, logging)
    assert (log["log_type"], log["log_action"], log["log_comment"]) == (
        "protect",
        "protect",
        "my reason",
    )
    assert log["log_page"] == saved.page["page_id"]
    assert json.loads(log["log_params"]) == {
        "4::description": "\u200e[edit=sysop] (indefinite)\u200e[move=autoconfirmed] "
        "(expires 20:08, 3 December 2026 (UTC))",
        "5:bool:cascade": True,
        "details": [
            {"type": "edit", "level": "sysop", "expiry": "infinity", "cascade": True},
            {
                "type": "move",
                "level": "autoconfirmed",
                "expiry": "20261203200859",
                "cascade": False,
            },
        ],
    }
    log_rc = [r for r in rows(wiki, recentchanges) if r["rc_type"] == 3]
    assert [r["rc_this_oldid"] for r in log_rc] == [null["rev_id"]]


def test_modify_then_unprotect(admin: ApiClient, wiki: Wiki) -> None:
    save(wiki, "Prot page", "hello", "Admin")
    admin.act("protect", title="Prot page", protections="edit=sysop")
    admin.act("protect", title="Prot page", protections="edit=autoconfirmed", reason="less")
    body = admin.act("protect", title="Prot page", protections="edit=all|move=all")
    assert body["protect"]["protections"] == [
        {"edit": "", "expiry": "infinite"},
        {"move": "", "expiry": "infinite"},
    ]
    assert rows(wiki, page_restrictions) == []
    logs = sorted(rows(wiki, logging), key=lambda r: r["log_id"])
    assert [r["log_action"] for r in logs] == ["protect", "modify", "unprotect"]
    assert logs[2]["log_params"] == "{}"
    comments = [
        r["rev_comment"] for r in sorted(rows(wiki, revision), key=lambda r: r["rev_id"])[1:]
    ]
    assert comments == [
        'Protected "[[Prot page]]" ([Edit=Allow only administrators] (indefinite))',
        'Changed protection settings for "[[Prot page]]": less ([Edit=Allow only '
        "autoconfirmed users] (indefinite))",
        'Removed protection from "[[Prot page]]"',
    ]


def test_unchanged_protection_writes_nothing(admin: ApiClient, wiki: Wiki) -> None:
    save(wiki, "Prot page", "hello", "Admin")
    admin.act("protect", title="Prot page", protections="edit=sysop")
    body = admin.act("protect", title="Prot page", protections="edit=sysop")
    assert body["protect"]["protections"] == [{"edit": "sysop", "expiry": "infinite"}]
    assert len(rows(wiki, logging)) == 1 and len(rows(wiki, revision)) == 2


def test_cascade_needs_a_sysop_edit_level(admin: ApiClient, wiki: Wiki) -> None:
    save(wiki, "Prot page", "hello", "Admin")
    body = admin.act("protect", title="Prot page", protections="edit=autoconfirmed", cascade="1")
    assert "cascade" not in body["protect"]
    assert [bool(r["pr_cascade"]) for r in rows(wiki, page_restrictions)] == [False]


def test_create_protection_of_a_missing_title(admin: ApiClient, wiki: Wiki) -> None:
    body = admin.act("protect", title="Not yet", protections="create=sysop", expiry="1 day")
    assert body["protect"]["protections"] == [{"create": "sysop", "expiry": "2026-11-27T20:08:59Z"}]
    [pt] = rows(wiki, protected_titles)
    assert (pt["pt_title"], pt["pt_create_perm"], pt["pt_expiry"]) == (
        "Not_yet",
        "sysop",
        "20261127200859",
    )
    [log] = rows(wiki, logging)
    assert json.loads(log["log_params"])["details"] == [
        {"type": "create", "level": "sysop", "expiry": "20261127200859"}
    ]
    admin.act("protect", title="Not yet", protections="create=all")
    assert rows(wiki, protected_titles) == []


def test_watchlist_watch_adds_the_page(admin: ApiClient, wiki: Wiki) -> None:
    from rollwiki.storage.schema import watchlist

    save(wiki, "Prot page", "hello", "Admin")
    admin.act("protect", title="Prot page", protections="edit=sysop", watchlist="watch")
    assert sorted(r["wl_namespace"] for r in rows(wiki, watchlist)) == [0, 1]


PROTECT_ERRORS = [
    (
        {"title": "Prot page", "protections": "create=sysop"},
        "create-titleexists",
        'Existing titles can\'t be protected with "create".',
    ),
    (
        {"title": "Missing", "protections": "edit=sysop"},
        "missingtitle-createonly",
        'Missing titles can only be protected with "create".',
    ),
    (
        {"title": "Prot page", "protections": "upload=sysop"},
        "protect-invalidaction",
        'Invalid protection type "upload".',
    ),
    (
        {"title": "Prot page", "protections": "edit=bogus"},
        "protect-invalidlevel",
        'Invalid protection level "bogus".',
    ),
    (
        {"title": "Prot page", "protections": "edit=sysop", "expiry": "bogus"},
        "invalidexpiry",
        'Invalid expiry time "bogus".',
    ),
    (
        {"title": "Prot page", "protections": "edit=sysop", "expiry": "2001-01-01T00:00:00Z"},
        "pastexpiry",
        'Expiry time "2001-01-01T00:00:00Z" is in the past.',
    ),
    (
        {"title": "Prot page", "protections": "edit=sysop|move=sysop", "expiry": "1 day|2 days|3"},
        "toofewexpiries",
        "3 expiry timestamps were provided where 2 were needed.",
    ),
    (
        {"title": "Prot page", "pageid": "1", "protections": "edit=sysop"},
        "invalidparammix",
        'The parameters "title" and "pageid" can not be used together.',
    ),
    (
        {"pageid": "999", "protections": "edit=sysop"},
        "nosuchpageid",
        "There is no page with ID 999.",
    ),
    (
        {"title": "Special:Foo", "protections": "edit=sysop"},
        "pagecannotexist",
        "Namespace doesn't allow actual pages.",
    ),
    ({"title": "Prot page"}, "missingparam", 'The "protections" parameter must be set.'),
]


@pytest.mark.parametrize(("params", "code", "info"), PROTECT_ERRORS)
def test_protect_errors_change_nothing(
    admin: ApiClient, wiki: Wiki, params: dict[str, str], code: str, info: str
) -> None:
    save(wiki, "Prot page", "hello", "Admin")
    body = admin.act("protect", formatversion="1", **params)
    assert (body["error"]["code"], body["error"]["info"]) == (code, info)
    assert rows(wiki, page_restrictions) == [] and rows(wiki, logging) == []
    assert len(rows(wiki, revision)) == 1


def test_protect_without_right_lists_the_groups(
    client: TestClient, wiki: Wiki, make_user: Any
) -> None:
    save(wiki, "Prot page", "hello", "127.0.0.1")
    editor = ApiClient(client, wiki).login(make_user("Editor"))
    body = editor.act("protect", title="Prot page", protections="edit=sysop", formatversion="1")
    # Observed on 1.39 (OracleWiki's project namespace there).
    assert body["error"]["code"] == "permissiondenied"
    assert body["error"]["info"] == (
        "The action you have requested is limited to users in the group: "
        "[[TestWiki:Administrators|Administrators]]."
    )
    body = editor.act(
        "protect",
        title="Prot page",
        protections="edit=sysop",
        uselang="uk",
        errorformat="plaintext",
    )
    assert body["errors"][0]["text"].startswith("Дія, яку ви хотіли зробити, дозволена лише")
    assert rows(wiki, logging) == []


def test_blocked_admin_cannot_protect(
    admin: ApiClient, client: TestClient, wiki: Wiki, make_user: Any
) -> None:
    save(wiki, "Prot page", "hello", "Admin")
    other = make_user("Admin2", ["sysop"])
    admin.act("block", user="Admin2", expiry="1 day", reason="stop")
    blocked = ApiClient(client, wiki).login(other)
    response = blocked.post_raw(
        action="protect",
        token=blocked.token(),
        title="Prot page",
        protections="edit=sysop",
        formatversion="1",
    )
    # PermissionManager: protecting needs the ability to edit (protect-cantedit), then the
    # block itself is reported too.
    assert response.headers["MediaWiki-API-Error"] == "cantedit, blocked"
    body = response.json()
    assert body["error"]["code"] == "cantedit"
    assert body["error"]["info"] == (
        "You cannot change the protection settings of this page because you do not have "
        "permission to edit it."
    )
    assert rows(wiki, page_restrictions) == []
