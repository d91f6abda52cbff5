"""action=help renders MediaWiki 1.39's help page from the module declarations."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from test_paraminfo import oracle_wiki, transcript

from rollwiki.app import create_app


def visible_text(page: str) -> str:
    """What conformance/compare.py compares: the page without scripts, comments and tags."""
    page = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", " ", page)
    page = re.sub(r"(?s)<!--.*?-->", " ", page)
    page = re.sub(r"(?s)<[^>]*>", " ", page)
    return " ".join(html.unescape(page).split())


@pytest.fixture
def oracle(tmp_path: Path) -> Iterator[TestClient]:
    wiki = oracle_wiki(tmp_path)
    with TestClient(create_app(wiki=wiki)) as client:
        yield client
    wiki.db.close()


@pytest.mark.parametrize("seq", [1180, 1183], ids=["format-json", "default-format"])
def test_unwrapped_help_is_the_html_page(oracle: TestClient, seq: int) -> None:
    # Transcript help_and_paraminfo: format=json without wrap still answers text/html.
    record = transcript(seq)
    response = oracle.get("/w/api.php", params=record["query"])
    assert response.status_code == 200
    assert response.headers["content-type"] == record["content_type"]
    assert response.headers["content-disposition"] == record["content_disposition"]
    assert visible_text(response.text) == visible_text(record["text"])


@pytest.mark.parametrize("seq", [1181, 1182, 1184], ids=["fv1", "fv2", "uk"])
def test_wrapped_help_is_json(oracle: TestClient, seq: int) -> None:
    record = transcript(seq)
    response = oracle.get("/w/api.php", params=record["query"])
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    assert response.headers["content-disposition"] == "inline; filename=api-result.json"
    got, expected = response.json()["help"], record["json"]["help"]
    assert {k: v for k, v in got.items() if k != "help"} == {
        "mime": "text/html",
        "filename": "api-help.html",
    }
    assert visible_text(got["help"]) == visible_text(expected["help"])


def test_bare_api_php_shows_the_main_module(oracle: TestClient) -> None:
    response = oracle.get("/w/api.php")
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    text = visible_text(response.text)
    assert text.startswith("MediaWiki API help - OracleWiki MediaWiki API help This is an auto")
    for part in (
        "Main module Source: MediaWiki License: GPL-2.0-or-later",
        "action Which action to perform.",
        "help Display help for the specified modules.",
        "Permissions: writeapi Use of the write API Granted to: all, user and bot",
        "apihighlimits Use higher limits in API queries (slow queries: 500; fast queries: "
        "5000). The limits for slow queries also apply to multivalue parameters. "
        "Granted to: bot and sysop",
        "Data types Input to MediaWiki should be NFC-normalized UTF-8.",
        "Credits API developers:",
    ):
        assert part in text


def test_help_links_point_to_api_php(oracle: TestClient) -> None:
    page = oracle.get("/w/api.php", params={"action": "help", "modules": "rollback"}).text
    assert (
        '<a href="/w/api.php?action=help&amp;modules=query%2Btokens">'
        "action=query&amp;meta=tokens</a>"
    ) in page
    # The link trail keeps its Special:ApiHelp links.
    assert '<a href="/wiki/Special:ApiHelp/main" class="apihelp-linktrail"' in page
    assert '<a href="/wiki/Special:ApiSandbox#action=rollback&amp;title=Main%20Page' in page


def test_modules_on_the_same_page_link_to_their_anchor(oracle: TestClient) -> None:
    page = oracle.get(
        "/w/api.php", params={"action": "help", "modules": "query", "submodules": "1", "toc": "1"}
    ).text
    assert (
        '<h3 class="apihelp-header apihelp-module-name" dir="ltr" lang="en" id="query+tokens">'
        in page
    )
    assert '<a href="#query+tokens">tokens</a>' in page
    text = visible_text(page)
    assert "Contents 1 action=query 1.1 " in text
    assert re.search(r"1\.\d+ meta=tokens", text)


def test_recursive_help_numbers_the_reference_sections(oracle: TestClient) -> None:
    page = oracle.get(
        "/w/api.php", params={"action": "help", "recursivesubmodules": "1", "toc": "1"}
    ).text
    text = visible_text(page)
    assert "Contents 1 Main module 1.1 action=" in text
    assert re.search(r"1\.\d+ action=help", text)
    assert "Data types" in text and "1.2.1 meta=tokens" not in text


def test_unknown_module_is_a_json_error(oracle: TestClient) -> None:
    response = oracle.get(
        "/w/api.php", params={"action": "help", "modules": "nosuch", "format": "json"}
    )
    assert response.headers["mediawiki-api-error"] == "badmodule"
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    assert (
        response.json()["error"]["info"] == 'The module "main" does not have a submodule "nosuch".'
    )


def test_uk_help_is_translated(oracle: TestClient) -> None:
    page = oracle.get(
        "/w/api.php", params={"action": "help", "modules": "query+tokens", "uselang": "uk"}
    ).text
    text = visible_text(page)
    assert text.startswith("Довідка API MediaWiki — OracleWiki")
    assert "type Типи токена для запиту." in text


def test_warnings_so_far_appear_in_a_comment(tmp_path: Path) -> None:
    # ApiHelp::execute(): without wrap, warnings go into an HTML comment above the page.
    from rollwiki.api.errors import ApiMessage
    from rollwiki.api.modules.help import HelpModule
    from rollwiki.api.request import ApiRequest, RequestParams
    from rollwiki.services.performer import anonymous
    from rollwiki.services.sessions import Session
    from rollwiki.services.wiki import RequestContext

    wiki = oracle_wiki(tmp_path)
    ctx = RequestContext(wiki, anonymous("127.0.0.1", wiki.permissions), Session(), "127.0.0.1")
    req = ApiRequest(ctx, RequestParams())
    req.warn(ApiMessage.of("apiwarn-deprecation-parameter", "a--b"), path="help")
    params = {"modules": ["help"], "submodules": False, "recursivesubmodules": False}
    HelpModule().execute(req, {**params, "wrap": False, "toc": False})
    text = req.result.data["text"]
    assert text.startswith(
        "<!-- API warnings and errors:\n{\n"
        '    "warnings": {\n        "help": {\n'
        '            "warnings": "The parameter \\"a-\\u002Db\\" has been deprecated."\n'
    )
    assert "-->\n<!DOCTYPE html>" in text
    wiki.db.close()


def test_wrap_in_fv1_has_no_content_key(oracle: TestClient) -> None:
    data: dict[str, Any] = json.loads(
        oracle.get(
            "/w/api.php",
            params={"action": "help", "modules": "help", "wrap": "1", "format": "json"},
        ).text
    )
    assert set(data["help"]) == {"mime", "filename", "help"}


def test_wrapped_help_in_xml_is_a_text_child(oracle: TestClient) -> None:
    # Observed on the oracle: <help mime=... filename=...><help xml:space="preserve">...
    body = oracle.get(
        "/w/api.php", params={"action": "help", "modules": "json", "wrap": "1", "format": "xml"}
    ).text
    assert body.startswith(
        '<?xml version="1.0"?><api><help mime="text/html" filename="api-help.html">'
        '<help xml:space="preserve">&lt;!DOCTYPE html&gt;\n'
    )
