"""Edit summaries rendered as Linker::formatComment() renders them (parsedcomment)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_wikitext import oracle_like_wiki

from rollwiki.render.comments import format_comment, format_comments
from rollwiki.services.wiki import Wiki

CASES = json.loads(
    (Path(__file__).parent.parent / "data" / "render" / "comment_cases.json").read_text("utf-8")
)


@pytest.fixture
def oracle_wiki(tmp_path: Path) -> Any:
    wiki = oracle_like_wiki(tmp_path)
    yield wiki
    wiki.db.close()


@pytest.mark.parametrize("case", CASES["cases"], ids=[c["comment"][:40] for c in CASES["cases"]])
def test_comment_html_matches_the_oracle(oracle_wiki: Wiki, case: dict[str, str]) -> None:
    # Recorded from the oracle's action=parse&summary=... (Linker::formatComment).
    title = oracle_wiki.titles.parse(case["title"])
    assert format_comment(oracle_wiki, case["comment"], title) == case["html"]


def test_autocomment_links_to_the_section_of_the_page(oracle_wiki: Wiki) -> None:
    html = format_comment(oracle_wiki, "/* Usage notes */ fix", oracle_wiki.titles.parse("Help:X"))
    assert html == (
        '<span dir="auto"><span class="autocomment"><a href="/wiki/Help:X#Usage_notes" '
        'title="Help:X">\u2192\u200eUsage notes</a>: </span> fix</span>'
    )


def test_autocomment_without_a_title_is_plain(oracle_wiki: Wiki) -> None:
    html = format_comment(oracle_wiki, "/* Usage */")
    assert html == '<span dir="auto"><span class="autocomment">Usage</span></span>'


def test_batch_of_comments_shares_one_lookup_and_keeps_order(oracle_wiki: Wiki) -> None:
    out = format_comments(oracle_wiki, [("[[A]]", None), ("plain <b>", None), ("[[B|b]]", None)])
    assert out[0].endswith(">A</a>")
    assert out[1] == "plain &lt;b&gt;"
    assert out[2].endswith(">b</a>")


def test_html_and_external_links_stay_text(oracle_wiki: Wiki) -> None:
    html = format_comment(oracle_wiki, "<script>x</script> [http://example.com y] 'q' \"d\"")
    assert html == (
        "&lt;script&gt;x&lt;/script&gt; [http://example.com y] &#039;q&#039; &quot;d&quot;"
    )
