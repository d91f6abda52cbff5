"""Creating an account (Mirrors AuthManager::beginAccountCreation() with 1.39's default
providers: the account-creation throttle and local passwords).

The new account gets its actor, its user page (and talk page) on its watchlist and a
``newusers`` log entry: ``create`` when an anonymous visitor made it (and is its
performer), ``create2`` when a logged-in user made it for someone else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from ..i18n.messages import Message
from ..storage.queries import users as uq
from ..storage.queries import watchlist as wq
from . import accounts, passwords, timestamps
from .auth import FAIL, PASS, AuthResult, status_message
from .logs import LogEntry, write_log
from .passwordpolicy import check_password
from .performer import Performer
from .throttle import account_creation_throttler, creation_throttled_message
from .titles import Title

if TYPE_CHECKING:
    from .wiki import Wiki

NS_USER = 2
NS_USER_TALK = 3

# Sanitizer::validateEmail(): HTML5's e-mail address rule.
_EMAIL = re.compile(
    r"^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9]([a-z0-9-]*[a-z0-9])?"
    r"(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$",
    re.IGNORECASE,
)


@dataclass
class Signup:
    """The fields of the creation requests, as the client sent them (None when absent)."""

    username: str | None = None
    password: str | None = None
    retype: str | None = None
    realname: str | None = None
    email: str | None = None
    reason: str | None = None


def begin_account_creation(
    wiki: Wiki, creator: Performer, form: Signup, ip: str, lang: str = "en"
) -> AuthResult:
    """Mirrors AuthManager::beginAccountCreation() + continueAccountCreation()."""
    if not form.username:
        return AuthResult.fail(Message("noname"))
    refusal = authorize_creation(wiki, creator, lang)
    if refusal is not None:
        return AuthResult.fail(refusal)
    usernames = wiki.usernames
    existing_name = usernames.get_canonical(form.username, "usable")
    if existing_name and wiki.db.read(lambda c: uq.user_by_name(c, existing_name)):
        return AuthResult.fail(Message("userexists"))
    name = usernames.get_canonical(form.username, "creatable")
    if not name:
        return AuthResult.fail(Message("noname"))
    if name != existing_name and wiki.db.read(lambda c: uq.user_by_name(c, name)):
        return AuthResult.fail(Message("userexists"))
    if form.email and not _EMAIL.match(form.email):
        return AuthResult.fail(Message("invalidemailaddress"))
    # Pre-creation tests, in provider order: the throttle, then the password.
    throttler = account_creation_throttler(wiki)
    if throttler is not None and _ping_limitable(wiki, creator, ip):
        hit = throttler.increase(None, ip)
        if hit is not None:
            return AuthResult.fail(creation_throttled_message(hit))
    has_password_request = bool(form.password) and bool(form.retype)
    if has_password_request:
        if form.password != form.retype:
            return AuthResult.fail(Message("badretype"))
        assert form.password is not None
        # A new account has only the implicit "*" group.
        policy = check_password(wiki.config, name, form.password, ["*"])
        if not policy.good:
            return AuthResult.fail(status_message(policy.errors))
    else:
        return AuthResult.fail(Message("authmanager-create-no-primary"))
    assert form.password is not None
    hashed = passwords.hash_password(form.password)

    def create(conn: Connection) -> int:
        user_id = accounts.create_user(conn, name, hashed)
        if form.realname or form.email:
            uq.set_user_details(conn, user_id, form.realname or "", form.email or "")
        # AuthManager watches the new user page, ignoring rights (WatchlistManager adds both
        # the subject and the talk page).
        now_ts = timestamps.mw_now()
        for namespace in (NS_USER, NS_USER_TALK):
            wq.add_watch(
                conn, user_id, namespace, name.replace(" ", "_"), None, now_ts, keep_expiry=False
            )
        _log_creation(conn, creator, user_id, name, form.reason or "", ip)
        return user_id

    try:
        user_id = wiki.db.write(create)
    except accounts.AccountError as exc:
        return AuthResult.fail(Message(exc.key))
    return AuthResult(PASS, username=name, user_id=user_id)


def authorize_creation(wiki: Wiki, creator: Performer, lang: str) -> Message | None:
    """Mirrors AuthManager::authorizeCreateAccount(): read-only mode, then the right."""
    reason = wiki.config.read_only
    if reason:
        return Message("readonlytext", (reason,))
    if not creator.allowed("createaccount"):
        return wiki.permissions.missing_right_message("createaccount", lang)
    return None


def _ping_limitable(wiki: Wiki, creator: Performer, ip: str) -> bool:
    """Mirrors User::isPingLimitable(): not for exempt addresses or ``noratelimit``."""
    from . import ip as iputils

    if wiki.config.rate_limits_excluded_ips and iputils.is_in_ranges(
        ip, wiki.config.rate_limits_excluded_ips
    ):
        return False
    return not creator.allowed("noratelimit")


def _log_creation(
    conn: Connection, creator: Performer, user_id: int, name: str, reason: str, ip: str
) -> None:
    anonymous = creator.is_anon
    performer_name = name if anonymous else creator.name
    actor_id = uq.ensure_actor(conn, performer_name, user_id if anonymous else creator.user_id)
    write_log(
        conn,
        LogEntry(
            type="newusers",
            action="create" if anonymous else "create2",
            actor_id=actor_id,
            title=Title(NS_USER, name),
            timestamp=timestamps.mw_now(),
            comment=reason,
            params={"4::userid": user_id},
        ),
        ip=ip,
    )


__all__ = ["FAIL", "PASS", "Signup", "authorize_creation", "begin_account_creation"]
