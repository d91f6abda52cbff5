#!/usr/bin/env python3
"""Rollback throughput and latency against running wikis, side by side.

    bench/rollback_bench.py --api http://127.0.0.1:8081/w/api.php \
        [--baseline http://127.0.0.1:8080/w/api.php] [--concurrency 1,4] \
        [--pages 100] [--k 3] [--edits 200] [--json out.json]

Both wikis need the conformance fixtures' accounts (``rollwiki load-fixtures``; the
MediaWiki oracle's setup.sh makes the same ones): Editor and Vandal make the setup edits
(action=clientlogin sessions), Rollbacker@rollbot (bot password) rolls back.

For each wiki and each concurrency c:
  * edit:     ``--edits`` appendtext edits by one Editor session, c threads (timed);
  * rollback: ``--pages`` pages, each created by Editor and then edited ``--k`` times by
    Vandal (setup, not timed), rolled back by c threads with one Rollbacker session each;
    only the rollback POSTs are timed.
Loopback only; every request has a timeout; errors are counted, not timed.  Prints ops/s
and p50/p99 latency in ms, and rollwiki/baseline ratios when a baseline is given.
"""

from __future__ import annotations

import argparse
import json
import queue
import statistics
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

import requests

MAIN = {"Editor": "EditorPass-1234", "Vandal": "VandalPass-1234"}
ROLLBOT = ("Rollbacker@rollbot", "rollbotrollbotrollbotrollbot1234")
TIMEOUT = 60


class Session:
    """One logged-in API session."""

    def __init__(self, api: str) -> None:
        self.api = api
        self.http = requests.Session()
        self.http.headers["User-Agent"] = "rollwiki-bench/1.0"

    def get(self, **params: Any) -> dict[str, Any]:
        params.setdefault("format", "json")
        return self.http.get(self.api, params=params, timeout=TIMEOUT).json()

    def post(self, **params: Any) -> requests.Response:
        params.setdefault("format", "json")
        return self.http.post(self.api, data=params, timeout=TIMEOUT)

    def token(self, kind: str = "csrf") -> str:
        return self.get(action="query", meta="tokens", type=kind)["query"]["tokens"][f"{kind}token"]

    @classmethod
    def main_account(cls, api: str, name: str) -> Session:
        s = cls(api)
        r = s.post(
            action="clientlogin",
            username=name,
            password=MAIN[name],
            logintoken=s.token("login"),
            loginreturnurl="http://127.0.0.1/",
        ).json()
        if r.get("clientlogin", {}).get("status") != "PASS":
            raise SystemExit(f"{api}: clientlogin {name} failed: {r}")
        return s

    @classmethod
    def bot(cls, api: str) -> Session:
        s = cls(api)
        r = s.post(
            action="login", lgname=ROLLBOT[0], lgpassword=ROLLBOT[1], lgtoken=s.token("login")
        ).json()
        if r.get("login", {}).get("result") != "Success":
            raise SystemExit(f"{api}: bot login failed: {r}")
        return s


@dataclass
class Sample:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    wall: float = 0.0

    def summary(self) -> dict[str, Any]:
        lat = sorted(self.latencies)
        n = len(lat)
        return {
            "ok": n,
            "errors": self.errors,
            "ops_per_s": round(n / self.wall, 1) if self.wall else 0.0,
            "p50_ms": round(statistics.median(lat), 2) if lat else None,
            "p99_ms": round(lat[min(n - 1, int(n * 0.99))], 2) if lat else None,
        }


def run_threads(work: list[Any], threads: int, do: Any) -> Sample:
    """Run ``do(item, thread_index)`` over the work with ``threads`` threads; time each call."""
    q: queue.Queue[Any] = queue.Queue()
    for item in work:
        q.put(item)
    sample = Sample()
    lock = threading.Lock()

    def worker(index: int) -> None:
        while True:
            try:
                item = q.get_nowait()
            except queue.Empty:
                return
            t0 = time.perf_counter()
            try:
                ok = do(item, index)
            except requests.RequestException:
                ok = False
            elapsed = (time.perf_counter() - t0) * 1000
            with lock:
                if ok:
                    sample.latencies.append(elapsed)
                else:
                    sample.errors += 1

    start = time.perf_counter()
    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    sample.wall = time.perf_counter() - start
    return sample


