"""``rollwiki demo``: a wiki ready to explore, with accounts printed on the console."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import click

from ..cli import Context
from ..services import timestamps
from ..services.fixtures import load_fixtures
from ..services.pageupdater import Author, NewRevision, save_revision
from ..services.wiki import Wiki
from ..storage.queries import pages as pq
from ..storage.queries import users as uq

DEMO_PAGE = "Sandbox"
HISTORY = (
    ("Editor", "The sandbox is a page where anyone can try editing.", "start the sandbox"),
    ("Vandal", "The sandbox is a page where anyone can try editing.\n\nLOL LOL LOL", "..."),
    ("Vandal", "LOL LOL LOL LOL LOL LOL", "improved"),
)


def demo_fixtures() -> Path:
    return Path(str(resources.files("rollwiki") / "data" / "demo.json"))


def vandalise(wiki: Wiki) -> bool:
    """Give the demo page an Editor revision and two Vandal edits, once."""
    title = wiki.titles.parse(DEMO_PAGE)

    def write(conn: Any) -> bool:
        if pq.page_by_title(conn, title.namespace, title.dbkey) is not None:
            return False
        for author, text, summary in HISTORY:
            row = uq.user_by_name(conn, author)
            user_id = row["user_id"] if row else 0
            actor = uq.ensure_actor(conn, author, user_id or None)
            save_revision(
                conn,
                NewRevision(
                    title=title,
                    author=Author(actor, author, user_id),
                    text=text,
                    comment=summary,
                    timestamp=timestamps.mw_now(),
                ),
                wiki.titles,
            )
        return True

    return bool(wiki.db.write(write))


@click.command()
@click.option("--port", type=int, default=8080, help="Port the wiki will be served on.")
@click.pass_obj
def demo(ctx: Context, port: int) -> None:
    """Set up a demo wiki (accounts, a bot password, a vandalised page) and print logins."""
    wiki = ctx.open_wiki()
    data = json.loads(demo_fixtures().read_text(encoding="utf-8"))
    load_fixtures(wiki, demo_fixtures())
    from ..storage.queries.site import save_site_config

    server = f"http://127.0.0.1:{port}"
    wiki.db.write(lambda conn: save_site_config(conn, {"server": server}))
    wiki.reload_config()
    vandalise(wiki)
    click.echo(f"rollwiki demo at {server}/wiki/Main_Page  (API: {server}/w/api.php)")
    click.echo("Logins (local demo passwords):")
    for user in data["users"]:
        if user.get("password"):
            groups = ", ".join(user["groups"]) or "plain user"
            click.echo(f"  {user['name']:10} {user['password']:22} ({groups})")
    for bp in data["bot_passwords"]:
        click.echo(
            f"  bot password {bp['user']}@{bp['app_id']}  {bp['password']}"
            f"  (action=login; grants {', '.join(bp['grants'])})"
        )
    click.echo(f"Roll back Vandal on [[{DEMO_PAGE}]]: log in as Patroller and open its history.")
    wiki.db.close()


COMMANDS = [demo]
