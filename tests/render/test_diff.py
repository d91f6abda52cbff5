"""render.diff: wikidiff2's table rows, checked against bodies recorded from the oracle."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rollwiki.render.diff import add_move_titles, explode_lines, table_diff
from rollwiki.render.diffwords import explode_words, word_diff

ORACLE = json.loads((Path(__file__).parent / "oracle_diffs.json").read_text(encoding="utf-8"))
MOVED = (
    "Paragraph was moved. Click to jump to new location.",
    "Paragraph was moved. Click to jump to old location.",
)


def label(n: int) -> str:
    return f"Line {n}:"


@pytest.mark.parametrize("case", ORACLE["cases"], ids=lambda c: c["old"][:20])
def test_table_diff_matches_the_oracle_byte_for_byte(case: dict[str, Any]) -> None:
    body = add_move_titles(table_diff(case["old"], case["new"], label), *MOVED)
    assert body == case["body"]


def test_identical_texts_give_an_empty_body() -> None:
    assert table_diff("a\nb\nc", "a\nb\nc", label) == ""


def test_first_change_gets_a_line_1_header_and_context_is_two_lines() -> None:
    old = "\n".join(f"line {i}" for i in range(1, 11))
    new = old.replace("line 6", "line six")
    body = table_diff(old, new, label)
    assert body.count('class="diff-lineno"') == 2
    assert "Line 4:" in body and "line 3" not in body and "line 9" not in body
    assert 'line <del class="diffchange diffchange-inline">6</del>' in body


def test_html_is_escaped_and_empty_lines_are_breaks() -> None:
    body = table_diff("", "<b>&</b>\n\nx", label)
    assert "<div>&lt;b&gt;&amp;&lt;/b&gt;</div>" in body
    assert "<br />" in body


def test_explode_lines_ignores_a_final_newline() -> None:
    assert explode_lines("") == []
    assert explode_lines("a\n") == ["a"]
    assert explode_lines("a\n\nb") == ["a", "", "b"]


def test_words_are_letter_runs_and_single_characters() -> None:
    assert [w.whole for w in explode_words("Hello, wörld 42!")] == [
        "Hello",
        ",",
        " ",
        "wörld",
        " ",
        "42",
        "!",
    ]
    # A leading space before a non-letter becomes the suffix of an empty word (wikidiff2).
    first = explode_words(" <b>")[0]
    assert (first.body, first.suffix) == ("", " ")


def test_dissimilar_lines_become_add_and_delete() -> None:
    assert word_diff("B", "B modified").similarity == pytest.approx(0.1)
    body = table_diff("A\nB\nE", "A\nB modified\nE", label)
    assert body.index("B modified") < body.index("<div>B</div>")
