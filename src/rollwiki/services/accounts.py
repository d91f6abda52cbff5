"""Accounts: creating users, groups and bot passwords (Mirrors parts of UserFactory,
UserGroupManager and BotPassword).

Password hashing is CPU work: callers hash with :func:`passwords.hash_password` outside the
write transaction and pass the hash in.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection

from ..storage.queries import users as uq
from . import timestamps

BOT_PASSWORD_RE = re.compile(r"^[0-9a-w]{32,}$")
BOT_PASSWORD_SEPARATOR = "@"
APP_ID_MAX = 32


class AccountError(ValueError):
    """A request about accounts that cannot be carried out; ``key`` is a message key."""

    def __init__(self, key: str, *params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class BotLogin:
    """A login name/password pair recognised as a bot-password login."""

    login: str  # "User@app", split at its first "@" by BotPassword::login()
    password: str


def canonicalize_bot_login(name: str, password: str) -> BotLogin | None:
    """Mirrors BotPassword::canonicalizeLoginData(): ``User@app`` + 32+ chars of [0-9a-w],
    or ``User`` + ``app@password``."""
    # strlen() counts bytes; the length checks come first to leak less through timing.
    size = len(password.encode("utf-8"))
    if size >= 32 and BOT_PASSWORD_SEPARATOR in name:
        if BOT_PASSWORD_RE.match(password):
            return BotLogin(name, password)
    elif size > 32 and BOT_PASSWORD_SEPARATOR in password:
        app_id, _, secret = password.rpartition(BOT_PASSWORD_SEPARATOR)
        if BOT_PASSWORD_RE.match(secret):
            return BotLogin(f"{name}{BOT_PASSWORD_SEPARATOR}{app_id}", secret)
    return None


def generate_bot_password() -> str:
    """32 characters of [0-9a-w], as Special:BotPasswords generates them."""
    alphabet = "0123456789abcdefghijklmnopqrstuvw"
    return "".join(secrets.choice(alphabet) for _ in range(32))


def create_user(
    conn: Connection,
    name: str,
    password_hash: str,
    groups: Iterable[str] = (),
    *,
    is_system: bool = False,
) -> int:
    """Insert an account (name already canonical) with explicit groups; returns its id."""
    if uq.user_by_name(conn, name) is not None:
        raise AccountError("userexists")
    now = timestamps.mw_now()
    user_id = uq.insert_user(conn, name, password_hash, now, is_system=is_system)
    for group in groups:
        uq.add_group(conn, user_id, group, None)
    return user_id


def set_bot_password(
    conn: Connection,
    user_id: int,
    app_id: str,
    password_hash: str,
    grants: Iterable[str],
    ip_ranges: Iterable[str] = ("0.0.0.0/0", "::/0"),
) -> str:
    """Create or replace a bot password; returns the new session token (bp_token).

    Replacing it changes the token, which ends the sessions made with the old one.
    """
    if not app_id or len(app_id) > APP_ID_MAX or BOT_PASSWORD_SEPARATOR in app_id:
        raise AccountError("botpasswords-invalid-name", app_id)
    token = secrets.token_hex(16)
    uq.upsert_bot_password(
        conn,
        {
            "bp_user": user_id,
            "bp_app_id": app_id,
            "bp_password": password_hash,
            "bp_token": token,
            "bp_restrictions": json.dumps({"IPAddresses": list(ip_ranges)}),
            "bp_grants": json.dumps(sorted(set(grants))),
        },
    )
    return token
