"""Interim timestamp helpers (replaced by the full port of ConvertibleTimestamp/ExpiryDef)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

_clock: Callable[[], datetime] | None = None


def set_clock(source: Callable[[], datetime] | None) -> None:
    global _clock
    _clock = source


def now() -> datetime:
    value = _clock() if _clock else datetime.now(UTC)
    return value.replace(microsecond=0)


def to_mw(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y%m%d%H%M%S")


def from_mw(s: str) -> datetime:
    return datetime.strptime(s, "%Y%m%d%H%M%S").replace(tzinfo=UTC)


def to_iso(value: datetime | str) -> str:
    if isinstance(value, str):
        value = from_mw(value)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def mw_now() -> str:
    return to_mw(now())


@dataclass(frozen=True)
class ParsedTimestamp:
    value: datetime | None
    warning: str | None = None


def parse_api_timestamp(value: str) -> ParsedTimestamp:
    if value == "now":
        return ParsedTimestamp(now())
    for fmt in ("%Y%m%d%H%M%S", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%d %H:%M:%S"):
        try:
            return ParsedTimestamp(datetime.strptime(value, fmt).replace(tzinfo=UTC))
        except ValueError:
            pass
    return ParsedTimestamp(None)


class ExpiryError(ValueError):
    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


_UNITS = {
    "second": 1,
    "minute": 60,
    "hour": 3600,
    "day": 86400,
    "week": 604800,
    "month": 30 * 86400,
    "year": 365 * 86400,
}


def parse_expiry(value: str, *, now_dt: datetime | None = None) -> datetime | Literal["infinity"]:
    text = value.strip().lower()
    if text in ("infinite", "indefinite", "infinity", "never"):
        return "infinity"
    base = now_dt or now()
    parsed = parse_api_timestamp(value).value
    if parsed is None:
        parts = text.split()
        if len(parts) == 2 and parts[0].lstrip("+").isdigit():
            unit = parts[1].rstrip("s")
            if unit in _UNITS:
                parsed = base + timedelta(seconds=int(parts[0]) * _UNITS[unit])
    if parsed is None:
        raise ExpiryError("badexpiry")
    if parsed < base:
        raise ExpiryError("badexpiry-past")
    return parsed


def clamp_expiry(expiry: datetime, max_duration: str) -> tuple[datetime, bool]:
    limit = parse_expiry(max_duration)
    assert limit != "infinity"
    return (limit, True) if expiry > limit else (expiry, False)


_MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTHS_UK_GEN = [
    "січня",
    "лютого",
    "березня",
    "квітня",
    "травня",
    "червня",
    "липня",
    "серпня",
    "вересня",
    "жовтня",
    "листопада",
    "грудня",
]


def format_user_datetime(value: datetime | str, lang: str) -> str:
    dt = from_mw(value) if isinstance(value, str) else value
    months = _MONTHS_UK_GEN if lang == "uk" else _MONTHS_EN
    return f"{dt:%H:%M}, {dt.day} {months[dt.month - 1]} {dt.year}"


def format_expiry(value: str, lang: str) -> str:
    if value == "infinity":
        return "infinite"
    return format_user_datetime(value, lang)


def format_relative_expiry(value: str, lang: str) -> str:
    return format_expiry(value, lang)
