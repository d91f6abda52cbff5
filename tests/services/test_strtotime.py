"""The strtotime() and ConvertibleTimestamp ports against PHP itself, when PHP is installed.

The curated and seeded-random inputs are run through this machine's PHP (with MediaWiki
1.39's vendor/wikimedia/timestamp for ConvertibleTimestamp) and through the ports, and the
results must be equal. Without PHP or MediaWiki these tests are skipped; the tables in
test_timestamps.py hold the same behaviour as fixed expectations.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from rollwiki.services import civil, convertible
from rollwiki.services.strtotime import UnsupportedFormat, strtotime

MEDIAWIKI = Path("/usr/share/mediawiki")
PHP = shutil.which("php")

pytestmark = pytest.mark.skipif(
    PHP is None or not (MEDIAWIKI / "vendor/autoload.php").exists(),
    reason="needs php and MediaWiki 1.39 in /usr/share/mediawiki",
)

_HARNESS = """
require '%s/vendor/autoload.php';
date_default_timezone_set('UTC');
$in = json_decode(stream_get_contents(STDIN), true);
Wikimedia\\Timestamp\\ConvertibleTimestamp::setFakeTime($in['now']);
$out = ['strtotime' => [], 'ts' => []];
foreach ($in['strtotime'] as $s) { $out['strtotime'][] = strtotime($s, $in['now']); }
foreach ($in['ts'] as $s) {
    $out['ts'][] = Wikimedia\\Timestamp\\ConvertibleTimestamp::convert(TS_MW, $s);
}
echo json_encode($out);
"""

# Thursday 26 Nov 2026 21:52:33; Saturday 31 Dec 2026 23:59:59; Thursday 29 Feb 2024;
# Sunday 31 Jan 2027 10:00; the epoch.
NOWS = [1795729953, 1798761599, 1709164800, 1801389600, 0]

CURATED = [
    "1 week", "2 weeks", "+1 week 2 days", "1 week ago", "3 days", "+2 hours", "1 month",
    "6 months", "2 years", "1 year 2 months", "1 day 2 hours", "next monday", "last friday",
    "this sunday", "monday next week", "sunday this week", "next week", "tomorrow",
    "tomorrow noon", "noon tomorrow", "yesterday", "midnight", "today 15:00", "fortnight",
    "1 fortnight", "10 secs", "5 mins", "1 ms", "1000 ms", "2026-12-01", "2026-12-01 15:00",
    "2026-12-01T15:00:00Z", "2026-12-01T15:00:00.5+02:00", "2026-12-01 15:00 Europe/Kyiv",
    "1 December 2026", "Dec 1, 2026", "December 2026", "1st Dec", "12/01/2026", "01.12.2026",
    "01.12.26", "20261201", "2026-12", "26-12-01", "2026/12/01", "2026W49", "2026-W49-3",
    "2026.335", "2026-335", "dec-01-2026", "01/Dec/2026:12:00:00 +0200", "@1800000000",
    "@-1.5", "first day of next month", "last day of next month", "last day of february",
    "last day of monday", "first day of 2026-02-30", "2027-01-31 +1 month",
    "2028-02-29 +1 year", "2026-02-30", "2026-00-10", "3pm", "12am", "12:30 a.m.", "T15",
    "1530", "2027", "2027 2028", "15:00 2027", "mondays", "saturdays", "a", "EST", "GMT+2",
    "UTC foo", "1 week UTC UTC UTC", "15:00 16:00", "garbage", "Infinite", "0", "",
]  # fmt: skip

_TOKENS = [
    "1", "2", "+3", "-1", "12", "31", "2026", "2027", "07", "0", "60", "24", "week", "weeks",
    "day", "days", "month", "months", "year", "years", "hour", "min", "mins", "sec", "second",
    "fortnight", "monday", "mon", "friday", "sunday", "sat", "next", "last", "this", "first",
    "third", "ago", "tomorrow", "yesterday", "today", "noon", "midnight", "now", "december",
    "dec", "jan", "feb", "march", "may", "sept", "XII", "IV", "utc", "GMT", "EST", "Z", "a",
    "+02:00", "-0530", "15:00", "3pm", "12am", "12:30", "23:59:59", "T12:00", "1530",
    "2026-12-01", "2024-02-29", "2026-01-31", "26-12-01", "12/01/2026", "12/01",
    "01.12.2026", "2026/12/01", "20261201", "2026-12", "1st", "@1800000000", "@-5", "of",
    "first day of", "last day of", "T", "W49", "2026-335", ",", ".", "-", "/", ":", "foo",
]  # fmt: skip
_SEPARATORS = [" ", " ", " ", "", ", ", "-", "\t", "."]

TIMESTAMPS = [
    "20261126184333", "20261301000000", "20261126240000", "99999999999999", "00000000000000",
    "2026-11-26T18:43:33Z", "2026-11-26T18:43:33Z\n", "2026-11-26 18:43:33",
    "2026-11-26T18:43:33,5+02:00", "2026-11-26T18:43:33.1234567Z", "20261126T184333.5+01",
    "1795729953", "-1", "-1.2", "-0.5", "00", "0", "", "253402300800",
    "26-11-2026 18:43:33.000000", "2026-11-26 18:43:33 00", "2026-11-26 18:43:33 GMT",
    "2026:11:26 18:43:33", "Thu, 26 Nov 2026 18:43:33 GMT", "Mon, 26 Nov 2026 18:43:33 EST",
    "Thu, 26 Nov 94 18:43:33 UT", "Thu, 26 Xii 2026 18:43:33 A", "Thu, 26 Foo 2026 18:43:33",
    "Sunday, 06-Nov-76 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 PST",
    "Sun Nov  6 08:49:37 1994", "now", "garbage",
]  # fmt: skip


def _random_inputs(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    inputs: set[str] = set()
    while len(inputs) < count:
        words = [rng.choice(_TOKENS) for _ in range(rng.choice([1, 2, 2, 3, 3, 4]))]
        inputs.add("".join(w + rng.choice(_SEPARATORS) for w in words[:-1]) + words[-1])
    return sorted(inputs)


def _php(now: int, strtotime_inputs: list[str], ts_inputs: list[str]) -> dict[str, list[object]]:
    assert PHP is not None
    completed = subprocess.run(
        [PHP, "-r", _HARNESS % MEDIAWIKI],
        input=json.dumps({"now": now, "strtotime": strtotime_inputs, "ts": ts_inputs}),
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, list[object]] = json.loads(completed.stdout)
    return result


def _ours(text: str, now: int) -> int | bool | None:
    try:
        seconds = strtotime(text, now)
    except UnsupportedFormat:
        return None  # a documented gap: not compared
    return False if seconds is None else seconds


@pytest.mark.parametrize("now", NOWS)
def test_strtotime_agrees_with_php(now: int) -> None:
    inputs = CURATED + _random_inputs(now, 400)
    php = _php(now, inputs, [])["strtotime"]
    differences = [
        (text, expected, ours)
        for text, expected in zip(inputs, php, strict=True)
        if (ours := _ours(text, now)) is not None and ours != expected
    ]
    assert differences == []


def test_convertible_timestamp_agrees_with_php() -> None:
    now = NOWS[0]
    php = _php(now, [], TIMESTAMPS)["ts"]
    ours: list[object] = []
    for text in TIMESTAMPS:
        seconds = convertible.parse(text, lambda: now)
        ours.append(False if seconds is None else _ts_mw(seconds))
    assert ours == php


def _ts_mw(seconds: int) -> str:
    year, *rest = civil.fields_from_epoch(seconds)
    return f"{year:04d}" + "".join(f"{part:02d}" for part in rest)


def test_php_iso_strings_sort_like_mediawikis() -> None:
    assert civil.php_iso(-62167219200) == "0000-01-01T00:00:00Z"
    assert civil.php_iso(-62167219201) == "-0001-12-31T23:59:59Z"
    assert civil.php_iso(253402300800) == "10000-01-01T00:00:00Z"
