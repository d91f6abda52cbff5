"""prop=revisions (ApiQueryRevisions): layouts, hidden fields, modes, limits, continuation."""

from __future__ import annotations

from typing import Any

import pytest

from rollwiki.services.wiki import Wiki
from rollwiki.storage.queries import pages as pq

CHECK = (
    "action=query&prop=revisions&titles={title}&rvprop=ids|user|userid|comment|tags|content|"
    "flags|timestamp|size|sha1&rvslots=main&rvlimit=max"
)
GOOD = "Good content of [[RB basic]] by Editor."


@pytest.fixture
def rolled_back(edit: Any, make_user: Any) -> list[int]:
    """The history of the transcripts' basic_by_name scenario: Editor creates, Vandal edits
    three times, Rollbacker restores Editor's text (a minor edit tagged mw-rollback)."""
    for name in ("Editor", "Vandal", "Rollbacker"):
        make_user(name)
    ids = [edit("RB basic", GOOD, by="Editor", summary="Editor: create page")]
    text = GOOD
    for i in (1, 2, 3):
        text += f"\nVANDALISM {i} by Vandal"
        ids.append(edit("RB basic", text, by="Vandal", summary=f"vandal edit {i}"))
    ids.append(
        edit(
            "RB basic",
            GOOD,
            by="Rollbacker",
            minor=True,
            tags=["mw-rollback"],
            summary="Reverted edits by [[Special:Contributions/Vandal|Vandal]] "
            "([[User talk:Vandal|talk]]) to last revision by [[User:Editor|Editor]]",
        )
    )
    return [r.revision["rev_id"] for r in ids]


def test_check_request_has_the_oracle_shape(api: Any, rolled_back: list[int]) -> None:
    """Transcript basic_by_name, request 45 (formatversion=2), ids and times ours."""
    body = api(CHECK.format(title="RB basic"))
    revs = body["query"]["pages"][0]["revisions"]
    assert list(body) == ["batchcomplete", "query", "limits"]
    assert body["limits"] == {"revisions": 50}
    newest = revs[0]
    assert list(newest) == [
        "revid", "parentid", "minor", "user", "userid", "timestamp", "size", "sha1", "slots",
        "comment", "tags",
    ]  # fmt: skip
    assert newest["revid"] == rolled_back[4]
    assert newest["parentid"] == rolled_back[3]
    assert newest["minor"] is True
    assert newest["user"] == "Rollbacker"
    assert newest["size"] == len(GOOD)
    assert newest["tags"] == ["mw-rollback"]
    assert newest["slots"] == {
        "main": {"contentmodel": "wikitext", "contentformat": "text/x-wiki", "content": GOOD}
    }
    assert [r["revid"] for r in revs] == list(reversed(rolled_back))
    oldest = revs[-1]
    assert oldest["parentid"] == 0
    assert oldest["minor"] is False
    assert oldest["comment"] == "Editor: create page"
    assert oldest["tags"] == []
    # The rollback restores the creation's content: same sha1 (oracle: dd85269c... twice).
    assert oldest["sha1"] == newest["sha1"]


def test_check_request_in_formatversion_1(api: Any, rolled_back: list[int]) -> None:
    body = api(CHECK.format(title="RB basic"), fv=1)
    page = body["query"]["pages"]["1"]
    newest = page["revisions"][0]
    assert newest["minor"] == ""
    assert newest["slots"]["main"]["*"] == GOOD
    assert "minor" not in page["revisions"][-1]


def test_legacy_content_layout_warns(api: Any, rolled_back: list[int]) -> None:
    body = api("action=query&prop=revisions&titles=RB_basic&rvprop=content|ids&rvlimit=1", fv=1)
    rev = body["query"]["pages"]["1"]["revisions"][0]
    # Oracle: contentformat, contentmodel on the revision, "*" last.
    assert list(rev) == ["revid", "parentid", "contentformat", "contentmodel", "*"]
    assert body["warnings"] == {
        "revisions": {
            "*": 'Because "rvslots" was not specified, a legacy format has been used for the '
            "output. This format is deprecated, and in the future the new format will always be "
            "used."
        },
        "main": {
            "*": "Subscribe to the mediawiki-api-announce mailing list at "
            "<https://lists.wikimedia.org/postorius/lists/mediawiki-api-announce.lists."
            "wikimedia.org/> for notice of API deprecations and breaking changes."
        },
    }


