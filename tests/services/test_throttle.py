"""The attempt throttler (MediaWiki's Throttler) and duration texts."""

from __future__ import annotations

from limits.storage import MemoryStorage

from rollwiki.i18n.messages import Formatter
from rollwiki.services.throttle import ThrottleHit, Throttler, format_duration


def test_throttler_counts_per_user_and_ip_and_clears() -> None:
    throttler = Throttler([{"count": 2, "seconds": 60}], "password", MemoryStorage())
    assert throttler.increase("Alice", "192.0.2.1") is None
    assert throttler.increase("Alice", "192.0.2.1") is None
    assert throttler.increase("Alice", "192.0.2.1") == ThrottleHit(0, 2, 60)
    assert throttler.increase("Alice", "192.0.2.2") is None
    assert throttler.increase("Bob", "192.0.2.1") is None
    throttler.clear("Alice", "192.0.2.1")
    assert throttler.increase("Alice", "192.0.2.1") is None


def test_all_ips_condition_and_disabled_conditions() -> None:
    throttler = Throttler(
        [{"count": 0, "seconds": 60}, {"count": 1, "seconds": 30, "allIPs": True}],
        "password",
        MemoryStorage(),
    )
    assert throttler.increase("Alice", "192.0.2.1") is None
    assert throttler.increase("Alice", "192.0.2.9") == ThrottleHit(1, 1, 30)


def test_durations_are_spelled_out_per_language() -> None:
    assert format_duration(Formatter("en"), 300) == "5 minutes"
    assert format_duration(Formatter("en"), 172800) == "2 days"
    assert format_duration(Formatter("en"), 3661) == "1 hour, 1 minute and 1 second"
    assert format_duration(Formatter("uk"), 300) == "5 хвилин"
