"""Proleptic Gregorian arithmetic on plain integers, for any year (timelib's do_range_limit).

PHP normalises out-of-range fields instead of rejecting them (month 13 is January of the next
year, day 0 the last day of the previous month, hour 24 the next midnight), both in
``strtotime()`` and in ``DateTime::createFromFormat()``. Python's ``datetime`` refuses such
fields and years outside 1-9999, so the arithmetic is done here on integers first.
"""

from __future__ import annotations

from datetime import UTC, datetime

SECONDS_PER_DAY = 86400


def days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 of a valid date (Howard Hinnant's algorithm)."""
    year -= month <= 2
    era = year // 400
    yoe = year - era * 400
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def civil_from_days(days: int) -> tuple[int, int, int]:
    """The (year, month, day) of a day count since 1970-01-01."""
    days += 719468
    era = days // 146097
    doe = days - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (month <= 2), month, day


def epoch_from_fields(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> int:
    """Unix seconds of possibly out-of-range wall-clock fields, normalised as timelib does.

    Months are carried into years first; days, hours, minutes and seconds then count on from
    the first of that month, so ``(2026, 2, 31)`` is 3 March.
    """
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    days = days_from_civil(year, month, 1) + day - 1
    return days * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second


def fields_from_epoch(seconds: int) -> tuple[int, int, int, int, int, int]:
    """(year, month, day, hour, minute, second) in UTC of Unix seconds, for any year."""
    days, rest = divmod(seconds, SECONDS_PER_DAY)
    hour, rest = divmod(rest, 3600)
    minute, second = divmod(rest, 60)
    return (*civil_from_days(days), hour, minute, second)


def weekday(days: int) -> int:
    """Day of the week (0 = Sunday, as PHP's ``w``) of a day count since 1970-01-01."""
    return (days + 4) % 7


def php_year(seconds: int) -> int:
    """The UTC year of Unix seconds, whatever its size."""
    return civil_from_days(seconds // SECONDS_PER_DAY)[0]


def to_datetime(seconds: int) -> datetime | None:
    """An aware UTC datetime, or None when the year is outside Python's 1-9999."""
    year, month, day, hour, minute, second = fields_from_epoch(seconds)
    if not 1 <= year <= 9999:
        return None
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def php_iso(seconds: int) -> str:
    """PHP's ``gmdate('Y-m-d\\TH:i:s\\Z')`` (TS_ISO_8601) for any year.

    PHP's ``Y`` has at least four digits and a leading ``-`` before year 0; MediaWiki
    compares these strings, not the instants (see ExpiryDef::validate()).
    """
    year, month, day, hour, minute, second = fields_from_epoch(seconds)
    sign = "-" if year < 0 else ""
    return f"{sign}{abs(year):04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}Z"
