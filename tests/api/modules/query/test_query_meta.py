"""meta=siteinfo, meta=userinfo, meta=tokens and the read-mode rule of action=query."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import insert

from rollwiki.services.wiki import Wiki
from rollwiki.storage.schema import interwiki, ipblocks, user_newtalk


def test_siteinfo_general_advertises_mediawiki_1_39(api: Any) -> None:
    general = api("action=query&meta=siteinfo")["query"]["general"]
    # Oracle fields in the oracle's order (values that describe the wiki are ours).
    assert list(general)[:8] == [
        "mainpage", "base", "sitename", "mainpageisdomainroot", "logo", "generator",
        "phpversion", "phpsapi",
    ]  # fmt: skip
    assert general["generator"] == "MediaWiki 1.39.17"
    assert general["writeapi"] is True
    assert general["mainpage"] == "Main Page"
    assert general["base"] == "http://testserver/wiki/Main_Page"
    assert general["articlepath"] == "/wiki/$1"
    assert general["script"] == "/w/index.php"
    assert general["case"] == "first-letter"
    assert general["maxarticlesize"] == 2097152
    assert general["legaltitlechars"] == (" %!\"$&'()*,\\-.\\/0-9:;=?@A-Z\\\\^_`a-z~\\x80-\\xFF+")


def test_siteinfo_general_in_formatversion_1_keeps_variantarticlepath(api: Any) -> None:
    general = api("action=query&meta=siteinfo", fv=1)["query"]["general"]
    assert general["writeapi"] == ""
    assert general["variantarticlepath"] is False
    assert "readonly" not in general


def test_siteinfo_namespaces_and_aliases(api: Any) -> None:
    fv1 = api("action=query&meta=siteinfo&siprop=namespaces|namespacealiases", fv=1)["query"]
    # Oracle (fv1): {"id":1,"case":"first-letter","subpages":"","canonical":"Talk","*":"Talk"}
    assert fv1["namespaces"]["1"] == {
        "id": 1,
        "case": "first-letter",
        "subpages": "",
        "canonical": "Talk",
        "*": "Talk",
    }
    assert fv1["namespaces"]["0"] == {"id": 0, "case": "first-letter", "content": "", "*": ""}
    assert fv1["namespacealiases"] == [{"id": 6, "*": "Image"}, {"id": 7, "*": "Image talk"}]
    fv2 = api("action=query&meta=siteinfo&siprop=namespaces")["query"]["namespaces"]
    assert fv2["8"]["namespaceprotection"] == "editinterface"
    assert fv2["4"]["name"] == "TestWiki" and fv2["4"]["canonical"] == "Project"


def test_siteinfo_statistics_usergroups_interwikimap(
    api: Any, edit: Any, make_user: Any, wiki: Wiki
) -> None:
    make_user("Admin", ["sysop"])
    edit("Article", "see [[Other]]", by="Admin")
    edit("Talk:Article", "chat", by="Admin")
    wiki.db.write(
        lambda c: c.execute(
            insert(interwiki).values(
                iw_prefix="wikipedia", iw_url="https://en.wikipedia.org/wiki/$1"
            )
        )
    )
    body = api(
        "action=query&meta=siteinfo&siprop=statistics|usergroups|interwikimap&sinumberingroup"
    )
    query = body["query"]
    assert query["statistics"] == {
        "pages": 2,
        "articles": 1,
        "edits": 2,
        "images": 0,
        "users": 1,
        "activeusers": 1,
        "admins": 1,
        "jobs": 0,
    }
    groups = {g["name"]: g for g in query["usergroups"]}
    assert "number" not in groups["*"]
    assert groups["user"]["number"] == 1
    assert groups["sysop"]["number"] == 1
    assert groups["sysop"]["rights"][0] == "block"
    assert query["interwikimap"] == [
        {"prefix": "wikipedia", "url": "https://en.wikipedia.org/wiki/$1", "protorel": False}
    ]


def test_siteinfo_static_properties(api: Any) -> None:
    query = api(
        "action=query&meta=siteinfo&siprop=specialpagealiases|magicwords|restrictions|"
        "languages|skins|extensions|dbrepllag|rightsinfo|protocols|defaultoptions|showhooks"
    )["query"]
    assert {"realname": "Recentchanges", "aliases": ["RecentChanges"]} in query[
        "specialpagealiases"
    ]
    assert query["restrictions"]["levels"] == ["", "autoconfirmed", "sysop"]
    assert {"code": "uk", "bcp47": "uk", "name": "українська"} in query["languages"]
    assert query["extensions"] == []
    assert query["dbrepllag"] == [{"host": "", "lag": -1}]
    assert query["skins"][1] == {"code": "vector", "name": "Vector legacy (2010)", "default": True}
    assert query["defaultoptions"]["watchdefault"] == 1
    assert query["showhooks"] == []


def test_userinfo_anonymous(api: Any) -> None:
    info = api("action=query&meta=userinfo&uiprop=groups|rights|hasmsg|blockinfo")["query"][
        "userinfo"
    ]
    assert info["id"] == 0
    assert info["anon"] is True
    assert info["groups"] == ["*"]
    assert info["messages"] is False
    assert "read" in info["rights"]


def test_userinfo_logged_in_everything(api: Any, make_user: Any, login: Any, edit: Any) -> None:
    make_user("Admin", ["sysop", "bureaucrat"])
    edit("P", "x", by="Admin")
    info = api(
        "action=query&meta=userinfo&uiprop=*&uiattachedwiki=elsewhere", session=login("Admin")
    )["query"]["userinfo"]
    assert info["id"] == 1 and info["name"] == "Admin"
    assert "anon" not in info
    assert info["groups"] == ["bureaucrat", "sysop", "*", "user", "autoconfirmed"]
    assert info["groupmemberships"] == [
        {"group": "bureaucrat", "expiry": "infinity"},
        {"group": "sysop", "expiry": "infinity"},
    ]
    assert info["implicitgroups"] == ["*", "user", "autoconfirmed"]
    # Oracle: a bureaucrat (userrights) may change every explicit group.
    assert info["changeablegroups"]["add"] == [
        "bot", "sysop", "interface-admin", "bureaucrat", "suppress", "rollbacker"
    ]  # fmt: skip
    assert info["changeablegroups"]["add-self"] == []
    assert info["editcount"] == 1
    assert info["ratelimits"] == {}
    assert info["registrationdate"] == "2026-11-26T18:00:00Z"
    assert info["latestcontrib"] == "2026-11-26T18:00:01Z"
    assert info["centralids"] == {"local": 1}
    assert info["attachedlocal"] == {"local": True}
    assert info["attachedwiki"] == {"local": False}
    assert info["unreadcount"] == 0
    assert info["options"]["search-match-redirect"] is True


def test_userinfo_options_keep_booleans_in_formatversion_1(api: Any) -> None:
    info = api("action=query&meta=userinfo&uiprop=options", fv=1)["query"]["userinfo"]
    assert info["options"]["search-match-redirect"] is True
    assert info["options"]["watchdefault"] == 1


def test_userinfo_blockinfo_and_new_messages(
    api: Any, make_user: Any, login: Any, wiki: Wiki
) -> None:
    target = make_user("Vandal")
    blocker = make_user("Admin", ["sysop"])
    from rollwiki.storage.queries import users as uq

    def setup(conn: Any) -> None:
        actor = uq.ensure_actor(conn, "Admin", blocker)
        conn.execute(
            insert(ipblocks).values(
                ipb_address="Vandal",
                ipb_user=target,
                ipb_by_actor=actor,
                ipb_reason="spam",
                ipb_timestamp="20261126170000",
                ipb_expiry="infinity",
            )
        )
        conn.execute(insert(user_newtalk).values(user_id=target, user_ip=""))

    wiki.db.write(setup)
    info = api("action=query&meta=userinfo&uiprop=blockinfo|hasmsg", session=login("Vandal"))[
        "query"
    ]["userinfo"]
    assert info["blockid"] == 1
    assert info["blockedby"] == "Admin"
    assert info["blockreason"] == "spam"
    assert info["blockexpiry"] == "infinite"
    assert info["blockpartial"] is False
    assert info["messages"] is True


def test_userinfo_acceptlang(client: Any) -> None:
    response = client.get(
        "/w/api.php?action=query&meta=userinfo&uiprop=acceptlang&format=json",
        headers={"Accept-Language": "uk, en-US;q=0.8, de;q=0"},
    )
    # Oracle (fv1): [{"q":1,"*":"uk"},{"q":0.8,"*":"en-us"}]
    assert response.json()["query"]["userinfo"]["acceptlang"] == [
        {"q": 1, "*": "uk"},
        {"q": 0.8, "*": "en-us"},
    ]


def test_tokens_need_no_read_right(api: Any, wiki: Wiki) -> None:
    for group in ("*", "user"):
        wiki.config.group_permissions[group] = [
            r for r in wiki.config.group_permissions[group] if r != "read"
        ]
    assert api("action=query&meta=tokens&rawcontinue&indexpageids")["query"]["tokens"] == {
        "csrftoken": "+\\"
    }


@pytest.mark.parametrize(
    "query",
    [
        "meta=tokens&continue=",
        "meta=tokens|userinfo",
        "meta=tokens&titles=A",
        "list=allpages",
        "",
    ],
)
def test_everything_else_needs_the_read_right(api: Any, wiki: Wiki, query: str) -> None:
    for group in ("*", "user"):
        wiki.config.group_permissions[group] = [
            r for r in wiki.config.group_permissions[group] if r != "read"
        ]
    body = api(f"action=query&{query}")
    assert body["error"]["code"] == "readapidenied"
