"""rollwiki load-fixtures and rollwiki tag create, on a fresh wiki per test."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import select

from rollwiki.cli import main
from rollwiki.config import DEFAULT_GROUP_PERMISSIONS, Settings
from rollwiki.services import passwords
from rollwiki.services.fixture_site import FixtureError, apply_group_delta
from rollwiki.services.fixtures import load_fixtures
from rollwiki.services.wiki import Wiki
from rollwiki.storage import schema
from rollwiki.storage.queries import pages as pq
from rollwiki.storage.queries import tags as tq
from rollwiki.storage.queries import users as uq

DATA = Path(__file__).parent.parent / "data" / "conformance"
FIXTURES = DATA / "fixtures.json"


def cli(data: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--data", str(data), *args], catch_exceptions=False)


def open_wiki(data: Path) -> Wiki:
    return Wiki.open(Settings(data=data))


def snapshot(wiki: Wiki) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to prove a second run changes nothing."""

    def read(conn: Any) -> dict[str, list[tuple[Any, ...]]]:
        return {
            name: sorted(tuple(map(repr, row)) for row in conn.execute(select(table)))
            for name, table in schema.metadata.tables.items()
        }

    return wiki.db.read(read)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wiki with the conformance fixtures loaded once through the command line."""
    data = tmp_path_factory.mktemp("fixtures-wiki")
    result = cli(data, "load-fixtures", str(FIXTURES))
    assert result.exit_code == 0, result.output
    return data


@pytest.fixture
def wiki(loaded: Path) -> Any:
    w = open_wiki(loaded)
    yield w
    w.db.close()


FIXTURE_DATA = json.loads(FIXTURES.read_text())


def test_site_settings_map_to_site_config(wiki: Wiki) -> None:
    c = wiki.config
    assert (c.sitename, c.server, c.script_path, c.article_path, c.wikiid) == (
        "OracleWiki",
        "http://127.0.0.1:8080",
        "/w",
        "/wiki/$1",
        "oraclewiki",
    )
    assert c.watchlist_expiry is True and c.watchlist_expiry_max_duration == "6 months"
    assert (c.use_rc_patrol, c.use_np_patrol, c.rc_max_age) == (True, True, 7776000)
    # Empty PHP arrays switch rate limits and throttles off.
    assert (c.rate_limits, c.password_attempt_throttle, c.account_creation_throttle) == (
        {},
        [],
        [],
    )
    assert c.trusted_proxies == ["127.0.0.1", "::1"] and c.use_private_ips
    assert c.restriction_levels == ["", "autoconfirmed", "sysop"]
    assert c.email_enabled is False and c.enable_uploads is False
    assert c.default_user_options["watchdefault"] == 1
    assert c.default_user_options["watchrollback"] == 0
    assert (c.autoconfirm_count, c.autoconfirm_age) == (0, 0)
    assert wiki.namespaces.name(4) == "OracleWiki"
    assert wiki.namespaces.lookup("Project") == 4 and wiki.namespaces.lookup("Image") == 6


def test_group_rights_keep_mediawiki_order_and_equal_effective(wiki: Wiki) -> None:
    rights = wiki.config.group_permissions
    effective = FIXTURE_DATA["group_permissions"]["effective"]
    assert {g: sorted(r) for g, r in rights.items()} == {g: sorted(r) for g, r in effective.items()}
    # The delta's rights come after MediaWiki's own, as in meta=userinfo on the oracle.
    assert rights["sysop"][-2:] == ["deleterevision", "deletelogentry"]
    assert rights["sysop"][:-2] == DEFAULT_GROUP_PERMISSIONS["sysop"]
    assert "sendemail" not in rights["user"]  # e-mail is off (SetupDynamicConfig)
    assert list(rights)[-1] == "rollbacker"


def test_grants_match_the_file(wiki: Wiki) -> None:
    for grant, rights in FIXTURE_DATA["grants"].items():
        assert sorted(wiki.config.grant_permissions[grant]) == sorted(rights)


def test_interwiki_prefixes_are_stored(wiki: Wiki) -> None:
    prefixes = wiki.interwiki_prefixes()
    assert "wikipedia" in prefixes and "imported" not in prefixes
    assert len(prefixes) == len(FIXTURE_DATA["interwiki"]["prefixes"])
    assert wiki.titles.parse("wikipedia:Foo").is_external


@pytest.mark.parametrize("entry", FIXTURE_DATA["users"], ids=lambda e: e["name"])
def test_users_get_their_groups_and_passwords(wiki: Wiki, entry: dict[str, Any]) -> None:
    def read(conn: Any) -> tuple[dict[str, Any] | None, list[str]]:
        row = uq.user_by_name(conn, entry["name"])
        assert row is not None
        return row, sorted(g for g, _ in uq.groups_of(conn, row["user_id"], "20000101000000"))

    row, groups = wiki.db.read(read)
    assert row is not None
    assert groups == sorted(entry["groups"])
    if entry["password"] is None:
        # System users cannot log in.
        assert row["user_is_system"] and row["user_password"] == ""
        assert not passwords.verify_password(row["user_password"], "")
    else:
        assert row["user_password"].startswith("$argon2")
        assert passwords.verify_password(row["user_password"], entry["password"])


@pytest.mark.parametrize("entry", FIXTURE_DATA["bot_passwords"], ids=lambda e: e["login"])
def test_bot_passwords_have_grants_and_restrictions(wiki: Wiki, entry: dict[str, Any]) -> None:
    def read(conn: Any) -> dict[str, Any] | None:
        user = uq.user_by_name(conn, entry["user"])
        assert user is not None
        return uq.bot_password(conn, user["user_id"], entry["app_id"])

    bp = wiki.db.read(read)
    assert bp is not None
    assert json.loads(bp["bp_grants"]) == sorted(entry["grants"])
    assert json.loads(bp["bp_restrictions"]) == entry["restrictions"]
    assert passwords.verify_password(bp["bp_password"], entry["password"])


def test_user_defined_tags_are_active_and_logged(wiki: Wiki) -> None:
    tags = wiki.db.read(tq.explicitly_defined_tags)
    assert tags == [t["name"] for t in FIXTURE_DATA["change_tags"]["user_defined"]]
    logs = wiki.db.read(
        lambda c: [
            (r.log_type, r.log_action, r.log_params)
            for r in c.execute(select(schema.logging).order_by(schema.logging.c.log_id))
        ]
    )
    assert logs[0] == ("managetags", "create", '{"4::tag": "AWB"}')


def test_pages_have_content_author_and_summary(wiki: Wiki) -> None:
    def read(conn: Any) -> list[tuple[Any, ...]]:
        out = []
        for ns, key in ((0, "Main_Page"), (4, "Sandbox")):
            page = pq.page_by_title(conn, ns, key)
            assert page is not None
            rev = pq.revision_by_id(conn, page["page_latest"])
            assert rev is not None
            text = pq.content_text(conn, rev["rev_content"])
            out.append((rev["actor_name"], rev["rev_comment"], len(text.encode()), rev["rev_sha1"]))
        return out

    main_page, sandbox = wiki.db.read(read)
    assert main_page == ("MediaWiki default", "", 755, FIXTURE_DATA["pages"][0]["sha1"])
    assert sandbox[:3] == ("Admin", "create sandbox", 23)


def test_imported_pages_have_verbatim_names_and_no_null_revision(wiki: Wiki) -> None:
    def read(conn: Any) -> list[list[str]]:
        pages = conn.execute(
            select(schema.page.c.page_id, schema.page.c.page_latest).where(
                schema.page.c.page_title.like("Rollback_fixture_imported_%")
            )
        ).all()
        out = []
        for page_id, latest in pages:
            revs = conn.execute(
                select(schema.revision.c.rev_id, schema.actor.c.actor_name)
                .join(schema.actor, schema.actor.c.actor_id == schema.revision.c.rev_actor)
                .where(schema.revision.c.rev_page == page_id)
                .order_by(schema.revision.c.rev_timestamp)
            ).all()
            assert revs[-1][0] == latest
            out.append([name for _, name in revs])
        return out

    histories = wiki.db.read(read)
    assert len(histories) == 27
    assert all(h == ["imported>Alice", "imported>Mallory"] for h in histories)


def test_second_run_changes_nothing(loaded: Path) -> None:
    wiki = open_wiki(loaded)
    before = snapshot(wiki)
    wiki.db.close()
    result = cli(loaded, "load-fixtures", str(FIXTURES))
    assert result.exit_code == 0
    assert "the wiki already matches; nothing changed" in result.output
    wiki = open_wiki(loaded)
    try:
        assert snapshot(wiki) == before
    finally:
        wiki.db.close()


# -- changes and errors, on a fresh wiki each ----------------------------------------------


def fresh_copy(tmp_path: Path, change: Any) -> Path:
    """A copy of the fixtures (and its dump) with ``change(data)`` applied."""
    data = json.loads(FIXTURES.read_text())
    change(data)
    target = tmp_path / "fixtures.json"
    target.write_text(json.dumps(data))
    shutil.copy(DATA / "fixtures-import.xml", tmp_path / "fixtures-import.xml")
    return target


def test_a_changed_password_and_groups_are_updated_in_place(tmp_path: Path) -> None:
    path = fresh_copy(tmp_path, lambda d: None)
    wiki = open_wiki(tmp_path / "wiki")
    try:
        load_fixtures(wiki, path)
        editor_id = wiki.db.read(lambda c: uq.user_by_name(c, "Editor"))["user_id"]  # type: ignore[index]

        def change(d: dict[str, Any]) -> None:
            editor = next(u for u in d["users"] if u["name"] == "Editor")
            editor["password"], editor["groups"] = "NewEditorPass-1234", ["rollbacker"]

        report = load_fixtures(wiki, fresh_copy(tmp_path, change))
        assert report.changes == ["user Editor: password", "user Editor: +rollbacker"]
        row = wiki.db.read(lambda c: uq.user_by_name(c, "Editor"))
        assert row is not None and row["user_id"] == editor_id
        assert passwords.verify_password(row["user_password"], "NewEditorPass-1234")
    finally:
        wiki.db.close()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["bot_passwords"][0].update(password="short"), "must match"),
        (lambda d: d["bot_passwords"][0].update(grants=["nosuchgrant"]), "unknown grant"),
        (lambda d: d["users"][2].update(groups=["nosuchgroup"]), "unknown group"),
        (
            lambda d: d["group_permissions"]["effective"]["user"].append("block"),
            "differ from 'effective'",
        ),
        (lambda d: d["site"].update(colour="blue"), "unknown site setting"),
        (lambda d: d["pages"][0].update(size=1), "is not 1 bytes"),
        (
            lambda d: d["change_tags"]["software"].append({"name": "mw-nonsense"}),
            "unknown software tag",
        ),
        (lambda d: d["users"].append({"name": "bad|name", "password": "x"}), "not a valid"),
        (lambda d: d["pages"][1].update(author="Nobody"), "the author Nobody does not exist"),
        (lambda d: d["imported_fixture_pages"].update(file="missing.xml"), "missing.xml not found"),
        (
            lambda d: d["bot_passwords"][0]["restrictions"].update(IPAddresses=["1.2.3.4/99"]),
            "invalid IP range",
        ),
    ],
)
def test_invalid_fixtures_are_refused_before_anything_is_written(
    tmp_path: Path, change: Any, message: str
) -> None:
    path = fresh_copy(tmp_path, change)
    result = CliRunner().invoke(
        main, ["--data", str(tmp_path / "wiki"), "load-fixtures", str(path)]
    )
    assert result.exit_code == 1
    assert message in result.output
    wiki = open_wiki(tmp_path / "wiki")
    try:
        assert {name: rows for name, rows in snapshot(wiki).items() if rows} == {}
    finally:
        wiki.db.close()


def test_apply_group_delta_appends_and_revokes_in_order() -> None:
    rights = apply_group_delta({"user": {"purge": False, "rollback": True}, "new": {"read": True}})
    assert "purge" not in rights["user"] and rights["user"][-1] == "rollback"
    assert list(rights)[-1] == "new" and "rollbacker" not in rights


def test_fixture_error_names_the_file_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]")
    wiki = open_wiki(tmp_path / "wiki")
    try:
        with pytest.raises(FixtureError, match="top level must be an object"):
            load_fixtures(wiki, bad)
    finally:
        wiki.db.close()


# -- rollwiki tag create ------------------------------------------------------------------------


def test_tag_create_defines_an_active_tag_and_logs_it(tmp_path: Path) -> None:
    result = cli(tmp_path, "tag", "create", "my tag", "--reason", "for bots")
    assert result.exit_code == 0 and result.output == "my tag was created.\n"
    wiki = open_wiki(tmp_path)
    try:
        assert wiki.db.read(tq.explicitly_defined_tags) == ["my tag"]
        log = wiki.db.read(lambda c: c.execute(select(schema.logging)).mappings().one())
        actor = wiki.db.read(lambda c: uq.actors_by_ids(c, [log["log_actor"]]))
        assert (log["log_type"], log["log_action"], log["log_title"], log["log_comment"]) == (
            "managetags",
            "create",
            "Tags",
            "for bots",
        )
        assert actor[log["log_actor"]]["actor_name"] == "Maintenance script"
    finally:
        wiki.db.close()


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("", "You must specify a tag name."),
        ("a,b", "Tag names must not contain commas"),
        ("a/b", "Tag names must not contain commas"),
        ("a[b", "Tag names must not contain characters that cannot be used in page titles."),
        ("mw-rollback", 'The tag "mw-rollback" already exists.'),
    ],
)
def test_tag_create_refuses_bad_names(tmp_path: Path, name: str, error: str) -> None:
    result = CliRunner().invoke(main, ["--data", str(tmp_path), "tag", "create", name])
    assert result.exit_code == 1
    assert error in result.output


def test_tag_create_twice_says_it_exists(tmp_path: Path) -> None:
    assert cli(tmp_path, "tag", "create", "dup").exit_code == 0
    result = CliRunner().invoke(main, ["--data", str(tmp_path), "tag", "create", "dup"])
    assert result.exit_code == 1 and 'The tag "dup" already exists.' in result.output


def test_load_fixtures_twice_on_every_engine(engine_wiki: Wiki) -> None:
    first = load_fixtures(engine_wiki, FIXTURES)
    assert "user Admin created" in first.changes
    before = snapshot(engine_wiki)
    assert load_fixtures(engine_wiki, FIXTURES).changes == []
    assert snapshot(engine_wiki) == before
