"""The scanner of the strtotime() port: timelib's parse_date.re rules, in its order.

Each rule is a pattern (:mod:`.patterns`) and an action that re-reads the token
(:mod:`.cursor`) into :class:`.state.Parsed`. :func:`scan` applies re2c's policy: at each
position the longest match wins and, on a tie, the rule listed first. A rule whose
alternatives differ in length is registered once per alternative, so that the longest is
found even though Python's matcher stops at the first alternative that works.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rollwiki.services.civil import days_from_civil, weekday
from rollwiki.services.strtotime import patterns as P
from rollwiki.services.strtotime.cursor import Cursor
from rollwiki.services.strtotime.state import (
    InvalidTime,
    Parsed,
    UnsupportedFormat,
    parse_zone,
    weekday_number,
)
from rollwiki.services.strtotime.words import MONTHS, RELATIVE_WORDS

Action = Callable[[Parsed, Cursor], None]
RULES: list[tuple[re.Pattern[str], Action]] = []


def _rule(*patterns: str) -> Callable[[Action], Action]:
    def register(action: Action) -> Action:
        RULES.extend((re.compile(pattern), action) for pattern in patterns)
        return action

    return register


@_rule("(?i:yesterday)")
def _yesterday(p: Parsed, c: Cursor) -> None:
    p.unset_time()
    p.rel["d"] = -1  # "=", not "+=": "1 day yesterday" is plain yesterday


@_rule("(?i:now)")
def _now(p: Parsed, c: Cursor) -> None:
    pass


@_rule("(?i:noon)")
def _noon(p: Parsed, c: Cursor) -> None:
    p.unset_time()
    p.set_time(12)


@_rule("(?i:midnight|today)")
def _midnight(p: Parsed, c: Cursor) -> None:
    p.unset_time()


@_rule("(?i:tomorrow)")
def _tomorrow(p: Parsed, c: Cursor) -> None:
    p.unset_time()
    p.rel["d"] = 1


@_rule(r"@-?[0-9]+\.[0-9]{0,6}", "@-?[0-9]+")
def _timestamp(p: Parsed, c: Cursor) -> None:
    # The fields are cleared before the zone check, so a second "@..." leaves 0000-00-00.
    p.have_date = False
    p.y = p.m = p.d = 0
    p.unset_time()
    if not p.set_zone(0):
        return
    p.y, p.m, p.d = 1970, 1, 1
    negative = c.rest().startswith("@-")
    seconds, micro = c.nr(24), c.micro()
    if c.text.endswith("."):
        raise InvalidTime("Found unexpected data")  # "@123." has no fraction digits
    p.rel["s"] += -seconds if negative else seconds
    p.rel["us"] += -micro if negative else micro


@_rule("(?i:first day of|last day of)")
def _first_last_day_of(p: Parsed, c: Cursor) -> None:
    p.first_last = 2 if c.text[0] in "lL" else 1


@_rule(
    rf"(?i:back of |front of ){P.HOUR24}(?:[ \t]*{P.MERIDIAN})?",
    rf"{P.RELTEXT}[ \t]+(?i:{P.DAYFULL}|{P.DAYABBR})[ \t]+(?i:of)",
    rf"{P.HOUR12}:{P.MINUTELZ}:{P.SECONDLZ}[:.][0-9]+{P.MERIDIAN}",
)
def _unsupported(p: Parsed, c: Cursor) -> None:
    raise UnsupportedFormat(f"{c.text!r}: 'back of', '<nth> <weekday> of', MS SQL times")


@_rule(P.TIME12)
def _time12(p: Parsed, c: Cursor) -> None:
    h = c.nr(2)
    i = s = 0
    if c.peek() in (":", "."):
        i = c.nr(2)
        if c.peek() in (":", "."):
            s = c.nr(2)
    p.set_time(c.meridian(h), i, s)


@_rule(P.TIME24, rf"(?i:t){P.HOUR24}")
def _time24(p: Parsed, c: Cursor) -> None:
    h = c.nr(2)
    i = s = 0
    if c.peek() in (":", "."):
        i = c.nr(2)
        if c.peek() in (":", "."):
            s = c.nr(2)
    p.set_time(h, i, s, c.micro())


@_rule(rf"(?i:t)?{P.HOUR24LZ}{P.MINUTELZ}")
def _gnunocolon(p: Parsed, c: Cursor) -> None:
    # "2027" alone is 20:27 today; only after a time of day is it a year.
    if p.have_time == 0:
        p.h, p.i, p.s = c.nr(2), c.nr(2), 0
    elif p.have_time == 1:
        p.y = c.nr(4)
    else:
        raise InvalidTime("Double time specification")
    p.have_time += 1


@_rule(rf"(?i:t)?{P.HOUR24LZ}{P.MINUTELZ}{P.SECONDLZ}")
def _iso8601nocolon(p: Parsed, c: Cursor) -> None:
    p.set_time(c.nr(2), c.nr(2), c.nr(2))


@_rule(rf"{P.MONTH}/{P.DAY}/{P.YEAR}", rf"{P.MONTH}/{P.DAY}")
def _american(p: Parsed, c: Cursor) -> None:
    m, d = c.nr(2), c.nr(2)
    if c.peek() == "/":
        p.set_date(y=c.year(), m=m, d=d)
    else:
        p.set_date(m=m, d=d)


@_rule(
    rf"[+-]?{P.YEAR4}-{P.MONTHLZ}-{P.DAYLZ}",
    rf"{P.YEAR4}/{P.MONTHLZ}/{P.DAYLZ}/?",
    rf"{P.YEAR4}/{P.MONTH}/{P.DAY}",
)
def _iso_date(p: Parsed, c: Cursor) -> None:
    sign = -1 if c.text.startswith("-") else 1
    y = sign * c.nr(4)
    p.set_date(y=y, m=c.nr(2), d=c.nr(2))


@_rule(rf"{P.YEAR2}-{P.MONTHLZ}-{P.DAYLZ}")
def _iso_date2(p: Parsed, c: Cursor) -> None:
    p.set_date(y=c.year(), m=c.nr(2), d=c.nr(2))


@_rule(rf"[+-]?[0-9]{{5,19}}-{P.MONTHLZ}-{P.DAYLZ}")
def _iso_datex(p: Parsed, c: Cursor) -> None:
    raise UnsupportedFormat("years with five or more digits are not supported")


@_rule(rf"{P.YEAR4}-{P.MONTH}")
def _gnudateshorter(p: Parsed, c: Cursor) -> None:
    p.set_date(y=c.year(), m=c.nr(2), d=1)


@_rule(rf"{P.YEAR}-{P.MONTH}-{P.DAY}")
def _gnudateshort(p: Parsed, c: Cursor) -> None:
    p.set_date(y=c.year(), m=c.nr(2), d=c.nr(2))


@_rule(rf"{P.DAY}[ \t.-]*{P.MONTHTEXT}[ \t.-]*{P.YEAR}")
def _datefull(p: Parsed, c: Cursor) -> None:
    d = c.nr(2)
    c.skip_day_suffix()
    m = c.month()
    p.set_date(y=c.year(), m=m, d=d)


@_rule(rf"{P.DAY}[.\t-]{P.MONTH}[.-]{P.YEAR4}")
def _pointeddate4(p: Parsed, c: Cursor) -> None:
    d, m = c.nr(2), c.nr(2)
    p.set_date(y=c.nr(4), m=m, d=d)


@_rule(rf"{P.DAY}[.\t]{P.MONTH}\.{P.YEAR2}")
def _pointeddate2(p: Parsed, c: Cursor) -> None:
    d, m = c.nr(2), c.nr(2)
    p.set_date(y=c.year(2), m=m, d=d)


@_rule(rf"{P.MONTHTEXT}[ .\t-]*{P.YEAR4}")
def _datenoday(p: Parsed, c: Cursor) -> None:
    m = c.month()
    p.set_date(y=c.year(), m=m, d=1)


@_rule(rf"{P.YEAR4}[ .\t-]*{P.MONTHTEXT}")
def _datenodayrev(p: Parsed, c: Cursor) -> None:
    y = c.year()
    p.set_date(y=y, m=c.month(), d=1)


@_rule(rf"{P.MONTHTEXT}[ .\t-]*{P.DAY}[,.stndrh\t ]+{P.YEAR}", P.DATENOYEAR)
def _datetextual(p: Parsed, c: Cursor) -> None:
    m, d = c.month(), c.nr(2)
    p.set_date(y=c.year(), m=m, d=d)


@_rule(rf"{P.DAY}[ .\t-]*{P.MONTHTEXT}")
def _datenoyearrev(p: Parsed, c: Cursor) -> None:
    d = c.nr(2)
    c.skip_day_suffix()
    p.set_date(m=c.month(), d=d)


@_rule(rf"{P.YEAR4}{P.MONTHLZ}{P.DAYLZ}")
def _datenocolon(p: Parsed, c: Cursor) -> None:
    p.set_date(y=c.nr(4), m=c.nr(2), d=c.nr(2))


@_rule(
    rf"{P.YEAR4}-{P.MONTHLZ}-{P.DAYLZ}T{P.HOUR24LZ}:{P.MINUTELZ}:{P.SECONDLZ}{P.FRAC}"
    rf"(?:{P.TZCORRECTION})?",
    rf"{P.YEAR4}{P.MONTHLZ}{P.DAYLZ}T{P.HOUR24}:{P.MINUTELZ}:{P.SECONDLZ}",
    rf"{P.YEAR4}{P.MONTHLZ}{P.DAYLZ}(?i:t){P.HOUR24}{P.MINUTELZ}{P.SECONDLZ}",
    rf"{P.YEAR4}-{P.MONTH}-{P.DAY}T{P.HOUR24}:{P.MINUTE}:{P.SECOND}",
    rf"{P.YEAR4}:{P.MONTHLZ}:{P.DAYLZ} {P.HOUR24LZ}:{P.MINUTELZ}:{P.SECONDLZ}",
)
def _soap_xmlrpc_wddx_exif(p: Parsed, c: Cursor) -> None:
    y, m, d, h, i, s = c.nr(4), c.nr(2), c.nr(2), c.nr(2), c.nr(2), c.nr(2)
    p.set_time(h, i, s, c.micro())
    p.set_date(y=y, m=m, d=d)
    if c.rest():
        p.zone = parse_zone(c.rest())  # read inside the token: no double-zone check


@_rule(rf"{P.YEAR4}[.-]?{P.DAYOFYEAR}")
def _pgydotd(p: Parsed, c: Cursor) -> None:
    y = c.nr(4)
    p.set_date(y=y, m=1, d=c.nr(3))


@_rule(rf"{P.YEAR4}-?W{P.WEEKOFYEAR}-?[0-7]", rf"{P.YEAR4}-?W{P.WEEKOFYEAR}")
def _isoweek(p: Parsed, c: Cursor) -> None:
    y, week = c.nr(4), c.nr(2)
    day = c.number(1)
    p.set_date(y=y, m=1, d=1)
    # timelib_daynr_from_weeknr(): week 1 holds the year's first Thursday.
    jan1 = weekday(days_from_civil(y, 1, 1))
    p.rel["d"] = -(jan1 - 7 if jan1 > 4 else jan1) + (week - 1) * 7 + (day[0] if day else 1)


@_rule(
    rf"(?i:{P.MONTHABBR})-{P.DAYLZ}-{P.YEAR}",
    rf"{P.YEAR}-(?i:{P.MONTHABBR})-{P.DAYLZ}",
)
def _pgtext(p: Parsed, c: Cursor) -> None:
    if c.text[0].isdigit():
        y, m = c.year(), c.month()
        p.set_date(y=y, m=m, d=c.nr(2))
    else:
        m, d = c.month(), c.nr(2)
        p.set_date(y=c.year(), m=m, d=d)


@_rule(
    rf"{P.DAY}/(?i:{P.MONTHABBR})/{P.YEAR4}:{P.HOUR24LZ}:{P.MINUTELZ}:{P.SECONDLZ}[ \t]+"
    rf"{P.TZCORRECTION}"
)
def _clf(p: Parsed, c: Cursor) -> None:
    d, m, y = c.nr(2), c.month(), c.nr(4)
    p.set_time(c.nr(2), c.nr(2), c.nr(2))
    p.set_date(y=y, m=m, d=d)
    p.zone = parse_zone(c.rest())


@_rule(P.YEAR4)
def _year4(p: Parsed, c: Cursor) -> None:
    p.y = c.nr(4)


@_rule("(?i:ago)")
def _ago(p: Parsed, c: Cursor) -> None:
    for unit in ("y", "m", "d", "h", "i", "s"):  # not "us": "@1.5 ago" is -0.5 s
        p.rel[unit] = -p.rel[unit]
    if p.weekday is not None:
        p.weekday = -p.weekday or -7


@_rule(P.DAYTEXT)
def _daytext(p: Parsed, c: Cursor) -> None:
    number = weekday_number(c.text)
    if number is None:
        raise UnsupportedFormat("business days ('weekday') are not supported")
    p.unset_time()
    p.weekday = number
    if p.weekday_behavior != 2:
        p.weekday_behavior = 1


@_rule(r"(?i:(?:next|last|previous|this)[ \t]+week)")
def _relativetextweek(p: Parsed, c: Cursor) -> None:
    # "next week" is Monday-based: the weekday named (or Monday) of the week 7 days on.
    p.add_unit("week", RELATIVE_WORDS[c.word().lower()], 0, keep_time=False)
    p.weekday_behavior = 2
    if p.weekday is None:
        p.weekday = 1


@_rule(rf"{P.RELTEXT}[ \t]+{P.UNIT}")
def _relativetext(p: Parsed, c: Cursor) -> None:
    word = c.word().lower()
    p.add_unit(c.unit(), RELATIVE_WORDS[word], 1 if word == "this" else 0, keep_time=False)


@_rule(f"(?i:{P.MONTHFULL}|{P.MONTHABBR})")
def _monthtext(p: Parsed, c: Cursor) -> None:
    p.set_date(m=MONTHS[c.text.lower()])


@_rule(P.TZCORRECTION, P.TZ_NAME, P.TZ_WORD)
def _zone(p: Parsed, c: Cursor) -> None:
    # The double-zone check comes first: a second zone is skipped unread, even "foo".
    if p.set_zone(0):
        p.zone = parse_zone(c.text)


@_rule(
    rf"{P.DATENOYEAR}{P.HOUR12}[:.]{P.MINUTE}[:.]{P.SECONDLZ}[ \t]*{P.MERIDIAN}",
    rf"{P.DATENOYEAR}{P.HOUR12}[:.]{P.MINUTELZ}[ \t]*{P.MERIDIAN}",
)
def _dateshort_time12(p: Parsed, c: Cursor) -> None:
    m, d = c.month(), c.nr(2)
    p.set_date(m=m, d=d)
    h, i = c.nr(2), c.nr(2)
    s = c.nr(2) if c.peek() in (":", ".") else 0
    p.set_time(c.meridian(h), i, s)


@_rule(
    rf"{P.DATENOYEAR}(?i:t)?{P.HOUR24}[:.]{P.MINUTE}[:.]{P.SECONDLZ}[ \t]*{P.TZ_ANY}",
    rf"{P.DATENOYEAR}(?i:t)?{P.HOUR24}[:.]{P.MINUTE}(?:[:.]{P.SECOND})?",
)
def _dateshort_time24(p: Parsed, c: Cursor) -> None:
    m, d = c.month(), c.nr(2)
    p.set_date(m=m, d=d)
    h, i = c.nr(2), c.nr(2)
    s = c.nr(2) if c.peek() == ":" else 0
    p.set_time(h, i, s, c.micro())
    if c.rest():
        p.zone = parse_zone(c.rest())


@_rule(rf"[+-]*[ \t]*[0-9]+[ \t]*(?:{P.UNIT}|(?i:week))")
def _relative(p: Parsed, c: Cursor) -> None:
    amount = c.signed()
    p.add_unit(c.unit(), amount, 1, keep_time=True)


@_rule(r"[ .,\t\n\x00]")
def _separator(p: Parsed, c: Cursor) -> None:
    pass


def scan(text: str) -> Parsed:
    """Run the rules over ``text`` (already trimmed) and return what they set."""
    parsed = Parsed()
    pos = 0
    while pos < len(text):
        best: tuple[re.Match[str], Action] | None = None
        for pattern, action in RULES:
            match = pattern.match(text, pos)
            if match and match.end() > pos and (best is None or match.end() > best[0].end()):
                best = (match, action)
        if best is None:
            raise InvalidTime(f"Unexpected character at {pos}")
        best[1](parsed, Cursor(best[0][0]))
        pos = best[0].end()
    return parsed
