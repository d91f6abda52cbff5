#!/usr/bin/env python3
"""XML import throughput and peak memory of ``rollwiki import``.

    bench/import_dump.py [--revisions 100000] [--pages 4000] [--text-bytes 600]
                         [--db URL] [--keep DIR] [--json out.json]

Writes a schema-0.11 dump with ``--revisions`` revisions spread over ``--pages`` pages
(texts of about ``--text-bytes`` bytes, several contributors and IPs, sha1s included, as
dumpBackup.php writes them) into a temporary directory, imports it into a fresh wiki
with the real command line in a child process, and reports pages, revisions, seconds,
revisions/s and the child's peak RSS (getrusage).  The same dump is then imported a
second time to measure the skip path (every revision already present).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]


def base36(hex_digest: str) -> str:
    number = int(hex_digest, 16)
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while number:
        number, rem = divmod(number, 36)
        out = digits[rem] + out
    return out.rjust(31, "0")


def write_dump(path: Path, revisions: int, pages: int, text_bytes: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    words = [f"word{i}" for i in range(500)]
    per_page = [revisions // pages + (1 if i < revisions % pages else 0) for i in range(pages)]
    users = [f"User {i}" for i in range(50)]
    rev_id = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" '
            'xml:lang="en">\n  <siteinfo><sitename>Bench</sitename><namespaces>'
            '<namespace key="0" case="first-letter" /><namespace key="1" case="first-letter">'
            "Talk</namespace></namespaces></siteinfo>\n"
        )
        for p, count in enumerate(per_page):
            ns = 1 if p % 10 == 0 else 0
            title = f"{'Talk:' if ns else ''}Bench page {p}"
            out.write(f"  <page>\n    <title>{title}</title>\n    <ns>{ns}</ns>\n")
            text = " ".join(rng.choice(words) for _ in range(text_bytes // 7))
            parent = 0
            for r in range(count):
                rev_id += 1
                # Each revision changes a little of the previous text, as real histories do.
                cut = rng.randrange(max(1, len(text) - 40))
                text = text[:cut] + " " + rng.choice(words) + text[cut + 12 :]
                text = text[: text_bytes * 2]
                sha1 = base36(hashlib.sha1(text.encode()).hexdigest())
                if r % 7 == 3:
                    who = f"<ip>192.0.2.{r % 250 + 1}</ip>"
                else:
                    who = f"<username>{rng.choice(users)}</username><id>{r % 50 + 1}</id>"
                day, second = divmod(p * 1000 + r, 86400)
                ts = time.strftime(
                    "%Y-%m-%dT%H:%M:%SZ", time.gmtime(1577836800 + day * 60 + second)
                )
                out.write(
                    f"    <revision>\n      <id>{rev_id}</id>\n"
                    + (f"      <parentid>{parent}</parentid>\n" if parent else "")
                    + f"      <timestamp>{ts}</timestamp>\n"
                    f"      <contributor>{who}</contributor>\n"
                    + ("      <minor />\n" if r % 5 == 4 else "")
                    + f"      <comment>edit {r} of page {p}</comment>\n"
                    "      <model>wikitext</model>\n      <format>text/x-wiki</format>\n"
                    f'      <text bytes="{len(text.encode())}" sha1="{sha1}" '
                    f'xml:space="preserve">{escape(text)}</text>\n'
                    f"      <sha1>{sha1}</sha1>\n    </revision>\n"
                )
                parent = rev_id
            out.write("  </page>\n")
        out.write("</mediawiki>\n")


def run_import(data_dir: Path, dump: Path, db: str | None) -> dict[str, Any]:
    """One ``rollwiki import`` in a child process; its wall time and peak RSS."""
    cmd = [sys.executable, "-m", "rollwiki", "--data", str(data_dir)]
    if db:
        cmd += ["--db", db]
    cmd += ["import", str(dump), "--quiet"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode != 0:
        raise SystemExit(f"import failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return {
        "seconds": round(seconds, 2),
        # ru_maxrss of RUSAGE_CHILDREN is the largest child so far (KiB on Linux); the
        # first run sets it, so a second, smaller run reports no new peak.
        "peak_rss_mib": round(peak_kib / 1024, 1) if peak_kib > before else None,
        "summary": proc.stdout.strip().splitlines()[-1],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--revisions", type=int, default=100_000)
    ap.add_argument("--pages", type=int, default=4_000)
    ap.add_argument("--text-bytes", type=int, default=600)
    ap.add_argument("--db", help="database URL (default: SQLite in the temporary directory)")
    ap.add_argument("--keep", type=Path, help="write the dump and wiki here and keep them")
    ap.add_argument("--json", type=Path, help="also write the results as JSON")
    args = ap.parse_args()

    tmp = None
    if args.keep:
        work = args.keep
        work.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="rollwiki-import-bench-")
        work = Path(tmp.name)
    try:
        dump = work / "dump.xml"
        started = time.perf_counter()
        write_dump(dump, args.revisions, args.pages, args.text_bytes)
        size_mib = dump.stat().st_size / 2**20
        print(
            f"dump: {args.revisions} revisions, {args.pages} pages, {size_mib:.1f} MiB "
            f"(written in {time.perf_counter() - started:.1f} s)"
        )
        first = run_import(work / "wiki", dump, args.db)
        rate = args.revisions / first["seconds"]
        print(
            f"import:    {first['seconds']:8.2f} s  {rate:8.0f} revisions/s  "
            f"peak RSS {first['peak_rss_mib']} MiB"
        )
        print(f"           {first['summary']}")
        again = run_import(work / "wiki", dump, args.db)
        print(
            f"re-import: {again['seconds']:8.2f} s  "
            f"{args.revisions / again['seconds']:8.0f} revisions/s (all skipped)"
        )
        result = {
            "revisions": args.revisions,
            "pages": args.pages,
            "dump_mib": round(size_mib, 1),
            "import": {**first, "revisions_per_second": round(rate)},
            "reimport": {**again, "revisions_per_second": round(args.revisions / again["seconds"])},
        }
        if args.json:
            args.json.write_text(json.dumps(result, indent=2) + "\n")
    finally:
        if tmp is not None:
            tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
