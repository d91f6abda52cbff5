"""Dates, expiries and durations as MediaWiki's Language class writes them, for en and uk.

The wiki's time zone is UTC and users' time-correction preferences are not modelled, so
"user" formatting is the language's format in UTC. Date preferences (``default``, ``mdy``,
``dmy``, ``ymd``, ``ISO 8601``) are supported through ``pref``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Literal

from rollwiki.i18n.messages import plural_form
from rollwiki.services import clock
from rollwiki.services import datewords as W

DateType = Literal["time", "date", "both", "pretty", "monthonly"]

_INFINITE = ("", "infinity", "infinite", "indefinite", "never")


def _lang(lang: str) -> str:
    # Every other language falls back to en in this wiki.
    return lang if lang in W.LANGUAGES else "en"


def _as_datetime(value: datetime | str) -> datetime:
    """An aware UTC datetime from a datetime or a TS_MW / TS_ISO_8601 string."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("naive datetime: times in rollwiki are aware and UTC")
        return value.astimezone(UTC)
    digits = re.sub(r"[-:TZ ]", "", value)
    if not re.fullmatch(r"[0-9]{14}", digits):
        raise ValueError(f"not a TS_MW or ISO 8601 timestamp: {value!r}")
    return datetime.strptime(digits, "%Y%m%d%H%M%S").replace(tzinfo=UTC)


def format_number(lang: str, number: int) -> str:
    """Language::formatNum() for integers: en "1,000"; uk "1000" but "10 000" (no-break)."""
    text = f"{number:,}"
    if _lang(lang) == "uk":
        # MessagesUk: separator U+00A0 and $minimumGroupingDigits = 2.
        return text.replace(",", "\u00a0") if abs(number) >= 10000 else str(number)
    return text


def _message(lang: str, key: str, number: int | None = None, param: str = "") -> str:
    """A message of :data:`datewords.MESSAGES` with $1 (a number or text) and {{PLURAL}}."""
    text = W.MESSAGES[_lang(lang)][key]
    if number is not None:
        text = re.sub(
            r"\{\{PLURAL:\$1\|([^}]*)\}\}",
            lambda m: plural_form(_lang(lang), number, m[1].split("|")),
            text,
        )
        param = format_number(lang, number)
    return text.replace("$1", param)


def date_format(lang: str, kind: DateType, pref: str = "default") -> str:
    """Language::getDateFormatString(): the sprintfDate() format for a preference."""
    formats = W.DATE_FORMATS[_lang(lang)]
    if pref == "default" or f"{pref} {kind}" not in formats:
        pref = W.DEFAULT_DATE_PREFERENCE
    if kind == "pretty" and f"{pref} pretty" not in formats:
        kind = "date"
    return formats[f"{pref} {kind}"]


def sprintf_date(fmt: str, when: datetime | str, lang: str) -> str:
    """Language::sprintfDate() for the codes MediaWiki's en and uk formats use.

    Supported: ``d D j l N w F xg m M n Y y a A g G h H i s``, ``xn`` (raw next number),
    ``xN`` (raw toggle), ``xx``, ``\\`` escapes and ``"quoted"`` literals. Other letters are
    copied as they are, which is what sprintfDate does for letters it does not know; the
    calendar and time-zone codes (``xi…``, ``xj…``, ``e O P T Z U W L o t z I c r``) are
    left out because no format here uses them.
    """
    when = _as_datetime(when)
    lang = _lang(lang)
    weekday = (when.weekday() + 1) % 7
    hour12 = when.hour % 12 or 12
    numbers = {
        "d": f"{when.day:02d}", "j": str(when.day), "N": str(weekday or 7), "w": str(weekday),
        "m": f"{when.month:02d}", "n": str(when.month), "Y": f"{when.year:04d}",
        "y": f"{when.year % 100:02d}", "g": str(hour12), "G": str(when.hour),
        "h": f"{hour12:02d}", "H": f"{when.hour:02d}", "i": f"{when.minute:02d}",
        "s": f"{when.second:02d}",
    }  # fmt: skip
    words = {
        "D": W.WEEKDAY_ABBREVIATIONS[lang][weekday], "l": W.WEEKDAY_NAMES[lang][weekday],
        "F": W.MONTH_NAMES[lang][when.month - 1], "M": W.MONTH_ABBREVIATIONS[lang][when.month - 1],
        "xg": W.MONTH_NAMES_GENITIVE[lang][when.month - 1],
        "a": "am" if when.hour < 12 else "pm", "A": "AM" if when.hour < 12 else "PM",
    }  # fmt: skip
    out: list[str] = []
    p = 0
    while p < len(fmt):
        code = fmt[p]
        if code == "x" and p + 1 < len(fmt):
            p += 1
            code += fmt[p]
        if code in numbers:
            # Digits go through formatNumNoSeparators(), a no-op for en and uk.
            out.append(numbers[code])
        elif code in words:
            out.append(words[code])
        elif code == "xx":
            out.append("x")
        elif code == "\\" and p + 1 < len(fmt):
            p += 1
            out.append(fmt[p])
        elif code == '"' and fmt.find('"', p + 1) != -1:
            end = fmt.find('"', p + 1)
            out.append(fmt[p + 1 : end])
            p = end
        elif code not in ("xn", "xN"):  # raw-number switches: numbers are raw already
            out.append(code[-1])  # sprintfDate's default keeps only the current character
        p += 1
    return "".join(out)


