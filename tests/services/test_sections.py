"""Section extraction/replacement, three-way merge and the pre-save transform."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from rollwiki.i18n.messages import Formatter
from rollwiki.services.merge3 import merge3
from rollwiki.services.pst import pipe_trick_label, pre_save_transform
from rollwiki.services.sections import (
    add_section,
    get_section,
    is_valid_section_id,
    replace_section,
)
from rollwiki.services.wiki import Wiki

PAGE = "Intro\n== A ==\na\n=== A1 ===\na1\n<!--\n== hidden ==\n-->\n== B ==\nb"


def test_section_edits_match_the_oracle() -> None:
    # The same three edits on the oracle gave exactly these texts.
    text = replace_section(PAGE, "2", (get_section(PAGE, "2") or "") + "+")
    assert text == "Intro\n== A ==\na\n=== A1 ===\na1\n<!--\n== hidden ==\n-->+\n\n== B ==\nb"
    assert text is not None
    text = replace_section(text, "1", "== A ==\nX")
    assert text == "Intro\n== A ==\nX\n\n== B ==\nb"
    assert text is not None
    assert replace_section(text, "0", "New intro") == "New intro\n\n== A ==\nX\n\n== B ==\nb"


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        ("0", "Intro"),
        ("1", "== A ==\na\n=== A1 ===\na1\n<!--\n== hidden ==\n-->"),
        ("3", "== B ==\nb"),
        ("4", None),
        ("T-1", None),
    ],
)
def test_get_section(section: str, expected: str | None) -> None:
    assert get_section(PAGE, section) == expected


def test_empty_text_has_only_section_zero() -> None:
    assert get_section("", "0") == ""
    assert get_section("", "1") is None
    assert replace_section("", "0", "new") == "new"


@pytest.mark.parametrize(
    ("value", "ok"),
    [("0", True), ("12", True), ("new", True), ("T-3", True), ("x", False), ("-1", False)],
)
def test_section_ids(value: str, ok: bool) -> None:
    assert is_valid_section_id(value) is ok


def test_add_section_on_empty_and_filled_pages() -> None:
    assert add_section("", "T", "body", "== T ==") == "== T ==\n\nbody"
    assert add_section("old", "T", "body", "== T ==") == "old\n\n== T ==\n\nbody"
    assert add_section("old", "", "body", "== ==") == "old\n\nbody"


@pytest.mark.parametrize(
    ("base", "mine", "theirs", "expected"),
    [
        ("a\nb\nc", "A\nb\nc", "a\nb\nC", "A\nb\nC"),
        ("a\nb\nc", "A\nb\nc", "X\nb\nc", None),
        ("a\nb", "a\nb\nmine", "a\nb\ntheirs", None),
        ("a\nb", "a\nB", "a\nB", "a\nB"),
        ("a", "a", "b", "b"),
        ("a\nb\nc", "a\nc", "a\nb\nc\nd", "a\nc\nd"),
    ],
)
def test_merge3(base: str, mine: str, theirs: str, expected: str | None) -> None:
    assert merge3(base, mine, theirs) == expected


def test_pre_save_transform_signs_and_trims(wiki: Wiki) -> None:
    when = datetime(2026, 11, 26, 20, 9, tzinfo=UTC)
    out = pre_save_transform(
        "Foo  \r\nbar ~~~~ [[x|]] <nowiki>~~~</nowiki>  \n\n",
        "wikitext",
        formatter=wiki.formatter("en"),
        user_name="Editor",
        registered=True,
        when=when,
    )
    assert out == (
        "Foo  \nbar [[User:Editor|Editor]] ([[User talk:Editor|talk]]) 20:09, 26 November 2026 "
        "(UTC) [[x|x]] <nowiki>~~~</nowiki>"
    )
    css = pre_save_transform(
        "a ~~~~ \n", "css", formatter=Formatter("en"), user_name="E", registered=True
    )
    assert css == "a ~~~~"


@pytest.mark.parametrize(
    ("target", "label"),
    [("Help:Foo (bar)", "Foo"), ("Foo, Bar", "Foo"), (":Category:X", "X"), ("Plain", "Plain")],
)
def test_pipe_trick(target: str, label: str) -> None:
    assert pipe_trick_label(target) == label
