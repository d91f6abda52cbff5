"""action=query's page set: normalisation, missing/invalid/special titles, ids, redirects."""

from __future__ import annotations

from typing import Any

import pytest

from rollwiki.services.wiki import Wiki
from rollwiki.storage.queries import pages as pq

# Recorded from the oracle (MediaWiki 1.39.17) on 2026-11-26 with
# action=query&titles=main_page|Special:recentchanges|Special:Nonexist|Special:MyPage|
# Media:Foo.png|talk:x|en:Foo|A%23b|<>|Talk:|Special:Contributions/Admin|MediaWiki:Nonexistmsg|
# User:Admin|:Talk:foo&formatversion=2 (MediaWiki:Edit left out: its "known" flag comes from
# MediaWiki's full message catalog).
TITLES = (
    "main_page|Special:recentchanges|Special:Nonexist|Special:MyPage|Media:Foo.png|talk:x|"
    "en:Foo|A%23b|<>|Talk:|Special:Contributions/Admin|MediaWiki:Nonexistmsg|User:Admin|:Talk:foo"
)
ORACLE_FV2 = {
    "batchcomplete": True,
    "query": {
        "normalized": [
            {"fromencoded": False, "from": "main_page", "to": "Main page"},
            {"fromencoded": False, "from": "Special:recentchanges", "to": "Special:RecentChanges"},
            {"fromencoded": False, "from": "talk:x", "to": "Talk:X"},
            {"fromencoded": False, "from": "en:Foo", "to": "En:Foo"},
            {"fromencoded": False, "from": "A#b", "to": "A"},
            {"fromencoded": False, "from": ":Talk:foo", "to": "Talk:Foo"},
        ],
        "pages": [
            {"ns": 2, "title": "User:Admin", "missing": True},
            {"ns": 8, "title": "MediaWiki:Nonexistmsg", "missing": True},
            {"ns": 1, "title": "Talk:Foo", "missing": True},
            {"ns": 1, "title": "Talk:X", "missing": True},
            {"ns": 0, "title": "A", "missing": True},
            {"ns": 0, "title": "En:Foo", "missing": True},
            {"ns": 0, "title": "Main page", "missing": True},
            {"ns": -1, "title": "Special:Contributions/Admin", "special": True},
            {"ns": -2, "title": "Media:Foo.png", "special": True, "missing": True},
            {"ns": -1, "title": "Special:MyPage", "special": True},
            {"ns": -1, "title": "Special:Nonexist", "special": True, "missing": True},
            {"ns": -1, "title": "Special:RecentChanges", "special": True},
            {
                "title": "Talk:",
                "invalidreason": "The requested page title is empty or contains only the name "
                "of a namespace.",
                "invalid": True,
            },
            {
                "title": "<>",
                "invalidreason": 'The requested page title contains invalid characters: "<".',
                "invalid": True,
            },
        ],
    },
}


def test_titles_are_normalised_and_classified_as_the_oracle_does(api: Any) -> None:
    assert api(f"action=query&titles={TITLES}") == ORACLE_FV2


def test_formatversion_1_keys_pages_by_fake_ids_in_output_order(api: Any) -> None:
    body = api(f"action=query&titles={TITLES}", fv=1)
    # Oracle (fv1): missing titles first (-6 ...), then invalid (-1, -2), then specials.
    assert list(body["query"]["pages"]) == [
        "-8", "-9", "-10", "-11", "-12", "-13", "-14", "-1", "-2", "-3", "-4", "-5", "-6", "-7"
    ]  # fmt: skip
    assert body["query"]["pages"]["-8"] == {"ns": 0, "title": "Main page", "missing": ""}
    assert body["query"]["normalized"][0] == {"from": "main_page", "to": "Main page"}
    assert body["batchcomplete"] == ""


@pytest.mark.parametrize(
    ("uselang", "errorformat", "expected"),
    [
        # Oracle: bc is always English, other formats follow the error language.
        ("uk", "bc", 'The requested page title contains invalid characters: "<".'),
        (
            "uk",
            "plaintext",
            {
                "code": "title-invalid-characters",
                "text": "Назва сторінки містить некоректні символи: «<».",
            },
        ),
        (
            "en",
            "html",
            {
                "code": "title-invalid-characters",
                "html": 'The requested page title contains invalid characters: "&lt;".',
            },
        ),
    ],
)
def test_invalid_reason_follows_the_error_format(
    api: Any, uselang: str, errorformat: str, expected: Any
) -> None:
    body = api(f"action=query&titles=<>&uselang={uselang}&errorformat={errorformat}")
    assert body["query"]["pages"] == [{"title": "<>", "invalidreason": expected, "invalid": True}]


