"""Tests for rollwiki.services.timestamps: clock, TS_MW/ISO, ConvertibleTimestamp, expiries."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rollwiki.services import datewords as W
from rollwiki.services import timestamps as ts

# The fixed "now" of every table: Thursday 26 November 2026, 21:52:33 UTC (Unix 1795729953).
# Each expected value below was produced by PHP 8.2.36 on the same input at that time:
# ConvertibleTimestamp (MediaWiki 1.39.17's vendor/wikimedia/timestamp) for timestamps,
# strtotime() for expiries; the API behaviours were checked on the oracle wiki.
NOW = datetime(2026, 11, 26, 21, 52, 33, tzinfo=UTC)


def at(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


@pytest.fixture(autouse=True)
def fixed_clock() -> Iterator[None]:
    ts.set_clock(lambda: NOW)
    yield
    ts.set_clock(None)


# --------------------------------------------------------------------------- clock


def test_now_follows_the_clock_source_without_microseconds() -> None:
    ts.set_clock(lambda: NOW.replace(microsecond=999_999))
    assert ts.now() == NOW
    assert ts.mw_now() == "20261126215233"


def test_naive_clock_source_is_taken_as_utc() -> None:
    ts.set_clock(lambda: datetime(2026, 1, 2, 3, 4, 5))
    assert ts.now() == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_clock_source_in_another_zone_is_converted_to_utc() -> None:
    kyiv_winter = timezone(timedelta(hours=2))
    ts.set_clock(lambda: datetime(2026, 1, 2, 3, 4, 5, tzinfo=kyiv_winter))
    assert ts.mw_now() == "20260102010405"


def test_reset_clock_reads_the_system_time() -> None:
    ts.set_clock(None)
    before = datetime.now(UTC).replace(microsecond=0)
    assert before <= ts.now() <= before + timedelta(seconds=2)
    assert ts.now().tzinfo is UTC


# --------------------------------------------------------------------------- TS_MW / ISO


def test_to_mw_and_to_iso_print_mediawiki_formats() -> None:
    when = datetime(2026, 11, 26, 18, 43, 33, tzinfo=UTC)
    assert ts.to_mw(when) == "20261126184333"
    assert ts.to_iso(when) == "2026-11-26T18:43:33Z"
    assert ts.to_iso("20261126184333") == "2026-11-26T18:43:33Z"
    assert ts.from_mw("20261126184333") == when


def test_years_before_1000_keep_four_digits() -> None:
    when = datetime(999, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert ts.to_mw(when) == "09990102030405"
    assert ts.to_iso(when) == "0999-01-02T03:04:05Z"


@pytest.mark.parametrize("bad", ["2026112618433", "2026-11-26T18:43:33Z", "20261326184333", ""])
def test_from_mw_rejects_anything_but_a_valid_ts_mw(bad: str) -> None:
    with pytest.raises(ValueError):
        ts.from_mw(bad)


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError):
        ts.to_mw(datetime(2026, 1, 1))


@given(st.datetimes(timezones=st.just(UTC)).map(lambda d: d.replace(microsecond=0)))
def test_every_ts_mw_and_iso_string_parses_back(when: datetime) -> None:
    assert ts.from_mw(ts.to_mw(when)) == when
    assert ts.parse_timestamp(ts.to_mw(when)) == when
    assert ts.parse_timestamp(ts.to_iso(when)) == when


# --------------------------------------------------------------------------- ConvertibleTimestamp

CONVERTIBLE: list[tuple[str, str | None]] = [
    # TS_MW; out-of-range fields roll over as DateTime::createFromFormat() does
    ("20261126184333", "20261126184333"),
    ("20261301000000", "20270101000000"),
    ("20261332000000", "20270201000000"),
    ("20261126240000", "20261127000000"),
    ("20261126236000", "20261127000000"),
    ("99991231235959", "99991231235959"),
    ("99999999999999", None),
    # TS_ISO_8601 and TS_DB
    ("2026-11-26T18:43:33Z", "20261126184333"),
    ("2026-11-26T18:43:33Z\n", "20261126184333"),  # PCRE's $ allows one trailing newline
    ("2026-11-26T18:43:33Z\n\n", None),
    ("2026-11-26 18:43:33", "20261126184333"),
    ("2026-11-26T18:43:33", "20261126184333"),
    ("2026-11-26T18:43:33.123456Z", "20261126184333"),
    ("2026-11-26T18:43:33,5Z", "20261126184333"),
    ("2026-11-26T18:43:33.1234567Z", None),
    ("2026-11-26T18:43:33+02:00", "20261126164333"),
    ("2026-11-26T18:43:33+0200", "20261126164333"),
    ("2026-11-26T18:43:33+02", "20261126164333"),
    ("2026-11-26T18:43:33.999-00:30", "20261126191333"),
    ("2026-11-26T18:43:33 Z", None),
    ("2026-11-26T18:43", None),
    ("2026-11-26", None),
    # TS_ISO_8601_BASIC
    ("20261126T184333Z", "20261126184333"),
    ("20261126T184333.5+01", "20261126174333"),
    # TS_UNIX and TS_UNIX_MICRO: negative values, fractions floored
    ("1795729953", "20261126215233"),
    ("-1", "19691231235959"),
    ("-1.2", "19691231235958"),
    ("-0.5", "19700101000000"),  # "-0" < 0 is false in PHP: +0.5 s
    ("0.0", "19700101000000"),
    ("00", "19700101000000"),
    ("253402300799", "99991231235959"),
    ("253402300800", None),
    ("9999999999999", None),
    ("-62135596800", "00010101000000"),
    # TS_ORACLE, TS_POSTGRES, TS_EXIF
    ("26-11-2026 18:43:33.000000", "20261126184333"),
    ("26-11-2026 18:43:33.00000", None),
    ("2026-11-26 18:43:33 00", "20261126184333"),
    ("2026-11-26 18:43:33-05", "20261126234333"),
    ("2026-11-26 18:43:33.5 GMT", "20261126184333"),
    ("2026:11:26 18:43:33", "20261126184333"),
    # TS_RFC2822 (a wrong weekday moves the date forward to that weekday)
    ("Thu, 26 Nov 2026 18:43:33 GMT", "20261126184333"),
    ("Mon, 26 Nov 2026 18:43:33 GMT", "20261130184333"),
    ("Thu, 26 Nov 2026 18:43:33 +0200", "20261126164333"),
    ("Thu, 26 Nov 2026 18:43:33 EST", "20261126234333"),
    ("Thu, 26 Nov 2026 18:43:33 UT", "20261126184333"),
    ("Thu, 26 Nov 2026 18:43:33 A", "20261126184333"),  # military zones count as +0000
    ("   Thu,   26   Nov   2026   18 : 43 : 33   GMT", "20261126184333"),
    ("Sat, 26 Nov 94 18:43:33 GMT", "19941126184333"),
    ("Thu, 26 Nov 94 18:43:33 GMT", "19941201184333"),
    ("Thu, 26 Nov 2026 18:43:33 GMT; comment", "20261126184333"),
    ("Sat, 26 Xii 2026 18:43:33 GMT", "20261226184333"),  # Roman numerals are months
    ("Thu, 26 Foo 2026 18:43:33 GMT", None),
    # RFC 850 (two-digit years within 50 years of now) and asctime
    ("Sunday, 06-Nov-94 08:49:37 GMT", "19941106084937"),
    ("Friday, 06-Nov-76 08:49:37 GMT", "20761106084937"),
    ("Sunday, 06-Nov-77 08:49:37 GMT", "19771106084937"),
    ("Sunday, 06-Nov-94 08:49:37 PST", "19941106164937"),
    ("Sun Nov  6 08:49:37 1994", "19941106084937"),
    # now and garbage
    ("", "20261126215233"),
    ("0", "20261126215233"),
    ("\0" * 14, "20261126215233"),
    ("now", "20261126215233"),
    ("Now", None),
    ("garbage", None),
    ("-62167219200", None),  # year 0000: MediaWiki takes it, Python's datetime cannot
]


@pytest.mark.parametrize(("value", "expected"), CONVERTIBLE)
def test_parse_timestamp_accepts_what_convertibletimestamp_accepts(
    value: str, expected: str | None
) -> None:
    parsed = ts.parse_timestamp(value)
    assert (ts.to_mw(parsed) if parsed else None) == expected


@pytest.mark.parametrize(
    ("value", "warning"), [("", "unclearnowtimestamp"), ("0", "unclearnowtimestamp"), ("now", None)]
)
def test_api_timestamp_zero_and_empty_mean_now_with_a_deprecation_warning(
    value: str, warning: str | None
) -> None:
    assert ts.parse_api_timestamp(value) == ts.ParsedTimestamp(NOW, warning)


@pytest.mark.parametrize("value", ["garbage", "99999999999999", "00000000000000"])
def test_api_timestamp_badtimestamp_has_no_value(value: str) -> None:
    assert ts.parse_api_timestamp(value) == ts.ParsedTimestamp(None)


def test_api_timestamp_00_is_the_epoch_without_warning() -> None:
    assert ts.parse_api_timestamp("00") == ts.ParsedTimestamp(at("1970-01-01T00:00:00Z"))


# --------------------------------------------------------------------------- expiries

EXPIRIES: list[tuple[str, str]] = [
    # the infinity words, exactly as ExpiryDef::INFINITY_VALS
    ("infinite", "infinity"),
    ("indefinite", "infinity"),
    ("infinity", "infinity"),
    ("never", "infinity"),
    # relative units, singular and plural, signs, case, spaces
    ("1 week", "2026-12-03T21:52:33Z"),
    ("2 week", "2026-12-10T21:52:33Z"),
    ("1 WEEK", "2026-12-03T21:52:33Z"),
    ("  1 week  ", "2026-12-03T21:52:33Z"),
    ("--1 week", "2026-12-03T21:52:33Z"),
    ("3 days", "2026-11-29T21:52:33Z"),
    ("+2 hours", "2026-11-26T23:52:33Z"),
    ("1 month", "2026-12-26T21:52:33Z"),
    ("6 months", "2027-05-26T21:52:33Z"),
    ("1 years", "2027-11-26T21:52:33Z"),
    ("2 years", "2028-11-26T21:52:33Z"),
    ("1 day 2 hours", "2026-11-27T23:52:33Z"),
    ("1 year 2 months", "2028-01-26T21:52:33Z"),
    ("+1 week 2 days", "2026-12-05T21:52:33Z"),
    ("1 fortnight", "2026-12-10T21:52:33Z"),
    ("3 forthnights", "2027-01-07T21:52:33Z"),
    ("30 sec", "2026-11-26T21:53:03Z"),
    ("45 secs", "2026-11-26T21:53:18Z"),
    ("90 min", "2026-11-26T23:22:33Z"),
    ("10 minutes", "2026-11-26T22:02:33Z"),
    ("now", "2026-11-26T21:52:33Z"),
    # words: next/this/last, weekdays (which reset the time), tomorrow, noon
    ("next monday", "2026-11-30T00:00:00Z"),
    ("friday", "2026-11-27T00:00:00Z"),
    ("+2 monday", "2026-12-07T21:52:33Z"),
    ("next week", "2026-11-30T21:52:33Z"),  # Monday-based: Monday of next week
    ("next month", "2026-12-26T21:52:33Z"),
    ("first day of next month", "2026-12-01T21:52:33Z"),
    ("last day of next month", "2026-12-31T21:52:33Z"),
    ("tomorrow", "2026-11-27T00:00:00Z"),
    ("tomorrow noon", "2026-11-27T12:00:00Z"),
    ("noon tomorrow", "2026-11-27T00:00:00Z"),  # "tomorrow" resets the time to midnight
    ("23:59:59", "2026-11-26T23:59:59Z"),
    # absolute dates and times
    ("2026-12-01", "2026-12-01T00:00:00Z"),
    ("2026-12-01 15:00", "2026-12-01T15:00:00Z"),
    ("2026-12-01T15:00:00Z", "2026-12-01T15:00:00Z"),
    ("2026-12-01T15:00:00+02:00", "2026-12-01T13:00:00Z"),
    ("2026-12-01 15:00 Europe/Kyiv", "2026-12-01T13:00:00Z"),
    ("1 December 2026", "2026-12-01T00:00:00Z"),
    ("Dec 1, 2026", "2026-12-01T00:00:00Z"),
    ("12/01/2026", "2026-12-01T00:00:00Z"),  # American order
    ("01.12.2026", "2026-12-01T00:00:00Z"),
    ("20270101", "2027-01-01T00:00:00Z"),
    ("31 december", "2026-12-31T00:00:00Z"),
    ("@1800000000", "2027-01-15T08:00:00Z"),
    # month arithmetic overflows like PHP's: 31 January + 1 month = "31 February"
    ("2027-01-31 +1 month", "2027-03-03T00:00:00Z"),
    ("2028-01-31 +1 month", "2028-03-02T00:00:00Z"),
    ("2028-02-29 +1 year", "2029-03-01T00:00:00Z"),
    ("2027-03-31 -1 month", "2027-03-03T00:00:00Z"),
    ("2028-03-31 -1 month", "2028-03-02T00:00:00Z"),
    ("2027-12-31 +2 months", "2028-03-02T00:00:00Z"),
    ("2027-08-31 +6 months", "2028-03-02T00:00:00Z"),
    ("2026-02-30 +1 year", "2027-03-02T00:00:00Z"),
]


@pytest.mark.parametrize(("value", "expected"), EXPIRIES)
def test_parse_expiry_reads_what_strtotime_reads(value: str, expected: str) -> None:
    result = ts.parse_expiry(value)
    assert (result if isinstance(result, str) else ts.to_iso(result)) == expected


@pytest.mark.parametrize(
    ("now", "value", "expected"),
    [
        ("2027-01-31T10:00:00Z", "+1 month", "2027-03-03T10:00:00Z"),
        ("2027-01-31T10:00:00Z", "next month", "2027-03-03T10:00:00Z"),
        ("2028-01-31T10:00:00Z", "+1 month", "2028-03-02T10:00:00Z"),
        ("2028-02-29T10:00:00Z", "+1 year", "2029-03-01T10:00:00Z"),
        ("2028-02-29T10:00:00Z", "+4 years", "2032-02-29T10:00:00Z"),
        ("2028-02-29T10:00:00Z", "1 month", "2028-03-29T10:00:00Z"),
    ],
)
def test_parse_expiry_counts_months_from_the_given_now(now: str, value: str, expected: str) -> None:
    result = ts.parse_expiry(value, now=at(now))
    assert not isinstance(result, str)
    assert ts.to_iso(result) == expected


EXPIRY_ERRORS: list[tuple[str, str]] = [
    ("", "badexpiry"),
    ("   ", "badexpiry"),
    ("garbage", "badexpiry"),
    ("Infinite", "badexpiry"),  # the infinity words are case-sensitive
    (" infinite", "badexpiry"),
    ("week", "badexpiry"),
    ("next", "badexpiry"),
    ("1 hr", "badexpiry"),
    ("1 wk", "badexpiry"),
    ("1.5 hours", "badexpiry"),
    ("0", "badexpiry"),
    ("15:00 16:00", "badexpiry"),  # two times of day
    ("2026-13-01", "badexpiry"),
    ("@1800000000.", "badexpiry"),
    ("yesterday", "badexpiry-past"),
    ("this thursday", "badexpiry-past"),  # today, at midnight
    ("1 week ago", "badexpiry-past"),
    ("-1 day", "badexpiry-past"),
    ("1970-01-01T00:00:00Z", "badexpiry-past"),
    ("2027", "badexpiry-past"),  # GNU "HHMM": 20:27 today, which has passed
    ("a", "badexpiry-past"),  # military zone A: now's wall time at UTC+1
    ("+10000 years", "badexpiry-past"),  # MediaWiki compares ISO strings: "12026-…" < "2026-…"
    ("+30000 years", "badexpiry"),  # MediaWiki stores a broken value; refused here
    # PHP accepts these; this port does not (see rollwiki.services.strtotime)
    ("+3 weekdays", "badexpiry"),
    ("first monday of next month", "badexpiry"),
    ("back of 7pm", "badexpiry"),
]


@pytest.mark.parametrize(("value", "kind"), EXPIRY_ERRORS)
def test_parse_expiry_refuses_with_mediawikis_error_kind(value: str, kind: str) -> None:
    with pytest.raises(ts.ExpiryError) as caught:
        ts.parse_expiry(value)
    assert caught.value.kind == kind


def test_normalize_expiry_does_not_check_the_past() -> None:
    assert ts.normalize_expiry("yesterday") == at("2026-11-25T00:00:00Z")
    assert ts.normalize_expiry("never") == "infinity"
    assert ts.normalize_expiry("garbage") is None


CLAMPS: list[tuple[str, str, str, bool]] = [
    # (expiry, max, result, clamped) — the oracle answers watch expiry=2 years with the max
    # ("Given value "2 years" … exceeds the maximum of "6 months". Using maximum instead.")
    ("2 years", "6 months", "2027-05-26T21:52:33Z", True),
    ("7 months", "6 months", "2027-05-26T21:52:33Z", True),
    ("6 months", "6 months", "2027-05-26T21:52:33Z", False),
    ("1 week", "6 months", "2026-12-03T21:52:33Z", False),
    ("infinite", "6 months", "infinity", False),
    ("2 years", "infinite", "2028-11-26T21:52:33Z", False),
    ("2 years", "garbage", "2028-11-26T21:52:33Z", False),
]


@pytest.mark.parametrize(("value", "max_duration", "expected", "clamped"), CLAMPS)
def test_clamp_expiry_caps_at_the_maximum_duration(
    value: str, max_duration: str, expected: str, clamped: bool
) -> None:
    result, was_clamped = ts.clamp_expiry(ts.parse_expiry(value), max_duration, now=NOW)
    assert (result if isinstance(result, str) else ts.to_iso(result), was_clamped) == (
        expected,
        clamped,
    )


def test_expiry_round_trips_through_the_database_form() -> None:
    when = at("2026-12-03T21:52:33Z")
    assert ts.expiry_to_db(when) == "20261203215233"
    assert ts.expiry_from_db("20261203215233") == when
    assert ts.expiry_to_db("infinity") == ts.expiry_from_db("infinity") == "infinity"


@pytest.mark.parametrize(
    ("expiry", "infinity", "expected"),
    [
        ("infinity", "infinity", "infinity"),  # list=blocks
        ("infinity", "infinite", "infinite"),  # action=block, blockinfo's blockexpiry
        ("", "infinite", "infinite"),
        ("20261203215233", "infinity", "2026-12-03T21:52:33Z"),
        (at("2026-12-03T21:52:33Z"), "infinity", "2026-12-03T21:52:33Z"),
    ],
)
def test_api_expiry_formats_like_apiresult(
    expiry: datetime | str, infinity: str, expected: str
) -> None:
    assert ts.api_expiry(expiry, infinity) == expected


# --------------------------------------------------------------------------- formatting
# Expected texts were produced by MediaWiki 1.39.17's Language (userTimeAndDate, userDate,
# userTime, formatExpiry, getHumanTimestamp, formatDuration) via maintenance/eval.php, and
# blockexpiryformatted/blockexpiryrelative were checked on the oracle with uselang=en/uk.

DATETIMES: list[tuple[str, str, str, str, str]] = [
    # (TS_MW, lang, pref, userTimeAndDate, userDate)
    ("20261126184333", "en", "default", "18:43, 26 November 2026", "26 November 2026"),
    ("20261126184333", "uk", "default", "18:43, 26 листопада 2026", "26 листопада 2026"),
    ("20260101000000", "en", "default", "00:00, 1 January 2026", "1 January 2026"),
    ("20260101000000", "uk", "default", "00:00, 1 січня 2026", "1 січня 2026"),
    ("20260505050505", "uk", "default", "05:05, 5 травня 2026", "5 травня 2026"),
    ("20000229120000", "uk", "default", "12:00, 29 лютого 2000", "29 лютого 2000"),
    ("00010101000000", "en", "default", "00:00, 1 January 0001", "1 January 0001"),
    ("20261126184333", "en", "mdy", "18:43, November 26, 2026", "November 26, 2026"),
    ("20261126184333", "uk", "mdy", "18:43, листопада 26, 2026", "листопада 26, 2026"),
    ("20261126184333", "en", "ymd", "18:43, 2026 November 26", "2026 November 26"),
    ("20261126184333", "uk", "ymd", "18:43, 2026 листопада 26", "2026 листопада 26"),
    ("20261126184333", "uk", "ISO 8601", "2026-11-26T18:43:33", "2026-11-26"),
    ("20261126184333", "en", "nonsense", "18:43, 26 November 2026", "26 November 2026"),
    ("20261126184333", "fr", "default", "18:43, 26 November 2026", "26 November 2026"),
]


@pytest.mark.parametrize(("mw", "lang", "pref", "both", "date"), DATETIMES)
def test_dates_are_written_as_language_writes_them(
    mw: str, lang: str, pref: str, both: str, date: str
) -> None:
    assert ts.format_user_datetime(mw, lang, pref=pref) == both
    assert ts.format_user_datetime(ts.from_mw(mw), lang, pref=pref) == both
    assert ts.format_date(mw, lang, pref=pref) == date
    assert ts.format_time(mw, lang) == f"{mw[8:10]}:{mw[10:12]}"


@pytest.mark.parametrize(
    ("lang", "expected"), [("en", "infinite"), ("uk", "блокування на невизначений термін")]
)
def test_infinite_expiry_reads_as_the_infiniteblock_message(lang: str, expected: str) -> None:
    assert ts.format_expiry("infinity", lang) == expected
    assert ts.format_expiry("", lang) == expected
    assert ts.format_relative_expiry("infinity", lang) == expected


def test_finite_expiry_reads_as_a_full_date() -> None:
    assert ts.format_expiry("20261126205846", "en") == "20:58, 26 November 2026"
    assert ts.format_expiry(at("2026-11-26T20:58:46Z"), "uk") == "20:58, 26 листопада 2026"


RELATIVE: list[tuple[str, str, str, str]] = [
    # (time, now, en, uk): a future time is written in full — 1.39 has no "in 1 hour"
    ("20261126225233", "20261126215233", "22:52, 26 November 2026", "22:52, 26 листопада 2026"),
    ("20271126190000", "20261126184340", "19:00, 26 November 2027", "19:00, 26 листопада 2027"),
    ("20261126184333", "20261126184340", "just now", "щойно"),
    ("20261126184310", "20261126184340", "30 seconds ago", "30 секунд тому"),
    ("20261126184309", "20261126184340", "31 seconds ago", "31 секунду тому"),
    ("20261126184200", "20261126184340", "1 minute ago", "1 хвилину тому"),
    ("20261126172000", "20261126184340", "1 hour ago", "1 годину тому"),
    ("20261126170000", "20261126184340", "17:00", "17:00"),
    ("20261125235900", "20261126000100", "Yesterday at 23:59", "Учора о 23:59"),
    ("20261123120000", "20261126184340", "Monday at 12:00", "У понеділок о 12:00"),
    ("20261110120000", "20261126184340", "10 November", "10 листопад"),  # uk inherits "j F"
    ("20251231120000", "20260106184340", "31 December 2025", "31 грудня 2025"),
]


@pytest.mark.parametrize(("when", "now", "en", "uk"), RELATIVE)
def test_relative_expiry_reads_as_gethumantimestamp(when: str, now: str, en: str, uk: str) -> None:
    assert ts.format_relative_expiry(when, "en", ts.from_mw(now)) == en
    assert ts.format_relative_expiry(when, "uk", ts.from_mw(now)) == uk


def test_relative_expiry_defaults_to_the_clock() -> None:
    assert ts.format_relative_expiry("20261126215203", "en") == "30 seconds ago"


DURATIONS: list[tuple[int, str, str]] = [
    (0, "0 seconds", "0 секунд"),
    (1, "1 second", "1 секунда"),
    (2, "2 seconds", "2 секунди"),
    (5, "5 seconds", "5 секунд"),
    (21, "21 seconds", "21 секунда"),
    (61, "1 minute and 1 second", "1 хвилина та 1 секунда"),
    (3600, "1 hour", "1 година"),
    (3723, "1 hour, 2 minutes and 3 seconds", "1 година, 2 хвилини та 3 секунди"),
    (1209600, "14 days", "14 днів"),  # no weeks by default
    (31556952, "1 year", "1 рік"),
    (63113904, "2 years", "2 роки"),
    (315569520, "1 decade", "1 десятиліття"),
    (3155695200, "1 century", "1 століття"),
    (31556952000, "1 millennium", "1 тисячоліття"),
    (
        2000000000,
        "6 decades, 3 years, 137 days, 20 hours, 53 minutes and 44 seconds",
        "6 десятиліть, 3 роки, 137 днів, 20 годин, 53 хвилини та 44 секунди",
    ),
]


@pytest.mark.parametrize(("seconds", "en", "uk"), DURATIONS)
def test_durations_read_as_formatduration(seconds: int, en: str, uk: str) -> None:
    assert ts.format_duration(seconds, "en") == en
    assert ts.format_duration(seconds, "uk") == uk


def test_large_numbers_are_grouped_per_language() -> None:
    # uk groups only from five digits, with a no-break space (MessagesUk.php).
    assert ts.format_duration(1000 * 86400, "en", ["days"]) == "1,000 days"
    assert ts.format_duration(1000 * 86400, "uk", ["days"]) == "1000 днів"
    assert ts.format_duration(10000, "en", ["seconds"]) == "10,000 seconds"
    assert ts.format_duration(10000, "uk", ["seconds"]) == "10\u00a0000 секунд"


def test_durations_use_weeks_only_when_asked() -> None:
    assert ts.format_duration(1209600, "en", ["weeks", "days"]) == "2 weeks"
    assert ts.format_duration(1209600, "uk", ["weeks", "days"]) == "2 тижні"


# --------------------------------------------------------------------------- catalogs

_I18N = Path("/usr/share/mediawiki/languages/i18n")


@pytest.mark.skipif(not _I18N.exists(), reason="needs MediaWiki 1.39's message catalogs")
@pytest.mark.parametrize("lang", ["en", "uk"])
def test_date_words_are_copied_from_mediawikis_catalogs(lang: str) -> None:
    en = json.loads((_I18N / "en.json").read_text(encoding="utf-8"))
    own = json.loads((_I18N / f"{lang}.json").read_text(encoding="utf-8"))

    def msg(key: str) -> str:
        return html.unescape(own.get(key, en[key]))

    months = ["january", "february", "march", "april", "may_long", "june", "july", "august"]
    months += ["september", "october", "november", "december"]
    days = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
    assert W.MONTH_NAMES[lang] == tuple(msg(m) for m in months)
    genitive = [("may" if m == "may_long" else m) + "-gen" for m in months]
    assert W.MONTH_NAMES_GENITIVE[lang] == tuple(msg(m) for m in genitive)
    assert W.MONTH_ABBREVIATIONS[lang] == tuple(msg(m[:3]) for m in months)
    assert W.WEEKDAY_NAMES[lang] == tuple(msg(d) for d in days)
    assert W.WEEKDAY_ABBREVIATIONS[lang] == tuple(msg(d[:3]) for d in days)
    assert {key: msg(key) for key in W.MESSAGES[lang]} == W.MESSAGES[lang]
