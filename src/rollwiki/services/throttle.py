"""Attempt throttles for logins and account creation (Mirrors MediaWiki\\Auth\\Throttler).

Counters live in a ``limits`` storage: process memory for one app process, Redis (the
wiki's ``redis_url``) when several processes share the work.  A throttle condition is
``{"count": N, "seconds": S}`` (optionally ``"allIPs": true``); a count of 0 disables it
and an empty list disables the throttle.
"""

from __future__ import annotations

import hashlib
import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from limits.storage import Storage, storage_from_string

from ..i18n.messages import Formatter, ListParam, Message, Num

if TYPE_CHECKING:
    from .wiki import Wiki

_storages: weakref.WeakKeyDictionary[Any, Storage] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def counter_storage(wiki: Wiki) -> Storage:
    """The counter storage of a wiki: Redis when configured, else this process's memory."""
    with _lock:
        existing = _storages.get(wiki)
        if existing is not None:
            return existing
        url = wiki.config.redis_url or wiki.settings.redis_url
        created = storage_from_string(url if url else "memory://")
        assert isinstance(created, Storage)
        _storages[wiki] = created
        return created


@dataclass(frozen=True)
class ThrottleHit:
    """Which condition refused the attempt (Throttler::increase()'s array)."""

    index: int
    count: int
    wait: int


class Throttler:
    """Counts attempts per (user name, IP) and refuses them past each condition's count."""

    def __init__(self, conditions: Sequence[dict[str, Any]], kind: str, storage: Storage):
        self.conditions = list(conditions)
        self.kind = kind
        self.storage = storage

    def _key(self, index: int, ip: str | None, username: str | None) -> str:
        user_key = hashlib.md5(username.encode()).hexdigest() if username else ""
        return f"throttler:{self.kind}:{index}:{ip or ''}:{user_key}"

    def increase(self, username: str | None, ip: str | None) -> ThrottleHit | None:
        """Mirrors Throttler::increase(): None when the attempt may go ahead."""
        if not username and ip is None:
            raise ValueError("either a user name or an IP must be set for throttling")
        for index, cond in enumerate(self.conditions):
            count = int(cond.get("count") or 0)
            seconds = int(cond.get("seconds") or 0)
            ip_key = None if cond.get("allIPs") else ip
            # A count of 0 disables a condition; throttling the whole world is never meant.
            if not count or (not username and ip_key is None):
                continue
            key = self._key(index, ip_key, username)
            current = self.storage.get(key)
            if current and current >= count:
                return ThrottleHit(index, count, seconds)
            self.storage.incr(key, max(seconds, 1))
        return None

    def clear(self, username: str | None, ip: str | None) -> None:
        """Mirrors Throttler::clear(): forget the counts after a success."""
        for index, cond in enumerate(self.conditions):
            ip_key = None if cond.get("allIPs") else ip
            self.storage.clear(self._key(index, ip_key, username))


def password_throttler(wiki: Wiki, kind: str = "password") -> Throttler | None:
    """$wgPasswordAttemptThrottle as a throttler (None when switched off)."""
    conditions = wiki.config.password_attempt_throttle
    if not conditions:
        return None
    return Throttler(conditions, kind, counter_storage(wiki))


def account_creation_throttler(wiki: Wiki) -> Throttler | None:
    """$wgAccountCreationThrottle as a throttler (None when switched off)."""
    conditions = wiki.config.account_creation_throttle
    if not conditions:
        return None
    return Throttler(conditions, "acctcreate", counter_storage(wiki))


# -- durations (Mirrors Language::formatDuration) -------------------------------------

_INTERVALS = (
    ("millennia", 1000 * 31556952),
    ("centuries", 100 * 31556952),
    ("decades", 10 * 31556952),
    ("years", 31556952),
    ("days", 86400),
    ("hours", 3600),
    ("minutes", 60),
    ("seconds", 1),
)


def duration_parts(seconds: int) -> list[Message]:
    """Language::getDurationIntervals(): the non-zero intervals, largest first."""
    parts: list[Message] = []
    remaining = max(0, int(seconds))
    for name, size in _INTERVALS:
        value, remaining = divmod(remaining, size)
        if value:
            parts.append(Message(f"duration-{name}", (Num(value),)))
    if not parts:
        parts.append(Message("duration-seconds", (Num(0),)))
    return parts


def format_duration(formatter: Formatter, seconds: int) -> str:
    """Language::formatDuration(): "5 minutes", "2 days"."""
    return formatter.list_to_text([formatter.text(m) for m in duration_parts(seconds)])


def login_throttled_message(hit: ThrottleHit) -> Message:
    """``login-throttled``: "Please wait $1 before trying again." (durationParams)."""
    return Message("login-throttled", (ListParam(tuple(duration_parts(hit.wait)), "text"),))


def creation_throttled_message(hit: ThrottleHit) -> Message:
    """``acct_creation_throttle_hit``: $1 accounts, then the wait (durationParams)."""
    return Message(
        "acct_creation_throttle_hit",
        (Num(hit.count), ListParam(tuple(duration_parts(hit.wait)), "text")),
    )
