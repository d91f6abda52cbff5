"""``rollwiki user ...`` and ``rollwiki botpassword ...``: accounts from the command line.

Mirrors what maintenance/createAndPromote.php, changePassword.php and Special:BotPasswords
do.  Every failure is one line on stderr and a non-zero exit status.
"""

from __future__ import annotations

from typing import Any

import click

from ..cli import Context
from ..services import accounts, passwords, timestamps
from ..storage.queries import sessions as sq
from ..storage.queries import users as uq


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def _existing_user(wiki: Any, name: str) -> dict[str, Any]:
    canonical = wiki.usernames.get_canonical(name, "valid")
    if not canonical:
        raise click.ClickException(f"invalid user name: {name!r}")
    row = wiki.db.read(lambda c: uq.user_by_name(c, canonical))
    if row is None:
        raise click.ClickException(f"no such user: {canonical}")
    return dict(row)


def _check_groups(wiki: Any, groups: list[str]) -> None:
    known = wiki.permissions.assignable_groups()
    unknown = [g for g in groups if g not in known]
    if unknown:
        raise click.ClickException(
            f"unknown group(s): {', '.join(unknown)} (known: {', '.join(known)})"
        )


@click.group()
def user() -> None:
    """Create accounts, change their groups and passwords."""


@user.command("create")
@click.argument("name")
@click.option("--password", required=True, help="The account's password.")
@click.option("--groups", default="", help="Comma-separated groups, e.g. sysop,bureaucrat.")
@click.pass_obj
def user_create(ctx: Context, name: str, password: str, groups: str) -> None:
    """Create the account NAME and print its id."""
    wiki = ctx.open_wiki()
    canonical = wiki.usernames.get_canonical(name, "creatable")
    if not canonical:
        raise click.ClickException(
            f"invalid user name: {name!r} (MediaWiki's rules: no IPs, no @ : > / # "
            "characters, at most 235 bytes)"
        )
    if not password:
        raise click.ClickException("the password must not be empty")
    wanted = _split(groups)
    _check_groups(wiki, wanted)
    hashed = passwords.hash_password(password)
    try:
        user_id = wiki.db.write(lambda c: accounts.create_user(c, canonical, hashed, wanted))
    except accounts.AccountError as exc:
        if exc.key == "userexists":
            raise click.ClickException(f"user already exists: {canonical}") from None
        raise click.ClickException(exc.key) from None
    click.echo(user_id)


@user.command("groups")
@click.argument("name")
@click.option("--add", default="", help="Comma-separated groups to add.")
@click.option("--remove", default="", help="Comma-separated groups to remove.")
@click.pass_obj
def user_groups(ctx: Context, name: str, add: str, remove: str) -> None:
    """Add or remove explicit groups of NAME, then print its groups."""
    wiki = ctx.open_wiki()
    row = _existing_user(wiki, name)
    to_add, to_remove = _split(add), _split(remove)
    if not to_add and not to_remove:
        raise click.ClickException("nothing to do: give --add and/or --remove")
    _check_groups(wiki, to_add + to_remove)
    user_id = int(row["user_id"])

    def change(conn: Any) -> list[str]:
        for group in to_remove:
            uq.remove_group(conn, user_id, group)
        for group in to_add:
            uq.add_group(conn, user_id, group, None)
        return [g for g, _ in uq.groups_of(conn, user_id, timestamps.mw_now())]

    groups = wiki.db.write(change)
    click.echo(", ".join(groups) if groups else "(no groups)")


@user.command("password")
@click.argument("name")
@click.option("--password", required=True, help="The new password.")
@click.pass_obj
def user_password(ctx: Context, name: str, password: str) -> None:
    """Set the password of NAME; its sessions end."""
    wiki = ctx.open_wiki()
    row = _existing_user(wiki, name)
    if not password:
        raise click.ClickException("the password must not be empty")
    hashed = passwords.hash_password(password)
    user_id = int(row["user_id"])

    def change(conn: Any) -> None:
        uq.set_password(conn, user_id, hashed, timestamps.mw_now())
        # Like a password change in MediaWiki, other sessions of the main account end.
        sq.delete_user_sessions(conn, user_id)

    wiki.db.write(change)
    click.echo(f"password changed for {row['user_name']}")


@click.group()
def botpassword() -> None:
    """Manage bot passwords (Special:BotPasswords)."""


@botpassword.command("create")
@click.argument("user_name", metavar="USER")
@click.argument("app_id", metavar="APPID")
@click.option(
    "--password",
    default=None,
    help="32+ characters of [0-9a-w]; generated (and printed) when omitted.",
)
@click.option("--grants", default="basic", show_default=True, help="Comma-separated grants.")
@click.pass_obj
def botpassword_create(
    ctx: Context, user_name: str, app_id: str, password: str | None, grants: str
) -> None:
    """Create or replace the bot password USER@APPID and print the password."""
    wiki = ctx.open_wiki()
    if not wiki.config.bot_passwords_enabled:
        raise click.ClickException("bot passwords are disabled on this wiki")
    row = _existing_user(wiki, user_name)
    wanted = _split(grants)
    valid = wiki.permissions.valid_grants()
    unknown = [g for g in wanted if g not in valid]
    if unknown:
        raise click.ClickException(
            f"unknown grant(s): {', '.join(unknown)} (known: {', '.join(valid)})"
        )
    if password is None:
        password = accounts.generate_bot_password()
    elif not accounts.BOT_PASSWORD_RE.match(password):
        raise click.ClickException("a bot password must be at least 32 characters of 0-9 and a-w")
    hashed = passwords.hash_password(password)
    try:
        wiki.db.write(
            lambda c: accounts.set_bot_password(c, int(row["user_id"]), app_id, hashed, wanted)
        )
    except accounts.AccountError:
        raise click.ClickException(
            f"invalid application id: {app_id!r} (1 to {accounts.APP_ID_MAX} characters, no @)"
        ) from None
    click.echo(f"{row['user_name']}@{app_id} {password}")


@botpassword.command("list")
@click.argument("user_name", metavar="USER")
@click.pass_obj
def botpassword_list(ctx: Context, user_name: str) -> None:
    """List the bot passwords of USER with their grants."""
    import json

    wiki = ctx.open_wiki()
    row = _existing_user(wiki, user_name)
    entries = wiki.db.read(lambda c: uq.bot_passwords_of(c, int(row["user_id"])))
    if not entries:
        click.echo(f"{row['user_name']} has no bot passwords")
        return
    for bp in entries:
        grants = ",".join(json.loads(bp["bp_grants"]))
        click.echo(f"{row['user_name']}@{bp['bp_app_id']}\t{grants}")


@botpassword.command("delete")
@click.argument("user_name", metavar="USER")
@click.argument("app_id", metavar="APPID")
@click.pass_obj
def botpassword_delete(ctx: Context, user_name: str, app_id: str) -> None:
    """Delete the bot password USER@APPID; its sessions end."""
    wiki = ctx.open_wiki()
    row = _existing_user(wiki, user_name)
    user_id = int(row["user_id"])

    def delete(conn: Any) -> bool:
        gone = uq.delete_bot_password(conn, user_id, app_id)
        if gone:
            sq.delete_user_sessions(conn, user_id, app_id)
        return gone

    if not wiki.db.write(delete):
        raise click.ClickException(f"no such bot password: {row['user_name']}@{app_id}")
    click.echo(f"deleted {row['user_name']}@{app_id}")


COMMANDS = [user, botpassword]
