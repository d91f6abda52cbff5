"""Password hashing: argon2 for new hashes, MediaWiki's pbkdf2 format for imported ones."""

from __future__ import annotations

import base64
import hashlib
import hmac

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

# argon2id with RFC 9106 style settings sized for a small machine (about 15 ms a hash);
# hashing runs in request threads, never in the SQLite writer.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str, password: str) -> bool:
    """Check a password against an argon2 hash or a MediaWiki ``:pbkdf2:`` hash."""
    if not stored:
        return False
    if stored.startswith(":pbkdf2:"):
        return _verify_mediawiki_pbkdf2(stored, password)
    try:
        return _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _verify_mediawiki_pbkdf2(stored: str, password: str) -> bool:
    # :pbkdf2:<algo>:<iterations>:<length>:<base64 salt>:<base64 hash> (Pbkdf2Password)
    try:
        _, _, algo, iterations, length, salt, digest = stored.split(":")
        expected = base64.b64decode(digest)
        actual = hashlib.pbkdf2_hmac(
            algo, password.encode(), base64.b64decode(salt), int(iterations), int(length)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(expected, actual)
