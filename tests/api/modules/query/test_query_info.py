"""prop=info (ApiQueryInfo): page facts, protection, talk/subject ids, URLs, tested actions."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import insert

from rollwiki.services.wiki import Wiki
from rollwiki.storage.schema import page_restrictions, protected_titles, templatelinks


def _protect(wiki: Wiki, page_id: int, kind: str, level: str, cascade: bool = False,
             expiry: str = "infinity") -> None:  # fmt: skip
    wiki.db.write(
        lambda c: c.execute(
            insert(page_restrictions).values(
                pr_page=page_id, pr_type=kind, pr_level=level, pr_cascade=cascade, pr_expiry=expiry
            )
        )
    )


def test_transcript_intoken_request(api: Any, edit: Any) -> None:
    """Transcript tokens_query request 438 (fv1): intoken is unknown in 1.39."""
    page_id = edit("Main Page", "x" * 755, by="192.0.2.5").page["page_id"]
    body = api("action=query&prop=info&intoken=rollback&titles=Main+Page", fv=1)
    assert body == {
        "warnings": {"main": {"*": "Unrecognized parameter: intoken."}},
        "batchcomplete": "",
        "query": {
            "pages": {
                str(page_id): {
                    "pageid": page_id,
                    "ns": 0,
                    "title": "Main Page",
                    "contentmodel": "wikitext",
                    "pagelanguage": "en",
                    "pagelanguagehtmlcode": "en",
                    "pagelanguagedir": "ltr",
                    "touched": "2026-11-26T18:00:01Z",
                    "lastrevid": 1,
                    "length": 755,
                    "new": "",
                }
            }
        },
    }


def test_cascading_protection_names_its_source(api: Any, edit: Any, wiki: Wiki) -> None:
    """Transcript cascade_protected_page request 574."""
    target = edit("Cascade target", "x").page["page_id"]
    holder = edit("Cascade holder", "{{:Cascade target}}").page["page_id"]
    _protect(wiki, holder, "edit", "sysop", cascade=True)
    body = api("action=query&prop=info&inprop=protection&titles=Cascade_target|Cascade_holder")
    pages = {p["title"]: p for p in body["query"]["pages"]}
    assert pages["Cascade target"]["protection"] == [
        {"type": "edit", "level": "sysop", "expiry": "infinity", "source": "Cascade holder"}
    ]
    assert pages["Cascade target"]["restrictiontypes"] == ["edit", "move"]
    assert pages["Cascade holder"]["protection"] == [
        {"type": "edit", "level": "sysop", "expiry": "infinity", "cascade": True}
    ]
    assert pages["Cascade target"]["pageid"] == target


def test_protection_of_missing_titles_and_expiries(api: Any, edit: Any, wiki: Wiki) -> None:
    page_id = edit("Semi", "x").page["page_id"]
    _protect(wiki, page_id, "move", "autoconfirmed", expiry="20261203180000")
    _protect(wiki, page_id, "edit", "sysop", expiry="20200101000000")  # expired
    wiki.db.write(
        lambda c: c.execute(
            insert(protected_titles).values(
                pt_namespace=0,
                pt_title="Salted",
                pt_actor=1,
                pt_timestamp="20261126170000",
                pt_expiry="infinity",
                pt_create_perm="sysop",
            )
        )
    )
    body = api("action=query&prop=info&inprop=protection&titles=Semi|Salted|File:X.png")
    pages = {p["title"]: p for p in body["query"]["pages"]}
    assert pages["Semi"]["protection"] == [
        {"type": "move", "level": "autoconfirmed", "expiry": "2026-12-03T18:00:00Z"}
    ]
    assert pages["Salted"]["protection"] == [
        {"type": "create", "level": "sysop", "expiry": "infinity"}
    ]
    assert pages["Salted"]["restrictiontypes"] == ["create"]
    assert pages["File:X.png"]["restrictiontypes"] == ["create"]


def test_talk_subject_associated_and_urls(api: Any, edit: Any) -> None:
    subject = edit("Topic", "x").page["page_id"]
    talk = edit("Talk:Topic", "y").page["page_id"]
    body = api(
        "action=query&prop=info&inprop=talkid|subjectid|associatedpage|url|displaytitle|"
        "preload|varianttitles|linkclasses&titles=Topic|Talk:Topic|O'Brien%26Co"
    )
    pages = {p["title"]: p for p in body["query"]["pages"]}
    assert pages["Topic"]["talkid"] == talk
    assert pages["Talk:Topic"]["subjectid"] == subject
    assert pages["Talk:Topic"]["associatedpage"] == "Topic"
    missing = pages["O'Brien&Co"]
    # Oracle: wfUrlencode keeps ;@$!*(),/~: and encodes ' and &.
    assert missing["fullurl"] == "http://testserver/wiki/O%27Brien%26Co"
    assert missing["editurl"] == "http://testserver/w/index.php?title=O%27Brien%26Co&action=edit"
    assert missing["displaytitle"] == "O'Brien&amp;Co"
    assert missing["preload"] is None
    assert "varianttitles" not in missing and "linkclasses" not in missing
    assert pages["Topic"]["preload"] == ""
    assert pages["Topic"]["varianttitles"] == {"en": "Topic"}
    assert pages["Topic"]["linkclasses"] == []


def test_readable_is_deprecated(api: Any, edit: Any) -> None:
    edit("P", "x")
    body = api("action=query&prop=info&inprop=readable&titles=P", fv=1)
    # Oracle: the value warning plus main's mailing-list reference.
    assert body["warnings"]["info"] == {
        "*": 'The value "readable" to parameter "inprop" has been deprecated.'
    }
    assert "mediawiki-api-announce" in body["warnings"]["main"]["*"]
    assert body["query"]["pages"]["1"]["readable"] == ""


def test_watchers_need_unwatchedpages(api: Any, edit: Any, make_user: Any, login: Any) -> None:
    make_user("Admin", ["sysop"])
    edit("P", "x")
    anon = api("action=query&prop=info&inprop=watchers|visitingwatchers&titles=P")
    assert "watchers" not in anon["query"]["pages"][0]
    admin = api(
        "action=query&prop=info&inprop=watchers|visitingwatchers&titles=P",
        session=login("Admin"),
    )
    assert admin["query"]["pages"][0]["watchers"] == 0
    assert admin["query"]["pages"][0]["visitingwatchers"] == 0


def test_testactions_boolean_and_full(api: Any, edit: Any) -> None:
    edit("P", "x")
    body = api("action=query&prop=info&titles=P&intestactions=edit|rollback|bogus")
    assert body["query"]["pages"][0]["actions"] == {"edit": True, "rollback": False, "bogus": False}
    full = api("action=query&prop=info&titles=P&intestactions=bogus&intestactionsdetail=full")
    # Oracle (bc format reported as plaintext).
    assert full["query"]["pages"][0]["actions"] == {
        "bogus": [
            {
                "code": "permissiondenied",
                "text": "You are not allowed to execute the action you have requested.",
            }
        ]
    }


def test_info_continues_by_title_when_actions_run_out(api: Any, edit: Any) -> None:
    titles = "|".join(f"P{i:02}" for i in range(30))
    body = api(f"action=query&prop=info&titles={titles}&intestactions=edit|move")
    with_actions = [p for p in body["query"]["pages"] if "actions" in p]
    assert len(with_actions) == 25
    assert body["continue"] == {"incontinue": "0|P25", "continue": "||"}
    rest = api(
        f"action=query&prop=info&titles={titles}&intestactions=edit|move"
        "&incontinue=0|P25&continue=||"
    )
    # Missing pages have fake ids -1...-30, so formatversion=2 lists P29 first.
    assert sorted(p["title"] for p in rest["query"]["pages"] if "actions" in p) == [
        f"P{i}" for i in range(25, 30)
    ]


@pytest.mark.parametrize("value", ["x", "0|<>", "1|2|3"])
def test_bad_info_continue(api: Any, value: str) -> None:
    assert api(f"action=query&prop=info&titles=A&incontinue={value}")["error"]["code"] == (
        "badcontinue"
    )


def test_redirect_flag_only_without_resolution(api: Any, edit: Any, wiki: Wiki) -> None:
    edit("Target", "t")
    edit("Redir", "#REDIRECT [[Target]]")
    plain = api("action=query&prop=info&titles=Redir")
    assert plain["query"]["pages"][0]["redirect"] is True
    wiki.db.write(
        lambda c: c.execute(insert(templatelinks).values(tl_from=1, tl_namespace=10, tl_title="X"))
    )
    resolved = api("action=query&prop=info&titles=Redir&redirects")
    assert resolved["query"]["pages"] == [
        {
            "pageid": 1,
            "ns": 0,
            "title": "Target",
            "contentmodel": "wikitext",
            "pagelanguage": "en",
            "pagelanguagehtmlcode": "en",
            "pagelanguagedir": "ltr",
            "touched": "2026-11-26T18:00:01Z",
            "lastrevid": 1,
            "length": 1,
            "new": True,
        }
    ]
