"""Tests using the fixture in parallel (pytest-xdist) each get their own wiki."""

from __future__ import annotations

import json
import subprocess
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

InnerPytest = Callable[..., subprocess.CompletedProcess[str]]

pytest.importorskip("xdist", reason="pytest-xdist is in the test extras")

# Two tests that create the same title at the same moment: each waits (bounded) until both
# wikis are up, so they really overlap, then checks that it sees only its own edits.
PARALLEL_TESTS = textwrap.dedent(
    """
    import json, os, time
    from pathlib import Path

    import pytest
    import requests

    OUT = Path(os.environ["ISOLATION_OUT"])


    def meet(name):
        (OUT / f"up-{name}").touch()
        deadline = time.monotonic() + 60
        while len(list(OUT.glob("up-*"))) < 2:
            assert time.monotonic() < deadline, "the other test never started"
            time.sleep(0.01)


    @pytest.mark.parametrize("name", ["first", "second"])
    def test_same_title_in_parallel(rollwiki, name):
        meet(name)
        rollwiki.make_history("Shared title", [(f"Author {name}", f"text of {name}")])
        bot = rollwiki.bot_login()
        s = requests.Session()
        token = s.get(rollwiki.api_url, params={"action": "query", "meta": "tokens",
                      "type": "login", "format": "json"}).json()["query"]["tokens"]
        login = s.post(rollwiki.api_url, data={"action": "login", "lgname": bot.login,
                       "lgpassword": bot.password, "lgtoken": token["logintoken"],
                       "format": "json"}).json()
        assert login["login"]["result"] == "Success"
        csrf = s.get(rollwiki.api_url, params={"action": "query", "meta": "tokens",
                     "format": "json"}).json()["query"]["tokens"]["csrftoken"]
        edit = s.post(rollwiki.api_url, data={"action": "edit", "title": "Shared title",
                      "appendtext": f" and {name}", "token": csrf, "format": "json"}).json()
        assert edit["edit"]["result"] == "Success"
        time.sleep(0.2)  # leave the other test time to write, if it could reach this wiki
        revisions = s.get(rollwiki.api_url, params={"action": "query", "prop": "revisions",
                          "titles": "Shared title", "rvprop": "user|content", "rvslots": "main",
                          "rvlimit": "max", "format": "json", "formatversion": "2"}).json()
        page = revisions["query"]["pages"][0]
        assert [r["user"] for r in page["revisions"]] == ["Bot", f"Author {name}"]
        assert page["revisions"][0]["slots"]["main"]["content"] == f"text of {name} and {name}"
        (OUT / f"result-{name}.json").write_text(json.dumps({
            "worker": os.environ.get("PYTEST_XDIST_WORKER"),
            "port": rollwiki.port,
            "data_dir": str(rollwiki.live.data_dir),
            "pageid": page["pageid"],
        }))
    """
)


def test_two_tests_using_the_fixture_in_parallel_do_not_interfere(
    inner_pytest: InnerPytest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setenv("ISOLATION_OUT", str(out))

    done = inner_pytest({"test_parallel.py": PARALLEL_TESTS}, "-n", "2")

    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 passed" in done.stdout
    results = [json.loads((out / f"result-{n}.json").read_text()) for n in ("first", "second")]
    assert {r["worker"] for r in results} == {"gw0", "gw1"}  # really two processes at once
    assert results[0]["port"] != results[1]["port"]
    assert results[0]["data_dir"] != results[1]["data_dir"]
    # Each wiki numbered its own first page 1: nothing was shared.
    assert [r["pageid"] for r in results] == [1, 1]