def ok_response(r: requests.Response, key: str) -> bool:
    if r.status_code != 200:
        return False
    data = r.json()
    return key in data and "error" not in data


def bench_edit(api: str, edits: int, threads: int) -> Sample:
    editor = Session.main_account(api, "Editor")
    csrf = editor.token()
    run = uuid.uuid4().hex[:8]
    return run_threads(
        list(range(edits)),
        threads,
        lambda i, t: ok_response(
            editor.post(
                action="edit", title=f"Bench {run} edit {t}", appendtext=f"\nline {i}", token=csrf
            ),
            "edit",
        ),
    )


def bench_rollback(api: str, pages: int, k: int, threads: int) -> Sample:
    editor = Session.main_account(api, "Editor")
    vandal = Session.main_account(api, "Vandal")
    e_csrf, v_csrf = editor.token(), vandal.token()
    run = uuid.uuid4().hex[:8]
    titles = [f"Bench {run} rollback {i}" for i in range(pages)]
    for title in titles:  # setup, not timed
        editor.post(action="edit", title=title, text="good text", token=e_csrf)
        for j in range(k):
            vandal.post(action="edit", title=title, appendtext=f"\nvandalism {j}", token=v_csrf)
    bots = [Session.bot(api) for _ in range(threads)]
    tokens = [b.token("rollback") for b in bots]
    return run_threads(
        titles,
        threads,
        lambda title, t: ok_response(
            bots[t].post(action="rollback", title=title, user="Vandal", token=tokens[t]), "rollback"
        ),
    )


def check_loopback(api: str) -> None:
    host = urlparse(api).hostname or ""
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"refusing to benchmark a non-loopback wiki: {api}")


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--api", required=True, help="rollwiki api.php URL")
    ap.add_argument("--baseline", help="MediaWiki api.php URL measured in the same run")
    ap.add_argument("--concurrency", default="1,4")
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--k", type=int, default=3, help="vandal edits per page")
    ap.add_argument("--edits", type=int, default=200)
    ap.add_argument("--json", help="write the results here")
    args = ap.parse_args()
    if not 0 < args.pages <= 5000 or not 0 < args.edits <= 20000 or not 0 < args.k <= 50:
        raise SystemExit("bounds: pages 1-5000, edits 1-20000, k 1-50")
    targets = {"rollwiki": args.api}
    if args.baseline:
        targets["mediawiki"] = args.baseline
    for api in targets.values():
        check_loopback(api)
    levels = [int(c) for c in args.concurrency.split(",")]
    results: dict[str, dict[str, Any]] = {}
    for name, api in targets.items():
        for c in levels:
            results[f"{name} edit c={c}"] = bench_edit(api, args.edits, c).summary()
            results[f"{name} rollback c={c}"] = bench_rollback(api, args.pages, args.k, c).summary()
    print(f"{'case':32} {'ok':>6} {'err':>4} {'ops/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for case, r in results.items():
        print(
            f"{case:32} {r['ok']:>6} {r['errors']:>4} {r['ops_per_s']:>8} "
            f"{r['p50_ms']!s:>8} {r['p99_ms']!s:>8}"
        )
    if args.baseline:
        print("\nrollwiki / MediaWiki")
        for c in levels:
            for op in ("edit", "rollback"):
                ours, theirs = results[f"rollwiki {op} c={c}"], results[f"mediawiki {op} c={c}"]
                if ours["ops_per_s"] and theirs["ops_per_s"] and ours["p50_ms"]:
                    print(
                        f"  {op} c={c}: throughput x{ours['ops_per_s'] / theirs['ops_per_s']:.1f}"
                        f", p50 latency x{theirs['p50_ms'] / ours['p50_ms']:.1f} lower"
                    )
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(results, fh, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
