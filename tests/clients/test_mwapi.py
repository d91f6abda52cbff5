"""mwapi, unmodified, against a live rollwiki: hand-made bot-password login, rollback,
continuation."""

from __future__ import annotations

from typing import Any

import pytest

from rollwiki.testing import BotCredentials, RollWiki

mwapi = pytest.importorskip("mwapi", reason="mwapi is in the test extras")
mwapi_errors = pytest.importorskip("mwapi.errors")

EDITING = ["basic", "editpage", "createeditmovepage"]


def session(wiki: RollWiki) -> Any:
    return mwapi.Session(
        wiki.base_url, api_path="/w/api.php", user_agent="rollwiki-tests", timeout=30
    )


def bot_session(wiki: RollWiki, bot: BotCredentials) -> Any:
    """action=login by hand, as API:Login documents for bot passwords (mwapi's own login()
    uses action=clientlogin, which takes main-account passwords only)."""
    s = session(wiki)
    token = s.get(action="query", meta="tokens", type="login")["query"]["tokens"]["logintoken"]
    login = s.post(action="login", lgname=bot.login, lgpassword=bot.password, lgtoken=token)
    assert login["login"]["result"] == "Success", login
    assert login["login"]["lgusername"] == bot.user
    return s


def edit(s: Any, title: str, text: str, summary: str = "") -> dict[str, Any]:
    token = s.get(action="query", meta="tokens")["query"]["tokens"]["csrftoken"]
    result = s.post(action="edit", title=title, text=text, summary=summary, token=token)
    assert result["edit"]["result"] == "Success", result
    return dict(result["edit"])


def rollback(s: Any, title: str, user: str, **extra: Any) -> dict[str, Any]:
    token = s.get(action="query", meta="tokens", type="rollback")["query"]["tokens"]
    return dict(
        s.post(action="rollback", title=title, user=user, token=token["rollbacktoken"], **extra)
    )


def all_revisions(s: Any, title: str) -> list[dict[str, Any]]:
    """Every revision, one per request: mwapi follows ``continue`` (continuation=True)."""
    docs = list(
        s.get(
            action="query",
            prop="revisions",
            titles=title,
            rvprop="ids|user|comment|content|tags",
            rvslots="main",
            rvlimit=1,
            formatversion=2,
            continuation=True,
        )
    )
    revisions = [r for doc in docs for r in doc["query"]["pages"][0]["revisions"]]
    assert len(docs) == len(revisions)  # one revision per response: continuation was used
    assert all("continue" in doc for doc in docs[:-1]) and "continue" not in docs[-1]
    return revisions


@pytest.fixture
def sessions(rollwiki: RollWiki) -> dict[str, Any]:
    for name in ("Editor", "Vandal"):
        rollwiki.make_user(name)
    rollwiki.make_user("Rollbacker", groups=["rollbacker"])
    return {
        "Editor": bot_session(rollwiki, rollwiki.make_bot_password("Editor", grants=EDITING)),
        "Vandal": bot_session(rollwiki, rollwiki.make_bot_password("Vandal", grants=EDITING)),
        "Rollbacker": bot_session(
            rollwiki,
            rollwiki.make_bot_password("Rollbacker", grants=["basic", "editpage", "rollback"]),
        ),
    }


def test_rollback_over_edits_by_several_users_and_history_by_continuation(
    sessions: dict[str, Any], rollwiki: RollWiki
) -> None:
    title = "Mwapi article"
    good = edit(sessions["Editor"], title, "good", "new")
    fixed = edit(sessions["Editor"], title, "good, fixed", "typo")
    bad1 = edit(sessions["Vandal"], title, "bad 1")
    bad2 = edit(sessions["Vandal"], title, "bad 2")

    # $1 is the restored revision's author, $2 the reverted user (rollback.md).
    result = rollback(sessions["Rollbacker"], title, "Vandal", summary="rv $2 to $1")["rollback"]

    assert (result["old_revid"], result["last_revid"]) == (bad2["newrevid"], fixed["newrevid"])
    assert result["summary"] == "rv Vandal to Editor"
    revisions = all_revisions(sessions["Rollbacker"], title)
    assert [(r["revid"], r["user"], r["comment"]) for r in revisions] == [
        (result["revid"], "Rollbacker", "rv Vandal to Editor"),
        (bad2["newrevid"], "Vandal", ""),
        (bad1["newrevid"], "Vandal", ""),
        (fixed["newrevid"], "Editor", "typo"),
        (good["newrevid"], "Editor", "new"),
    ]
    assert revisions[0]["slots"]["main"]["content"] == "good, fixed"
    assert revisions[0]["tags"] == ["mw-rollback"]
    assert [r.revid for r in rollwiki.history(title)] == [r["revid"] for r in reversed(revisions)]


def test_second_rollback_gives_alreadyrolled_as_an_apierror(
    sessions: dict[str, Any], rollwiki: RollWiki
) -> None:
    title = "Mwapi alreadyrolled"
    edit(sessions["Editor"], title, "good")
    edit(sessions["Vandal"], title, "bad")
    first = rollback(sessions["Rollbacker"], title, "Vandal")["rollback"]

    with pytest.raises(mwapi_errors.APIError) as failure:
        rollback(sessions["Rollbacker"], title, "Vandal")

    assert failure.value.code == "alreadyrolled"
    assert "The last edit to the page was by [[User:Rollbacker|Rollbacker]]" in (failure.value.info)
    revisions = all_revisions(sessions["Rollbacker"], title)
    assert revisions[0]["revid"] == first["revid"]
    assert len(revisions) == 3


def test_rollback_of_the_only_author_gives_onlyauthor(
    sessions: dict[str, Any], rollwiki: RollWiki
) -> None:
    title = "Mwapi onlyauthor"
    edit(sessions["Vandal"], title, "bad 1")
    edit(sessions["Vandal"], title, "bad 2")

    with pytest.raises(mwapi_errors.APIError) as failure:
        rollback(sessions["Rollbacker"], title, "Vandal")

    assert failure.value.code == "onlyauthor"
    assert [r["user"] for r in all_revisions(sessions["Vandal"], title)] == ["Vandal", "Vandal"]
    assert rollwiki.page_text(title) == "bad 2"


def test_rollback_with_a_csrf_token_gives_badtoken(
    sessions: dict[str, Any], rollwiki: RollWiki
) -> None:
    title = "Mwapi badtoken"
    edit(sessions["Editor"], title, "good")
    edit(sessions["Vandal"], title, "bad")
    s = sessions["Rollbacker"]
    csrf = s.get(action="query", meta="tokens")["query"]["tokens"]["csrftoken"]

    with pytest.raises(mwapi_errors.APIError) as failure:
        s.post(action="rollback", title=title, user="Vandal", token=csrf)

    assert failure.value.code == "badtoken"
    assert rollwiki.page_text(title) == "bad"


def test_mwapi_login_uses_clientlogin_main_passwords_work_bot_passwords_do_not(
    rollwiki: RollWiki,
) -> None:
    editor = rollwiki.make_user("Editor")
    bot = rollwiki.make_bot_password(editor, grants=EDITING)

    s = session(rollwiki)
    assert s.login(editor.name, editor.password)["status"] == "PASS"
    userinfo = s.get(action="query", meta="userinfo")["query"]["userinfo"]
    assert (userinfo["id"], userinfo["name"]) == (editor.user_id, "Editor")

    # As on MediaWiki: clientlogin does not accept bot passwords.
    with pytest.raises(mwapi_errors.LoginError):
        session(rollwiki).login(bot.login, bot.password)
