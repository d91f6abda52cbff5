"""``rollwiki init`` and ``rollwiki serve``."""

from __future__ import annotations

import click

from ..cli import Context


@click.command()
@click.pass_obj
def init(ctx: Context) -> None:
    """Create the data directory and the database (serve does this itself)."""
    wiki = ctx.open_wiki()
    click.echo(f"wiki ready: {wiki.settings.database_url()}")


@click.command()
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default 8080).")
@click.option(
    "--workers",
    type=int,
    default=None,
    help="App processes; more than 1 needs PostgreSQL or MariaDB.",
)
@click.pass_obj
def serve(ctx: Context, host: str | None, port: int | None, workers: int | None) -> None:
    """Serve api.php and index.php."""
    import uvicorn

    settings = ctx.settings
    if host is not None:
        settings.host = host
    if port is not None:
        settings.port = port
    if workers is not None:
        settings.workers = workers
    if settings.workers < 1:
        raise click.BadParameter("must be at least 1", param_hint="--workers")
    if settings.workers > 1 and settings.database_url().startswith("sqlite"):
        raise click.UsageError(
            "--workers > 1 needs PostgreSQL or MariaDB: SQLite allows one writer process"
        )
    wiki = ctx.open_wiki()
    click.echo(
        f"rollwiki serving {wiki.config.sitename} at "
        f"http://{settings.host}:{settings.port}{wiki.config.script_path}/api.php"
    )
    if settings.workers == 1:
        from ..app import create_app

        uvicorn.run(
            create_app(wiki=wiki), host=settings.host, port=settings.port, log_level="warning"
        )
    else:
        import os

        os.environ["ROLLWIKI_DATA"] = str(settings.data)
        if settings.db:
            os.environ["ROLLWIKI_DB"] = settings.db
        uvicorn.run(
            "rollwiki.app:create_app",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=settings.workers,
            log_level="warning",
        )


COMMANDS = [init, serve]
