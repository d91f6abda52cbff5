"""CSRF-style tokens in MediaWiki's exact format (Mirrors MediaWiki\\Session\\Token).

token = hex(HMAC-MD5(secret, str(unix_ts) + salt)) + hex(unix_ts) + "+\\"
Secrets live in the session, one per purpose key: ``default`` (csrf, rollback, watch,
patrol, userrights), ``login`` and ``createaccount``.
"""

from __future__ import annotations

import hashlib
import hmac
import time

SUFFIX = "+\\"
ANON_TOKEN = SUFFIX

# ApiQueryTokens::getTokenTypeSalts(): type -> (salt, secret key)
TOKEN_TYPES: dict[str, tuple[str, str]] = {
    "createaccount": ("", "createaccount"),
    "csrf": ("", "default"),
    "login": ("", "login"),
    "patrol": ("patrol", "default"),
    "rollback": ("rollback", "default"),
    "userrights": ("userrights", "default"),
    "watch": ("watch", "default"),
}

# Types whose token is the constant "+\" for anonymous sessions.
ANON_CONSTANT_TYPES = frozenset({"csrf", "patrol", "rollback", "userrights", "watch"})


def make_token(secret: str, salt: str, timestamp: int | None = None) -> str:
    """Mirrors Token::toStringAtTimestamp()."""
    ts = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{ts}{salt}".encode(), hashlib.md5).hexdigest()
    return f"{digest}{ts:x}{SUFFIX}"


def token_timestamp(token: str) -> int | None:
    """Mirrors Token::getTimestamp(): None when the token is not well-formed."""
    n = len(SUFFIX)
    if len(token) <= 32 + n or not token.endswith(SUFFIX):
        return None
    body = token[:-n]
    if any(c not in "0123456789abcdef" for c in body):
        return None
    return int(body[32:], 16)


def match_token(secret: str, salt: str, token: str) -> bool:
    """Mirrors Token::match(): any timestamp is accepted; comparison in constant time."""
    ts = token_timestamp(token)
    if ts is None:
        return False
    return hmac.compare_digest(make_token(secret, salt, ts), token)
