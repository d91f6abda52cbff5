#!/usr/bin/env python3
"""Developer tool: copy MediaWiki 1.39's texts of the given message keys into our catalogs.

Clients match MediaWiki's exact message texts, so our catalogs carry MediaWiki's wording
(en, uk, and the qqq documentation) for the keys we use.  The texts are read from a
MediaWiki installation (the oracle's Debian package, /usr/share/mediawiki by default);
nothing at run or test time reads that installation.

    tools/i18n_sync.py --area api apihelp-rollback-summary apierror-badtoken ...
    tools/i18n_sync.py --area api --prefix apihelp-rollback-     # every key with a prefix
    tools/i18n_sync.py --check                                   # report keys missing in uk
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CATALOGS = ROOT / "src" / "rollwiki" / "i18n"
LANGS = ("en", "uk", "qqq")
SOURCES = (
    "languages/i18n",
    "includes/api/i18n",
    "includes/libs/ParamValidator/i18n",
)


def load_mediawiki(mw: Path, lang: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for src in SOURCES:
        path = mw / src / f"{lang}.json"
        if path.exists():
            merged.update(json.loads(path.read_text(encoding="utf-8")))
    merged.pop("@metadata", None)
    return merged


def write_catalog(area: str, lang: str, updates: dict[str, str]) -> None:
    path = CATALOGS / area / f"{lang}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    data: dict[str, str] = {}
    if path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
    meta = data.pop("@metadata", {"comment": "Texts from MediaWiki 1.39 (GPL-2.0-or-later)."})
    data.update(updates)
    out = {"@metadata": meta, **dict(sorted(data.items()))}
    path.write_text(json.dumps(out, ensure_ascii=False, indent="\t") + "\n", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--mediawiki", default="/usr/share/mediawiki", type=Path)
    ap.add_argument("--area", help="catalog folder under src/rollwiki/i18n (core, api, web, ...)")
    ap.add_argument("--prefix", action="append", default=[], help="copy every key with this prefix")
    ap.add_argument("--check", action="store_true", help="list keys present in en but not uk/qqq")
    ap.add_argument("keys", nargs="*")
    args = ap.parse_args()

    if args.check:
        missing = 0
        for area in sorted(p for p in CATALOGS.iterdir() if p.is_dir()):
            en = json.loads((area / "en.json").read_text(encoding="utf-8"))
            for lang in ("uk", "qqq"):
                other_path = area / f"{lang}.json"
                other = json.loads(other_path.read_text("utf-8")) if other_path.exists() else {}
                for key in en:
                    if key != "@metadata" and key not in other:
                        print(f"{area.name}/{lang}: {key}")
                        missing += 1
        return 1 if missing else 0

    if not args.area:
        ap.error("--area is required")
    sources = {lang: load_mediawiki(args.mediawiki, lang) for lang in LANGS}
    keys = list(args.keys)
    for prefix in args.prefix:
        keys += [k for k in sources["en"] if k.startswith(prefix)]
    unknown = [k for k in keys if k not in sources["en"]]
    if unknown:
        print("not in MediaWiki's en catalog:", ", ".join(unknown), file=sys.stderr)
    for lang in LANGS:
        updates = {k: sources[lang][k] for k in keys if k in sources[lang]}
        write_catalog(args.area, lang, updates)
    print(f"{len(keys) - len(unknown)} keys written to {args.area}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
