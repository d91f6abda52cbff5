"""RollbackService on the database: every branch of RollbackPage's algorithm."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import select

from rollwiki.errors import ApiMessage
from rollwiki.services.rollback import RollbackError, RollbackRequest, RollbackService
from rollwiki.services.wiki import Wiki
from rollwiki.storage import schema as s
from rollwiki.storage.queries import pages as pq
from rollwiki.storage.queries import tags as tq

PAGE = "Rollback target"


def rights_only(conn: Any, performer: Any, title: Any, lang: str) -> list[ApiMessage]:
    """The permission part reduced to rights, so these tests isolate the algorithm."""
    missing = [r for r in ("edit", "rollback") if not performer.allowed(r)]
    return [ApiMessage.of("badaccess-groups", r, 1) for r in missing]


watched: list[tuple[str, str, Any]] = []


def record_watch(conn: Any, performer: Any, title: Any, value: str, expiry: Any) -> None:
    watched.append((performer.name, value, expiry))


@pytest.fixture
def wiki(engine_wiki: Wiki) -> Wiki:
    """These tests run on every engine."""
    return engine_wiki


@pytest.fixture
def service(wiki: Wiki) -> RollbackService:
    watched.clear()
    return RollbackService(wiki, rights_only, record_watch)


@pytest.fixture
def users(make_user: Any) -> None:
    make_user("Admin", ["sysop"])
    make_user("Rollbacker", ["rollbacker"])
    make_user("Editor")
    make_user("Vandal")
    make_user("BotUser", ["bot", "rollbacker"])


def page_state(wiki: Wiki, title: str = PAGE) -> dict[str, Any]:
    t = wiki.titles.parse(title)

    def read(conn: Any) -> dict[str, Any]:
        page = pq.page_by_title(conn, t.namespace, t.dbkey)
        assert page is not None
        latest = pq.revision_by_id(conn, page["page_latest"])
        assert latest is not None
        return {
            "page": page,
            "latest": latest,
            "text": pq.content_text(conn, latest["rev_content"]),
            "count": pq.count_revisions(conn, page["page_id"]),
        }

    return wiki.db.read(read)


def rc_rows(wiki: Wiki) -> dict[int, dict[str, Any]]:
    rows = wiki.db.read(lambda c: c.execute(select(s.recentchanges)).mappings().all())
    return {r["rc_this_oldid"]: dict(r) for r in rows}


def rev_tags(wiki: Wiki, rev_id: int) -> list[str]:
    return wiki.db.read(lambda c: tq.tags_for_revisions(c, [rev_id]))[rev_id]


def request(wiki: Wiki, performer: Any, user: str = "Vandal", **kw: Any) -> RollbackRequest:
    return RollbackRequest(title=wiki.titles.parse(PAGE), performer=performer, user=user, **kw)


def test_rollback_restores_the_last_revision_by_another_user(
    wiki: Wiki, service: RollbackService, users: None, edit_as: Any, performer_of: Any
) -> None:
    good = edit_as("Editor", PAGE, "good text")
    bad1 = edit_as("Vandal", PAGE, "bad 1")
    bad2 = edit_as("Vandal", PAGE, "bad 2")

    result = service.rollback(request(wiki, performer_of("Admin")))

    state = page_state(wiki)
    assert state["text"] == "good text"
    assert state["count"] == 4
    assert (result.old_revid, result.last_revid) == (bad2, good)
    assert result.revid == state["latest"]["rev_id"] == state["page"]["page_latest"]
    assert state["latest"]["rev_parent_id"] == bad2
    assert state["latest"]["rev_minor_edit"] is True  # sysop has minoredit
    assert state["latest"]["actor_name"] == "Admin"
    assert (
        state["latest"]["rev_sha1"]
        == wiki.db.read(lambda c: pq.revision_by_id(c, good))["rev_sha1"]
    )
    assert result.summary == (
        "Reverted edits by [[Special:Contributions/Vandal|Vandal]] "
        "([[User talk:Vandal|talk]]) to last revision by [[User:Editor|Editor]]"
    )
    assert state["latest"]["rev_comment"] == result.summary
    assert rev_tags(wiki, result.revid) == ["mw-rollback"]
    # Admin has autopatrol: the rollback is approved, so both reverted edits are tagged now.
    assert rev_tags(wiki, bad1) == ["mw-reverted"]
    assert rev_tags(wiki, bad2) == ["mw-reverted"]
    assert rev_tags(wiki, good) == []
    rc = rc_rows(wiki)
    assert rc[result.revid]["rc_patrolled"] == 2
    assert rc[result.revid]["rc_minor"] is True and rc[result.revid]["rc_bot"] is False
    assert rc[bad1]["rc_patrolled"] == rc[bad2]["rc_patrolled"] == 2
    assert watched == [("Admin", "preferences", None)]


def test_rollback_by_a_rollbacker_defers_mw_reverted_until_patrolled(
    wiki: Wiki, service: RollbackService, users: None, edit_as: Any, performer_of: Any
) -> None:
    edit_as("Editor", PAGE, "good")
    bad = edit_as("Vandal", PAGE, "bad")

    result = service.rollback(request(wiki, performer_of("Rollbacker")))

    assert rev_tags(wiki, bad) == []
    params = wiki.db.read(lambda c: tq.tag_params_for_revision(c, result.revid, "mw-rollback"))
    assert params is not None
    assert params["revertMethod"] == 2 and params["newestRevertedRevId"] == bad
    assert params["oldestRevertedRevId"] == bad and params["isExactRevert"] is True
    rc = rc_rows(wiki)
    assert rc[result.revid]["rc_patrolled"] == 0
    assert rc[bad]["rc_patrolled"] == 2  # reverted edits are autopatrolled anyway


def test_requested_tags_are_saved_with_mw_rollback_as_newer_mediawiki_does(
    wiki: Wiki, service: RollbackService, users: None, edit_as: Any, performer_of: Any
) -> None:
    edit_as("Editor", PAGE, "good")
    edit_as("Vandal", PAGE, "bad")
    wiki.db.write(lambda c: tq.define_tag(c, "AWB"))

    result = service.rollback(request(wiki, performer_of("Admin"), tags=["AWB"]))

    assert sorted(rev_tags(wiki, result.revid)) == ["AWB", "mw-rollback"]


def test_author_mismatch_gives_alreadyrolled_and_changes_nothing(
    wiki: Wiki, service: RollbackService, users: None, edit_as: Any, performer_of: Any
) -> None:
    edit_as("Editor", PAGE, "good")
    edit_as("Vandal", PAGE, "bad")
    edit_as("Editor", PAGE, "fixed")
    before = page_state(wiki)

    with pytest.raises(RollbackError) as err:
        service.rollback(request(wiki, performer_of("Admin")))

    msg = err.value.messages[0]
    assert msg.code == "alreadyrolled"
    assert msg.message.params == (PAGE, "Vandal", "Editor")
    assert page_state(wiki)["latest"] == before["latest"]
    assert watched == []


def test_single_author_page_gives_onlyauthor(
    wiki: Wiki, service: RollbackService, users: None, edit_as: Any, performer_of: Any
) -> None:
    edit_as("Vandal", PAGE, "one")
    edit_as("Vandal", PAGE, "two")

    with pytest.raises(RollbackError) as err:
        service.rollback(request(wiki, performer_of("Admin")))

    assert err.value.code == "onlyauthor"
    assert err.value.messages[0].message.key == "cantrollback"
    assert page_state(wiki)["count"] == 2


@pytest.mark.parametrize(
    ("bits", "code"), [(1, "notvisiblerev"), (4, "notvisiblerev"), (5, "notvisiblerev"), (2, None)]
)
def test_deleted_target_text_or_user_gives_notvisiblerev_but_hidden_comment_does_not(
    wiki: Wiki,
    service: RollbackService,
    users: None,
    edit_as: Any,
    performer_of: Any,
    bits: int,
    code: str | None,
) -> None:
    good = edit_as("Editor", PAGE, "good")
    edit_as("Vandal", PAGE, "bad")
    wiki.db.write(lambda c: pq.set_revision_deleted(c, good, bits))

    if code is None:
        service.rollback(request(wiki, performer_of("Admin")))
        assert page_state(wiki)["text"] == "good"
    else:
        with pytest.raises(RollbackError) as err:
            service.rollback(request(wiki, performer_of("Admin")))
        assert err.value.code == code
        assert page_state(wiki)["count"] == 2


def test_same_content_gives_alreadyrolled_but_still_autopatrols_the_reverted_edits(
    wiki: Wiki, service: RollbackService, users: None, edit_as: Any, performer_of: Any
) -> None:
    edit_as("Editor", PAGE, "A")
    changed = edit_as("Vandal", PAGE, "B")
    back = edit_as("Vandal", PAGE, "A")

    with pytest.raises(RollbackError) as err:
        service.rollback(request(wiki, performer_of("Rollbacker")))

    assert err.value.code == "alreadyrolled"
    assert err.value.messages[0].message.params == (PAGE, "Vandal", "Vandal")
    assert page_state(wiki)["count"] == 3
    rc = rc_rows(wiki)
    assert rc[changed]["rc_patrolled"] == rc[back]["rc_patrolled"] == 2  # T64157


def test_hidden_current_author_uses_revertpage_nouser(
    wiki: Wiki, service: RollbackService, users: None, edit_as: Any, performer_of: Any
) -> None:
    edit_as("Editor", PAGE, "good")
    bad = edit_as("Vandal", PAGE, "bad")
    wiki.db.write(lambda c: pq.set_revision_deleted(c, bad, 4))

    result = service.rollback(request(wiki, performer_of("Admin")))

    assert result.summary == (
        "Reverted edits by a hidden user to last revision by [[User:Editor|Editor]]"
    )


def test_custom_summary_substitutes_placeholders_including_newer_mediawikis_7(
    wiki: Wiki, service: RollbackService, users: None, edit_as: Any, performer_of: Any
) -> None:
    good = edit_as("Editor", PAGE, "good", timestamp="20261126183900")
    edit_as("Vandal", PAGE, "bad 1", timestamp="20261126184000")
    bad = edit_as("Vandal", PAGE, "bad 2", timestamp="20261126184500")

    result = service.rollback(
        request(wiki, performer_of("Admin"), summary="Custom: $1|$2|$3|$4|$5|$6|$7|$8 {{x}} end  ")
    )

    assert result.summary == (
        f"Custom: Editor|Vandal|{good}|18:39, 26 November 2026|{bad}|"
        "18:45, 26 November 2026|2|$8 {{x}} end"
    )


def test_blank_summary_is_stored_empty_not_defaulted(
    wiki: Wiki, service: RollbackService, users: None, edit_as: Any, performer_of: Any
) -> None:
    edit_as("Editor", PAGE, "good")
    edit_as("Vandal", PAGE, "bad")

    result = service.rollback(request(wiki, performer_of("Admin"), summary="   "))

    assert result.summary == ""
    assert page_state(wiki)["latest"]["rev_comment"] == ""


def test_long_summary_is_returned_whole_and_stored_truncated_to_500_characters(
    wiki: Wiki, service: RollbackService, users: None, edit_as: Any, performer_of: Any
) -> None:
    edit_as("Editor", PAGE, "good")
    edit_as("Vandal", PAGE, "bad")

    result = service.rollback(request(wiki, performer_of("Admin"), summary="A" * 652))

    assert result.summary == "A" * 652
    stored = page_state(wiki)["latest"]["rev_comment"]
    assert len(stored) == 500 and stored.endswith("AA...")


@pytest.mark.parametrize(
    ("who", "markbot", "expect_bot"),
    [
        ("Admin", True, True),  # sysop: markbotedits
        ("BotUser", True, True),  # bot right
        ("Rollbacker", True, False),  # silently ignored
        ("Admin", False, False),
    ],
)
def test_markbot_marks_rollback_and_reverted_edits_only_with_the_right(
    wiki: Wiki,
    service: RollbackService,
    users: None,
    edit_as: Any,
    performer_of: Any,
    who: str,
    markbot: bool,
    expect_bot: bool,
) -> None:
    edit_as("Editor", PAGE, "good")
    bad1 = edit_as("Vandal", PAGE, "bad1")
    bad2 = edit_as("Vandal", PAGE, "bad2")

    result = service.rollback(request(wiki, performer_of(who), markbot=markbot))

    rc = rc_rows(wiki)
    assert rc[result.revid]["rc_bot"] is expect_bot
    assert rc[bad1]["rc_bot"] is expect_bot and rc[bad2]["rc_bot"] is expect_bot


def test_only_the_trailing_run_is_reverted_to_the_newest_other_author(
    wiki: Wiki, service: RollbackService, users: None, edit_as: Any, performer_of: Any
) -> None:
    edit_as("Editor", PAGE, "e")
    edit_as("Vandal", PAGE, "v1")
    bot = edit_as("BotUser", PAGE, "b")
    edit_as("Vandal", PAGE, "v2")
    edit_as("Vandal", PAGE, "v3")

    result = service.rollback(request(wiki, performer_of("Admin")))

    assert result.last_revid == bot
    assert page_state(wiki)["text"] == "b"


@pytest.mark.parametrize("author", ["192.0.2.5", "2001:DB8:0:0:0:0:0:5", "imported>Mallory"])
def test_ip_and_interwiki_authors_are_rolled_back_by_exact_actor_name(
    wiki: Wiki, service: RollbackService, users: None, edit_as: Any, performer_of: Any, author: str
) -> None:
    edit_as("Editor", PAGE, "good")
    edit_as(author, PAGE, "bad")

    result = service.rollback(request(wiki, performer_of("Admin"), user=author))

    assert page_state(wiki)["text"] == "good"
    assert f"[[Special:Contributions/{author}|{author}]]" in result.summary


def test_missing_rights_fail_before_anything_is_read(
    wiki: Wiki, service: RollbackService, users: None, edit_as: Any, performer_of: Any
) -> None:
    edit_as("Editor", PAGE, "good")
    edit_as("Vandal", PAGE, "bad")

    with pytest.raises(RollbackError) as err:
        service.rollback(request(wiki, performer_of("Editor")))

    assert [m.code for m in err.value.messages] == ["permissiondenied"]
    assert page_state(wiki)["count"] == 2


def test_mw_reverted_is_skipped_beyond_the_maximum_depth(
    wiki: Wiki, service: RollbackService, users: None, edit_as: Any, performer_of: Any
) -> None:
    edit_as("Editor", PAGE, "good")
    bad = [edit_as("Vandal", PAGE, f"bad {i}") for i in range(16)]

    service.rollback(request(wiki, performer_of("Admin")))

    assert all(rev_tags(wiki, r) == [] for r in bad)


def test_null_revisions_inside_the_reverted_run_are_not_tagged(
    wiki: Wiki, service: RollbackService, users: None, edit_as: Any, performer_of: Any
) -> None:
    from rollwiki.services import timestamps
    from rollwiki.services.pageupdater import Author, NewRevision, save_revision
    from rollwiki.storage.queries import users as uq

    edit_as("Editor", PAGE, "good")
    first = edit_as("Vandal", PAGE, "bad")

    def null_revision(conn: Any) -> int:
        actor = uq.ensure_actor(conn, "Vandal", None)
        page = pq.page_by_title(conn, 0, PAGE.replace(" ", "_"))
        latest = pq.revision_by_id(conn, page["page_latest"])
        r = save_revision(
            conn,
            NewRevision(
                title=wiki.titles.parse(PAGE),
                author=Author(actor, "Vandal"),
                content_id=latest["rev_content"],
                allow_null_revision=True,
                timestamp=timestamps.mw_now(),
            ),
            wiki.titles,
        )
        return int(r.revision["rev_id"])

    null = wiki.db.write(null_revision)
    last = edit_as("Vandal", PAGE, "worse")

    service.rollback(request(wiki, performer_of("Admin")))

    assert rev_tags(wiki, first) == ["mw-reverted"]
    assert rev_tags(wiki, null) == []
    assert rev_tags(wiki, last) == ["mw-reverted"]


def test_two_concurrent_rollbacks_of_the_same_run_give_one_success_and_one_alreadyrolled(
    wiki: Wiki, service: RollbackService, users: None, edit_as: Any, performer_of: Any
) -> None:
    edit_as("Editor", PAGE, "good")
    edit_as("Vandal", PAGE, "bad")
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def attempt(who: str) -> None:
        performer = performer_of(who)
        barrier.wait()
        try:
            service.rollback(request(wiki, performer))
            outcomes.append("ok")
        except RollbackError as exc:
            outcomes.append(exc.code)

    threads = [threading.Thread(target=attempt, args=(w,)) for w in ("Admin", "Rollbacker")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(outcomes) == ["alreadyrolled", "ok"]
    assert page_state(wiki)["count"] == 3
