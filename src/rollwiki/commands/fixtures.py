"""``rollwiki load-fixtures`` and ``rollwiki tag create``."""

from __future__ import annotations

from pathlib import Path

import click

from ..cli import Context
from ..i18n.messages import strip_markup
from ..services.dumpreader import DumpError
from ..services.fixtures import FixtureError, load_fixtures
from ..services.importer import ImportFailure
from ..services.tagdefs import TagError, create_tag, system_actor


@click.command("load-fixtures")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def load_fixtures_command(ctx: Context, file: Path) -> None:
    """Bring the wiki to the state a fixtures file describes (idempotent).

    The format is tests/data/conformance/fixtures.json's: site settings, namespaces,
    interwiki prefixes, group rights, grants, accounts, bot passwords, change tags, pages
    and an XML dump to import.  What already matches is left alone, so running it again
    changes nothing.
    """
    wiki = ctx.open_wiki()
    try:
        report = load_fixtures(wiki, file)
    except (FixtureError, DumpError, ImportFailure) as exc:
        raise click.ClickException(f"{file}: {exc}") from exc
    finally:
        wiki.db.close()
    for change in report.changes:
        click.echo(f"  {change}")
    for notice in report.imported.notices if report.imported else []:
        click.echo(f"  {notice}", err=True)
    if report.changes:
        click.echo(f"{file}: {len(report.changes)} change(s) applied")
    else:
        click.echo(f"{file}: the wiki already matches; nothing changed")


@click.group("tag")
def tag() -> None:
    """Change tags."""


@tag.command("create")
@click.argument("name")
@click.option("--reason", default="", help="Reason recorded in the tag management log.")
@click.pass_obj
def tag_create(ctx: Context, name: str, reason: str) -> None:
    """Define an active user-defined change tag (Mirrors maintenance/addChangeTag.php).

    The tag is logged as created by the "Maintenance script" system user.
    """
    wiki = ctx.open_wiki()
    try:
        wiki.db.write(lambda conn: create_tag(conn, wiki.titles, name, reason, system_actor(conn)))
    except TagError as exc:
        text = wiki.formatter("en").text(exc.message)
        raise click.ClickException(strip_markup(text)) from exc
    finally:
        wiki.db.close()
    click.echo(f"{name} was created.")


COMMANDS = [load_fixtures_command, tag]
