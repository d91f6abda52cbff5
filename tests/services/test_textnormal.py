"""Tests for character-reference decoding and Unicode clean-up."""

from __future__ import annotations

import pytest

from rollwiki.services.textnormal import (
    clean_up,
    decode_char_references,
    decode_char_references_and_normalize,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A&amp;B", "A&B"),
        ("&eacute;", "é"),
        ("&#233;", "é"),
        ("&#xE9;", "é"),
        ("&#XE9;", "é"),
        ("&rlm;", "\u200f"),
        ("&רלמ;", "\u200f"),
        ("&bogus;", "&bogus;"),
        ("&amp", "&amp"),
        ("&#0;", "\ufffd"),
        ("&#x1F;", "\ufffd"),
        ("&#x7F;", "\ufffd"),
        ("&#9;", "\t"),
        ("&#xD800;", "\ufffd"),
        ("&#xFFFE;", "\ufffd"),
        ("&#99999999999999999999;", "\ufffd"),
        ("&amp;amp;", "&amp;"),
    ],
)
def test_character_references_decode_like_sanitizer(text: str, expected: str) -> None:
    assert decode_char_references(text) == expected


def test_normalisation_only_happens_when_there_is_an_ampersand() -> None:
    decomposed = "e\u0301"
    assert decode_char_references_and_normalize(decomposed) == decomposed
    assert decode_char_references_and_normalize(decomposed + "&") == "\u00e9&"
    assert decode_char_references_and_normalize("e&#x301;") == "\u00e9"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("e\u0301", "\u00e9"),
        ("a\x01b", "a\ufffdb"),
        ("a\tb\nc\rd", "a\tb\nc\rd"),
        ("\ufffe\uffff", "\ufffd\ufffd"),
        ("a\ud800", "a\ufffd"),
        ("\x7f", "\x7f"),
    ],
)
def test_clean_up_replaces_forbidden_characters_and_composes(text: str, expected: str) -> None:
    assert clean_up(text) == expected