@pytest.mark.parametrize(
    ("title", "reason"),
    [
        (
            "A~~~~",
            "The requested page title contains invalid magic tilde sequence "
            "(<nowiki>~~~</nowiki>).",
        ),
        (
            "./a",
            "Title has relative path. Relative page titles (./, ../) are invalid, because they "
            "will often be unreachable when handled by user's browser.",
        ),
        ("Talk:File:x", "The requested page title refers to a talk page that cannot exist."),
        (
            "x" * 256,
            "The requested page title is too long. It must be no longer than 255 bytes in "
            "UTF-8 encoding.",
        ),
    ],
)
def test_invalid_title_reasons_match_the_oracle(api: Any, title: str, reason: str) -> None:
    body = api(f"action=query&titles={title}")
    assert body["query"]["pages"] == [{"title": title, "invalidreason": reason, "invalid": True}]


def test_existing_page_is_reported_with_its_id(api: Any, edit: Any) -> None:
    page = edit("Some page", "text", by="192.0.2.5").page
    body = api("action=query&titles=Some_page|some%20page")
    assert body["query"]["pages"] == [{"pageid": page["page_id"], "ns": 0, "title": "Some page"}]
    assert body["query"]["normalized"] == [
        {"fromencoded": False, "from": "Some_page", "to": "Some page"},
        {"fromencoded": False, "from": "some page", "to": "Some page"},
    ]


def test_pageids_report_missing_ids_like_the_oracle(api: Any, edit: Any) -> None:
    page_id = edit("Exists", "x").page["page_id"]
    # Oracle: pageids=-5|1 gives {"pageid":-5,"missing":true} first (sorted by key in fv2).
    body = api(f"action=query&pageids=99999|-5|{page_id}|0")
    assert body["query"]["pages"] == [
        {"pageid": -5, "missing": True},
        {"pageid": 0, "missing": True},
        {"pageid": page_id, "ns": 0, "title": "Exists"},
        {"pageid": 99999, "missing": True},
    ]
    fv1 = api(f"action=query&pageids=99999|-5|{page_id}|0&indexpageids", fv=1)
    assert fv1["query"]["pageids"] == ["99999", "-5", "0", str(page_id)]


def test_revids_report_bad_revids_as_an_object_or_a_list(api: Any, edit: Any) -> None:
    rev_id = edit("Exists", "x").revision["rev_id"]  # type: ignore[index]
    # Oracle: {"999999":{...},"0":{...}} is an object, a lone 0 is a PHP list.
    body = api(f"action=query&revids={rev_id}|999999|0")
    assert body["query"]["badrevids"] == {
        "999999": {"revid": 999999, "missing": True},
        "0": {"revid": 0, "missing": True},
    }
    assert body["query"]["pages"] == [{"pageid": 1, "ns": 0, "title": "Exists"}]
    assert api("action=query&revids=0")["query"] == {"badrevids": [{"revid": 0, "missing": True}]}


@pytest.mark.parametrize(
    ("query", "info"),
    [
        ("titles=A&pageids=1", 'The "pageids" parameter cannot be used with "titles".'),
        ("titles=A&revids=1", 'The "revids" parameter cannot be used with "titles".'),
        ("pageids=1&revids=1", 'The "revids" parameter cannot be used with "pageids".'),
        ("titles=A&pageids=1&revids=1", 'The "pageids" parameter cannot be used with "titles".'),
    ],
)
def test_two_page_sources_give_multisource(api: Any, query: str, info: str) -> None:
    body = api(f"action=query&{query}")
    assert body["error"]["code"] == "multisource"
    assert body["error"]["info"] == info


def test_redirects_are_resolved_with_fragment(api: Any, edit: Any) -> None:
    target = edit("Target", "t").page["page_id"]
    edit("Redir", "#REDIRECT [[Target#Sec]]")
    body = api("action=query&titles=Redir&redirects")
    # Oracle: {"from":"...R","to":"...A","tofragment":"Sec"} and only the target page.
    assert body["query"] == {
        "redirects": [{"from": "Redir", "to": "Target", "tofragment": "Sec"}],
        "pages": [{"pageid": target, "ns": 0, "title": "Target"}],
    }
    unresolved = api("action=query&titles=Redir")
    assert unresolved["query"]["pages"][0]["title"] == "Redir"


def test_redirect_to_a_missing_page_and_double_redirects(api: Any, edit: Any) -> None:
    edit("R1", "#REDIRECT [[R2]]")
    edit("R2", "#redirect:[[Nowhere]]")
    body = api("action=query&titles=R1&redirects")
    assert body["query"]["redirects"] == [
        {"from": "R1", "to": "R2"},
        {"from": "R2", "to": "Nowhere"},
    ]
    assert body["query"]["pages"] == [{"ns": 0, "title": "Nowhere", "missing": True}]


def test_special_mypage_redirects_to_the_performer(api: Any) -> None:
    # Oracle: Special:MyPage/foo -> User:127.0.0.1/foo for an anonymous client.  The test
    # client's address is "testclient", used verbatim as Title::makeTitle() does.
    body = api("action=query&titles=Special:MyPage/foo|Special:Mycontributions&redirects")
    assert body["query"]["redirects"] == [
        {"from": "Special:MyPage/foo", "to": "User:testclient/foo"}
    ]
    assert body["query"]["normalized"] == [
        {"fromencoded": False, "from": "Special:Mycontributions", "to": "Special:MyContributions"}
    ]


