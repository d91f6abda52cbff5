"""Interface-message wikitext rendered as MediaWiki 1.39 renders it (Message::parse)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rollwiki.render.messages import message_block_html, message_html
from rollwiki.services.wiki import Wiki
from rollwiki.storage.queries.pages import insert_page
from rollwiki.storage.schema import interwiki
from rollwiki.testing.wikis import make_wiki

DATA = Path(__file__).parent.parent / "data" / "render"
WIKITEXT_CASES = json.loads((DATA / "wikitext_cases.json").read_text(encoding="utf-8"))
ERROR_MESSAGES = json.loads((DATA / "error_messages.json").read_text(encoding="utf-8"))


def oracle_like_wiki(tmp_path: Path, existing: tuple[str, ...] | list[str] = ()) -> Wiki:
    """A wiki named like the oracle, with its "mw" interwiki prefix and some pages."""
    wiki = make_wiki(tmp_path, sitename="OracleWiki", server="http://127.0.0.1:8080")
    wiki.db.write(
        lambda conn: conn.execute(
            interwiki.insert().values(iw_prefix="mw", iw_url="https://www.mediawiki.org/wiki/$1")
        )
    )
    for name in existing:
        title = wiki.titles.parse(name)
        wiki.db.write(
            lambda conn, t=title: insert_page(
                conn, t.namespace, t.dbkey, "20260101000000", "wikitext"
            )
        )
    return wiki


@pytest.fixture
def oracle_wiki(tmp_path: Path) -> Any:
    wiki = oracle_like_wiki(tmp_path, ERROR_MESSAGES["existing_pages"])
    yield wiki
    wiki.db.close()


@pytest.mark.parametrize(
    "case", WIKITEXT_CASES["cases"], ids=[c["wikitext"][:40] for c in WIKITEXT_CASES["cases"]]
)
def test_block_rendering_matches_the_oracle_parser(oracle_wiki: Wiki, case: dict[str, str]) -> None:
    # Recorded from the oracle's action=parse (see the data file's "source").
    assert message_block_html(oracle_wiki, case["wikitext"]) == case["html"]


@pytest.mark.parametrize(
    "row",
    ERROR_MESSAGES["rows"],
    ids=[f"{r['code']}-{r['lang']}-{i}" for i, r in enumerate(ERROR_MESSAGES["rows"])],
)
def test_error_message_html_matches_errorformat_html(
    oracle_wiki: Wiki, row: dict[str, str]
) -> None:
    # The oracle's errorformat=html text for the same error as its errorformat=wikitext text.
    assert message_html(oracle_wiki, row["wikitext"], row["lang"]) == row["html"]


def test_single_paragraph_loses_its_wrapper_but_two_keep_theirs(oracle_wiki: Wiki) -> None:
    assert message_html(oracle_wiki, "One line.") == "One line."
    assert message_html(oracle_wiki, "One.\n\nTwo.") == "<p>One.\n</p><p>Two.\n</p>"
    assert message_block_html(oracle_wiki, "One line.") == "<p>One line.\n</p>"


def test_existing_page_is_a_blue_link_and_missing_page_a_red_one(oracle_wiki: Wiki) -> None:
    html = message_html(oracle_wiki, "[[Rbtest 20261126190521 i18n alreadyrolled]] [[Nope]]")
    assert '<a href="/wiki/Rbtest_20261126190521_i18n_alreadyrolled"' in html
    assert 'href="/w/index.php?title=Nope&amp;action=edit&amp;redlink=1" class="new"' in html


@pytest.mark.parametrize(
    ("wikitext", "html"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ('<span onmouseover="x()">a</span>', "<span>a</span>"),
        ('<a href="javascript:x">a</a>', '&lt;a href="javascript:x"&gt;a&lt;/a&gt;'),
        ('<div style="background:url(x)">a</div>', '<div style="/* insecure input */">a</div>'),
        ("[javascript:alert(1) x]", "[javascript:alert(1) x]"),
        ("[[javascript:alert(1)]]", 'href="/w/index.php?title=Javascript:alert(1)'),
    ],
)
def test_markup_that_could_run_script_is_escaped(
    oracle_wiki: Wiki, wikitext: str, html: str
) -> None:
    assert html in message_html(oracle_wiki, wikitext)


def test_uk_link_prefix_charset_comes_from_the_content_language(oracle_wiki: Wiki) -> None:
    # Ukrainian uses the link prefix extension; an English wiki's prefix charset is letters.
    html = message_html(oracle_wiki, "слово[[Foo|x]]", "uk")
    assert ">словоx</a>" in html
    assert ">x</a>" in message_html(oracle_wiki, "слово[[Foo|x]]", "en")
