"""The ``rollwiki`` command line.  Every command takes ``--data`` and ``--db``.

Subcommands live in :mod:`rollwiki.commands`; each module there exports ``COMMANDS``.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path
from typing import Any

import click

from .config import Settings


class Context:
    """What every command receives: the settings built from --data/--db/environment."""

    def __init__(self, data: Path | None, db: str | None) -> None:
        overrides: dict[str, Any] = {}
        if data is not None:
            overrides["data"] = data
        if db is not None:
            overrides["db"] = db
        self.settings = Settings(**overrides)

    def open_wiki(self, *, create: bool = True) -> Any:
        from .services.wiki import Wiki

        try:
            return Wiki.open(self.settings, create=create)
        except Exception as exc:  # one clear line instead of a traceback
            raise click.ClickException(f"cannot open the wiki database: {exc}") from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--data",
    type=click.Path(path_type=Path),
    default=None,
    help="Data directory (default ./data, or ROLLWIKI_DATA).",
)
@click.option(
    "--db",
    default=None,
    help="Database URL (default: SQLite in the data directory, or ROLLWIKI_DB), "
    "e.g. postgresql+psycopg://user@host/db or mysql+pymysql://root@host/db.",
)
@click.pass_context
def main(ctx: click.Context, data: Path | None, db: str | None) -> None:
    """rollwiki: a MediaWiki-compatible wiki server built around rollback."""
    ctx.obj = Context(data, db)


def _register() -> None:
    from . import commands

    for info in pkgutil.iter_modules(commands.__path__):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        for command in getattr(module, "COMMANDS", ()):
            main.add_command(command)


_register()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
