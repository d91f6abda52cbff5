"""Time in rollwiki: the clock, MediaWiki's timestamp strings, expiries and how they read.

Stored timestamps are TS_MW (``20261126184333``, UTC), the API prints TS_ISO_8601
(``2026-11-26T18:43:33Z``) and a never-ending expiry is the string ``infinity``. This module
is the one entry point; it mirrors ConvertibleTimestamp (parsing, :mod:`.convertible`),
ParamValidator's TimestampDef and ExpiryDef (API parameters, with PHP's ``strtotime()`` in
:mod:`.strtotime`) and Language (formatting, :mod:`.dateformat`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final, Literal, TypeAlias

from rollwiki.services import civil, convertible
from rollwiki.services.clock import now, set_clock
from rollwiki.services.dateformat import (
    format_date,
    format_duration,
    format_expiry,
    format_relative_expiry,
    format_time,
    format_user_datetime,
)
from rollwiki.services.strtotime import UnsupportedFormat, strtotime

__all__ = [
    "INFINITY",
    "INFINITY_VALUES",
    "Expiry",
    "ExpiryError",
    "ParsedTimestamp",
    "api_expiry",
    "clamp_expiry",
    "expiry_from_db",
    "expiry_to_db",
    "format_date",
    "format_duration",
    "format_expiry",
    "format_relative_expiry",
    "format_time",
    "format_user_datetime",
    "from_mw",
    "mw_now",
    "normalize_expiry",
    "now",
    "parse_api_timestamp",
    "parse_expiry",
    "parse_timestamp",
    "set_clock",
    "to_iso",
    "to_mw",
]

INFINITY: Final = "infinity"
# ExpiryDef::INFINITY_VALS, compared case-sensitively ("Infinite" goes to strtotime and fails).
INFINITY_VALUES: Final = ("infinite", "indefinite", "infinity", "never")
Expiry: TypeAlias = datetime | Literal["infinity"]

ExpiryErrorKind = Literal["badexpiry", "badexpiry-past"]


# --------------------------------------------------------------------------- TS_MW / ISO


def _utc(when: datetime) -> datetime:
    if when.tzinfo is None:
        raise ValueError("naive datetime: times in rollwiki are aware and UTC")
    return when.astimezone(UTC)


def _epoch(when: datetime) -> int:
    return civil.epoch_from_fields(*_utc(when).timetuple()[:6])


def to_mw(when: datetime) -> str:
    """TS_MW: ``20261126184333``."""
    when = _utc(when)
    return f"{when.year:04d}{when:%m%d%H%M%S}"


def from_mw(value: str) -> datetime:
    """The aware UTC datetime of a stored TS_MW string; ValueError if it is not one."""
    if not re.fullmatch(r"[0-9]{14}", value):
        raise ValueError(f"not a TS_MW timestamp: {value!r}")
    return datetime.strptime(value, "%Y%m%d%H%M%S").replace(tzinfo=UTC)


def to_iso(value: datetime | str) -> str:
    """TS_ISO_8601 as the API prints it, from a datetime or a TS_MW string."""
    when = from_mw(value) if isinstance(value, str) else _utc(value)
    return f"{when.year:04d}-{when:%m-%dT%H:%M:%S}Z"


def mw_now() -> str:
    """The current time as TS_MW (ConvertibleTimestamp::now())."""
    return to_mw(now())


# --------------------------------------------------------------------------- timestamps


@dataclass(frozen=True)
class ParsedTimestamp:
    """A timestamp parameter as TimestampDef sees it.

    ``value`` is None for the API's ``badtimestamp``. ``warning`` is
    ``"unclearnowtimestamp"`` for ``""`` and ``"0"``: the API warning code, whose message is
    ``paramvalidator-unclearnowtimestamp`` ("Passing "0" for timestamp parameter … has been
    deprecated. …").
    """

    value: datetime | None
    warning: str | None = None


def parse_timestamp(value: str) -> datetime | None:
    """Every input ``new ConvertibleTimestamp($value)`` accepts, plus TimestampDef's ``now``.

    TS_MW, TS_DB, TS_ISO_8601 (``T`` or space, ``.``/``,`` fractions, ``Z``/``±HH[[:]MM]``),
    TS_ISO_8601_BASIC, TS_UNIX (negative too) and TS_UNIX_MICRO, TS_ORACLE, TS_POSTGRES,
    TS_EXIF, TS_RFC2822, RFC 850 and asctime. ``""`` and ``"0"`` mean now. Fractions are
    dropped (floored), as TS_MW keeps none. None for anything else and for years outside
    1-9999 (MediaWiki also takes year 0000; Python cannot).
    """
    if value == "now":
        return now()
    seconds = convertible.parse(value, lambda: _epoch(now()))
    return None if seconds is None else civil.to_datetime(seconds)


def parse_api_timestamp(value: str) -> ParsedTimestamp:
    """TimestampDef::validate(): the time (None: ``badtimestamp``) and its warning."""
    return ParsedTimestamp(
        parse_timestamp(value), "unclearnowtimestamp" if value in ("", "0") else None
    )


# --------------------------------------------------------------------------- expiries


class ExpiryError(ValueError):
    """An expiry the API refuses: ``badexpiry`` (unreadable) or ``badexpiry-past``."""

    def __init__(self, kind: ExpiryErrorKind, value: str = "") -> None:
        super().__init__(f"{kind}: {value!r}")
        self.kind: ExpiryErrorKind = kind
        self.value = value


def _base(when: datetime | None) -> datetime:
    if when is None:
        return now()
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC)


def _expiry_seconds(value: str, base: datetime) -> int | Literal["infinity"] | None:
    """ExpiryDef::normalizeExpiry() as Unix seconds of any size; None when unreadable."""
    if value in INFINITY_VALUES:
        return INFINITY
    try:
        return strtotime(value, _epoch(base))
    except UnsupportedFormat:
        return None


def normalize_expiry(value: str, *, now: datetime | None = None) -> Expiry | None:
    """ExpiryDef::normalizeExpiry(): ``infinity``, the time, or None when unreadable.

    No check against the past; see :func:`parse_expiry`.
    """
    seconds = _expiry_seconds(value, _base(now))
    if seconds is None or seconds == INFINITY:
        return seconds
    return civil.to_datetime(seconds)


def parse_expiry(value: str, *, now: datetime | None = None) -> Expiry:
    """ExpiryDef::validate() without the maximum: ``infinity`` or an aware UTC datetime.

    Accepts the infinity words and whatever PHP's ``strtotime()`` reads (see
    :mod:`rollwiki.services.strtotime` for what is and is not supported), relative to ``now``
    (default: the clock). Raises :class:`ExpiryError` ``badexpiry`` for "" and unreadable
    values and ``badexpiry-past`` for times before now; "now" itself is accepted.

    MediaWiki compares ISO strings, not instants, so ``+10000 years`` (year 12026) is "in the
    past". A year ≥ 10000 that sorts after now (``+30000 years``) is accepted by MediaWiki and
    stored broken; here it is ``badexpiry``.
    """
    base = _base(now)
    seconds = _expiry_seconds(value, base)
    if seconds is None:
        raise ExpiryError("badexpiry", value)
    if seconds == INFINITY:
        return INFINITY
    if civil.php_iso(seconds) < civil.php_iso(_epoch(base)):
        raise ExpiryError("badexpiry-past", value)
    when = civil.to_datetime(seconds)
    if when is None:
        raise ExpiryError("badexpiry", value)
    return when


def clamp_expiry(
    expiry: Expiry, max_duration: str, *, now: datetime | None = None
) -> tuple[Expiry, bool]:
    """ExpiryDef's PARAM_MAX check: the expiry, or now + ``max_duration`` if it is later.

    Returns ``(value, clamped)``. For ``$wgWatchlistExpiryMaxDuration`` ("6 months") the API
    then warns ``paramvalidator-badexpiry-duration-max`` ("Given value "2 years" for
    parameter "expiry" exceeds the maximum of "6 months". Using maximum instead.") and uses
    the value. ``infinity`` is never clamped, and neither is anything when the maximum is
    itself infinite or unreadable.
    """
    if isinstance(expiry, str):
        return expiry, False
    limit = _expiry_seconds(max_duration, _base(now))
    if limit is None or limit == INFINITY or _epoch(expiry) <= limit:
        return expiry, False
    clamped = civil.to_datetime(limit)
    return (clamped, True) if clamped is not None else (expiry, False)


def expiry_to_db(expiry: Expiry) -> str:
    """The stored form: ``infinity`` or TS_MW."""
    return INFINITY if isinstance(expiry, str) else to_mw(expiry)


def expiry_from_db(value: str) -> Expiry:
    """Inverse of :func:`expiry_to_db`."""
    return INFINITY if value == INFINITY else from_mw(value)


def api_expiry(expiry: Expiry | str, infinity: str = INFINITY) -> str:
    """ApiResult::formatExpiry(): ISO 8601, or ``infinity`` (``action=block`` passes
    ``infinite``, ``list=blocks`` keeps ``infinity``) for infinite and empty values."""
    if isinstance(expiry, str) and (expiry == "" or expiry in INFINITY_VALUES):
        return infinity
    return to_iso(expiry)  # a datetime, or a TS_MW string