def test_slot_properties(api: Any, edit: Any) -> None:
    edit("Page", "Hello", by="192.0.2.5", summary="first [[Nowhere]]")
    body = api(
        "action=query&prop=revisions&titles=Page&rvprop=ids|user|content|contentmodel|"
        "slotsize|slotsha1|roles|parsedcomment&rvslots=*"
    )
    rev = body["query"]["pages"][0]["revisions"][0]
    assert rev == {
        "revid": 1,
        "parentid": 0,
        "user": "192.0.2.5",
        "anon": True,
        "roles": ["main"],
        "slots": {
            "main": {
                "size": 5,
                "sha1": "f7ff9e8b7bb2e09b70935a5d785e0cc5d9d0abf0",
                "contentmodel": "wikitext",
                "contentformat": "text/x-wiki",
                "content": "Hello",
            }
        },
        # Oracle (Linker::formatComment): a red link for a missing page.
        "parsedcomment": 'first <a href="/w/index.php?title=Nowhere&amp;action=edit&amp;'
        'redlink=1" class="new" title="Nowhere (page does not exist)">Nowhere</a>',
    }


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        # Recorded on the oracle after action=revisiondelete hide=content|comment|user.
        (
            None,
            {
                "revid": 1,
                "parentid": 0,
                "minor": False,
                "userhidden": True,
                "timestamp": "2026-11-26T18:00:01Z",
                "size": 5,
                "sha1hidden": True,
                "slots": {"main": {"texthidden": True}},
                "commenthidden": True,
                "tags": [],
            },
        ),
        (
            "Admin",
            {
                "revid": 1,
                "parentid": 0,
                "minor": False,
                "userhidden": True,
                "user": "Editor",
                "userid": 2,
                "timestamp": "2026-11-26T18:00:01Z",
                "size": 5,
                "sha1hidden": True,
                "sha1": "f7ff9e8b7bb2e09b70935a5d785e0cc5d9d0abf0",
                "slots": {
                    "main": {
                        "texthidden": True,
                        "contentmodel": "wikitext",
                        "contentformat": "text/x-wiki",
                        "content": "Hello",
                    }
                },
                "commenthidden": True,
                "comment": "secret",
                "tags": [],
            },
        ),
    ],
)
def test_deleted_fields_are_flagged_and_shown_only_to_those_allowed(
    api: Any, edit: Any, make_user: Any, login: Any, wiki: Wiki, viewer: str | None, expected: Any
) -> None:
    make_user("Admin", ["sysop"])
    make_user("Editor")
    rev = edit("Page", "Hello", by="Editor", summary="secret").revision
    edit("Page", "Hello world", by="Editor")
    wiki.db.write(lambda c: pq.set_revision_deleted(c, rev["rev_id"], 1 | 2 | 4))
    session = login(viewer) if viewer else None
    body = api(
        "action=query&prop=revisions&titles=Page&rvprop=ids|user|userid|comment|tags|content|"
        "flags|timestamp|size|sha1&rvslots=main&rvlimit=max&rvdir=newer",
        session=session,
    )
    assert body["query"]["pages"][0]["revisions"][0] == expected


def test_suppressed_revision_is_marked(api: Any, edit: Any, wiki: Wiki) -> None:
    rev = edit("Page", "Hello").revision
    wiki.db.write(lambda c: pq.set_revision_deleted(c, rev["rev_id"], 2 | 8))
    body = api("action=query&prop=revisions&titles=Page&rvprop=comment")
    assert body["query"]["pages"][0]["revisions"][0] == {"commenthidden": True, "suppressed": True}


