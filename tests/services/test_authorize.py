"""Authorization (PermissionManager::getPermissionErrors port): codes, order and data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import insert

from rollwiki.services import authorize, timestamps
from rollwiki.services.pageupdater import Author, NewRevision, save_revision
from rollwiki.services.performer import Performer, anonymous, performer_from_row
from rollwiki.services.titles import Title
from rollwiki.services.wiki import Wiki
from rollwiki.storage.queries import users as uq
from rollwiki.storage.schema import (
    ipblocks,
    ipblocks_restrictions,
    page_restrictions,
    protected_titles,
)

IP = "127.0.0.1"


def load(wiki: Wiki, user_id: int) -> Performer:
    def fn(conn: Any) -> Performer:
        row = uq.user_by_id(conn, user_id)
        assert row is not None
        return performer_from_row(conn, row, IP, wiki.permissions, wiki.config.default_user_options)

    return wiki.db.read(fn)


def create_page(wiki: Wiki, text: str, page: str, body: str = "text") -> int:
    title = wiki.titles.parse(page)

    def fn(conn: Any) -> int:
        actor = uq.ensure_actor(conn, text, None)
        saved = save_revision(
            conn,
            NewRevision(
                title=title,
                author=Author(actor, text),
                text=body,
                timestamp=timestamps.mw_now(),
            ),
            wiki.titles,
        )
        return int(saved.page["page_id"])

    return wiki.db.write(fn)


def protect(wiki: Wiki, page_id: int, kind: str, level: str, cascade: bool = False) -> None:
    wiki.db.write(
        lambda c: c.execute(
            insert(page_restrictions).values(
                pr_page=page_id,
                pr_type=kind,
                pr_level=level,
                pr_cascade=cascade,
                pr_expiry="infinity",
            )
        )
    )


def block(wiki: Wiki, user_id: int, name: str, *, pages: tuple[int, ...] = ()) -> None:
    def fn(conn: Any) -> None:
        by = uq.ensure_actor(conn, "Blocker", None)
        result = conn.execute(
            insert(ipblocks).values(
                ipb_address=name,
                ipb_user=user_id,
                ipb_by_actor=by,
                ipb_reason="spam",
                ipb_timestamp="20260101000000",
                ipb_expiry="infinity",
                ipb_sitewide=not pages,
            )
        )
        block_id = result.inserted_primary_key[0]
        for page_id in pages:
            conn.execute(
                insert(ipblocks_restrictions).values(
                    ir_ipb_id=block_id, ir_type=1, ir_value=page_id
                )
            )

    wiki.db.write(fn)


def codes(wiki: Wiki, who: Performer, actions: str | list[str], page: str) -> list[str]:
    title = wiki.titles.parse(page)
    msgs = wiki.db.read(
        lambda c: authorize.permission_errors(c, wiki, who, actions, title, lang="en")
    )
    return [m.code for m in msgs]


@pytest.fixture
def users(wiki: Wiki, make_user: Callable[..., int]) -> dict[str, Performer]:
    editor = make_user("Editor")
    admin = make_user("Admin", ["sysop"])
    return {
        "editor": load(wiki, editor),
        "admin": load(wiki, admin),
        "anon": anonymous(IP, wiki.permissions),
    }


# (who, actions, protection of "Page" (type, level, cascade) or None, expected codes)
PROTECTION_CASES = [
    ("editor", "edit", None, []),
    ("editor", "edit", ("edit", "sysop", False), ["protectedpage"]),
    ("admin", "edit", ("edit", "sysop", False), []),
    # ApiRollback's order: what stops editing, then what stops rolling back (rollback.md §3).
    (
        "editor",
        ["edit", "rollback"],
        ("edit", "sysop", False),
        ["protectedpage", "permissiondenied"],
    ),
    ("editor", ["edit", "rollback"], None, ["permissiondenied"]),
    ("admin", ["edit", "rollback"], ("edit", "sysop", False), []),
    ("anon", "edit", ("edit", "autoconfirmed", False), ["protectedpage"]),
    ("editor", "edit", ("edit", "autoconfirmed", False), []),
    ("editor", "move", ("move", "sysop", False), ["protectedpage"]),
    ("editor", "edit", ("move", "sysop", False), []),
    ("editor", "protect", None, ["permissiondenied"]),
    ("editor", "protect", ("edit", "sysop", False), ["permissiondenied", "cantedit"]),
    ("editor", "delete", ("edit", "sysop", False), ["permissiondenied", "cantedit"]),
    ("editor", "patrol", None, ["permissiondenied"]),
    ("admin", "patrol", None, []),
]


@pytest.mark.parametrize(("who", "actions", "protection", "expected"), PROTECTION_CASES)
def test_protection_and_rights_codes_come_in_mediawiki_order(
    wiki: Wiki,
    users: dict[str, Performer],
    who: str,
    actions: str | list[str],
    protection: tuple[str, str, bool] | None,
    expected: list[str],
) -> None:
    page_id = create_page(wiki, "Creator", "Page")
    if protection is not None:
        protect(wiki, page_id, *protection)
    assert codes(wiki, users[who], actions, "Page") == expected


def test_protected_page_message_names_the_right_and_action(
    wiki: Wiki, users: dict[str, Performer]
) -> None:
    protect(wiki, create_page(wiki, "Creator", "Page"), "edit", "sysop")
    title = wiki.titles.parse("Page")
    msgs = wiki.db.read(
        lambda c: authorize.permission_errors(c, wiki, users["editor"], "edit", title)
    )
    assert [(m.message.key, m.message.params) for m in msgs] == [
        ("protectedpagetext", ("editprotected", "edit"))
    ]


def test_cascading_protection_lists_the_protecting_pages(
    wiki: Wiki, users: dict[str, Performer]
) -> None:
    create_page(wiki, "Creator", "Template:Shared")
    source = create_page(wiki, "Creator", "Main hub", "{{Shared}}")
    protect(wiki, source, "edit", "sysop", cascade=True)
    title = wiki.titles.parse("Template:Shared")
    msgs = wiki.db.read(
        lambda c: authorize.permission_errors(c, wiki, users["editor"], "edit", title)
    )
    assert [m.code for m in msgs] == ["cascadeprotected"]
    assert msgs[0].message.params == (1, "* [[:Main hub]]\n", "edit")
    # Sysops hold both protect and editprotected: cascading protection does not stop them.
    assert codes(wiki, users["admin"], "edit", "Template:Shared") == []
    # The source page itself cascades: editors need "protect" as well as the level.
    assert codes(wiki, users["editor"], "edit", "Main hub") == ["protectedpage"]


def test_create_protection_stops_editing_a_missing_title(
    wiki: Wiki, users: dict[str, Performer]
) -> None:
    wiki.db.write(
        lambda c: c.execute(
            insert(protected_titles).values(
                pt_namespace=0,
                pt_title="Salted",
                pt_actor=uq.ensure_actor(c, "Admin", None),
                pt_reason="vandalism",
                pt_timestamp="20260101000000",
                pt_expiry="infinity",
                pt_create_perm="sysop",
            )
        )
    )
    title = wiki.titles.parse("Salted")
    msgs = wiki.db.read(
        lambda c: authorize.permission_errors(c, wiki, users["editor"], "edit", title)
    )
    # Observed on the oracle: action=edit gives protectedpagetext [editprotected, create].
    assert [(m.code, m.message.params) for m in msgs] == [
        ("protectedpage", ("editprotected", "create"))
    ]
    assert codes(wiki, users["editor"], "create", "Salted") == ["protectedpage", "protectedtitle"]
    assert codes(wiki, users["admin"], "edit", "Salted") == []


NAMESPACE_CASES = [
    ("editor", "MediaWiki:Sidebar", ["protectednamespace-interface"]),
    ("admin", "MediaWiki:Sidebar", []),
    ("editor", "MediaWiki:Common.css", ["protectednamespace-interface", "sitecssprotected"]),
    ("admin", "MediaWiki:Common.css", ["sitecssprotected"]),
    ("editor", "User:Admin/common.js", ["customjsprotected"]),
    ("editor", "User:Editor/common.js", []),
    ("editor", "User:Admin/common.css", ["customcssprotected"]),
    ("editor", "User:Admin/data.json", ["customjsonprotected"]),
    ("admin", "User:Editor/common.js", ["customjsprotected"]),
    ("editor", "Special:Version", ["unsupportednamespace"]),
    ("anon", "New page", []),
    ("anon", "Talk:New page", []),
]


@pytest.mark.parametrize(("who", "page", "expected"), NAMESPACE_CASES)
def test_namespace_and_config_page_rules(
    wiki: Wiki, users: dict[str, Performer], who: str, page: str, expected: list[str]
) -> None:
    assert codes(wiki, users[who], "edit", page) == expected


def test_namespace_protection_setting_uses_the_namespace_name(
    wiki: Wiki, users: dict[str, Performer]
) -> None:
    wiki.config = wiki.config.with_overrides({"namespace_protection": {"4": ["editprotected"]}})
    title = wiki.titles.parse("Project:Rules")
    msgs = wiki.db.read(
        lambda c: authorize.permission_errors(c, wiki, users["editor"], "edit", title)
    )
    assert [(m.code, m.message.params) for m in msgs] == [
        ("protectednamespace", ("TestWiki", "edit"))
    ]


def test_anonymous_creation_without_createpage_gives_cantcreate_anon(
    wiki: Wiki, users: dict[str, Performer]
) -> None:
    perms = {k: list(v) for k, v in wiki.config.group_permissions.items()}
    perms["*"].remove("createpage")
    wiki.config = wiki.config.with_overrides({"group_permissions": perms})
    wiki.__dict__.pop("permissions", None)
    anon = anonymous(IP, wiki.permissions)
    assert codes(wiki, anon, "edit", "Fresh") == ["cantcreate-anon"]
    assert codes(wiki, anon, "edit", "Talk:Fresh") == []
    create_page(wiki, "Creator", "Existing")
    assert codes(wiki, anon, "edit", "Existing") == []


def test_missing_right_lists_the_groups_in_the_request_language(
    wiki: Wiki, users: dict[str, Performer]
) -> None:
    create_page(wiki, "Creator", "Page")
    title = wiki.titles.parse("Page")
    msgs = wiki.db.read(
        lambda c: authorize.permission_errors(
            c, wiki, users["editor"], "rollback", title, lang="uk"
        )
    )
    assert msgs[0].code == "permissiondenied"
    assert msgs[0].message.key == "badaccess-groups"
    text = wiki.formatter("uk").text(msgs[0].message)
    assert "rollbacker" in text and "Адміністратори" in text


def test_sitewide_block_reports_blockinfo(wiki: Wiki, make_user: Callable[..., int]) -> None:
    uid = make_user("Vandal")
    create_page(wiki, "Creator", "Page")
    block(wiki, uid, "Vandal")
    who = load(wiki, uid)
    title = wiki.titles.parse("Page")
    msgs = wiki.db.read(
        lambda c: authorize.permission_errors(c, wiki, who, ["edit", "rollback"], title)
    )
    # Both authorizations find the same block; one status keeps it once.
    assert [m.code for m in msgs] == ["blocked", "permissiondenied"]
    info = msgs[0].data["blockinfo"]
    assert info["blockedby"] == "Blocker"
    assert info["blockreason"] == "spam"
    assert info["blockexpiry"] == "infinite"
    assert info["blockpartial"] is False
    # "Probably can" checks (web UI links) do not look at blocks.
    assert wiki.db.read(lambda c: authorize.probably_can(c, wiki, who, "edit", title))
    assert not wiki.db.read(lambda c: authorize.Authorizer(c, wiki, who).can("edit", title))


def test_partial_block_covers_only_its_pages(wiki: Wiki, make_user: Callable[..., int]) -> None:
    uid = make_user("Vandal")
    blocked_page = create_page(wiki, "Creator", "Blocked page")
    create_page(wiki, "Creator", "Free page")
    block(wiki, uid, "Vandal", pages=(blocked_page,))
    who = load(wiki, uid)
    assert codes(wiki, who, "edit", "Free page") == []
    title = wiki.titles.parse("Blocked page")
    msgs = wiki.db.read(lambda c: authorize.permission_errors(c, wiki, who, "edit", title))
    assert [(m.code, m.message.key) for m in msgs] == [("blocked", "apierror-blocked-partial")]
    assert msgs[0].data["blockinfo"]["blockpartial"] is True


def test_read_only_message_carries_the_reason(wiki: Wiki) -> None:
    assert authorize.read_only_message(wiki.config) is None
    wiki.config = wiki.config.with_overrides({"read_only": "maintenance"})
    msg = authorize.read_only_message(wiki.config)
    assert msg is not None
    assert (msg.code, msg.data) == ("readonly", {"readonlyreason": "maintenance"})


def test_default_content_model_follows_the_title() -> None:
    assert authorize.default_content_model(Title(8, "Common.css")) == "css"
    assert authorize.default_content_model(Title(2, "Foo/bar.js")) == "javascript"
    assert authorize.default_content_model(Title(2, "Foo.js")) == "wikitext"
    assert authorize.default_content_model(Title(0, "Foo.json")) == "wikitext"
