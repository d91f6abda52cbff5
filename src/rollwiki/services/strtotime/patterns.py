"""The regular expressions of timelib's parse_date.re, written for Python's matcher.

re2c matches the longest string a rule allows; Python takes the first alternative that
works. Alternatives are therefore ordered longest first, and the rules whose alternatives
still differ in length are split into separate patterns by :mod:`.grammar`.
"""

from __future__ import annotations

HOUR24 = r"(?:2[0-4]|[01]?[0-9])"
HOUR24LZ = r"(?:2[0-4]|[01][0-9])"
HOUR12 = r"(?:1[0-2]|0?[1-9])"
MINUTE = r"[0-5]?[0-9]"
MINUTELZ = r"[0-5][0-9]"
SECOND = r"(?:60|[0-5]?[0-9])"
SECONDLZ = r"(?:60|[0-5][0-9])"
MERIDIAN = r"(?i:[ap]\.?m\.?)(?:[\t ]|\Z)"
FRAC = r"\.[0-9]+"
TZ_NAME = r"[A-Z][a-z]+(?:[_/-][A-Za-z]+)+"
TZ_WORD = r"\(?[A-Za-z]{1,6}\)?"
TZCORRECTION = (
    rf"(?:GMT)?[+-](?:{HOUR24LZ}:{MINUTELZ}:{SECONDLZ}|{HOUR24LZ}{MINUTELZ}{SECONDLZ}"
    rf"|{HOUR24}:?(?:{MINUTE})?)"
)
TZ_ANY = f"(?:{TZCORRECTION}|{TZ_NAME}|{TZ_WORD})"

MONTH = r"(?:1[0-2]|0?[0-9])"
DAY = r"(?:3[01]|[0-2]?[0-9])(?i:st|nd|rd|th)?"
YEAR = r"[0-9]{1,4}"
YEAR2 = r"[0-9]{2}"
YEAR4 = r"[0-9]{4}"
MONTHLZ = r"(?:0[0-9]|1[0-2])"
DAYLZ = r"(?:0[0-9]|[12][0-9]|3[01])"
DAYOFYEAR = r"(?:36[0-6]|3[0-5][0-9]|[12][0-9][0-9]|0[1-9][0-9]|00[1-9])"
WEEKOFYEAR = r"(?:5[0-3]|[1-4][0-9]|0[1-9])"

DAYFULL = "sunday|monday|tuesday|wednesday|thursday|friday|saturday"
DAYABBR = "sun|mon|tue|wed|thu|fri|sat"
# PHP 8.2 also takes plural full names ("mondays"), though not plural abbreviations.
DAYTEXT = rf"(?i:weekdays|weekday|(?:{DAYFULL})s?|{DAYABBR})"
MONTHFULL = "january|february|march|april|may|june|july|august|september|october|november|december"
MONTHABBR = "jan|feb|mar|apr|may|jun|jul|aug|sept|sep|oct|nov|dec"
MONTHTEXT = rf"(?:(?i:{MONTHFULL}|{MONTHABBR})|XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)"

UNIT = (
    r"(?:(?i:(?:millisecond|microsecond|fortnight|forthnight|minute|second|month|msec|µsec"
    rf"|usec|hour|year|sec|min|day)s?|weeks|ms|µs)|{DAYTEXT})"
)
RELTEXT = (
    "(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|eight|ninth|tenth|eleventh"
    "|twelfth|next|last|previous|this)"
)

TIME24 = rf"(?i:t)?{HOUR24}[:.]{MINUTE}(?:[:.]{SECOND}(?:{FRAC})?)?"
TIME12 = rf"{HOUR12}(?:[:.]{MINUTE}[:.]{SECONDLZ}|[:.]{MINUTELZ})?[ \t]*{MERIDIAN}"
DATENOYEAR = rf"{MONTHTEXT}[ .\t-]*{DAY}(?:[,.stndrh\t ]+|\Z)"
