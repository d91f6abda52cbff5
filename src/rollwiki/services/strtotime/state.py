"""timelib_time while a string is scanned: the fields set so far, and zone parsing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from rollwiki.services.strtotime.words import UNITS, WEEKDAYS, ZONE_ABBREVIATIONS


class UnsupportedFormat(ValueError):
    """A strtotime() form PHP accepts but this port deliberately leaves out."""


class InvalidTime(ValueError):
    """What makes strtotime() return false: no rule matches, or a field is given twice."""


@dataclass
class Parsed:
    """timelib_time while parsing: absolute fields (None = unset) and relative parts."""

    y: int | None = None
    m: int | None = None
    d: int | None = None
    h: int | None = None
    i: int | None = None
    s: int | None = None
    us: int | None = None
    have_time: int = 0
    have_date: bool = False
    have_zone: int = 0
    zone: int | ZoneInfo | None = None
    weekday: int | None = None
    weekday_behavior: int = 0
    first_last: int = 0
    rel: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(("y", "m", "d", "h", "i", "s", "us"), 0)
    )

    def set_time(self, h: int, i: int = 0, s: int = 0, us: int = 0) -> None:
        """TIMELIB_HAVE_TIME: a second time of day is an error."""
        if self.have_time:
            raise InvalidTime("Double time specification")
        self.have_time = 1
        self.h, self.i, self.s, self.us = h, i, s, us

    def unset_time(self) -> None:
        """TIMELIB_UNHAVE_TIME: back to midnight, and a later time is allowed again."""
        self.have_time = 0
        self.h = self.i = self.s = self.us = 0

    def set_date(self, **fields: int | None) -> None:
        """TIMELIB_HAVE_DATE, then the fields the rule assigns (None = unset again)."""
        if self.have_date:
            raise InvalidTime("Double date specification")
        self.have_date = True
        for name, value in fields.items():
            setattr(self, name, value)

    def set_zone(self, zone: int | ZoneInfo) -> bool:
        """TIMELIB_HAVE_TZ: a second zone is skipped (a warning), a third is an error."""
        if self.have_zone:
            self.have_zone += 1
            if self.have_zone > 2:
                raise InvalidTime("Double timezone specification")
            return False
        self.have_zone = 1
        self.zone = zone
        return True

    def add_unit(self, word: str, amount: int, behavior: int, keep_time: bool) -> None:
        """timelib_set_relative(): ``amount`` of a unit or a weekday."""
        word = word.lower()
        weekday = weekday_number(word)
        if weekday is not None:
            if not keep_time:
                self.unset_time()
            self.rel["d"] += (amount - 1 if amount > 0 else amount) * 7
            self.weekday, self.weekday_behavior = weekday, behavior
            return
        if word.startswith("weekday"):
            raise UnsupportedFormat("business days ('weekday') are not supported")
        unit, multiplier = UNITS[word] if word in UNITS else UNITS[word[:-1]]
        self.rel[unit] += amount * multiplier


def weekday_number(word: str) -> int | None:
    """0 (Sunday) to 6 for a weekday name; full names may take a plural "s" ("mondays")."""
    word = word.lower()
    if word not in WEEKDAYS and len(word) > 4 and word.endswith("s"):
        word = word[:-1]
    return WEEKDAYS.get(word)


# --------------------------------------------------------------------------- zones


@cache
def _iana_zones() -> dict[str, str]:
    # PHP looks zone identifiers up case-insensitively ("japan", "Europe/kyiv").
    return {name.lower(): name for name in available_timezones()}


def _offset(digits: str) -> int:
    """timelib_parse_tz_cor(): H, HH, H:MM, HHMM, HH:MM, HHMMSS or HH:MM:SS, in seconds."""
    n = len(digits)
    if n in (1, 2):
        return int(digits) * 3600
    if n in (3, 4):
        if digits[1] == ":":
            return int(digits[0]) * 3600 + int(digits[2:]) * 60
        if digits[2] == ":":
            return int(digits[:2]) * 3600 + int(digits[3:] or 0) * 60
        return int(digits) // 100 * 3600 + int(digits) % 100 * 60
    if n == 5:
        return int(digits[:2]) * 3600 + int(digits[3:5]) * 60
    if n in (6, 8):
        parts = digits.replace(":", "")
        return int(parts[:2]) * 3600 + int(parts[2:4]) * 60 + int(parts[4:6])
    return 0


def parse_zone(text: str) -> int | ZoneInfo:
    """timelib_parse_zone(): seconds east of UTC, or an IANA zone."""
    text = text.lstrip(" \t(")
    if text.startswith(("GMT+", "GMT-")):
        text = text[3:]
    if text[:1] in ("+", "-"):
        digits = re.match(r"[0-9:]*", text[1:])
        seconds = _offset(digits[0] if digits else "")
        return -seconds if text[0] == "-" else seconds
    word = text.split(")")[0].split(" ")[0]
    if word.lower() in ZONE_ABBREVIATIONS:
        return ZONE_ABBREVIATIONS[word.lower()]
    name = _iana_zones().get(word.lower())
    if name is None:
        raise InvalidTime("The timezone could not be found in the database")
    return ZoneInfo(name)