def test_latest_revisions_of_several_pages(api: Any, edit: Any) -> None:
    edit("A", "a1")
    latest_a = edit("A", "a2").revision["rev_id"]
    latest_b = edit("B", "b1").revision["rev_id"]
    body = api("action=query&prop=revisions&titles=A|B|Missing&rvprop=ids")
    pages = {p["title"]: p for p in body["query"]["pages"]}
    assert pages["A"]["revisions"] == [{"revid": latest_a, "parentid": latest_a - 1}]
    assert pages["B"]["revisions"] == [{"revid": latest_b, "parentid": 0}]
    assert "revisions" not in pages["Missing"]
    assert "limits" not in body


SINGLE_PAGE = (
    '"titles", "pageids" or a generator was used to supply multiple pages, but the "rvlimit", '
    '"rvstartid", "rvendid", "rvdir=newer", "rvuser", "rvexcludeuser", "rvstart", and "rvend" '
    "parameters may only be used on a single page."
)
NO_REVIDS = (
    'The "revids" parameter may not be used with the list options ("rvlimit", "rvstartid", '
    '"rvendid", "rvdir=newer", "rvuser", "rvexcludeuser", "rvstart", and "rvend").'
)


# Codes and texts recorded from the oracle on 2026-11-26.
@pytest.mark.parametrize(
    ("query", "code", "info"),
    [
        ("titles=A|B&rvlimit=2", "invalidparammix", SINGLE_PAGE),
        ("revids=1&rvdir=newer", "invalidparammix", NO_REVIDS),
        (
            "titles=A&rvstartid=1&rvstart=2020-01-01T00:00:00Z",
            "invalidparammix",
            'The parameters "rvstartid" and "rvstart" can not be used together.',
        ),
        (
            "titles=A&rvstartid=999",
            "badid_rvstartid",
            'No revision was found for parameter "rvstartid".',
        ),
        (
            "titles=A&rvlimit=abc",
            "badinteger",
            'Invalid value "abc" for integer parameter "rvlimit".',
        ),
        (
            "titles=A&rvslots=main&rvprop=parsetree",
            "invalidparammix",
            'The "rvprop=parsetree" parameter cannot be used with "rvslots".',
        ),
        (
            "titles=A&rvdiffto=bogus",
            "diffto",
            '"rvdiffto" must be set to a non-negative number, "prev", "next" or "cur".',
        ),
        ("titles=A&rvdiffto=999", "nosuchrevid", "There is no revision with ID 999."),
        (
            "titles=A&rvprop=content&rvsection=7",
            "nosuchsection",
            "There is no section 7 in revision 1.",
        ),
    ],
)
def test_parameter_errors(api: Any, edit: Any, query: str, code: str, info: str) -> None:
    edit("A", "text")
    edit("B", "text")
    if "rvprop" not in query:
        query += "&rvprop=ids"
    body = api(f"action=query&prop=revisions&{query}")
    assert body["error"]["code"] == code
    assert body["error"]["info"] == info


def test_missing_section_in_the_slot_layout_is_flagged(api: Any, edit: Any) -> None:
    edit("A", "text")
    body = api("action=query&prop=revisions&titles=A&rvprop=content&rvsection=7&rvslots=main")
    # Oracle: {"slots":{"main":{"nosuchsection":""}}} (fv1) instead of an error.
    assert body["query"]["pages"][0]["revisions"] == [{"slots": {"main": {"nosuchsection": True}}}]


def test_enum_mode_continuation_round_trip(api: Any, edit: Any) -> None:
    ids = [edit("Hist", f"v{i}").revision["rev_id"] for i in range(5)]
    seen: list[int] = []
    query = "action=query&prop=revisions&titles=Hist&rvprop=ids&rvlimit=2"
    cont: dict[str, str] | None = {}
    while cont is not None:
        extra = "".join(f"&{k}={v}" for k, v in cont.items())
        body = api(query + extra)
        seen += [r["revid"] for r in body["query"]["pages"][0]["revisions"]]
        cont = body.get("continue")
    assert seen == list(reversed(ids))


