"""The word tables of timelib's parse_date.re (months, weekdays, units, zone abbreviations)."""

from __future__ import annotations

# timelib_month_lookup: abbreviations, full names and Roman numerals.
MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12, "january": 1, "february": 2,
    "march": 3, "april": 4, "june": 6, "july": 7, "august": 8, "september": 9,
    "october": 10, "november": 11, "december": 12, "i": 1, "ii": 2, "iii": 3, "iv": 4,
    "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10, "xi": 11, "xii": 12,
}  # fmt: skip

# Day of the week as PHP's "w" (0 = Sunday).
WEEKDAYS: dict[str, int] = {
    "sunday": 0, "sun": 0, "monday": 1, "mon": 1, "tuesday": 2, "tue": 2,
    "wednesday": 3, "wed": 3, "thursday": 4, "thu": 4, "friday": 5, "fri": 5,
    "saturday": 6, "sat": 6,
}  # fmt: skip

# timelib_relunit_lookup (singular; a trailing "s" is accepted): field and multiplier.
UNITS: dict[str, tuple[str, int]] = {
    "ms": ("us", 1000), "msec": ("us", 1000), "millisecond": ("us", 1000),
    "µs": ("us", 1), "µsec": ("us", 1), "usec": ("us", 1), "microsecond": ("us", 1),
    "sec": ("s", 1), "second": ("s", 1), "min": ("i", 1), "minute": ("i", 1),
    "hour": ("h", 1), "day": ("d", 1), "week": ("d", 7), "fortnight": ("d", 14),
    "forthnight": ("d", 14), "month": ("m", 1), "year": ("y", 1),
}  # fmt: skip

# timelib_reltext_lookup: amount; "this" alone has weekday behaviour 1.
RELATIVE_WORDS: dict[str, int] = {
    "first": 1, "next": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eight": 8, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "last": -1, "previous": -1, "this": 0,
}  # fmt: skip

# Seconds east of UTC, as PHP 8.2 resolves each abbreviation (measured with strtotime()).
# The single letters are the military zones (there is no J). PHP knows several hundred
# more; those fall through to the IANA names and otherwise fail.
ZONE_ABBREVIATIONS: dict[str, int] = {
    **{c: (n + 1) * 3600 for n, c in enumerate("abcdefghi")},
    **{c: (n + 10) * 3600 for n, c in enumerate("klm")},
    **{c: -(n + 1) * 3600 for n, c in enumerate("nopqrstuvwxy")},
    "z": 0, "utc": 0, "gmt": 0, "wet": 0, "west": 3600, "cet": 3600, "cest": 7200,
    "met": 3600, "mest": 7200, "eet": 7200, "eest": 10800, "msk": 10800, "bst": 3600,
    "ist": 7200, "est": -18000, "edt": -14400, "cst": -21600, "cdt": -18000,
    "mst": -25200, "mdt": -21600, "pst": -28800, "pdt": -25200, "akst": -32400,
    "akdt": -28800, "hst": -36000, "jst": 32400, "aest": 36000, "aedt": 39600,
    "acst": 34200, "awst": 28800, "nzst": 43200, "nzdt": 46800, "sast": 7200,
    "wat": 3600, "cat": 7200, "eat": 10800, "hkt": 28800, "pkt": 18000,
    "ast": -14400, "adt": -10800, "nst": -12600, "wib": 25200,
}  # fmt: skip
