"""The input formats of MediaWiki's ConvertibleTimestamp::setTimestamp(), as Unix seconds.

ConvertibleTimestamp tries a list of regular expressions in order and hands the named
groups to ``DateTime::createFromFormat()``, which normalises instead of rejecting: month 13
is January of the next year, ``24:00:00`` is the next midnight, and an RFC 2822 weekday that
does not fit the date moves it forward to that weekday. Only a year outside 0000-9999 fails,
when the result is formatted as TS_MW. The patterns keep PCRE's meaning of ``$`` (a trailing
newline is allowed) except where MediaWiki uses the ``/D`` modifier.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rollwiki.services import civil
from rollwiki.services.strtotime.state import InvalidTime, parse_zone
from rollwiki.services.strtotime.words import MONTHS, WEEKDAYS

_WS = "[ \\t\\r\\n]"
_OFFSET = r"(?P<O>Z|[+\-][0-9]{2}(?::?[0-9]{2})?)"
_HMS = r"(?P<H>[0-9]{2}):(?P<i>[0-9]{2}):(?P<s>[0-9]{2})"
_YMD = r"(?P<Y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})"

# (name, pattern) in ConvertibleTimestamp::$regexes order; the first match wins.
FORMATS: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(pattern))
    for name, pattern in [
        ("TS_MW", r"^(?P<Y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})(?P<H>[0-9]{2})(?P<i>[0-9]{2})"
         r"(?P<s>[0-9]{2})\Z"),
        ("TS_ISO_8601", rf"^{_YMD}[T ]{_HMS}(?:[.,](?P<u>[0-9]{{1,6}}))?{_OFFSET}?$"),
        ("TS_ISO_8601_BASIC", r"^(?P<Y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})T(?P<H>[0-9]{2})"
         rf"(?P<i>[0-9]{{2}})(?P<s>[0-9]{{2}})(?:[.,](?P<u>[0-9]{{1,6}}))?{_OFFSET}?$"),
        ("TS_UNIX", r"^(?P<U>-?[0-9]{1,13})\Z"),
        ("TS_UNIX_MICRO", r"^(?P<U>-?[0-9]{1,13})\.(?P<u>[0-9]{1,6})\Z"),
        ("TS_ORACLE", r"^(?P<d>[0-9]{2})-(?P<m>[0-9]{2})-(?P<Y>[0-9]{4}) "
         rf"{_HMS}\.(?P<u>[0-9]{{6}})$"),
        ("TS_POSTGRES", rf"^{_YMD} {_HMS}(?:\.(?P<u>[0-9]{{1,6}}))?(?P<O>[+\- ][0-9]{{2}})$"),
        ("old TS_POSTGRES", rf"^{_YMD} {_HMS}(?:\.(?P<u>[0-9]{{1,6}}))? GMT$"),
        ("TS_EXIF", r"^(?P<Y>[0-9]{4}):(?P<m>[0-9]{2}):(?P<d>[0-9]{2}) " rf"{_HMS}\Z"),
        ("TS_RFC2822", rf"^{_WS}*(?:(?P<D>[A-Z][a-z]{{2}}),{_WS}*)?(?P<d>[0-9][0-9]?){_WS}+"
         rf"(?P<M>[A-Z][a-z]{{2}}){_WS}+(?P<Y>[0-9]{{2,}}){_WS}+(?P<H>[0-9]{{2}}){_WS}*:{_WS}*"
         rf"(?P<i>[0-9]{{2}}){_WS}*:{_WS}*(?P<s>[0-9]{{2}})(?:{_WS}+(?P<O>[+-][0-9]{{4}}|UT|GMT"
         rf"|[ECMP][SD]T|[A-IK-Za-ik-z]))?(?:{_WS}*;|$)"),
        ("TS_RFC850", r"^(?P<D>[A-Z][a-z]{5,8}), (?P<d>[0-9]{2})-(?P<M>[A-Z][a-z]{2})-"
         rf"(?P<y>[0-9]{{2}}) {_HMS}(?: (?P<O>[+\-][0-9]{{2}}(?::?[0-9]{{2}})?|[A-Z]{{1,5}}))?$"),
        ("asctime", r"^(?P<D>[A-Z][a-z]{2}) (?P<M>[A-Z][a-z]{2}) +(?P<d>[0-9]{1,2}) "
         rf"{_HMS} (?P<Y>[0-9]{{4}})[ \t\n\r\f\v]*$"),
    ]
]  # fmt: skip


def parse(value: str, now: Callable[[], int]) -> int | None:
    """Unix seconds (floored) for what ``new ConvertibleTimestamp($value)`` accepts, or None.

    "", "0" and fourteen NULs are "now", as PHP's falsy test makes them; "00" is the epoch.
    A year outside 0000-9999 is None, because TS_MW cannot represent it.
    """
    if value in ("", "0", "\0" * 14):
        return now()
    for name, pattern in FORMATS:
        match = pattern.match(value)
        if match:
            try:
                seconds = _from_groups(name, match.groupdict(), now)
            except (InvalidTime, KeyError):
                return None
            return seconds if 0 <= civil.php_year(seconds) <= 9999 else None
    return None


def _from_groups(name: str, g: dict[str, str | None], now: Callable[[], int]) -> int:
    """DateTime::createFromFormat('!…') over the named groups, in UTC."""
    if g.get("U") is not None:
        seconds = int(g["U"] or 0)
        # "-1.2" is -1.2 s (ConvertibleTimestamp's fix-up), yet "-0.5" is +0.5 s: "-0" < 0
        # is false in PHP.
        if name == "TS_UNIX_MICRO" and seconds < 0 and int(g["u"] or 0) > 0:
            seconds -= 1
        return seconds
    year = _year(name, g, now)
    month_name, weekday_name = g.get("M"), g.get("D")
    month = MONTHS[month_name.lower()] if month_name else int(g["m"] or 0)
    seconds = civil.epoch_from_fields(
        year, month, int(g["d"] or 0), int(g["H"] or 0), int(g["i"] or 0), int(g["s"] or 0)
    )
    if weekday_name:
        # createFromFormat's "D" is a relative weekday: a wrong one moves the date forward.
        days = seconds // civil.SECONDS_PER_DAY
        shift = (WEEKDAYS[weekday_name.lower()] - civil.weekday(days)) % 7
        seconds += shift * civil.SECONDS_PER_DAY
    zone = g.get("O")
    if zone:
        seconds -= _offset(name, zone)
    return seconds


def _year(name: str, g: dict[str, str | None], now: Callable[[], int]) -> int:
    if g.get("y") is not None:
        # RFC 2616 § 19.3: a two-digit year is within 50 years of now.
        pivot = civil.php_year(now()) + 50
        year = pivot - pivot % 100 + int(g["y"] or 0)
        return year - 100 if year > pivot else year
    text = g["Y"] or ""
    if len(text) > 4:
        raise InvalidTime("createFromFormat's Y reads four digits: trailing data")
    year = int(text)
    if name == "TS_RFC2822" and year < 1000:
        year += 2000 if year < 50 else 1900
    return year


def _offset(name: str, zone: str) -> int:
    """Seconds east of UTC of an "O" group, with ConvertibleTimestamp's fix-ups."""
    if name == "TS_POSTGRES" and zone.startswith(" "):
        zone = "+" + zone[1:]
    if name == "TS_RFC2822" and len(zone) == 1:
        return 0  # RFC 2822: military zones are all to be read as +0000
    found = parse_zone("UTC" if zone == "UT" else zone)
    if not isinstance(found, int):
        raise InvalidTime("only fixed offsets and abbreviations are zones here")
    return found
