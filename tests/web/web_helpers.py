"""Helpers for the index.php tests: browsers (TestClients with cookies), web logins,
rollback links, and reading the database."""

from __future__ import annotations

import html
import re
from typing import Any

from starlette.testclient import TestClient

from rollwiki.app import create_app
from rollwiki.services.wiki import Wiki
from rollwiki.storage.queries import pages as pq
from rollwiki.storage.queries import tags as tq

INDEX = "/w/index.php"
ROLLBACK_LINK = re.compile(
    r'<span class="mw-rollback-link"><a href="([^"]+)"([^>]*)>(.*?)</a></span>'
)


def browser(wiki: Wiki) -> TestClient:
    """A fresh browser: its own cookie jar on the same wiki."""
    return TestClient(create_app(wiki=wiki))


def hidden_value(page: str, name: str) -> str:
    m = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*value="([^"]*)"', page)
    if m is None:
        m = re.search(rf'<input[^>]*value="([^"]*)"[^>]*name="{re.escape(name)}"', page)
    assert m is not None, f"no {name} field"
    return html.unescape(m.group(1))


def web_login(client: TestClient, name: str, password: str | None = None) -> Any:
    """Log in through Special:UserLogin as a person would."""
    form = client.get(INDEX, params={"title": "Special:UserLogin"})
    response = client.post(
        INDEX + "?title=Special:UserLogin",
        data={
            "wpName": name,
            "wpPassword": password or f"{name}Pass-1234",
            "wpLoginToken": hidden_value(form.text, "wpLoginToken"),
        },
        follow_redirects=False,
    )
    assert response.status_code == 302, response.text
    return response


def logged_in_browser(wiki: Wiki, name: str) -> TestClient:
    client = browser(wiki)
    web_login(client, name)
    return client


def rollback_links(page: str) -> list[tuple[str, str, str]]:
    """(href, attributes, label) of every rollback link, href unescaped."""
    return [(html.unescape(h), a, label) for h, a, label in ROLLBACK_LINK.findall(page)]


def heading(page: str) -> str:
    m = re.search(r'<h1 id="firstHeading"[^>]*>(.*?)</h1>', page, re.S)
    assert m is not None
    return html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip()


def content(page: str) -> str:
    """The text of #mw-content-text (tags removed, entities decoded, spaces folded)."""
    m = re.search(r'<div id="bodyContent"[^>]*>(.*)</main>', page, re.S)
    assert m is not None
    text = re.sub(
        r"</?(p|div|li|ul|ol|dl|dt|dd|tr|td|th|table|h[1-6]|br|hr|fieldset|legend)\b[^>]*>",
        " ",
        m.group(1),
    )
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"\s+", " ", html.unescape(text).replace("\u200e", "")).strip()


def latest(wiki: Wiki, title: str) -> dict[str, Any]:
    """The latest revision of a page (with its text and tags)."""
    parsed = wiki.titles.parse(title)

    def read(conn: Any) -> dict[str, Any]:
        page = pq.page_by_title(conn, parsed.namespace, parsed.dbkey)
        rev = pq.revision_by_id(conn, page["page_latest"])
        assert rev is not None
        rev["text"] = pq.content_text(conn, rev["rev_content"])
        rev["tags"] = tq.tags_for_revisions(conn, [rev["rev_id"]])[rev["rev_id"]]
        rev["count"] = pq.count_revisions(conn, page["page_id"])
        return rev

    return wiki.db.read(read)


def form_fields(page: str, form_id: str) -> dict[str, str]:
    """The named inputs of one form (hidden, text, checked checkboxes), as a browser sends."""
    m = re.search(rf'<form[^>]*id="{re.escape(form_id)}"[^>]*>(.*?)</form>', page, re.S)
    assert m is not None, f"no form {form_id}"
    fields: dict[str, str] = {}
    for tag in re.findall(r"<input[^>]*>", m.group(1)):
        name = re.search(r'name="([^"]*)"', tag)
        if name is None:
            continue
        kind = re.search(r'type="([^"]*)"', tag)
        if kind and kind.group(1) in ("checkbox", "radio") and " checked" not in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        fields[html.unescape(name.group(1))] = html.unescape(value.group(1)) if value else ""
    for name, text in re.findall(
        r'<textarea[^>]*name="([^"]*)"[^>]*>\n?(.*?)</textarea>', m.group(1), re.S
    ):
        fields[name] = html.unescape(text)
    return fields
