#!/usr/bin/env python3
"""Developer tool: record the conformance scenarios against a fresh rollwiki and compare.

    tools/conformance.py [--only a,b] [--keep DIR] [--verbose]

Loads tests/data/conformance/fixtures.json into a new wiki, serves it on a free port,
runs tests/conformance/record.py against it and prints compare.py's report.  The test
suite does the same in tests/conformance/test_conformance.py; this is the quick loop.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rollwiki.config import Settings
from rollwiki.services import timestamps
from rollwiki.services.fixtures import load_fixtures
from rollwiki.services.wiki import Wiki
from rollwiki.testing.server import LiveWiki

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "conformance"
TOOLS = ROOT / "tests" / "conformance"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--only", default="")
    ap.add_argument("--keep", type=Path, help="data directory to use and keep")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    data = args.keep or Path(tempfile.mkdtemp(prefix="rollwiki-conformance-"))
    wiki = Wiki.open(Settings(data=data))
    # The oracle's fixtures were set up well before its recording; so are ours.
    timestamps.set_clock(lambda: datetime.now(UTC) - timedelta(days=1))
    try:
        load_fixtures(wiki, DATA / "fixtures.json")
    finally:
        timestamps.set_clock(None)
    wiki.db.close()
    out = data / "transcript.json"
    only = ["--only", args.only] if args.only else []
    with LiveWiki(data) as live:
        subprocess.run(
            [
                sys.executable,
                str(TOOLS / "record.py"),
                "--base",
                live.base_url,
                "--out",
                str(out),
                *only,
            ],
            check=True,
        )
    report = [
        sys.executable,
        str(TOOLS / "compare.py"),
        str(DATA / "mediawiki-1.39-transcripts.json"),
        str(out),
        *only,
        *(["--verbose"] if args.verbose else []),
    ]
    return subprocess.run(report).returncode


if __name__ == "__main__":
    sys.exit(main())
