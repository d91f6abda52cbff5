"""list=allpages and prop=templates, as lists/props and as generators."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import insert

from rollwiki.services.wiki import Wiki
from rollwiki.storage.schema import page_restrictions


@pytest.fixture
def pages(edit: Any) -> None:
    edit("Apple", "uses {{Fruit}} and {{Template:Color|red}}")
    edit("Banana", "#REDIRECT [[Apple]]")
    edit("Cherry", "long text " * 10)
    edit("Talk:Apple", "talk")
    edit("Template:Fruit", "fruit")


def test_allpages_filters(api: Any, pages: None) -> None:
    def titles(query: str) -> list[str]:
        return [p["title"] for p in api(f"action=query&list=allpages{query}")["query"]["allpages"]]

    assert titles("") == ["Apple", "Banana", "Cherry"]
    assert titles("&apfilterredir=redirects") == ["Banana"]
    assert titles("&apfilterredir=nonredirects") == ["Apple", "Cherry"]
    assert titles("&apprefix=b") == ["Banana"]
    assert titles("&apfrom=B&apto=Ch") == ["Banana"]
    assert titles("&apdir=descending") == ["Cherry", "Banana", "Apple"]
    assert titles("&apnamespace=1") == ["Talk:Apple"]
    assert titles("&apminsize=50") == ["Cherry"]
    assert titles("&apfilterlanglinks=withlanglinks") == []
    # Oracle: list=allpages&apfrom=Zzz gives an empty list, not no key.
    assert api("action=query&list=allpages&apfrom=Zzz")["query"] == {"allpages": []}


def test_allpages_protection_filters(api: Any, pages: None, wiki: Wiki) -> None:
    wiki.db.write(
        lambda c: c.execute(
            insert(page_restrictions).values(
                pr_page=3, pr_type="edit", pr_level="sysop", pr_cascade=False, pr_expiry="infinity"
            )
        )
    )
    body = api("action=query&list=allpages&apprtype=edit&apprlevel=sysop")
    assert [p["title"] for p in body["query"]["allpages"]] == ["Cherry"]
    # Oracle: prlevel without prtype.
    bad = api("action=query&list=allpages&apprlevel=sysop")
    assert bad["error"]["code"] == "invalidparammix"
    assert bad["error"]["info"] == 'The "prlevel" parameter may only be used with "prtype".'


@pytest.mark.parametrize(
    ("query", "info"),
    # Oracle: apprefix=Talk:X gives 'Bad title "Talk:X".'
    [("&apprefix=Talk:X", 'Bad title "Talk:X".'), ("&apfrom=<", 'Bad title "<".')],
)
def test_allpages_bad_title_parts(api: Any, query: str, info: str) -> None:
    body = api(f"action=query&list=allpages{query}")
    assert body["error"]["code"] == "invalidtitle"
    assert body["error"]["info"] == info


def test_generator_allpages_refuses_redirect_resolution(api: Any, pages: None) -> None:
    body = api("action=query&generator=allpages&redirects")
    # Oracle text and code.
    assert body["error"] == {
        "code": "params",
        "info": 'Use "gapfilterredir=nonredirects" instead of "redirects" when using "allpages" '
        "as a generator.",
        "docref": body["error"]["docref"],
    }


def test_transcript_fixture_lookup(api: Any, edit: Any) -> None:
    """Transcript user_interwiki_fixture request 274: generator=allpages with revisions."""
    edit("Rollback fixture imported 1 01", "a", by="imported>Alice")
    edit("Rollback fixture imported 1 01", "b", by="imported>Mallory")
    body = api(
        "action=query&generator=allpages&gapprefix=Rollback+fixture+imported&gaplimit=max"
        "&prop=revisions&rvprop=user|ids"
    )
    assert body["limits"] == {"allpages": 500}
    assert list(body) == ["batchcomplete", "limits", "query"]
    assert body["query"]["pages"] == [
        {
            "pageid": 1,
            "ns": 0,
            "title": "Rollback fixture imported 1 01",
            "revisions": [{"revid": 2, "parentid": 1, "user": "imported>Mallory", "anon": True}],
        }
    ]


def test_templates_prop(api: Any, pages: None) -> None:
    body = api("action=query&prop=templates&titles=Apple|Cherry")
    pages_ = {p["title"]: p for p in body["query"]["pages"]}
    assert pages_["Apple"]["templates"] == [
        {"ns": 10, "title": "Template:Color"},
        {"ns": 10, "title": "Template:Fruit"},
    ]
    assert "templates" not in pages_["Cherry"]
    only = api("action=query&prop=templates&titles=Apple&tltemplates=Template:Fruit|<>")
    assert only["query"]["pages"][0]["templates"] == [{"ns": 10, "title": "Template:Fruit"}]
    # Oracle warning for an invalid title in tltemplates.
    assert only["warnings"] == {"templates": {"warnings": '"<>" is not a valid title.'}}


def test_templates_continuation(api: Any, pages: None) -> None:
    body = api("action=query&prop=templates&titles=Apple&tllimit=1")
    assert body["continue"] == {"tlcontinue": "1|10|Fruit", "continue": "||"}
    rest = api(
        "action=query&prop=templates&titles=Apple&tllimit=1&tlcontinue=1|10|Fruit&continue=||"
    )
    assert rest["query"]["pages"][0]["templates"] == [{"ns": 10, "title": "Template:Fruit"}]


def test_generator_templates(api: Any, pages: None) -> None:
    body = api("action=query&generator=templates&titles=Apple&prop=info")
    assert [(p["title"], "missing" in p) for p in body["query"]["pages"]] == [
        ("Template:Color", True),
        ("Template:Fruit", False),
    ]
