"""Reading numbers and words back out of a matched token, as timelib's rule actions do.

The regular expression of a rule only decides how far the token reaches; the action then
re-reads it from the left with ``timelib_get_nr()`` and friends, which skip anything that is
not a digit and take at most N digits. Reading it the same way keeps "may 25" the 25th of
May however the pattern happened to match.
"""

from __future__ import annotations

from rollwiki.services.strtotime.words import MONTHS

_DIGITS = "0123456789"


class Cursor:
    """A position in one token."""

    def __init__(self, token: str) -> None:
        self.text = token
        self.pos = 0

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def rest(self) -> str:
        return self.text[self.pos :]

    def number(self, max_digits: int) -> tuple[int, int] | None:
        """timelib_get_nr_ex(): skip non-digits, read up to ``max_digits``; value and length."""
        while self.pos < len(self.text) and self.text[self.pos] not in _DIGITS:
            self.pos += 1
        start = self.pos
        while self.pos < len(self.text) and self.text[self.pos] in _DIGITS:
            if self.pos - start == max_digits:
                break
            self.pos += 1
        if self.pos == start:
            return None
        return int(self.text[start : self.pos]), self.pos - start

    def nr(self, max_digits: int) -> int:
        """timelib_get_nr() where the pattern guarantees digits."""
        found = self.number(max_digits)
        return found[0] if found else 0

    def year(self, max_digits: int = 4) -> int | None:
        """A year, with TIMELIB_PROCESS_YEAR: one or two digits mean 1970-2069."""
        found = self.number(max_digits)
        if found is None:
            return None
        value, length = found
        if length < 4 and value < 100:
            value += 2000 if value < 70 else 1900
        return value

    def signed(self) -> int:
        """timelib_get_signed_nr(): any run of + and -, each - flipping the sign, then digits."""
        while self.pos < len(self.text) and self.text[self.pos] not in _DIGITS + "+-":
            self.pos += 1
        sign = 1
        while self.peek() in ("+", "-") and self.peek():
            sign = -sign if self.peek() == "-" else sign
            self.pos += 1
        return sign * self.nr(24)

    def word(self, stop: str = "") -> str:
        """Skip ``stop`` characters, then read ASCII letters."""
        while self.peek() and self.peek() in stop:
            self.pos += 1
        start = self.pos
        while self.peek().isascii() and self.peek().isalpha():
            self.pos += 1
        return self.text[start : self.pos]

    def unit(self) -> str:
        """timelib_lookup_relunit()'s word: everything up to a delimiter."""
        self.skip(" \t")
        start = self.pos
        while self.peek() and self.peek() not in " ,\t;:/.-()":
            self.pos += 1
        return self.text[start : self.pos]

    def month(self) -> int:
        """timelib_get_month(): skip `` \\t-./``, then a month name or Roman numeral."""
        return MONTHS.get(self.word(" \t-./").lower(), 0)

    def skip(self, chars: str) -> None:
        while self.peek() and self.peek() in chars:
            self.pos += 1

    def skip_day_suffix(self) -> None:
        if self.rest()[:2].lower() in ("st", "nd", "rd", "th"):
            self.pos += 2

    def micro(self) -> int:
        """A ".123" fraction as microseconds (timelib_get_frac_nr)."""
        if self.peek() != ".":
            return 0
        self.pos += 1
        start = self.pos
        while self.peek() and self.peek() in _DIGITS:
            self.pos += 1
        return int(self.text[start : self.pos][:6].ljust(6, "0"))

    def meridian(self, hour: int) -> int:
        """timelib_meridian(): 12 am is hour 0, 12 pm stays 12, other pm hours add 12."""
        while self.peek() and self.peek() not in "AaPp":
            self.pos += 1
        is_am = self.peek() in ("a", "A")
        self.pos = len(self.text)
        if is_am:
            return 0 if hour == 12 else hour
        return hour if hour == 12 else hour + 12
