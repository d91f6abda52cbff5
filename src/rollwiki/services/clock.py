"""The one clock rollwiki reads, replaceable in tests (ConvertibleTimestamp::setFakeTime)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

_source: Callable[[], datetime] | None = None


def set_clock(source: Callable[[], datetime] | None) -> None:
    """Read the time from ``source`` from now on; None goes back to the system clock.

    Mirrors ConvertibleTimestamp::setFakeTime() with a callback. A naive datetime from
    ``source`` is taken to be UTC.
    """
    global _source
    _source = source


def now() -> datetime:
    """The current time: aware, UTC, whole seconds (MediaWiki keeps no fractions)."""
    current = datetime.now(UTC) if _source is None else _source()
    if current.tzinfo is None:
        current = current.replace(tzinfo=UTC)
    return current.astimezone(UTC).replace(microsecond=0)
