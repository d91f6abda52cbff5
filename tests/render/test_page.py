"""Page wikitext to HTML: the supported markup, red links in one lookup, and hostile input
that must come out as text."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest

from rollwiki.render.page import render_page, sanitize
from rollwiki.services.wiki import Wiki


def html(wiki: Wiki, text: str, title: str = "Test page") -> str:
    return render_page(wiki, text, wiki.titles.parse(title)).html


CASES = [
    ("== Head ==", '<h2><span class="mw-headline" id="Head">Head</span></h2>'),
    ("== A ==\n== A ==", 'id="A_2"'),
    ("'''bold''' and ''it''", "<b>bold</b> and <i>it</i>"),
    ("para one\n\npara two", "<p>para one\n</p><p>para two\n</p>"),
    ("* a\n** b\n* c", "<ul><li>a<ul><li>b</li></ul></li>\n<li>c</li></ul>"),
    ("# one\n# two", "<ol><li>one</li>\n<li>two</li></ol>"),
    ("; term : def", "<dl><dt>term</dt>\n<dd>def</dd></dl>"),
    ("----", "<hr>"),
    (" pre line", "<pre>pre line\n</pre>"),
    ("<nowiki>[[x]] ''y''</nowiki>", "<p>[[x]] ''y''\n</p>"),
    ("<pre>''a'' [[b]]</pre>", "<pre>''a'' [[b]]</pre>"),
    (
        "[http://example.org site]",
        '<a rel="nofollow" class="external text" href="http://example.org">site</a>',
    ),
    (
        "[http://example.org]",
        '<a rel="nofollow" class="external autonumber" href="http://example.org">[1]</a>',
    ),
    (
        "see http://example.org/x now",
        '<a rel="nofollow" class="external free" href="http://example.org/x">',
    ),
    ("{{Infobox|a=1}}", 'title="Template:Infobox (page does not exist)">Infobox</a>}}'),
    (
        '{| class="wikitable"\n! H\n|-\n| c || d\n|}',
        '<table class="wikitable"><tbody><tr><th>H</th></tr>\n<tr><td>c</td><td>d</td></tr>',
    ),
    ("[[Test page]]", '<a class="mw-selflink selflink">Test page</a>'),
    ("[[#sec|here]]", '<a href="#sec">here</a>'),
    ("{{PAGENAME}}", "Test page"),
    ("<!-- hidden --> x", "<p> x\n</p>"),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:20] for c in CASES])
def test_markup(wiki: Wiki, text: str, expected: str) -> None:
    assert expected in html(wiki, text)


def test_links_are_blue_or_red_with_one_lookup(wiki: Wiki, edit_as: Any, make_user: Any) -> None:
    make_user("Editor")
    edit_as("Editor", "Exists", "x")
    out = html(wiki, "[[Exists]] [[Missing|gone]]s [[Category:Cats]]")
    assert '<a href="/wiki/Exists" title="Exists">Exists</a>' in out
    assert (
        '<a href="/w/index.php?title=Missing&amp;action=edit&amp;redlink=1" class="new" '
        'title="Missing (page does not exist)">gones</a>'
    ) in out
    assert "Category" not in out
    rendered = render_page(wiki, "[[Category:Cats]]", None)
    assert [t.text for t in rendered.categories] == ["Cats"]


HOSTILE = [
    "<script>alert(1)</script>",
    '<b onmouseover="alert(1)">x</b>',
    '<a href="javascript:alert(1)">x</a>',
    "[javascript:alert(1) x]",
    "[[javascript:alert(1)]]",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<span style="x:expression(alert(1))">x</span>',
    "<img src=x onerror=alert(1)>",
    "<iframe src=//evil></iframe>",
    "<svg onload=alert(1)>",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "{{<script>alert(1)</script>}}",
    "{{Foo|<script>alert(1)</script>}}",
    "{{{1|<script>alert(1)</script>}}}",
    '[http://x.example/"onmouseover="alert(1) y]',
    "[[Foo|<img src=x onerror=alert(1)>]]",
    '{| onclick="alert(1)"\n| <script>alert(1)</script>\n|}',
    "<math>x</math><style>body{}</style><link rel=stylesheet href=//x>",
    '<span id="mw-config-data" class="x&quot; onclick=&quot;alert(1)">x</span>',
    "<form action=//evil><input name=x></form>",
    "<<script>script>alert(1)<</script>/script>",
]


SAFE_TAGS = {
    "div",
    "p",
    "b",
    "i",
    "a",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "pre",
    "span",
    "table",
    "tbody",
    "tr",
    "td",
    "th",
    "caption",
    "hr",
    "br",
    "h2",
    "code",
    "small",
    "sup",
    "sub",
}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.seen: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append((tag, attrs))


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_is_inert(wiki: Wiki, text: str) -> None:
    parser = _Tags()
    parser.feed(html(wiki, text))
    for tag, attrs in parser.seen:
        assert tag in SAFE_TAGS, tag
        for name, value in attrs:
            assert name in ("class", "id", "title", "href", "rel", "colspan", "rowspan"), name
            if name == "href":
                assert value is not None
                assert value.startswith(("/", "#", "http://", "https://")), value


def test_sanitizer_backstop_strips_what_slips_through(wiki: Wiki) -> None:
    dirty = '<p onclick="x">a<script>alert(1)</script><a href="javascript:x">b</a></p>'
    clean = sanitize(dirty)
    assert "onclick" not in clean and "<script" not in clean and "javascript" not in clean
