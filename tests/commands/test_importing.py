"""rollwiki import: files, stdin, compression, the summary line and errors."""

from __future__ import annotations

import bz2
import gzip
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Connection, func, select

from rollwiki.cli import main
from rollwiki.config import Settings
from rollwiki.services.wiki import Wiki
from rollwiki.storage.schema import actor, page, revision

DUMP = Path(__file__).parent.parent / "data" / "conformance" / "fixtures-import.xml"
SUMMARY = re.compile(
    r"^Imported (\d+) revisions of (\d+) pages \((\d+) already present or skipped\)"
    r" in \d+\.\d\d s \(\d+\.\d revisions/s\)$"
)


def counts(data: Path) -> tuple[int, int]:
    wiki = Wiki.open(Settings(data=data))
    try:

        def read(conn: Connection) -> tuple[int, int]:
            pages = conn.execute(select(func.count()).select_from(page)).scalar_one()
            revs = conn.execute(select(func.count()).select_from(revision)).scalar_one()
            return int(pages), int(revs)

        return wiki.db.read(read)
    finally:
        wiki.db.close()


def summary(output: str) -> tuple[int, int, int]:
    match = SUMMARY.match(output.strip().splitlines()[-1])
    assert match, output
    revisions, pages, skipped = (int(g) for g in match.groups())
    return pages, revisions, skipped


@pytest.mark.parametrize("compress", [None, gzip.compress, bz2.compress], ids=["xml", "gz", "bz2"])
def test_import_file_prints_pages_revisions_and_rate(tmp_path: Path, compress: object) -> None:
    path = tmp_path / "dump.xml"
    raw = DUMP.read_bytes()
    path.write_bytes(compress(raw) if callable(compress) else raw)
    result = CliRunner().invoke(main, ["--data", str(tmp_path / "w"), "import", str(path), "-q"])
    assert result.exit_code == 0, result.output
    assert summary(result.output) == (27, 54, 0)
    assert counts(tmp_path / "w") == (27, 54)


def test_import_from_stdin_and_again_skips_everything(tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["--data", str(tmp_path), "import", "-", "--quiet"]
    first = runner.invoke(main, args, input=DUMP.read_bytes())
    assert first.exit_code == 0 and summary(first.output) == (27, 54, 0)
    second = runner.invoke(main, args, input=DUMP.read_bytes())
    assert second.exit_code == 0 and summary(second.output) == (27, 0, 54)
    assert counts(tmp_path) == (27, 54)


def test_username_prefix_option(tmp_path: Path) -> None:
    xml = tmp_path / "d.xml"
    xml.write_text(
        "<mediawiki><page><title>P</title><ns>0</ns><revision>"
        "<timestamp>2020-01-01T00:00:00Z</timestamp>"
        "<contributor><username>Alice</username></contributor>"
        "<text>x</text></revision></page></mediawiki>"
    )
    result = CliRunner().invoke(
        main, ["--data", str(tmp_path), "import", str(xml), "--username-prefix", "en", "-q"]
    )
    assert result.exit_code == 0, result.output
    wiki = Wiki.open(Settings(data=tmp_path))
    try:
        names = wiki.db.read(lambda c: [r[0] for r in c.execute(select(actor.c.actor_name))])
    finally:
        wiki.db.close()
    assert names == ["en>Alice"]


def test_malformed_dump_fails_with_line_and_column_and_keeps_earlier_pages(tmp_path: Path) -> None:
    text = DUMP.read_text()
    cut = text.index("<page>", text.index("<page>") + 1)  # after the first page
    broken = tmp_path / "broken.xml"
    broken.write_text(text[:cut] + "<page><title>x</oops>")
    result = CliRunner().invoke(main, ["--data", str(tmp_path), "import", str(broken), "-q"])
    assert result.exit_code == 1
    assert re.search(r"XML error at line \d+, column \d+: mismatched tag", result.output)
    assert "Pages imported before the error are kept (1)." in result.output
    assert counts(tmp_path) == (1, 2)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--data", str(tmp_path), "import", str(tmp_path / "no")])
    assert result.exit_code == 1
    assert "cannot open" in result.output and "No such file or directory" in result.output


def test_progress_and_notices_go_to_stderr_unless_quiet(tmp_path: Path) -> None:
    xml = tmp_path / "d.xml"
    xml.write_text(
        "<mediawiki><page><title>Special:X</title><ns>-1</ns><revision>"
        "<timestamp>2020-01-01T00:00:00Z</timestamp><text>x</text></revision></page>"
        "</mediawiki>"
    )
    result = CliRunner().invoke(main, ["--data", str(tmp_path), "import", str(xml)])
    assert result.exit_code == 0
    assert "revisions read" in result.stderr
    assert "belongs to a special namespace" in result.stderr
    quiet = CliRunner().invoke(main, ["--data", str(tmp_path), "import", str(xml), "-q"])
    assert quiet.stderr == ""
