"""PHP's strtotime() for the strings wikis see in expiry fields (a port of timelib).

MediaWiki turns every expiry (``ExpiryDef::normalizeExpiry``) and block duration
(``Language::translateBlockExpiry``) into a time with PHP's ``strtotime()``, so what is
accepted, and the arithmetic, are PHP's. Checked against PHP 8.2.36 (timelib 2022.12):

* the longest rule match wins at each position (:mod:`.grammar`); anything no rule matches
  is an error, and so is a second time of day, a second date or a third zone;
* unset fields come from "now" in UTC (``$wgLocaltimezone``), but a date without a time of
  day means midnight, and ``tomorrow``, ``today`` and weekday names reset the time too;
* relative units are added field by field and normalised afterwards, so
  ``2026-01-31 +1 month`` is "31 February", i.e. 3 March, and ``2024-02-29 +1 year`` is
  1 March 2025.

Supported: ``now today midnight noon tomorrow yesterday``; ``[+-]N unit`` with ``sec second
min minute hour day week fortnight month year`` (plurals, ``ms``/``usec``, weekday names),
``ago``; ``next``/``last``/``previous``/``this``/``first``..``twelfth`` + unit; ``next week``;
weekday names; ``first day of``/``last day of``; dates ``2026-12-01 2026/12/01 26-12-01
2026-12 20261201 12/01/2026 12/01 01.12.2026 01.12.26`` (that one is a time: 01:12:26!),
``1 December 2026``, ``Dec 1, 2026``, ``December 2026``, ``December 1``, ``1st Dec``, Roman
months; times ``15:00 15:00:00.5 T150000 3pm 3:30 a.m.`` and GNU ``1530`` (so ``2027`` alone
is 20:27 today); ISO 8601, SOAP, XML-RPC, EXIF and CLF timestamps; ``@1234567890[.5]``; ISO
weeks ``2026W49``; day of year ``2026.335``; zones ``+02:00 GMT-3 Z UTC EST`` (the
abbreviations in :data:`.words.ZONE_ABBREVIATIONS`) and IANA names (``Europe/Kyiv``).

Not supported, raising :class:`UnsupportedFormat` (PHP accepts them): business days
(``+3 weekdays``), ``first monday of <month>``, ``back of 7pm``/``front of``, MS SQL times
(``10:00:00.5pm``), years with five or more digits. Also not reproduced: zone abbreviations
outside the table (they fail here), results beyond 64-bit integers (PHP wraps around), and
tzdata differences between Python's zoneinfo and PHP's bundled copy.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from rollwiki.services import civil
from rollwiki.services.strtotime.grammar import scan
from rollwiki.services.strtotime.state import InvalidTime, Parsed, UnsupportedFormat

__all__ = ["UnsupportedFormat", "strtotime"]

_PHP_SPACE = " \t\n\r\x0b\x0c"


def strtotime(text: str, now: int) -> int | None:
    """PHP's ``strtotime($text, $now)`` in UTC: Unix seconds, or None where PHP gives false.

    Raises :class:`UnsupportedFormat` for the forms listed in the module docstring.
    """
    text = text.strip(_PHP_SPACE)
    if not text:
        return None
    try:
        parsed = scan(text)
    except InvalidTime:
        return None
    return _resolve(parsed, now)


def _resolve(p: Parsed, now: int) -> int:
    """timelib_fill_holes() then timelib_update_ts(): fields, relative parts, zone."""
    ny, nm, nd, nh, ni, ns = civil.fields_from_epoch(now)
    if p.have_date and not p.have_time:
        p.h = p.i = p.s = p.us = 0
    year, month, day = (
        ny if p.y is None else p.y,
        nm if p.m is None else p.m,
        nd if p.d is None else p.d,
    )
    # "first/last day of" is applied before the weekday and again after the relative part
    # (do_adjust_special_early and do_adjust_relative): "last day of monday" from 1 January
    # 1970 is 28 February.
    year, month, day = _first_last(p.first_last, year, month, day)
    base = civil.epoch_from_fields(
        year,
        month,
        day,
        nh if p.h is None else p.h,
        ni if p.i is None else p.i,
        ns if p.s is None else p.s,
    )
    days, seconds = divmod(base, civil.SECONDS_PER_DAY)
    if p.weekday is not None:
        days += _weekday_shift(civil.weekday(days), p)
    year, month, day = civil.civil_from_days(days)
    rel = p.rel
    year, month, day = _first_last(p.first_last, year + rel["y"], month + rel["m"], day + rel["d"])
    result = (
        civil.epoch_from_fields(
            year,
            month,
            day,
            seconds // 3600 + rel["h"],
            seconds // 60 % 60 + rel["i"],
            seconds % 60 + rel["s"],
        )
        + ((p.us or 0) + rel["us"]) // 1_000_000
    )
    return result - _zone_offset(p.zone, result)


def _first_last(kind: int, year: int, month: int, day: int) -> tuple[int, int, int]:
    """Day 1, or day 0 of the next month (its last day), for first/last day of."""
    if kind == 1:
        return year, month, 1
    if kind == 2:
        return year, month + 1, 0
    return year, month, day


def _weekday_shift(current: int, p: Parsed) -> int:
    """do_adjust_for_weekday(): days to move from ``current`` (0 = Sunday) to the weekday."""
    target = p.weekday if p.weekday is not None else 0
    if p.weekday_behavior == 2:
        # "... this/next/last week": the weekday within the Monday-to-Sunday week.
        if current == 0 and target != 0:
            target -= 7
        if target == 0 and current != 0:
            target = 7
        return target - current
    difference = target - current
    if (p.rel["d"] < 0 and difference < 0) or (
        p.rel["d"] >= 0 and difference <= -p.weekday_behavior
    ):
        difference += 7
    if target >= 0:
        return difference
    return -(7 - (abs(target) - current))


def _zone_offset(zone: int | ZoneInfo | None, wall: int) -> int:
    """Seconds east of UTC of the zone the fields were written in (UTC when none)."""
    if zone is None:
        return 0
    if isinstance(zone, int):
        return zone
    local = civil.to_datetime(wall)
    if local is None:
        return 0
    offset = datetime(*civil.fields_from_epoch(wall), tzinfo=zone).utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0
