"""The 64 scenarios recorded from real MediaWiki 1.39, replayed against rollwiki.

The team's recorder (record.py) runs every scenario against a live rollwiki loaded with
the same fixtures as the oracle; the team's comparer (compare.py) then checks every
action and check response against the oracle's transcript.  The only differences allowed
are the documented newer-MediaWiki fixes (README, compatibility table): requested tags are
saved on the rollback revision, and ``$7`` is substituted in custom summaries.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from rollwiki.config import Settings
from rollwiki.services import timestamps
from rollwiki.services.fixtures import load_fixtures
from rollwiki.services.wiki import Wiki
from rollwiki.testing.server import LiveWiki

HERE = Path(__file__).parent
DATA = HERE.parent / "data" / "conformance"
EXPECTED = DATA / "mediawiki-1.39-transcripts.json"

# scenario -> the only JSON paths allowed to differ, and why.
KNOWN_DIFFERENCES = {
    "tags_awb": ("tags", "requested tags are saved with mw-rollback (newer MediaWiki)"),
    "tags_multiple": ("tags", "requested tags are saved with mw-rollback (newer MediaWiki)"),
    "tags_convenient_discussions": ("tags", "requested tags are saved (newer MediaWiki)"),
    "summary_placeholders": (
        "summary|comment",
        "$7 is the reverted-revision count (newer MediaWiki)",
    ),
}


def load_compare() -> ModuleType:
    spec = importlib.util.spec_from_file_location("rollwiki_compare", HERE / "compare.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["rollwiki_compare"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def recording(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("conformance-wiki")
    wiki = Wiki.open(Settings(data=data))
    # The oracle's fixtures were set up well before its recording; so are ours.
    timestamps.set_clock(lambda: datetime.now(UTC) - timedelta(days=1))
    try:
        load_fixtures(wiki, DATA / "fixtures.json")
    finally:
        timestamps.set_clock(None)
    wiki.db.close()
    out = data / "rollwiki-transcript.json"
    with LiveWiki(data) as live:
        proc = subprocess.run(
            [sys.executable, str(HERE / "record.py"), "--base", live.base_url, "--out", str(out)],
            capture_output=True,
            text=True,
            timeout=900,
        )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return out


def scenario_diffs(recording: Path) -> dict[str, list[Any]]:
    compare = load_compare()
    expected, actual = compare.Side.load(str(EXPECTED)), compare.Side.load(str(recording))
    actual_scenarios = {s["name"]: s for s in actual.data["scenarios"]}
    out: dict[str, list[Any]] = {}
    sessions = compare.compare_sessions(expected, actual)
    if sessions.diffs:
        out["(sessions)"] = list(sessions.diffs)
    for scenario in expected.data["scenarios"]:
        name = scenario["name"]
        if name not in actual_scenarios:
            out[name] = ["not recorded"]
            continue
        result = compare.compare_scenario(name, scenario, actual_scenarios[name], expected, actual)
        if result.diffs:
            out[name] = list(result.diffs)
    return out


def render(diffs: list[Any]) -> str:
    return "\n".join("    " + (d.render() if hasattr(d, "render") else str(d)) for d in diffs[:12])


def test_every_recorded_scenario_matches_mediawiki(recording: Path) -> None:
    failures = {
        name: diffs
        for name, diffs in scenario_diffs(recording).items()
        if name not in KNOWN_DIFFERENCES
    }
    report = "\n".join(f"FAIL {name}\n{render(diffs)}" for name, diffs in failures.items())
    assert not failures, f"{len(failures)} scenario(s) differ from MediaWiki 1.39:\n{report}"


def test_documented_differences_are_the_only_ones_in_their_scenarios(recording: Path) -> None:
    diffs = scenario_diffs(recording)
    unexpected = []
    for name, (allowed, _why) in KNOWN_DIFFERENCES.items():
        for diff in diffs.get(name, []):
            path = getattr(diff, "path", "")
            if not any(part in path for part in allowed.split("|")):
                unexpected.append(f"{name}: {diff.render() if hasattr(diff, 'render') else diff}")
    assert not unexpected, "\n".join(unexpected)


def test_the_recording_covers_all_64_scenarios(recording: Path) -> None:
    data = json.loads(recording.read_text())
    assert len(data["scenarios"]) == 64
    assert not [s["name"] for s in data["scenarios"] if s["note"].startswith("SCENARIO FAILED")]
