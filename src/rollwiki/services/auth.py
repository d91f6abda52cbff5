"""Logging in with a password (Mirrors AuthManager::beginAuthentication() as 1.39 runs it
with its default providers: ThrottlePreAuthentication, LocalPasswordPrimaryAuthentication,
ResetPasswordSecondaryAuthentication) and BotPassword::login().

HTTP-free: callers pass what the request carried and get an :class:`AuthResult`.  A
successful login switches the :class:`Session` to the account (new id, fresh tokens).
Password hashing and verification run outside database transactions.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from ..i18n.messages import ListParam, Message, Num, Plaintext, Raw, RawMessage
from ..storage.queries import users as uq
from . import accounts, passwords, timestamps
from . import ip as iputils
from .passwordpolicy import PolicyStatus, check_password
from .sessions import Session
from .throttle import login_throttled_message, password_throttler

if TYPE_CHECKING:
    from .wiki import Wiki

PASS = "PASS"
FAIL = "FAIL"
UI = "UI"

# Where AuthManager keeps an unfinished login (the password-reset step) in the session.
AUTHN_STATE = "AuthManager::authnState"


@dataclass
class AuthResult:
    """Mirrors AuthenticationResponse for the statuses password logins produce."""

    status: str
    message: Message | None = None
    username: str | None = None
    user_id: int = 0
    # UI responses: which requests are needed ("reset-pass"), whether skipping is allowed.
    needs: str | None = None
    hard: bool = False

    @classmethod
    def fail(cls, message: Message) -> AuthResult:
        return cls(FAIL, message)


def status_message(
    errors: Sequence[Message], short_context: str | None = None, long_context: str | None = None
) -> Message:
    """Mirrors Status::getMessage(): one error as is, several as a "* $1\\n* $2" list."""
    if len(errors) == 1:
        if short_context:
            return Message(short_context, (errors[0],))
        if long_context:
            return Message(long_context, (RawMessage("* $1\n", (errors[0],)),))
        return errors[0]
    listed = RawMessage(
        "* $" + "\n* $".join(str(i) for i in range(1, len(errors) + 1)), tuple(errors)
    )
    if long_context:
        return Message(long_context, (listed,))
    if short_context:
        return Message(short_context, (RawMessage("\n$1\n", (listed,)),))
    return listed


def effective_groups(wiki: Wiki, conn: Connection, row: dict[str, Any]) -> list[str]:
    """The groups an account has now (explicit unexpired ones plus the implicit ones)."""
    now = timestamps.now()
    explicit = [g for g, _ in uq.groups_of(conn, row["user_id"], timestamps.to_mw(now))]
    registration = row["user_registration"]
    age = (now - timestamps.from_mw(registration)).total_seconds() if registration else 0.0
    return wiki.permissions.effective_groups(
        explicit, registered=True, editcount=row["user_editcount"], age_seconds=age
    )


# -- main-account login -------------------------------------------------------------------


def begin_password_login(
    wiki: Wiki, session: Session, username: str | None, password: str | None, ip: str
) -> AuthResult:
    """Mirrors AuthManager::beginAuthentication() for a PasswordAuthenticationRequest.

    ``username``/``password`` are None when the request lacked them; empty values make the
    password request unusable, as AuthenticationRequest::loadFromSubmission() does.
    """
    session.data.pop(AUTHN_STATE, None)
    loaded = bool(username) and bool(password)
    names: list[str | None]
    if loaded:
        assert username is not None
        canonical = wiki.usernames.get_canonical(username, "usable")
        names = [canonical] if canonical else []
    else:
        names = [None]
    throttler = password_throttler(wiki)
    if throttler is not None:
        worst = None
        for name in names:
            hit = throttler.increase(name, ip)
            if hit is not None and (worst is None or worst.wait < hit.wait):
                worst = hit
        if worst is not None:
            return AuthResult.fail(login_throttled_message(worst))
    if not loaded or not names:
        # Every primary provider abstained.
        return AuthResult.fail(Message("authmanager-authn-no-primary"))
    assert username is not None and password is not None
    name = names[0]
    assert name is not None

    def load(conn: Connection) -> tuple[dict[str, Any] | None, list[str]]:
        row = uq.user_by_name(conn, name)
        return row, (effective_groups(wiki, conn, row) if row else [])

    row, groups = wiki.db.read(load)
    if row is None:
        # Same answer as a wrong password, so that accounts cannot be enumerated (T134100).
        return AuthResult.fail(Message("wrongpassword"))
    policy = check_password(wiki.config, name, password, groups)
    if policy.fatal:
        return AuthResult.fail(status_message(policy.errors))
    if not passwords.verify_password(row["user_password"], password):
        return AuthResult.fail(Message("wrongpassword"))
    reset = _reset_flag(policy)
    if reset is not None:
        session.data[AUTHN_STATE] = {
            "user_id": row["user_id"],
            "username": name,
            "hard": reset[1],
            "msg": message_to_json(reset[0]),
        }
        session.dirty = True
        return AuthResult(UI, reset[0], username=name, needs="reset-pass", hard=reset[1])
    return _pass(wiki, session, row["user_id"], name, names, ip)


def _reset_flag(policy: PolicyStatus) -> tuple[Message, bool] | None:
    """Mirrors AbstractPasswordPrimaryAuthenticationProvider::setPasswordResetFlag()."""
    if policy.good or not (policy.force_change or policy.suggest_change):
        return None
    hard = policy.force_change
    key = "resetpass-validity" if hard else "resetpass-validity-soft"
    return status_message(policy.errors, short_context=key), hard


def _pass(
    wiki: Wiki, session: Session, user_id: int, name: str, names: Sequence[str | None], ip: str
) -> AuthResult:
    """AuthManager's success path: the session becomes the account's; throttles reset."""
    session.data.pop(AUTHN_STATE, None)
    session.log_in(user_id)
    throttler = password_throttler(wiki)
    if throttler is not None:
        for each in names:
            throttler.clear(each, ip)
    return AuthResult(PASS, username=name, user_id=user_id)


def continue_login(
    wiki: Wiki, session: Session, fields: dict[str, str | None], ip: str
) -> AuthResult:
    """Mirrors AuthManager::continueAuthentication() + ResetPasswordSecondary::tryReset()."""
    state = session.data.get(AUTHN_STATE)
    if not isinstance(state, dict):
        return AuthResult.fail(Message("authmanager-authn-not-in-progress"))
    hard = bool(state["hard"])
    reset_msg = message_from_json(state["msg"])
    name = str(state["username"])
    user_id = int(state["user_id"])
    if not hard and fields.get("skipReset"):
        return _pass(wiki, session, user_id, name, [name], ip)
    password, retype = fields.get("password"), fields.get("retype")
    if not password or not retype:
        return AuthResult(UI, reset_msg, username=name, needs="reset-pass", hard=hard)
    if password != retype:
        return AuthResult(UI, Message("badretype"), username=name, needs="reset-pass", hard=hard)

    def groups(conn: Connection) -> list[str]:
        row = uq.user_by_id(conn, user_id)
        return effective_groups(wiki, conn, row) if row else []

    policy = check_password(wiki.config, name, password, wiki.db.read(groups))
    if not policy.good:
        return AuthResult(
            UI, status_message(policy.errors), username=name, needs="reset-pass", hard=hard
        )
    hashed = passwords.hash_password(password)
    wiki.db.write(lambda c: uq.set_password(c, user_id, hashed, timestamps.mw_now()))
    return _pass(wiki, session, user_id, name, [name], ip)


# -- bot passwords --------------------------------------------------------------------------


@dataclass
class BotLoginResult:
    """BotPassword::login()'s Status: ``ok`` or the message that refused the login."""

    ok: bool
    message: Message | None = None
    user_id: int = 0
    user_name: str = ""
    app_id: str = ""
    grants: list[str] = field(default_factory=list)


