"""Rate limits ($wgRateLimits): may this performer do this action once more right now?

Mirrors RateLimiter::limit() of MediaWiki 1.39 (User::pingLimiter()):

* buckets per action: ``anon`` (anonymous), ``user-global`` and ``user`` (registered),
  ``newbie`` (registered but without ``autoconfirmed``), ``ip`` and ``subnet`` (newbies,
  anonymous users included: they lack ``autoconfirmed`` too), ``ip-all``/``subnet-all``,
  and one bucket per explicit group.  Of ``user`` and the group buckets the most generous
  (highest rate) applies; ``newbie``, when configured, overrides them all;
* ``noratelimit`` holders and addresses in ``rate_limits_excluded_ips`` are exempt unless the
  action says ``"&can-bypass": false``;
* every applicable bucket is checked first and only if all of them have room are they all
  incremented (WRStats ``tryIncr``): a refused attempt does not count, an allowed one counts
  in every bucket.  ``incr_by=0`` only peeks.

Counters: the ``limits`` package's moving-window strategy, in this process's memory by
default, in Redis when ``SiteConfig.redis_url`` is set (so every app process of a scaled-out
wiki shares them).  MediaWiki's WRStats keeps 30 sub-buckets per window, an approximation of
a sliding window; ``limits``' moving window is the exact sliding window it approximates, and
the same code path serves both stores, so a single-node wiki behaves as a cluster does.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from limits import RateLimitItemPerSecond
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

from ..config import SiteConfig
from . import ip as iputils
from .performer import Performer
from .wiki import Wiki


@dataclass(frozen=True)
class _Op:
    bucket: str
    key: str
    limit: int
    window: int

    @property
    def per_second(self) -> float:
        return self.limit / self.window if self.window else float("inf")


def subnet_of(ip: str) -> str | None:
    """Mirrors IPUtils::getSubnet(): the /24 of an IPv4 address, the /64 of an IPv6 one."""
    if iputils.is_valid_ipv4(ip):
        return ip.rsplit(".", 1)[0]
    if iputils.is_valid_ipv6(ip):
        hex_ip = iputils.to_hex(ip)
        if hex_ip is None:
            return None
        # to_hex gives "v6-" + 32 hex digits; the first 16 digits are the /64.
        return hex_ip[:-16]
    return None


class RateLimiter:
    """Counters for one wiki; reads the limits from the live configuration on every call."""

    def __init__(self, config_source: Callable[[], SiteConfig]) -> None:
        self._config_source = config_source
        self._lock = threading.Lock()
        self._storage: Any = None
        self._storage_url: str | None = None
        self._strategy: MovingWindowRateLimiter | None = None

    def _limiter(self, config: SiteConfig) -> MovingWindowRateLimiter:
        with self._lock:
            url = config.redis_url or None
            if self._strategy is None or url != self._storage_url:
                self._storage = storage_from_string(url) if url else MemoryStorage()
                self._storage_url = url
                self._strategy = MovingWindowRateLimiter(self._storage)
            return self._strategy

    def is_exempt(self, performer: Performer) -> bool:
        """Mirrors RateLimiter::isExempt()."""
        config = self._config_source()
        if performer.ip and iputils.is_in_ranges(performer.ip, config.rate_limits_excluded_ips):
            return True
        return performer.allowed("noratelimit")

    def limit(self, performer: Performer, action: str, incr_by: int = 1) -> bool:
        """True when the action is over its limit (and then nothing was counted)."""
        config = self._config_source()
        spec = config.rate_limits.get(action)
        if not spec:
            return False
        can_bypass = spec.get("&can-bypass", True)
        if can_bypass and self.is_exempt(performer):
            return False
        ops = self._operations(performer, action, spec)
        if not ops:
            return False
        limiter = self._limiter(config)
        cost = incr_by or 1
        items = [
            (RateLimitItemPerSecond(op.limit, op.window, namespace="rollwiki"), op) for op in ops
        ]
        allowed = all(
            limiter.test(item, action, op.bucket, op.key, cost=cost) for item, op in items
        )
        if allowed and incr_by:
            for item, op in items:
                limiter.hit(item, action, op.bucket, op.key, cost=cost)
        return not allowed

    def _operations(
        self, performer: Performer, action: str, spec: dict[str, list[int]]
    ) -> list[_Op]:
        conds = {
            name: (int(v[0]), int(v[1]))
            for name, v in spec.items()
            if not name.startswith("&") and isinstance(v, list | tuple) and len(v) == 2
        }

        def op(bucket: str, key: str) -> _Op:
            limit, window = conds[bucket]
            return _Op(bucket, key, limit, window)

        ops: list[_Op] = []
        user_id = performer.user_id
        ip = performer.ip
        newbie = not performer.allowed("autoconfirmed")
        if user_id == 0:
            if "anon" in conds:
                ops.append(op("anon", "anon"))
        elif "user-global" in conds:
            ops.append(op("user-global", f"local:{user_id}"))
        if newbie and ip:
            if "ip" in conds:
                ops.append(op("ip", ip))
            subnet = subnet_of(ip)
            if "subnet" in conds and subnet is not None:
                ops.append(op("subnet", subnet))
        entity: str | None = None
        if user_id != 0 and "user" in conds:
            entity = "user"
        if user_id != 0 and newbie and "newbie" in conds:
            entity = "newbie"
        else:
            for group in performer.explicit_groups:
                if group in conds:
                    if entity is None or op(group, "").per_second > op(entity, "").per_second:
                        entity = group
        entity_op = op(entity, str(user_id)) if entity is not None else None
        if entity_op is not None:
            ops.append(entity_op)
        if "ip-all" in conds and ip:
            if newbie or entity_op is None or op("ip-all", "").per_second > entity_op.per_second:
                ops.append(op("ip-all", ip))
        if "subnet-all" in conds and ip:
            subnet = subnet_of(ip)
            if subnet is not None and (
                newbie
                or entity_op is None
                or ("ip-all" in conds and op("ip-all", "").per_second > entity_op.per_second)
            ):
                ops.append(op("subnet-all", subnet))
        return ops

    def reset(self) -> None:
        """Forget every counter (tests, and ``rollwiki`` maintenance commands)."""
        with self._lock:
            if self._storage is not None:
                self._storage.reset()


_LIMITERS: weakref.WeakKeyDictionary[Wiki, RateLimiter] = weakref.WeakKeyDictionary()
_REGISTRY_LOCK = threading.Lock()


def limiter_for(wiki: Wiki) -> RateLimiter:
    """The process-wide limiter of a wiki (created on first use)."""
    with _REGISTRY_LOCK:
        limiter = _LIMITERS.get(wiki)
        if limiter is None:
            limiter = RateLimiter(lambda: wiki.config)
            _LIMITERS[wiki] = limiter
        return limiter


def ping_limiter(wiki: Wiki, performer: Performer, action: str, incr_by: int = 1) -> bool:
    """Mirrors User::pingLimiter(): True when the performer is over the action's limit."""
    return limiter_for(wiki).limit(performer, action, incr_by)


def ping_rollback(wiki: Wiki, performer: Performer) -> bool:
    """1.39's RollbackPage: the ``rollback`` counter, then (unless that tripped) ``edit``.

    Every rollback attempt that reaches authorization counts, even one that then fails on
    permissions (rollback.md §4.4); the caller appends ``actionthrottledtext`` when True.
    """
    return ping_limiter(wiki, performer, "rollback") or ping_limiter(wiki, performer, "edit")
