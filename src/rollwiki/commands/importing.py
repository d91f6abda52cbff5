"""``rollwiki import``: load an XML dump (Mirrors maintenance/importDump.php)."""

from __future__ import annotations

import os
import sys
import time

import click

from ..cli import Context
from ..services.dumpreader import DumpError, open_dump
from ..services.importer import Importer, ImportFailure, ImportOptions, ImportStats

# Redraw the counter at most this often: a terminal write per revision costs more than
# the revision itself.
_REDRAW_SECONDS = 0.2


class _Progress:
    """A one-line counter on stderr: pages, revisions, rate and (for files) percent done."""

    def __init__(self, total_bytes: int | None, enabled: bool) -> None:
        self.total = total_bytes
        self.enabled = enabled
        self._last = 0.0

    def update(self, stats: ImportStats, *, final: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not final and now - self._last < _REDRAW_SECONDS):
            return
        self._last = now
        rate = stats.revisions_seen / stats.seconds if stats.seconds > 0 else 0.0
        done = ""
        if self.total:
            done = f" {min(100.0, 100.0 * stats.bytes_read / self.total):5.1f}% of input,"
        sys.stderr.write(
            f"\r{done} {stats.pages} pages, {stats.revisions_seen} revisions read"
            f" ({rate:.0f} revisions/s)"
        )
        if final:
            sys.stderr.write("\n")
        sys.stderr.flush()


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--username-prefix",
    default="imported",
    show_default=True,
    help='Interwiki prefix for contributor names ("Name" becomes "imported>Name"); '
    'names that already contain ">" are kept as they are.',
)
@click.option(
    "--assign-known-users",
    is_flag=True,
    help="Attribute edits to local accounts where one with the contributor's name exists.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress counter and no notices.")
@click.pass_obj
def import_dump(
    ctx: Context, file: str, username_prefix: str, assign_known_users: bool, quiet: bool
) -> None:
    """Import pages from an XML dump (Special:Export / dumpBackup.php, schema 0.10 or 0.11).

    FILE may be "-" for standard input; .gz and .bz2 files are decompressed.  Revisions
    keep their timestamps, authors and comments; no null revision is added, and
    revisions already present (same page, timestamp and SHA-1) are skipped, so importing
    a dump twice is harmless.
    """
    wiki = ctx.open_wiki()
    try:
        stream = open_dump(file)
    except OSError as exc:
        raise click.ClickException(f"cannot open {file}: {exc.strerror or exc}") from exc
    total = None
    if file != "-":
        try:
            total = os.path.getsize(file)
        except OSError:
            total = None
    progress = _Progress(total, enabled=not quiet)
    importer = Importer(
        wiki,
        ImportOptions(username_prefix=username_prefix, assign_known_users=assign_known_users),
        on_progress=progress.update,
    )
    try:
        with stream:
            stats = importer.run(stream)
    except (DumpError, ImportFailure) as exc:
        progress.update(importer.stats, final=True)
        _report(importer.stats, quiet=quiet)
        raise click.ClickException(
            f"{exc}\nPages imported before the error are kept ({importer.stats.pages})."
        ) from exc
    finally:
        wiki.db.close()
    progress.update(stats, final=True)
    _report(stats, quiet=quiet)


def _report(stats: ImportStats, *, quiet: bool) -> None:
    if not quiet:
        for notice in stats.notices:
            click.echo(notice, err=True)
    seconds = stats.seconds
    rate = stats.revisions_seen / seconds if seconds > 0 else 0.0
    extra = []
    if stats.log_items:
        extra.append(f"{stats.log_items} log items")
    if stats.uploads_skipped:
        extra.append(f"{stats.uploads_skipped} file uploads skipped")
    click.echo(
        f"Imported {stats.revisions} revisions of {stats.pages} pages"
        f" ({stats.revisions_seen - stats.revisions} already present or skipped)"
        + (", " + ", ".join(extra) if extra else "")
        + f" in {seconds:.2f} s ({rate:.1f} revisions/s)"
    )


COMMANDS = [import_dump]