def test_dir_newer_with_start_and_end_ids(api: Any, edit: Any) -> None:
    ids = [edit("Hist", f"v{i}").revision["rev_id"] for i in range(5)]
    body = api(
        f"action=query&prop=revisions&titles=Hist&rvprop=ids&rvdir=newer"
        f"&rvstartid={ids[1]}&rvendid={ids[3]}"
    )
    assert [r["revid"] for r in body["query"]["pages"][0]["revisions"]] == ids[1:4]


def test_user_and_excludeuser_filters(api: Any, edit: Any, make_user: Any) -> None:
    make_user("Editor")
    edit("Hist", "a", by="Editor")
    edit("Hist", "b", by="192.0.2.5")
    edit("Hist", "c", by="Editor")
    only = api("action=query&prop=revisions&titles=Hist&rvprop=user&rvuser=Editor")
    assert [r["user"] for r in only["query"]["pages"][0]["revisions"]] == ["Editor", "Editor"]
    others = api("action=query&prop=revisions&titles=Hist&rvprop=user&rvexcludeuser=Editor")
    assert [r["user"] for r in others["query"]["pages"][0]["revisions"]] == ["192.0.2.5"]


def test_tag_filter(api: Any, edit: Any) -> None:
    edit("Hist", "a")
    tagged = edit("Hist", "b", tags=["mw-rollback"]).revision["rev_id"]
    body = api(
        "action=query&prop=revisions&titles=Hist&rvprop=ids|tags&rvtag=mw-rollback&rvlimit=5"
    )
    assert body["query"]["pages"][0]["revisions"] == [
        {"revid": tagged, "parentid": tagged - 1, "tags": ["mw-rollback"]}
    ]
    none = api("action=query&prop=revisions&titles=Hist&rvprop=ids&rvtag=no-such-tag&rvlimit=5")
    assert "revisions" not in none["query"]["pages"][0]


def test_section_of_the_content(api: Any, edit: Any) -> None:
    edit("Doc", "Lead\n== One ==\nfirst\n=== Sub ===\ndeep\n== Two ==\nsecond")
    body = api("action=query&prop=revisions&titles=Doc&rvprop=content&rvslots=main&rvsection=1")
    content = body["query"]["pages"][0]["revisions"][0]["slots"]["main"]["content"]
    assert content == "== One ==\nfirst\n=== Sub ===\ndeep"


def test_revids_mode_and_its_continuation(api: Any, edit: Any) -> None:
    ids = [edit(f"P{i}", "x").revision["rev_id"] for i in range(3)]
    body = api(f"action=query&prop=revisions&revids={'|'.join(map(str, ids))}&rvprop=ids")
    got = sorted(r["revid"] for p in body["query"]["pages"] for r in p["revisions"])
    assert got == ids


def test_generator_revisions_collects_revision_ids(api: Any, edit: Any) -> None:
    edit("Hist", "a")
    edit("Hist", "b")
    body = api("action=query&generator=revisions&titles=Hist&prop=info")
    assert [p["title"] for p in body["query"]["pages"]] == ["Hist"]


def test_diffto_answers_not_cached(api: Any, edit: Any) -> None:
    edit("Hist", "a")
    edit("Hist", "b")
    body = api("action=query&prop=revisions&titles=Hist&rvprop=ids&rvdiffto=prev", fv=1)
    rev = body["query"]["pages"]["1"]["revisions"][0]
    assert rev["diff"] == {"notcached": ""}


def test_content_needs_the_read_right(api: Any, edit: Any, wiki: Wiki) -> None:
    edit("Secret", "x")
    wiki.config.group_permissions["*"] = [
        r for r in wiki.config.group_permissions["*"] if r != "read"
    ]
    wiki.config.group_permissions["user"] = [
        r for r in wiki.config.group_permissions["user"] if r != "read"
    ]
    body = api("action=query&prop=revisions&titles=Secret&rvprop=content&rvslots=main")
    assert body["error"]["code"] == "readapidenied"
