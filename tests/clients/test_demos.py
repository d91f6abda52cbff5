"""The API:Rollback page's demos (Python, PHP, Node.js) run unmodified against a live wiki."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import requests

from rollwiki.testing import RollWiki

ROOT = Path(__file__).resolve().parents[2]
DEMOS = ROOT / "demos"
FIXTURES = ROOT / "tests" / "data" / "conformance" / "fixtures.json"
SANDBOX_TEXT = "Welcome to the sandbox."  # fixtures.json: Project:Sandbox, created by Admin
BOT = ("Rollbacker@rollbot", "rollbotrollbotrollbotrollbot1234")


def _node_modules() -> None:
    """``npm install`` the demo's `request` package once (locked: xdist workers share it)."""
    node_dir = DEMOS / "node"
    with open(node_dir / ".npm-install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (node_dir / "node_modules" / "request" / "package.json").exists():
            return
        done = subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=node_dir,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode != 0:
            pytest.fail(f"npm install failed in {node_dir}:\n{done.stdout}\n{done.stderr}")


def _command(language: str) -> list[str]:
    if language == "python":
        return [sys.executable, str(DEMOS / "python" / "rollback.py")]
    if language == "php":
        php = shutil.which("php")
        if php is None:
            pytest.skip("php (Debian: php-cli, php-curl) is not installed")
        has_curl = subprocess.run(
            [php, "-r", "exit(function_exists('curl_init') ? 0 : 1);"], capture_output=True
        )
        if has_curl.returncode != 0:
            pytest.skip("PHP's curl extension (Debian: php-curl) is not installed")
        return [php, str(DEMOS / "php" / "rollback.php")]
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("node and npm (Debian: nodejs, npm) are not installed")
    _node_modules()
    return [node, str(DEMOS / "node" / "rollback.js")]


def run_demo(
    language: str, wiki: RollWiki, cwd: Path, rollback_user: str | None = None
) -> dict[str, Any]:
    """Run a demo; returns its responses by step name."""
    env = {
        **os.environ,
        "WIKI_API": wiki.api_url,
        "BOT_USER": BOT[0],
        "BOT_PASSWORD": BOT[1],
    }
    if rollback_user is not None:
        env["ROLLBACK_USER"] = rollback_user
    done = subprocess.run(
        _command(language), cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    steps = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    return {s["step"]: s["response"] for s in steps}


def api_history(wiki: RollWiki, title: str) -> list[dict[str, Any]]:
    """The page's revisions through the API, newest first."""
    r = requests.get(
        wiki.api_url,
        params={
            "action": "query",
            "prop": "revisions",
            "titles": title,
            "rvprop": "ids|user|comment|content|tags",
            "rvslots": "main",
            "rvlimit": "max",
            "format": "json",
            "formatversion": "2",
        },
        timeout=30,
    )
    assert r.status_code == 200
    page = r.json()["query"]["pages"][0]
    return list(page["revisions"])


@pytest.fixture
def oracle_like(rollwiki: RollWiki) -> RollWiki:
    """A wiki with the conformance fixtures: the accounts and the Sandbox of the oracle."""
    rollwiki.load_fixtures(FIXTURES)
    return rollwiki


LANGUAGES = ["python", "php", "node"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_demo_edits_the_sandbox_and_rolls_its_own_edit_back(
    language: str, oracle_like: RollWiki, tmp_path: Path
) -> None:
    out = run_demo(language, oracle_like, tmp_path)

    assert out["login"]["login"]["result"] == "Success"
    assert out["login"]["login"]["lgusername"] == "Rollbacker"
    assert out["csrf token"]["query"]["tokens"]["csrftoken"].endswith("+\\")
    edit = out["edit"]["edit"]
    assert edit["result"] == "Success"
    assert edit["title"] == "OracleWiki:Sandbox"
    rollback = out["rollback"]["rollback"]
    assert rollback["title"] == "OracleWiki:Sandbox"
    assert rollback["old_revid"] == edit["newrevid"]
    assert rollback["last_revid"] == edit["oldrevid"]
    assert rollback["summary"] == (
        "Reverted edits by [[Special:Contributions/Rollbacker|Rollbacker]] "
        "([[User talk:Rollbacker|talk]]) to last revision by [[User:Admin|Admin]]"
    )

    revisions = api_history(oracle_like, "Project:Sandbox")
    assert [(r["revid"], r["user"]) for r in revisions] == [
        (rollback["revid"], "Rollbacker"),
        (edit["newrevid"], "Rollbacker"),
        (edit["oldrevid"], "Admin"),
    ]
    assert revisions[1]["slots"]["main"]["content"] == SANDBOX_TEXT + "Hello"
    # Rollbacker has no autopatrol right, so the revert is not yet approved: mw-reverted
    # waits for a patrol (EditResult / RevertedTagUpdate in 1.39).
    assert revisions[1]["tags"] == []
    assert revisions[0]["comment"] == rollback["summary"]
    assert revisions[0]["tags"] == ["mw-rollback"]
    assert revisions[0]["slots"]["main"]["content"] == SANDBOX_TEXT
    # The same, straight from the database.
    assert oracle_like.page_text("Project:Sandbox") == SANDBOX_TEXT


@pytest.mark.parametrize("language", LANGUAGES)
def test_demo_rolling_back_someone_who_did_not_edit_last_gives_alreadyrolled(
    language: str, oracle_like: RollWiki, tmp_path: Path
) -> None:
    # The page's literal demo rolls back an IP right after its own appendtext edit
    # (api-surface.md §16, observed on 1.39): the edit stays, the rollback is refused.
    out = run_demo(language, oracle_like, tmp_path, rollback_user="41.190.3.231")

    edit = out["edit"]["edit"]
    assert edit["result"] == "Success"
    error = out["rollback"]["error"]
    assert error["code"] == "alreadyrolled"
    assert error["info"].startswith(
        "Cannot rollback the last edit of [[:OracleWiki:Sandbox]] by "
        "[[User:41.190.3.231|41.190.3.231]]"
    )
    assert "The last edit to the page was by [[User:Rollbacker|Rollbacker]]" in error["info"]
    revisions = api_history(oracle_like, "Project:Sandbox")
    assert [(r["revid"], r["user"]) for r in revisions] == [
        (edit["newrevid"], "Rollbacker"),
        (edit["oldrevid"], "Admin"),
    ]
    assert oracle_like.page_text("Project:Sandbox") == SANDBOX_TEXT + "Hello"
