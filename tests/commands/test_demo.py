"""`rollwiki demo`: accounts that log in, a page that can be rolled back, idempotent."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from rollwiki.cli import main
from rollwiki.config import Settings
from rollwiki.services.wiki import Wiki
from rollwiki.storage.queries import pages as pq
from rollwiki.testing.server import LiveWiki


def run_demo(data: Path) -> str:
    result = CliRunner().invoke(main, ["--data", str(data), "demo", "--port", "8080"])
    assert result.exit_code == 0, result.output
    return result.output


def test_demo_prints_logins_and_sets_up_a_vandalised_page(tmp_path: Path) -> None:
    output = run_demo(tmp_path)

    assert "Patroller  Patroller-demo-pass" in output
    assert "bot password Bot@demo  demodemodemodemodemodemodemodemo" in output
    wiki = Wiki.open(Settings(data=tmp_path))
    try:
        title = wiki.titles.parse("Sandbox")
        page = wiki.db.read(lambda c: pq.page_by_title(c, title.namespace, title.dbkey))
        assert page is not None
        assert wiki.db.read(lambda c: pq.count_revisions(c, page["page_id"])) == 3
    finally:
        wiki.db.close()


def test_demo_twice_changes_nothing(tmp_path: Path) -> None:
    run_demo(tmp_path)
    run_demo(tmp_path)

    wiki = Wiki.open(Settings(data=tmp_path))
    try:
        title = wiki.titles.parse("Sandbox")
        page = wiki.db.read(lambda c: pq.page_by_title(c, title.namespace, title.dbkey))
        assert wiki.db.read(lambda c: pq.count_revisions(c, page["page_id"])) == 3
    finally:
        wiki.db.close()


def test_the_demo_bot_password_rolls_back_the_vandal_through_the_api(tmp_path: Path) -> None:
    import requests

    run_demo(tmp_path)
    with LiveWiki(tmp_path) as live:
        s = requests.Session()
        api = live.api_url
        login_token = s.get(
            api, params={"action": "query", "meta": "tokens", "type": "login", "format": "json"}
        ).json()["query"]["tokens"]["logintoken"]
        login = s.post(
            api,
            data={
                "action": "login",
                "lgname": "Bot@demo",
                "lgpassword": "demodemodemodemodemodemodemodemo",
                "lgtoken": login_token,
                "format": "json",
            },
        ).json()
        assert login["login"]["result"] == "Success"
        token = s.get(
            api, params={"action": "query", "meta": "tokens", "type": "rollback", "format": "json"}
        ).json()["query"]["tokens"]["rollbacktoken"]
        r = s.post(
            api,
            data={
                "action": "rollback",
                "title": "Sandbox",
                "user": "Vandal",
                "token": token,
                "format": "json",
            },
        ).json()
        assert r["rollback"]["summary"].startswith("Reverted edits by")