# Failures after which action=login gives up instead of trying a main-account login.
BOT_LOGIN_FINAL = frozenset({"login-throttled", "botpasswords-needs-reset", "botpasswords-locked"})


def bot_password_login(
    wiki: Wiki, session: Session, login: str, password: str, ip: str
) -> BotLoginResult:
    """Mirrors BotPassword::login(); on success the session becomes a bot-password session."""
    if not wiki.config.bot_passwords_enabled:
        return BotLoginResult(False, Message("botpasswords-disabled"))
    sep = accounts.BOT_PASSWORD_SEPARATOR
    if sep not in login:
        return BotLoginResult(False, Message("botpasswords-invalid-name", (sep,)))
    name, app_id = login.split(sep, 1)
    canonical = wiki.usernames.get_canonical(name, "valid")
    row = wiki.db.read(lambda c: uq.user_by_name(c, canonical)) if canonical else None
    if row is None:
        return BotLoginResult(False, Message("nosuchuser", (Plaintext(name),)))
    user_name = str(row["user_name"])
    throttler = password_throttler(wiki, "botpassword")
    if throttler is not None:
        hit = throttler.increase(user_name, ip)
        if hit is not None:
            return BotLoginResult(False, login_throttled_message(hit))
    bp = wiki.db.read(lambda c: uq.bot_password(c, row["user_id"], app_id))
    if bp is None:
        return BotLoginResult(False, Message("botpasswords-not-exist", (name, app_id)))
    restrictions = json.loads(bp["bp_restrictions"] or "{}")
    ranges = restrictions.get("IPAddresses", ["0.0.0.0/0", "::/0"])
    if not _ip_allowed(ip, ranges):
        return BotLoginResult(False, Message("botpasswords-restriction-failed"))
    if not bp["bp_password"]:
        return BotLoginResult(False, Message("botpasswords-needs-reset", (name, app_id)))
    if not passwords.verify_password(bp["bp_password"], password):
        return BotLoginResult(False, Message("wrongpassword"))
    if throttler is not None:
        throttler.clear(user_name, ip)
    session.data.pop(AUTHN_STATE, None)
    session.log_in(row["user_id"], app_id)
    session.data["bp_token"] = bp["bp_token"]
    return BotLoginResult(
        True,
        user_id=row["user_id"],
        user_name=user_name,
        app_id=app_id,
        grants=json.loads(bp["bp_grants"]),
    )


