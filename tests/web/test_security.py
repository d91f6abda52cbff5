"""Nothing executable reaches a page: hostile user names, summaries and page texts are
shown as text everywhere; security headers; session cookie flags; no inline scripts."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from web_helpers import INDEX, browser, logged_in_browser, rollback_links

from rollwiki.services.wiki import Wiki

HOSTILE_NAMES = [
    'Evil" onmouseover="alert(1)',
    "Evil' onclick='alert(1)",
    'imported>Evil"><b>x',
]
HOSTILE_SUMMARIES = [
    "<script>alert(1)</script>",
    '"onmouseover=alert(1) x="',
    "[[javascript:alert(1)|click]]",
    "[[Foo|<img src=x onerror=alert(1)>]]",
    "/* <script>alert(1)</script> */ section",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "{{ 7*7 }} {% raw %}",
]
HOSTILE_TEXT = """<script>alert(1)</script>
<b onmouseover="alert(1)">bold</b> <a href="javascript:alert(1)">a</a>
[javascript:alert(1) ext] [[:javascript:alert(1)]] <img src=x onerror=alert(1)>
<div style="background:url(javascript:alert(1))">css</div>
<span style="behavior:url(x.htc)">b</span>
&#60;script&#62;alert(1)&#60;/script&#62; &lt;iframe src=x&gt;
{{<script>alert(1)</script>}} {{Template|<script>}} {{{1|<script>}}}
<nowiki><script>alert(1)</script></nowiki> <pre><script>alert(1)</script></pre>
{| onclick="alert(1)"
| <svg onload=alert(1)> || [http://ok.example/"onmouseover="alert(1) y]
|}
"""


class _Checker(HTMLParser):
    """Collects everything that could execute."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("iframe", "object", "embed", "img", "svg", "base", "math"):
            self.problems.append(f"<{tag}>")
        if tag == "link" and not (values.get("href") or "").startswith("/w/static/"):
            self.problems.append(f"link {attrs}")
        if tag == "script":
            src, kind = values.get("src"), values.get("type")
            if kind != "application/json" and not (src and src.startswith("/w/")):
                self.problems.append(f"script {attrs}")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}={value}")
            if name == "style":
                self.problems.append(f"{tag} style={value}")
            if (
                name in ("href", "src", "action")
                and value
                and value.strip().lower().startswith(("javascript:", "data:", "vbscript:"))
            ):
                self.problems.append(f"{tag} {name}={value}")


def problems(page: str) -> list[str]:
    checker = _Checker()
    checker.feed(page)
    return checker.problems


@pytest.fixture
def hostile(wiki: Wiki, make_user: Any, edit_as: Any) -> None:
    make_user("Rollbacker", ["rollbacker", "sysop"])
    make_user("Editor")
    edit_as("Editor", "Target", "clean")
    for name in HOSTILE_NAMES:
        for summary in HOSTILE_SUMMARIES:
            edit_as(name, "Target", f"{name} {summary}", summary=summary)
    edit_as("Editor", "Hostile text", HOSTILE_TEXT, summary=HOSTILE_SUMMARIES[0])


URLS = [
    {"title": "Target", "action": "history"},
    {"title": "Target", "diff": "cur", "oldid": 1},
    {"title": "Target", "diff": "prev", "oldid": 5},
    {"title": "Special:RecentChanges"},
    {"title": "Special:Contributions/" + HOSTILE_NAMES[0]},
    {"title": "Special:Contributions/" + HOSTILE_NAMES[2]},
    {"title": "Hostile text"},
    {"title": "Hostile text", "action": "edit"},
    {"title": "Hostile text", "action": "history"},
    {"title": "Special:Log"},
    {"title": "Special:Search", "search": "<script>alert(1)</script>"},
    {"title": "<script>"},
    {"title": "Special:Contributions/<script>alert(1)</script>"},
    {"title": "Target", "action": "rollback", "from": '"><script>alert(1)</script>', "token": "x"},
]


@pytest.mark.parametrize("params", URLS, ids=[str(i) for i in range(len(URLS))])
def test_hostile_input_renders_as_text(wiki: Wiki, hostile: None, params: dict[str, Any]) -> None:
    client = logged_in_browser(wiki, "Rollbacker")
    response = client.get(INDEX, params=params)
    assert problems(response.text) == []
    assert "<script>alert" not in response.text


def test_hostile_names_appear_escaped_in_history(wiki: Wiki, hostile: None) -> None:
    page = (
        logged_in_browser(wiki, "Rollbacker")
        .get(INDEX, params={"title": "Target", "action": "history"})
        .text
    )
    assert "<bdi>Evil&#34; onmouseover=&#34;alert(1)</bdi>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # The rollback link of the hostile top author is still well-formed.
    ((href, _, _),) = rollback_links(page)
    assert "&from=imported%3EEvil%22%3E%3Cb%3Ex&" in href


def test_security_headers_on_every_page(wiki: Wiki, hostile: None) -> None:
    response = browser(wiki).get(INDEX, params={"title": "Target"})
    assert response.headers["x-frame-options"] == "DENY"
    csp = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-type"] == "text/html; charset=UTF-8"


def test_no_inline_script_anywhere(wiki: Wiki, hostile: None) -> None:
    import re

    client = logged_in_browser(wiki, "Rollbacker")
    for params in URLS + [{"title": "Special:ApiSandbox"}, {"title": "Special:Preferences"}]:
        page = client.get(INDEX, params=params).text
        for tag in re.findall(r"<script\b[^>]*>", page):
            assert 'type="application/json"' in tag or " src=" in tag, tag


def test_raw_action_never_serves_wikitext_as_javascript(wiki: Wiki, hostile: None) -> None:
    response = browser(wiki).get(
        INDEX, params={"title": "Hostile text", "action": "raw", "ctype": "text/javascript"}
    )
    assert response.headers["content-type"].startswith("text/x-wiki")
    assert response.headers["x-content-type-options"] == "nosniff"
