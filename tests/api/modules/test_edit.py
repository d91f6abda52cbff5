"""action=edit over HTTP: responses as MediaWiki 1.39 gives them, and the database after."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, insert, select
from starlette.testclient import TestClient

from rollwiki.app import create_app
from rollwiki.services import timestamps
from rollwiki.services.ratelimit import limiter_for
from rollwiki.services.sessions import Session
from rollwiki.services.wiki import Wiki
from rollwiki.storage.queries import tags as tq
from rollwiki.storage.queries import users as uq
from rollwiki.storage.schema import (
    actor,
    archive,
    content,
    logging,
    page,
    page_restrictions,
    recentchanges,
    revision,
    watchlist,
)

NOW = datetime(2026, 11, 26, 18, 42, 36, tzinfo=UTC)


class Client:
    """One logged-in (or anonymous) API client with its tokens."""

    def __init__(self, wiki: Wiki, user_id: int = 0, app_id: str | None = None) -> None:
        self.wiki = wiki
        self.http = TestClient(create_app(wiki=wiki))
        session = Session()
        if user_id:
            session.log_in(user_id, app_id)
            if app_id is not None:
                bp = wiki.db.read(lambda c: uq.bot_password(c, user_id, app_id))
                assert bp is not None
                session.data["bp_token"] = bp["bp_token"]
            self.csrf = session.token("csrf", anonymous=False)
            wiki.db.write(lambda c: wiki.sessions.save(c, session))
            assert session.raw_id is not None
            self.http.cookies.set(f"{wiki.config.wikiid}_session", session.raw_id)
        else:
            self.csrf = "+\\"

    def edit(self, **params: Any) -> Any:
        params = {"action": "edit", "format": "json", "token": self.csrf, **params}
        return self.http.post("/w/api.php", data={k: str(v) for k, v in params.items()})


@pytest.fixture(autouse=True)
def fixed_clock() -> Iterator[None]:
    timestamps.set_clock(lambda: NOW)
    yield
    timestamps.set_clock(None)


@pytest.fixture
def login(wiki: Wiki, make_user: Callable[..., int]) -> Callable[..., Client]:
    def factory(name: str, groups: tuple[str, ...] = ()) -> Client:
        return Client(wiki, make_user(name, groups))

    return factory


@pytest.fixture
def editor(login: Callable[..., Client]) -> Client:
    return login("Editor")


def db(wiki: Wiki, stmt: Any) -> list[Any]:
    return wiki.db.read(lambda c: list(c.execute(stmt)))


def page_text(wiki: Wiki, title: str) -> str:
    rows = db(
        wiki,
        select(content.c.content_text)
        .join(revision, revision.c.rev_content == content.c.content_id)
        .join(page, page.c.page_latest == revision.c.rev_id)
        .where(page.c.page_title == title),
    )
    return str(rows[0][0])


def revision_count(wiki: Wiki) -> int:
    return int(db(wiki, select(func.count()).select_from(revision))[0][0])


def tags_of(wiki: Wiki, rev_id: int) -> list[str]:
    return wiki.db.read(lambda c: tq.tags_for_revisions(c, [rev_id]))[rev_id]


# -- success responses ---------------------------------------------------------------------


def test_creating_a_page_answers_like_mediawiki_in_formatversion_1(
    wiki: Wiki, editor: Client
) -> None:
    r = editor.edit(title="ED Page", text="Hello", summary="create", createonly=1)
    assert r.status_code == 200
    # Recorded shape (conformance transcripts, seq 36): new and watched are "" in fv1.
    assert r.json() == {
        "edit": {
            "new": "",
            "result": "Success",
            "pageid": 1,
            "title": "ED Page",
            "contentmodel": "wikitext",
            "oldrevid": 0,
            "newrevid": 1,
            "newtimestamp": "2026-11-26T18:42:36Z",
            "watched": "",
        }
    }
    rc = db(wiki, select(recentchanges))[0]._mapping
    assert (rc["rc_new"], rc["rc_source"], rc["rc_this_oldid"], rc["rc_comment"]) == (
        True,
        "mw.new",
        1,
        "create",
    )
    assert page_text(wiki, "ED_Page") == "Hello"
    # watchcreations/watchdefault: the page and its talk page are watched.
    assert {(w.wl_namespace, w.wl_title) for w in db(wiki, select(watchlist))} == {
        (0, "ED_Page"),
        (1, "ED_Page"),
    }


def test_updating_answers_with_booleans_in_formatversion_2(wiki: Wiki, editor: Client) -> None:
    editor.edit(title="ED Page", text="one")
    r = editor.edit(title="ED Page", text="two", formatversion=2)
    assert r.json() == {
        "edit": {
            "result": "Success",
            "pageid": 1,
            "title": "ED Page",
            "contentmodel": "wikitext",
            "oldrevid": 1,
            "newrevid": 2,
            "newtimestamp": "2026-11-26T18:42:36Z",
            "watched": True,
        }
    }


def test_identical_text_is_a_null_edit_without_a_revision(wiki: Wiki, editor: Client) -> None:
    editor.edit(title="ED Page", text="same")
    r1 = editor.edit(title="ED Page", text="same  \n")
    r2 = editor.edit(title="ED Page", text="same", formatversion=2)
    assert r1.json() == {
        "edit": {
            "result": "Success",
            "pageid": 1,
            "title": "ED Page",
            "contentmodel": "wikitext",
            "nochange": "",
            "watched": "",
        }
    }
    assert r2.json()["edit"]["nochange"] is True
    assert revision_count(wiki) == 1


def test_appendtext_ignores_text_and_prependtext_goes_first(wiki: Wiki, editor: Client) -> None:
    editor.edit(title="ED Page", text="middle")
    editor.edit(title="ED Page", text="IGNORED", appendtext="\nend")
    editor.edit(title="ED Page", prependtext="start\n")
    assert page_text(wiki, "ED_Page") == "start\nmiddle\nend"


def test_appendtext_on_a_missing_page_creates_it(wiki: Wiki, editor: Client) -> None:
    r = editor.edit(title="Fresh", appendtext="only this")
    assert r.json()["edit"]["new"] == ""
    assert page_text(wiki, "Fresh") == "only this"


def test_new_section_gets_a_heading_and_a_summary(wiki: Wiki, editor: Client) -> None:
    editor.edit(title="Talk:T", text="Intro")
    editor.edit(title="Talk:T", section="new", sectiontitle="Question", text="Why?")
    editor.edit(title="Talk:T", section="new", summary="Second", text="Because.")
    assert page_text(wiki, "T") == "Intro\n\n== Question ==\n\nWhy?\n\n== Second ==\n\nBecause."
    comments = [r.rev_comment for r in db(wiki, select(revision).order_by(revision.c.rev_id))]
    assert comments[1:] == ["/* Question */ new section", "/* Second */ new section"]


def test_a_numbered_section_is_replaced_and_appended_to(wiki: Wiki, editor: Client) -> None:
    editor.edit(title="P", text="Intro\n== A ==\nold a\n== B ==\nold b")
    editor.edit(title="P", section=1, text="== A ==\nnew a")
    editor.edit(title="P", section=2, appendtext="\nmore b")
    assert page_text(wiki, "P") == "Intro\n== A ==\nnew a\n\n== B ==\nold b\nmore b"


def test_signatures_and_line_endings_are_transformed_before_saving(
    wiki: Wiki, editor: Client
) -> None:
    editor.edit(title="P", text="Foo  \r\nbar ~~~~ [[x|]]  \n\n")
    # As observed on the oracle for the same input.
    assert page_text(wiki, "P") == (
        "Foo  \nbar [[User:Editor|Editor]] ([[User talk:Editor|talk]]) "
        "18:42, 26 November 2026 (UTC) [[x|x]]"
    )


def test_minor_needs_minoredit_and_never_applies_to_creations(wiki: Wiki, editor: Client) -> None:
    editor.edit(title="P", text="a", minor=1)
    editor.edit(title="P", text="b", minor=1)
    Client(wiki).edit(title="P", text="c", minor=1)
    minors = [r.rev_minor_edit for r in db(wiki, select(revision).order_by(revision.c.rev_id))]
    assert minors == [False, True, False]


def test_bot_flag_needs_the_bot_right(wiki: Wiki, login: Callable[..., Client]) -> None:
    bot = login("Botty", ("bot",))
    plain = login("Plain")
    bot.edit(title="P", text="a", bot=1)
    plain.edit(title="P", text="b", bot=1)
    bot.edit(title="P", text="c")
    flags = [r.rc_bot for r in db(wiki, select(recentchanges).order_by(recentchanges.c.rc_id))]
    assert flags == [True, False, False]


def test_anonymous_edits_are_attributed_to_the_ip(wiki: Wiki) -> None:
    r = Client(wiki).edit(title="P", text="anon text")
    # Observed: anonymous edits also report "watched" (watchdefault of the defaults).
    assert r.json()["edit"]["watched"] == ""
    rev = db(wiki, select(revision, actor).join(actor, actor.c.actor_id == revision.c.rev_actor))
    assert rev[0].actor_user is None
    rc = db(wiki, select(recentchanges))[0]
    assert rc.rc_ip == rev[0].actor_name
    # Anonymous users have no watchlist: nothing is stored.
    assert db(wiki, select(watchlist)) == []


def test_autopatrol_marks_sysop_edits_patrolled(wiki: Wiki, login: Callable[..., Client]) -> None:
    login("Admin", ("sysop",)).edit(title="P", text="a")
    login("Editor").edit(title="P", text="b")
    patrolled = [
        r.rc_patrolled for r in db(wiki, select(recentchanges).order_by(recentchanges.c.rc_id))
    ]
    assert patrolled == [2, 0]


def test_watchlist_parameter_and_expiry_are_reported(
    wiki: Wiki, login: Callable[..., Client]
) -> None:
    wiki.config = wiki.config.with_overrides({"watchlist_expiry": True})
    client = login("Editor")
    r = client.edit(title="P", text="a", watchlist="watch", watchlistexpiry="1 week")
    assert r.json()["edit"]["watchlistexpiry"] == "2026-12-03T18:42:36Z"
    r = client.edit(title="P", text="b", watchlist="unwatch")
    assert "watched" not in r.json()["edit"]
    assert db(wiki, select(watchlist)) == []
    r = client.edit(title="P", text="c", watchlist="nochange")
    assert "watched" not in r.json()["edit"]


def test_deprecated_watch_flag_warns_and_watches(wiki: Wiki, editor: Client) -> None:
    r = editor.edit(title="P", text="a", watchlist="nochange", watch=1)
    body = r.json()
    assert body["warnings"]["edit"]["*"] == 'The parameter "watch" has been deprecated.'
    assert body["edit"]["watched"] == ""


def test_redirect_mode_edits_the_target(wiki: Wiki, editor: Client) -> None:
    editor.edit(title="Target", text="target text")
    editor.edit(title="Alias", text="#REDIRECT [[Target]]")
    r = editor.edit(title="Alias", appendtext="\nadded", redirect=1)
    body = r.json()
    assert body["redirects"] == {"from": "Alias", "to": "Target"}
    assert body["edit"]["title"] == "Target"
    assert page_text(wiki, "Target") == "target text\nadded"


# -- conflicts -------------------------------------------------------------------------------


def test_stale_basetimestamp_from_someone_else_conflicts(
    wiki: Wiki, login: Callable[..., Client]
) -> None:
    a, b = login("Alice"), login("Bob")
    timestamps.set_clock(lambda: NOW - timedelta(minutes=5))
    a.edit(title="P", text="line one")
    timestamps.set_clock(lambda: NOW)
    b.edit(title="P", text="line one changed by Bob")
    r = a.edit(title="P", text="line one changed by Alice", basetimestamp="2026-11-26T18:37:36Z")
    assert r.headers["mediawiki-api-error"] == "editconflict"
    assert r.json()["error"]["info"] == "Edit conflict."
    assert page_text(wiki, "P") == "line one changed by Bob"


def test_non_overlapping_changes_are_merged(wiki: Wiki, login: Callable[..., Client]) -> None:
    a, b = login("Alice"), login("Bob")
    timestamps.set_clock(lambda: NOW - timedelta(minutes=5))
    a.edit(title="P", text="one\ntwo\nthree\nfour")
    timestamps.set_clock(lambda: NOW)
    b.edit(title="P", text="one\ntwo\nthree\nFOUR")
    r = a.edit(title="P", text="ONE\ntwo\nthree\nfour", basetimestamp="2026-11-26T18:37:36Z")
    assert r.json()["edit"]["result"] == "Success"
    assert page_text(wiki, "P") == "ONE\ntwo\nthree\nFOUR"


def test_own_edits_since_basetimestamp_are_no_conflict(wiki: Wiki, editor: Client) -> None:
    timestamps.set_clock(lambda: NOW - timedelta(minutes=5))
    editor.edit(title="P", text="first")
    timestamps.set_clock(lambda: NOW)
    editor.edit(title="P", text="second")
    r = editor.edit(title="P", text="third", basetimestamp="2026-11-26T18:37:36Z")
    assert r.json()["edit"]["newrevid"] == 3


def test_stale_baserevid_conflicts_even_for_the_same_user(wiki: Wiki, editor: Client) -> None:
    # 1.39 suppresses self-conflicts only through basetimestamp.
    editor.edit(title="P", text="first")
    editor.edit(title="P", text="second")
    r = editor.edit(title="P", text="third", baserevid=1)
    assert r.json()["error"]["code"] == "editconflict"


def test_concurrent_edits_from_the_same_base_never_lose_an_edit(
    wiki: Wiki, login: Callable[..., Client]
) -> None:
    a, b = login("Alice"), login("Bob")
    a.edit(title="P", text="base")
    results: dict[str, Any] = {}

    def run(name: str, client: Client) -> None:
        results[name] = client.edit(title="P", text=f"changed by {name}", baserevid=1).json()

    threads = [threading.Thread(target=run, args=(n, c)) for n, c in (("A", a), ("B", b))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    outcomes = sorted("error" if "error" in r else "ok" for r in results.values())
    assert outcomes == ["error", "ok"]
    loser = next(r for r in results.values() if "error" in r)
    assert loser["error"]["code"] == "editconflict"
    winner = next(n for n, r in results.items() if "edit" in r)
    assert page_text(wiki, "P") == f"changed by {winner}"
    assert revision_count(wiki) == 2


def test_concurrent_appends_both_land(wiki: Wiki, login: Callable[..., Client]) -> None:
    a, b = login("Alice"), login("Bob")
    a.edit(title="P", text="base")
    threads = [
        threading.Thread(target=c.edit, kwargs={"title": "P", "appendtext": f"\n{n}"})
        for n, c in (("A", a), ("B", b))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(page_text(wiki, "P").split("\n")) == ["A", "B", "base"]
    assert revision_count(wiki) == 3


def test_edit_after_deletion_needs_recreate(wiki: Wiki, editor: Client) -> None:
    def deleted(conn: Any) -> None:
        who = uq.ensure_actor(conn, "Admin", None)
        conn.execute(
            insert(archive).values(
                ar_namespace=0,
                ar_title="Gone",
                ar_page_id=9,
                ar_rev_id=9,
                ar_actor=who,
                ar_timestamp="20261126000000",
                ar_content=1,
            )
        )
        conn.execute(
            insert(logging).values(
                log_type="delete",
                log_action="delete",
                log_timestamp="20261126180000",
                log_actor=who,
                log_namespace=0,
                log_title="Gone",
            )
        )

    wiki.db.write(deleted)
    r = editor.edit(title="Gone", text="again", starttimestamp="2026-11-26T17:00:00Z")
    assert r.json()["error"]["code"] == "pagedeleted"
    r = editor.edit(title="Gone", text="again", starttimestamp="2026-11-26T17:00:00Z", recreate=1)
    assert r.json()["edit"]["new"] == ""
    r2 = editor.edit(title="Gone2", text="x", starttimestamp="2026-11-26T17:00:00Z")
    assert r2.json()["edit"]["new"] == ""


# -- undo and reverts --------------------------------------------------------------------------


def test_undo_of_the_latest_edit_restores_and_tags_mw_undo(
    wiki: Wiki, login: Callable[..., Client]
) -> None:
    admin, vandal = login("Admin", ("sysop",)), login("Vandal")
    admin.edit(title="P", text="good")
    vandal.edit(title="P", text="bad")
    r = admin.edit(title="P", undo=2)
    assert r.json()["edit"]["newrevid"] == 3
    assert page_text(wiki, "P") == "good"
    comment = db(wiki, select(revision.c.rev_comment).where(revision.c.rev_id == 3))[0][0]
    assert (
        comment
        == "Undo revision 2 by [[Special:Contributions/Vandal|Vandal]] ([[User talk:Vandal|talk]])"
    )
    assert tags_of(wiki, 3) == ["mw-undo"]
    # An autopatrolled undo is approved at once: the undone edit is tagged mw-reverted.
    assert tags_of(wiki, 2) == ["mw-reverted"]


def test_undo_of_an_older_edit_merges_with_later_ones(wiki: Wiki, editor: Client) -> None:
    editor.edit(title="P", text="a\nb\nc")
    editor.edit(title="P", text="a\nB\nc")
    editor.edit(title="P", text="a\nB\nc\nd")
    editor.edit(title="P", undo=2)
    assert page_text(wiki, "P") == "a\nb\nc\nd"


def test_manual_revert_is_detected_and_tagged(wiki: Wiki, login: Callable[..., Client]) -> None:
    admin, vandal = login("Admin", ("sysop",)), login("Vandal")
    admin.edit(title="P", text="good")
    vandal.edit(title="P", text="bad 1")
    vandal.edit(title="P", text="bad 2")
    admin.edit(title="P", text="good")
    assert tags_of(wiki, 4) == ["mw-manual-revert"]
    assert tags_of(wiki, 2) == ["mw-reverted"] and tags_of(wiki, 3) == ["mw-reverted"]
    assert tags_of(wiki, 1) == []


def test_unpatrolled_manual_revert_waits_for_approval(
    wiki: Wiki, login: Callable[..., Client]
) -> None:
    editor, vandal = login("Editor"), login("Vandal")
    editor.edit(title="P", text="good")
    vandal.edit(title="P", text="bad")
    editor.edit(title="P", text="good")
    assert tags_of(wiki, 3) == ["mw-manual-revert"]
    assert tags_of(wiki, 2) == []


# -- rate limit and tags --------------------------------------------------------------------


def test_rate_limited_edit_changes_nothing(wiki: Wiki, editor: Client) -> None:
    wiki.config = wiki.config.with_overrides({"rate_limits": {"edit": {"user": [1, 60]}}})
    limiter_for(wiki).reset()
    editor.edit(title="P", text="a")
    r = editor.edit(title="P", text="b")
    assert r.json()["error"]["code"] == "ratelimited"
    assert revision_count(wiki) == 1


def test_defined_tags_are_applied(wiki: Wiki, editor: Client) -> None:
    wiki.db.write(lambda c: tq.define_tag(c, "my-tag"))
    r = editor.edit(title="P", text="#REDIRECT [[Q]]", tags="my-tag")
    rev = r.json()["edit"]["newrevid"]
    assert tags_of(wiki, rev) == ["mw-new-redirect", "my-tag"]


# -- errors ---------------------------------------------------------------------------------


def _setup_page(wiki: Wiki, editor: Client) -> None:
    editor.edit(title="Exists", text="Intro\n== A ==\nx")


ERRORS: list[tuple[str, dict[str, Any], str, str, str]] = [
    (
        "articleexists",
        {"title": "Exists", "text": "x", "createonly": 1},
        "The article you tried to create has been created already.",
        "Статтю, яку Ви намагались створити, вже було створено.",
        "editor",
    ),
    (
        "missingtitle",
        {"title": "Nope", "text": "x", "nocreate": 1},
        "The page you specified doesn't exist.",
        "Вказана Вами сторінка не існує.",
        "editor",
    ),
    (
        "badmd5",
        {"title": "Exists", "text": "x", "md5": "0" * 32},
        "The supplied MD5 hash was incorrect.",
        "Вказаний хеш MD5 був неправильним.",
        "editor",
    ),
    (
        "missingparam",
        {"title": "Exists"},
        'At least one of the parameters "text", "appendtext", "prependtext" and "undo" is '
        "required.",
        'Щонайменше один параметрів "text", "appendtext", "prependtext" та "undo" є обов\'язковим.',
        "editor",
    ),
    (
        "nosuchsection",
        {"title": "Exists", "text": "x", "section": 5},
        "There is no section 5.",
        "Немає розділу 5.",
        "editor",
    ),
    (
        "invalidsection",
        {"title": "Exists", "text": "x", "section": "abc"},
        'The "section" parameter must be a valid section ID or "new".',
        'Параметр "section" має бути дійсним ідентифікатором розділу або "new".',
        "editor",
    ),
    (
        "emptynewsection",
        {"title": "Exists", "text": "", "section": "new", "sectiontitle": "S"},
        "Creating empty new sections is not possible.",
        "Створення нових порожніх розділів неможливе.",
        "editor",
    ),
    (
        "redirect-appendonly",
        {"title": "Exists", "text": "x", "redirect": 1},
        "You have attempted to edit using the redirect-following mode, which must be used in "
        'conjunction with "section=new", "prependtext", or "appendtext".',
        "Ви зробили спробу редагування з використанням режиму переходу за перенаправленням, "
        'який має використовуватись разом із "section=new", "prependtext", або "appendtext".',
        "editor",
    ),
    (
        "nosuchrevid",
        {"title": "Exists", "undo": 999},
        "There is no revision with ID 999.",
        "Немає версії з ідентифікатором 999.",
        "editor",
    ),
    (
        "pagecannotexist",
        {"title": "Special:Version", "text": "x"},
        "Namespace doesn't allow actual pages.",
        "Простір назв не дозволяє фактичних сторінок.",
        "editor",
    ),
    (
        "protectednamespace-interface",
        {"title": "MediaWiki:Sidebar", "text": "x"},
        "This page provides interface text for the software on this wiki, and is protected to "
        "prevent abuse. To add or change translations for all wikis, please use "
        "[https://translatewiki.net/ translatewiki.net], the MediaWiki localisation project.",
        "Ця сторінка містить текст інтерфейсу програмного забезпечення цієї вікі, захищений з "
        "метою запобігання зловживанням. Щоб додати або змінити переклади для всіх вікі, "
        "перейдіть на [https://translatewiki.net/ translatewiki.net], проєкту локалізації "
        "MediaWiki.",
        "editor",
    ),
    (
        "tags-apply-no-permission",
        {"title": "Exists", "text": "x", "tags": "my-tag"},
        "You do not have permission to apply change tags along with your changes.",
        "Ви не маєте права міняти мітки вашого редагування.",
        "anon",
    ),
    (
        "contentmodel-mismatch",
        {"title": "Exists", "text": "x", "contentformat": "text/css"},
        "The requested format text/css is not supported for content model wikitext used by Exists.",
        "Запитуваний формат text/css не підтримується контентною моделлю wikitext, що "
        "використовується Exists.",
        "editor",
    ),
]


@pytest.mark.parametrize(("code", "params", "en", "uk", "who"), ERRORS, ids=[e[0] for e in ERRORS])
def test_error_catalogue_in_english_and_ukrainian(
    wiki: Wiki, editor: Client, code: str, params: dict[str, Any], en: str, uk: str, who: str
) -> None:
    _setup_page(wiki, editor)
    wiki.db.write(lambda c: tq.define_tag(c, "my-tag"))
    client = editor if who == "editor" else Client(wiki)
    before = revision_count(wiki)
    expected_code = "badformat" if code == "contentmodel-mismatch" else code
    r = client.edit(**params)
    assert r.headers["mediawiki-api-error"] == expected_code
    assert r.json()["error"]["code"] == expected_code
    assert r.json()["error"]["info"] == en
    r = client.edit(**params, errorformat="plaintext", uselang="uk", formatversion=2)
    assert r.json()["errors"][0]["code"] == expected_code
    assert r.json()["errors"][0]["text"] == uk
    assert revision_count(wiki) == before


def test_protected_page_gives_protectedpage(wiki: Wiki, editor: Client) -> None:
    _setup_page(wiki, editor)
    wiki.db.write(
        lambda c: c.execute(
            insert(page_restrictions).values(
                pr_page=1,
                pr_type="edit",
                pr_level="sysop",
                pr_cascade=False,
                pr_expiry="infinity",
            )
        )
    )
    r = editor.edit(title="Exists", text="x", errorformat="raw")
    assert r.json()["errors"] == [
        {
            "code": "protectedpage",
            "key": "protectedpagetext",
            "params": ["editprotected", "edit"],
            "module": "edit",
        }
    ]


def test_cantcreate_without_createpage(
    wiki: Wiki, make_user: Callable[..., int], make_bot_password: Callable[..., str]
) -> None:
    uid = make_user("BotUser", ["bot"])
    make_bot_password(uid, "bot", ["basic", "highvolume", "editpage"])
    client = Client(wiki, uid, "bot")
    r = client.edit(title="New", text="x")
    # Observed on the oracle with BotUser@bot (no createeditmovepage grant).
    assert r.json()["error"] == {
        "code": "cantcreate",
        "info": "You do not have permission to create new pages.",
        "*": r.json()["error"]["*"],
    }


def test_new_page_patrol_applies_to_creations_only(
    wiki: Wiki, login: Callable[..., Client]
) -> None:
    wiki.config = wiki.config.with_overrides({"use_rc_patrol": False, "use_np_patrol": True})
    admin = login("Admin", ("sysop",))
    admin.edit(title="P", text="a")
    admin.edit(title="P", text="b")
    rows = db(wiki, select(recentchanges).order_by(recentchanges.c.rc_id))
    assert [r.rc_patrolled for r in rows] == [2, 0]


def test_changing_the_content_model_is_logged_and_tagged(wiki: Wiki, editor: Client) -> None:
    editor.edit(title="Style", text="a")
    r = editor.edit(title="Style", text="body { color: red; }", contentmodel="css")
    body = r.json()["edit"]
    assert body["contentmodel"] == "css"
    assert tags_of(wiki, body["newrevid"]) == ["mw-contentmodelchange"]
    log = db(wiki, select(logging))[0]
    assert (log.log_type, log.log_action) == ("contentmodel", "change")
    assert '"6::newmodel": "css"' in log.log_params
    r = editor.edit(title="Style", text="x", contentmodel="css", contentformat="text/x-wiki")
    assert r.json()["error"]["code"] == "badformat"


def test_bot_appendtext_leaves_the_watchlist_alone(
    wiki: Wiki, make_user: Callable[..., int], make_bot_password: Callable[..., str]
) -> None:
    Client(wiki, make_user("Editor")).edit(title="Run", text="start")
    uid = make_user("BotUser", ["bot"])
    make_bot_password(uid, "bot", ["basic", "highvolume", "editpage"])
    r = Client(wiki, uid, "bot").edit(title="Run", summary="bot fix", appendtext="\nBotUser fix")
    # Transcript partial_run seq 108: a bot's "preferences" is "nochange", so no "watched".
    assert r.json() == {
        "edit": {
            "result": "Success",
            "pageid": 1,
            "title": "Run",
            "contentmodel": "wikitext",
            "oldrevid": 1,
            "newrevid": 2,
            "newtimestamp": "2026-11-26T18:42:36Z",
        }
    }
    assert db(wiki, select(watchlist).where(watchlist.c.wl_user == uid)) == []
    rc = db(wiki, select(recentchanges).order_by(recentchanges.c.rc_id.desc()))[0]
    assert (rc.rc_bot, rc.rc_patrolled) == (False, 2)
