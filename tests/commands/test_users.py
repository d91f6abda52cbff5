"""The ``rollwiki user`` and ``rollwiki botpassword`` commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from rollwiki.cli import main
from rollwiki.services import passwords, timestamps
from rollwiki.services.wiki import Wiki
from rollwiki.storage.database import Database
from rollwiki.storage.queries import users as uq


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data directory with an initialised wiki (the CLI migrates it like `rollwiki init`)."""
    assert run(tmp_path, "init")[0] == 0
    return tmp_path


def run(data: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--data", str(data), *args])
    return result.exit_code, result.output


def read(data: Path, fn):  # type: ignore[no-untyped-def]
    db = Database(f"sqlite:///{data / 'wiki.sqlite'}")
    try:
        return db.read(fn)
    finally:
        db.close()


def test_user_create_prints_the_id_and_stores_groups(data: Path) -> None:
    code, out = run(
        data, "user", "create", "alice_b", "--password", "Secret-123", "--groups", "sysop,bot"
    )
    assert code == 0
    user_id = int(out.strip())
    row = read(data, lambda c: uq.user_by_name(c, "Alice b"))
    assert row["user_id"] == user_id
    assert passwords.verify_password(row["user_password"], "Secret-123")
    groups = read(data, lambda c: uq.groups_of(c, user_id, timestamps.mw_now()))
    assert groups == [("bot", None), ("sysop", None)]
    assert read(data, lambda c: uq.actor_id_for(c, "Alice b")) is not None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Bad@Name", "--password", "x"], "invalid user name"),
        (["127.0.0.1", "--password", "x"], "invalid user name"),
        (["Alice", "--password", "x", "--groups", "nope"], "unknown group(s): nope"),
        (["Alice", "--password", ""], "the password must not be empty"),
    ],
)
def test_user_create_refusals(data: Path, args: list[str], message: str) -> None:
    code, out = run(data, "user", "create", *args)
    assert code == 1
    assert out.startswith("Error: ") and message in out
    assert len(out.strip().splitlines()) == 1
    assert read(data, lambda c: uq.count_users(c)) == 0


def test_user_create_twice_fails(data: Path) -> None:
    run(data, "user", "create", "Alice", "--password", "x")
    code, out = run(data, "user", "create", "alice", "--password", "y")
    assert code == 1
    assert out == "Error: user already exists: Alice\n"


def test_user_groups_add_and_remove(data: Path) -> None:
    run(data, "user", "create", "Alice", "--password", "x", "--groups", "bot")
    code, out = run(data, "user", "groups", "Alice", "--add", "rollbacker,sysop", "--remove", "bot")
    assert (code, out) == (0, "rollbacker, sysop\n")
    code, out = run(data, "user", "groups", "Nobody", "--add", "bot")
    assert (code, out) == (1, "Error: no such user: Nobody\n")
    code, out = run(data, "user", "groups", "Alice")
    assert code == 1 and "nothing to do" in out


def test_user_password_changes_hash_and_ends_sessions(data: Path) -> None:
    from rollwiki.storage.queries import sessions as sq

    _, out = run(data, "user", "create", "Alice", "--password", "old-Pass-1")
    user_id = int(out)
    db = Database(f"sqlite:///{data / 'wiki.sqlite'}")
    db.write(
        lambda c: sq.insert_session(
            c,
            {
                "sess_id_hash": "x" * 64,
                "sess_user": user_id,
                "sess_data": "{}",
                "sess_created": "20260101000000",
                "sess_seen": "20260101000000",
                "sess_expires": "20990101000000",
            },
        )
    )
    db.close()
    code, out = run(data, "user", "password", "Alice", "--password", "new-Pass-2")
    assert (code, out) == (0, "password changed for Alice\n")
    row = read(data, lambda c: uq.user_by_name(c, "Alice"))
    assert passwords.verify_password(row["user_password"], "new-Pass-2")
    assert read(data, lambda c: sq.load_session(c, "x" * 64)) is None


def test_botpassword_create_generates_list_and_delete(data: Path) -> None:
    run(data, "user", "create", "Alice", "--password", "x")
    code, out = run(data, "botpassword", "create", "Alice", "app", "--grants", "basic,rollback")
    assert code == 0
    login, password = out.split()
    assert login == "Alice@app"
    assert len(password) == 32 and set(password) <= set("0123456789abcdefghijklmnopqrstuvw")
    user_id = read(data, lambda c: uq.user_by_name(c, "Alice"))["user_id"]
    bp = read(data, lambda c: uq.bot_password(c, user_id, "app"))
    assert json.loads(bp["bp_grants"]) == ["basic", "rollback"]
    assert passwords.verify_password(bp["bp_password"], password)
    assert run(data, "botpassword", "list", "Alice") == (0, "Alice@app\tbasic,rollback\n")
    assert run(data, "botpassword", "delete", "Alice", "app") == (0, "deleted Alice@app\n")
    assert read(data, lambda c: uq.bot_password(c, user_id, "app")) is None
    assert run(data, "botpassword", "delete", "Alice", "app")[0] == 1
    assert run(data, "botpassword", "list", "Alice") == (0, "Alice has no bot passwords\n")


def test_botpassword_with_given_password_can_log_in(data: Path) -> None:
    from starlette.testclient import TestClient

    from rollwiki.app import create_app
    from rollwiki.config import Settings

    run(data, "user", "create", "Alice", "--password", "x")
    secret = "a" * 32
    assert run(data, "botpassword", "create", "Alice", "bot", "--password", secret)[0] == 0
    wiki = Wiki.open(Settings(data=data))
    try:
        with TestClient(create_app(wiki=wiki)) as client:
            lgtoken = client.get(
                "/w/api.php",
                params={"action": "query", "meta": "tokens", "type": "login", "format": "json"},
            ).json()["query"]["tokens"]["logintoken"]
            body = client.post(
                "/w/api.php",
                data={
                    "action": "login",
                    "lgname": "Alice@bot",
                    "lgpassword": secret,
                    "lgtoken": lgtoken,
                    "format": "json",
                },
            ).json()
            assert body["login"]["result"] == "Success"
    finally:
        wiki.db.close()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Alice", "app", "--password", "short"], "at least 32 characters of 0-9 and a-w"),
        (["Alice", "app", "--password", "x" * 32], "at least 32 characters of 0-9 and a-w"),
        (["Alice", "app", "--grants", "basic,nogrant"], "unknown grant(s): nogrant"),
        (["Alice", "a@b"], "invalid application id"),
        (["Nobody", "app"], "no such user: Nobody"),
    ],
)
def test_botpassword_create_refusals(data: Path, args: list[str], message: str) -> None:
    run(data, "user", "create", "Alice", "--password", "x")
    code, out = run(data, "botpassword", "create", *args)
    assert code == 1
    assert message in out and len(out.strip().splitlines()) == 1


def test_help_lists_the_commands(data: Path) -> None:
    code, out = run(data, "user", "--help")
    assert code == 0
    for name in ("create", "groups", "password"):
        assert name in out
    code, out = run(data, "botpassword", "create", "--help")
    assert code == 0 and "--grants" in out and "generated" in out
