#!/usr/bin/env python3
"""Start-up time of the ``rollwiki`` pytest fixture (a live wiki on a free loopback port).

    bench/fixture_startup.py [--runs 20] [--json out.json]

Three measurements, each the median of ``--runs`` runs:

* ``direct``: ``RollWiki.running()`` in this process, from the call until the wiki has
  answered its first API request (meta=siteinfo), after one warm-up start; the stop that
  follows is timed separately;
* ``pytest``: the setup time pytest itself reports (``--durations``) for ``--runs`` tests
  that each ask for the function-scoped ``rollwiki`` fixture, in a child pytest; the first
  test, which pays for importing rollwiki, is reported on its own;
* ``cold``: a fresh interpreter importing rollwiki.testing and starting one wiki.

Loopback only; prints a table (and writes JSON with ``--json``).  No timing is asserted
anywhere: the figure is for people.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import requests  # noqa: E402

from rollwiki.testing import RollWiki  # noqa: E402


def first_answer(wiki: RollWiki) -> None:
    r = requests.get(
        wiki.api_url, params={"action": "query", "meta": "siteinfo", "format": "json"}, timeout=30
    )
    r.raise_for_status()


def direct(runs: int, workdir: Path) -> dict[str, float]:
    with RollWiki.running(workdir / "warmup") as wiki:  # imports, caches, first connection
        first_answer(wiki)
    starts, stops = [], []
    for i in range(runs):
        t0 = time.perf_counter()
        ctx = RollWiki.running(workdir / f"run{i}")
        wiki = ctx.__enter__()
        first_answer(wiki)
        t1 = time.perf_counter()
        ctx.__exit__(None, None, None)
        t2 = time.perf_counter()
        starts.append(t1 - t0)
        stops.append(t2 - t1)
    return {"start_median_s": statistics.median(starts), "stop_median_s": statistics.median(stops)}


TEST_FILE = textwrap.dedent(
    """
    import pytest

    @pytest.mark.parametrize("i", range({runs}))
    def test_uses_the_fixture(rollwiki, i):
        assert rollwiki.port
    """
)
DURATION = re.compile(r"^([0-9.]+)s setup\s+\S+::test_uses_the_fixture\[(\d+)\]", re.M)


def via_pytest(runs: int, workdir: Path) -> dict[str, float]:
    (workdir / "test_startup.py").write_text(TEST_FILE.format(runs=runs))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--durations=0",
            "--durations-min=0",
            "test_startup.py",
        ],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        raise SystemExit(f"child pytest failed:\n{done.stdout}\n{done.stderr}")
    setups = {int(i): float(s) for s, i in DURATION.findall(done.stdout)}
    if len(setups) != runs:
        raise SystemExit(f"expected {runs} setup durations, got {len(setups)}:\n{done.stdout}")
    later = [setups[i] for i in range(1, runs)]
    return {"first_setup_s": setups[0], "setup_median_s": statistics.median(later)}


COLD = textwrap.dedent(
    """
    import time
    t0 = time.perf_counter()
    from rollwiki.testing import RollWiki
    import tempfile, pathlib
    with tempfile.TemporaryDirectory() as d:
        with RollWiki.running(pathlib.Path(d)) as wiki:
            print(time.perf_counter() - t0)
    """
)


def cold(runs: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    times = []
    for _ in range(max(3, runs // 4)):
        out = subprocess.run(
            [sys.executable, "-c", COLD],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        times.append(float(out.stdout.strip()))
    return {"import_and_start_median_s": statistics.median(times)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if args.runs < 3:
        parser.error("--runs must be at least 3")
    with tempfile.TemporaryDirectory(prefix="rollwiki-bench-") as tmp:
        work = Path(tmp)
        (work / "pytest").mkdir()
        results: dict[str, Any] = {
            "runs": args.runs,
            "direct": direct(args.runs, work),
            "pytest": via_pytest(args.runs, work / "pytest"),
            "cold": cold(args.runs),
        }
    rows = [
        ("start until the first API answer (in process)", results["direct"]["start_median_s"]),
        ("stop", results["direct"]["stop_median_s"]),
        ("pytest setup of `rollwiki`, tests 2..n", results["pytest"]["setup_median_s"]),
        ("pytest setup of `rollwiki`, first test", results["pytest"]["first_setup_s"]),
        ("fresh interpreter: import + start", results["cold"]["import_and_start_median_s"]),
    ]
    print(f"rollwiki fixture start-up, median of {args.runs} runs")
    for label, seconds in rows:
        print(f"  {label:<48} {seconds * 1000:8.1f} ms")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