def test_redirects_with_revids_warn_and_are_ignored(api: Any, edit: Any) -> None:
    rev = edit("Exists", "x").revision
    assert rev is not None
    body = api(f"action=query&revids={rev['rev_id']}&redirects")
    # Oracle warning text, under the "query" module.
    assert body["warnings"] == {
        "query": {
            "warnings": 'Redirect resolution cannot be used together with the "revids" '
            'parameter. Any redirects the "revids" point to have not been resolved.'
        }
    }


def test_too_many_titles_gives_toomanyvalues(api: Any) -> None:
    titles = "|".join(f"T{i}" for i in range(51))
    body = api(f"action=query&titles={titles}")
    assert body["error"]["code"] == "toomanyvalues"
    assert body["error"]["limit"] == 50
    assert (
        body["error"]["info"] == 'Too many values supplied for parameter "titles". The limit is 50.'
    )


def test_apihighlimits_raise_the_titles_limit_to_500(api: Any, make_user: Any, login: Any) -> None:
    make_user("Sysop", ["sysop"])
    session = login("Sysop")
    ok = api("action=query&titles=" + "|".join(f"T{i}" for i in range(500)), session=session)
    assert len(ok["query"]["pages"]) == 500
    over = api("action=query&titles=" + "|".join(f"T{i}" for i in range(501)), session=session)
    assert over["error"]["limit"] == 500


def test_empty_titles_and_bar_only_titles(api: Any) -> None:
    # Oracle: titles= gives nothing; titles=| one invalid empty title.
    assert api("action=query&titles=") == {"batchcomplete": True}
    assert api("action=query&titles=|")["query"]["pages"] == [
        {
            "title": "",
            "invalidreason": "The requested page title is empty or contains only the name of "
            "a namespace.",
            "invalid": True,
        }
    ]


def test_interwiki_titles_with_iwurl(api: Any, wiki: Wiki) -> None:
    from sqlalchemy import insert

    from rollwiki.storage.schema import interwiki

    wiki.db.write(
        lambda c: c.execute(
            insert(interwiki).values(
                iw_prefix="wikipedia", iw_url="https://en.wikipedia.org/wiki/$1"
            )
        )
    )
    wiki.reload_config()
    body = api("action=query&titles=wikipedia:Foo_bar&iwurl")
    assert body["query"]["interwiki"] == [
        {
            "title": "wikipedia:Foo bar",
            "iw": "wikipedia",
            "url": "https://en.wikipedia.org/wiki/Foo_bar",
        }
    ]
    assert "pages" not in body["query"]


@pytest.mark.parametrize(
    ("generator", "info"),
    [
        ("bogus", 'Unknown "generator=bogus".'),
        ("tokens", 'Module "tokens" cannot be used as a generator.'),
    ],
)
def test_bad_generators_give_badgenerator(api: Any, generator: str, info: str) -> None:
    body = api(f"action=query&generator={generator}&titles=A")
    assert body["error"]["code"] == "badgenerator"
    assert body["error"]["info"] == info


def test_page_set_errors_come_before_query_parameter_errors(api: Any) -> None:
    # Oracle: exportschema=bogus&pageids=abc reports the page set's badinteger first.
    body = api("action=query&exportschema=bogus&pageids=abc")
    assert body["error"]["code"] == "badinteger"
    assert "pageids" in body["error"]["info"]


def test_submodule_parameters_are_validated_when_the_module_runs(api: Any) -> None:
    # Oracle: the revisions warning is kept, then allpages' badinteger wins.
    body = api("action=query&prop=revisions&rvprop=bogus|ids&list=allpages|recentchanges"
               "&aplimit=abc&rclimit=abc&titles=Main_Page", fv=1)  # fmt: skip
    assert body["error"]["code"] == "badinteger"
    assert body["error"]["info"] == 'Invalid value "abc" for integer parameter "aplimit".'
    assert body["warnings"] == {
        "revisions": {"*": 'Unrecognized value for parameter "rvprop": bogus'}
    }


def test_export_gives_an_xml_dump_of_current_revisions(api: Any, client: Any, edit: Any) -> None:
    edit("Exported", "some <text>", by="192.0.2.5", summary="sum")
    body = api("action=query&titles=Exported&export", fv=1)
    xml = body["query"]["export"]["*"]
    assert "<title>Exported</title>" in xml
    assert "some &lt;text&gt;" in xml
    assert "<generator>MediaWiki 1.39.17</generator>" in xml
    raw = client.get("/w/api.php?action=query&titles=Exported&export&exportnowrap")
    assert raw.headers["content-type"] == "text/xml; charset=utf-8"
    assert raw.headers["content-disposition"] == "inline; filename=export.xml"
    assert raw.text.startswith('<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/"')


def test_page_rows_are_not_changed_by_reading(api: Any, edit: Any, wiki: Wiki) -> None:
    page = edit("Stable", "x").page
    api("action=query&titles=Stable&prop=info|revisions&redirects&export")
    assert wiki.db.read(lambda c: pq.page_by_id(c, page["page_id"])) == page