ALL_ADDRESSES = frozenset({"0.0.0.0/0", "::/0"})


def _ip_allowed(ip: str, ranges: Sequence[str]) -> bool:
    """MWRestrictions::checkIP().  "Everywhere" also admits a client whose address is not
    an IP at all (a test transport or a Unix socket), which no range could match."""
    if ALL_ADDRESSES <= set(ranges):
        return True
    return iputils.is_in_ranges(ip, ranges)


# -- messages kept in the session --------------------------------------------------------


def message_to_json(value: Any) -> Any:
    """A message (with nested messages, numbers and lists) as JSON for the session."""
    if isinstance(value, Message):
        kind = "raw" if isinstance(value, RawMessage) else "msg"
        return {kind: value.key, "params": [message_to_json(p) for p in value.params]}
    if isinstance(value, Num):
        return {"num": value.value}
    if isinstance(value, Plaintext):
        return {"plaintext": value.value}
    if isinstance(value, Raw):
        return {"rawparam": value.value}
    if isinstance(value, ListParam):
        return {"list": [message_to_json(i) for i in value.items], "type": value.type}
    return value


def message_from_json(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    if "msg" in value or "raw" in value:
        params = tuple(message_from_json(p) for p in value["params"])
        if "raw" in value:
            return RawMessage(value["raw"], params)
        return Message(value["msg"], params)
    if "num" in value:
        return Num(value["num"])
    if "plaintext" in value:
        return Plaintext(value["plaintext"])
    if "rawparam" in value:
        return Raw(value["rawparam"])
    if "list" in value:
        return ListParam(tuple(message_from_json(i) for i in value["list"]), value["type"])
    return value