def format_date(when: datetime | str, lang: str, *, pref: str = "default") -> str:
    """Language::userDate(): ``26 November 2026``, uk ``26 листопада 2026``."""
    return sprintf_date(date_format(lang, "date", pref), when, lang)


def format_time(when: datetime | str, lang: str, *, pref: str = "default") -> str:
    """Language::userTime(): ``18:39``."""
    return sprintf_date(date_format(lang, "time", pref), when, lang)


def format_user_datetime(when: datetime | str, lang: str, *, pref: str = "default") -> str:
    """Language::userTimeAndDate(): ``18:39, 26 November 2026``, uk ``18:39, 26 листопада 2026``."""
    return sprintf_date(date_format(lang, "both", pref), when, lang)


def is_infinite(expiry: datetime | str) -> bool:
    """What formatExpiry() and wfIsInfinity() treat as "never expires"."""
    return isinstance(expiry, str) and expiry in _INFINITE


def format_expiry(expiry: datetime | str, lang: str, *, pref: str = "default") -> str:
    """Language::formatExpiry( $expiry, true ): ``infinite`` (message infiniteblock) or a time.

    This is ``blockexpiryformatted`` (and ``blockedtimestampformatted``) in block info; the API
    omits it for infinite blocks, but the function itself says ``infinite`` /
    ``блокування на невизначений термін``.
    """
    if is_infinite(expiry):
        return _message(lang, "infiniteblock")
    return format_user_datetime(expiry, lang, pref=pref)


def format_relative_expiry(
    expiry: datetime | str, lang: str, now: datetime | None = None, *, pref: str = "default"
) -> str:
    """Language::getHumanTimestamp(): ``blockexpiryrelative`` in block info.

    MediaWiki 1.39 has no "in 5 days": any time after ``now`` is written in full like
    format_user_datetime(). Times before ``now`` become "just now", "40 seconds ago",
    "1 hour ago", "17:00" (today), "Yesterday at 23:59", "Monday at 12:00", "20 November" or
    "31 December 2025". An infinite expiry gives the infiniteblock message.
    """
    if is_infinite(expiry):
        return _message(lang, "infiniteblock")
    when, now = _as_datetime(expiry), _as_datetime(now or clock.now())
    if when > now:
        return format_user_datetime(when, lang, pref=pref)
    delta = now - when
    days = delta.days or int(when.weekday() != now.weekday())
    hours, rest = divmod(delta.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if days > 5:
        kind: DateType = "date" if when.year != now.year else "pretty"
        return sprintf_date(date_format(lang, kind, pref), when, lang)
    time = format_time(when, lang, pref=pref)
    if days > 1:
        weekday = W.WEEKDAY_NAMES["en"][(when.weekday() + 1) % 7].lower()
        return _message(lang, f"{weekday}-at", param=time)
    if days == 1:
        return _message(lang, "yesterday-at", param=time)
    if hours > 1 or (hours == 1 and minutes > 30):
        return _message(lang, "today-at", param=time)
    if hours == 1:
        return _message(lang, "hours-ago", 1)
    if minutes >= 1:
        return _message(lang, "minutes-ago", minutes)
    if seconds >= 30:
        return _message(lang, "seconds-ago", seconds)
    return _message(lang, "just-now")


def format_duration(
    seconds: int, lang: str, intervals: Sequence[str] = W.DEFAULT_DURATION_INTERVALS
) -> str:
    """Language::formatDuration(): ``1 hour, 2 minutes and 3 seconds``.

    uk: ``1 година, 2 хвилини та 3 секунди``. Weeks are not used unless asked for, so a
    fortnight is ``14 days``; a year is 365.2425 days.
    """
    chosen = [name for name in W.DURATION_INTERVALS if name in intervals]
    parts: list[str] = []
    for name in chosen:
        length = W.DURATION_INTERVALS[name]
        value = seconds // length
        if value > 0 or (name == chosen[-1] and not parts):
            seconds -= value * length
            parts.append(_message(lang, f"duration-{name}", value))
    return list_to_text(parts, lang)


def list_to_text(items: Sequence[str], lang: str) -> str:
    """Language::listToText(): ``a, b and c``; uk ``a, b та c``."""
    if len(items) < 2:
        return "".join(items)
    head = _message(lang, "comma-separator").join(items[:-1])
    return head + _message(lang, "and") + _message(lang, "word-separator") + items[-1]
