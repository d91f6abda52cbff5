#!/usr/bin/env python3
"""Build page histories through the API and read them back: a replayable transcript.

    history_replay.py --base http://127.0.0.1:8080 --out history.json

The same steps run against MediaWiki 1.39 (the recording committed as
tests/data/conformance/history-mediawiki-1.39.json) and against rollwiki (in
test_history_replay.py); compare.py then compares the read-backs after normalising ids,
tokens and times.  It reuses record.py's recorder, so the transcript has the same layout.

Scenarios:
  history_mixed_authors   Editor creates a page; anonymous IPv4 and IPv6 editors append;
                          BotUser (bot password with highvolume) edits with bot=1; Vandal
                          makes a minor edit; Editor edits with a change tag; Admin edits.
                          Read back with prop=revisions, list=recentchanges (all and
                          !bot) and list=usercontribs of both IPs.
  history_imported_users  Admin imports a two-revision page written by Alice and Mallory
                          with interwikiprefix=hist; read back with prop=revisions,
                          list=recentchanges and list=usercontribs of hist>Mallory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
IPV4 = "198.51.100.77"
IPV6 = "2001:db8::1:77"
UC_PROPS = "ids|title|timestamp|comment|size|sizediff|flags|tags"


def load_record() -> ModuleType:
    spec = importlib.util.spec_from_file_location("rollwiki_record", HERE / "record.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def usercontribs(R: Any, user: str) -> None:
    R.req(
        R.sessions["Admin"],
        "GET",
        {
            "action": "query",
            "list": "usercontribs",
            "ucuser": user,
            "ucprop": UC_PROPS,
            "uclimit": "max",
            "formatversion": "2",
        },
        "check",
    )


def mixed_authors(R: Any, sc: dict[str, Any]) -> str:
    title = R.title("history mixed")
    sc["pages"].append(title)
    R.edit(
        R.sessions["Editor"],
        title,
        text="First version by Editor.\n",
        summary="Editor: create page",
        extra={"createonly": "1"},
    )
    R.edit(
        R.sessions[f"anon-{IPV4}"],
        title,
        appendtext="\nAn IPv4 reader adds a line.",
        summary="typo",
    )
    R.edit(
        R.sessions[f"anon-{IPV6}"], title, appendtext="\nAn IPv6 reader adds another.", summary=""
    )
    R.edit(
        R.sessions["BotUser@bot"],
        title,
        appendtext="\n[[Category:Bot sorted]]",
        summary="bot: categorise",
        extra={"bot": "1"},
    )
    R.edit(
        R.sessions["Vandal"],
        title,
        appendtext="\nminor tweak",
        summary="minor tweak",
        extra={"minor": "1"},
    )
    R.edit(
        R.sessions["Editor"],
        title,
        text="Rewritten by Editor.\n",
        summary="rewrite",
        extra={"tags": "AWB"},
    )
    R.edit(
        R.sessions["Admin"],
        title,
        appendtext="\nChecked by an administrator.",
        summary="/* top */ checked",
    )
    R.history(title)
    R.rc(title)
    R.rc(title, "!bot")
    usercontribs(R, IPV4)
    usercontribs(R, IPV6)
    return "built and read back"


IMPORT_XML = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11">
  <page>
    <title>{title}</title>
    <ns>0</ns>
    <revision>
      <timestamp>2020-01-01T00:00:00Z</timestamp>
      <contributor><username>Alice</username><id>1</id></contributor>
      <comment>good imported text</comment>
      <model>wikitext</model>
      <format>text/x-wiki</format>
      <text xml:space="preserve">Good imported text.</text>
    </revision>
    <revision>
      <timestamp>2020-01-02T00:00:00Z</timestamp>
      <contributor><username>Mallory</username><id>2</id></contributor>
      <comment>bad imported text</comment>
      <model>wikitext</model>
      <format>text/x-wiki</format>
      <text xml:space="preserve">BAD imported text.</text>
    </revision>
  </page>
</mediawiki>
"""


def imported_users(R: Any, sc: dict[str, Any]) -> str:
    title = R.title("history imported")
    sc["pages"].append(title)
    admin = R.sessions["Admin"]
    xml = IMPORT_XML.format(title=title)
    R.req(
        admin,
        "POST",
        {
            "action": "import",
            "interwikiprefix": "hist",
            "summary": "history replay",
            "token": R.token(admin, "csrf"),
        },
        "setup",
        files={"xml": ("dump.xml", xml.encode("utf-8"), "text/xml")},
    )
    R.history(title)
    R.rc(title)
    usercontribs(R, "hist>Mallory")
    return "imported and read back"


SCENARIOS = [
    ("history_mixed_authors", mixed_authors, "edits by accounts, IPv4/IPv6, a bot, tags"),
    ("history_imported_users", imported_users, "imported hist>Alice / hist>Mallory"),
]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--base", default="http://127.0.0.1:8080")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    record = load_record()
    R = record.Recorder(args.base)
    for name in ("Admin", "Editor", "Vandal"):
        R.login_main(name)
    R.login_bot("BotUser@bot")
    R.anon(f"anon-{IPV4}", xff=IPV4)
    R.anon(f"anon-{IPV6}", xff=IPV6)
    R.run(SCENARIOS)
    out = {
        "meta": {
            "generator": "conformance/history_replay.py",
            "api": R.api,
            "run_id": R.run_id,
            "users": R.users,
            "recorded_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        },
        "sessions": R.session_log,
        "scenarios": R.scenarios,
    }
    Path(args.out).write_text(json.dumps(out, indent=2, ensure_ascii=False), encoding="utf-8")
    failed = [s["name"] for s in R.scenarios if s["note"].startswith("SCENARIO FAILED")]
    print(f"wrote {args.out}: {len(R.scenarios)} scenarios, failed: {failed}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
