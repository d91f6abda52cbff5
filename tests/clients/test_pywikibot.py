"""pywikibot, unmodified, against a live rollwiki: config, login, save, history, rollback."""

from __future__ import annotations

import importlib.util
import os
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import requests

from rollwiki.testing import BotCredentials, RollWiki
from rollwiki.testing.harness import DEFAULT_GRANTS

# Not importorskip: importing pywikibot now would read a configuration before ours exists.
if importlib.util.find_spec("pywikibot") is None:
    pytest.skip("pywikibot is not installed (it is in the test extras)", allow_module_level=True)


FAMILY = "rollwiki"


def write_config(directory: Path, wiki: RollWiki, bot: BotCredentials) -> None:
    """user-config.py (family_files, account, no throttling) and a BotPassword file."""
    passwords = directory / "user-password.py"
    passwords.write_text(f"({bot.user!r}, BotPassword({bot.app_id!r}, {bot.password!r}))\n")
    passwords.chmod(0o600)
    (directory / "user-config.py").write_text(
        textwrap.dedent(
            f"""\
            # A family generated from the wiki's own siteinfo (AutoFamily).
            family_files[{FAMILY!r}] = {wiki.api_url!r}
            family = {FAMILY!r}
            mylang = {FAMILY!r}
            usernames[{FAMILY!r}]['*'] = {bot.user!r}
            password_file = {str(passwords)!r}
            # Deterministic and quick: no throttling, no waiting and retrying.
            put_throttle = 0
            minthrottle = 0
            maxthrottle = 0
            max_retries = 0
            retry_wait = 0
            noisysleep = 1000.0
            """
        )
    )
    (directory / "user-config.py").chmod(0o600)


def import_pywikibot(directory: Path) -> ModuleType:
    """Import pywikibot reading ``directory``'s user-config.py (PYWIKIBOT_DIR)."""
    if "pywikibot" in sys.modules:
        pywikibot = sys.modules["pywikibot"]
        if Path(pywikibot.config.base_dir) != directory:
            pytest.fail(
                "pywikibot was imported before its configuration directory was set up: "
                f"it reads {pywikibot.config.base_dir}, not {directory}"
            )
        return pywikibot
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PYWIKIBOT_DIR", str(directory))
        mp.delenv("PYWIKIBOT_NO_USER_CONFIG", raising=False)
        import pywikibot
    assert os.path.samefile(pywikibot.config.base_dir, directory)
    return pywikibot


class Env:
    def __init__(
        self, wiki: RollWiki, bot: BotCredentials, config_dir: Path, pwb: ModuleType, site: Any
    ) -> None:
        self.wiki, self.bot, self.config_dir, self.pwb, self.site = (
            wiki,
            bot,
            config_dir,
            pwb,
            site,
        )

    def page(self, title: str) -> Any:
        return self.pwb.Page(self.site, title)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    """One wiki and one pywikibot process-wide configuration for the module: pywikibot reads
    user-config.py once, at import."""
    with RollWiki.running(tmp_path_factory.mktemp("pwb-wiki")) as wiki:
        bot = wiki.bot_login("BotUser", groups=["bot", "rollbacker"])
        config_dir = tmp_path_factory.mktemp("pywikibot")
        write_config(config_dir, wiki, bot)
        pwb = import_pywikibot(config_dir)
        site = pwb.Site()
        site.login()
        yield Env(wiki, bot, config_dir, pwb, site)


def api_revisions(wiki: RollWiki, title: str) -> list[dict[str, Any]]:
    """Revisions through the API with plain requests, newest first."""
    r = requests.get(
        wiki.api_url,
        params={
            "action": "query",
            "prop": "revisions",
            "titles": title,
            "rvprop": "ids|user|comment|content|tags|flags",
            "rvslots": "main",
            "rvlimit": "max",
            "format": "json",
            "formatversion": "2",
        },
        timeout=30,
    )
    return list(r.json()["query"]["pages"][0]["revisions"])


def bot_flags(wiki: RollWiki, title: str) -> dict[int, bool]:
    """rc_bot of each revision of the page, through list=recentchanges."""
    r = requests.get(
        wiki.api_url,
        params={
            "action": "query",
            "list": "recentchanges",
            "rctitle": title,
            "rcprop": "ids|flags",
            "rclimit": "max",
            "format": "json",
            "formatversion": "2",
        },
        timeout=30,
    )
    return {rc["revid"]: rc["bot"] for rc in r.json()["query"]["recentchanges"]}


def test_pywikibot_reads_the_family_from_user_config_and_logs_in(env: Env) -> None:
    pwb, site = env.pwb, env.site
    assert Path(pwb.config.base_dir) == env.config_dir
    assert pwb.config.family_files[FAMILY] == env.wiki.api_url
    assert pwb.config.put_throttle == 0
    assert site.family.name == FAMILY
    assert site.hostname() == env.wiki.host
    assert site.scriptpath() == "/w"
    assert site.logged_in()
    assert site.user() == "BotUser"
    assert site.has_group("bot")
    assert site.has_right("rollback")
    assert site.has_right("bot")  # what lets markbot mark (RollbackPage: markbotedits or bot)
    assert site.mw_version == "1.39.17"
    assert site.siteinfo["generator"] == "MediaWiki 1.39.17"
    assert site.namespaces[4].custom_name == env.wiki.wiki.config.project_namespace == "rollwiki"


def test_page_save_creates_and_edits_and_revisions_read_back(
    env: Env, caplog: pytest.LogCaptureFixture
) -> None:
    page = env.page("Pwb save test")
    assert not page.exists()
    page.text = "first version"
    page.save(summary="create")
    page.text = "second version"
    page.save(summary="change", minor=True)

    # pywikibot orders by timestamp only; both saves may fall in the same second.
    revisions = sorted(page.revisions(content=True), key=lambda r: -r.revid)
    assert [(r.user, r.comment, r.text, r.minor) for r in revisions] == [
        ("BotUser", "change", "second version", True),
        ("BotUser", "create", "first version", False),
    ]
    stored = env.wiki.history("Pwb save test")
    assert [r.revid for r in reversed(stored)] == [r.revid for r in revisions]
    assert revisions[0].parentid == revisions[1].revid
    # Saved by a bot account: the bot flag follows the bot right (pywikibot sends bot=1).
    assert all(r.bot for r in stored)
    # Every request pywikibot made on the way (page info with imageinfo/categoryinfo and
    # generator=templates, tokens, edit with assert=user and maxlag) was answered without
    # an API warning, as 1.39 answers them.
    assert [r.getMessage() for r in caplog.records if "API warning" in r.getMessage()] == []


def test_rollback_reverts_the_vandal_run_and_marks_it_bot(env: Env) -> None:
    title = "Pwb rollback markbot"
    good, bad1, bad2 = env.wiki.make_history(
        title, [("Editor", "good text"), ("Vandal", "bad 1"), ("Vandal", "bad 2")]
    )
    page = env.page(title)

    result = page.rollback()  # user: the latest revision's author; markbot: bot account

    assert result["old_revid"] == bad2
    assert result["last_revid"] == good
    assert result["summary"] == (
        "Reverted edits by [[Special:Contributions/Vandal|Vandal]] "
        "([[User talk:Vandal|talk]]) to last revision by [[User:Editor|Editor]]"
    )
    page = env.page(title)  # a fresh object: the text as the wiki has it now
    assert page.text == "good text"
    assert page.latest_revision.user == "BotUser"
    revisions = api_revisions(env.wiki, title)
    assert [(r["revid"], r["user"]) for r in revisions] == [
        (result["revid"], "BotUser"),
        (bad2, "Vandal"),
        (bad1, "Vandal"),
        (good, "Editor"),
    ]
    assert revisions[0]["tags"] == ["mw-rollback"]
    assert revisions[1]["tags"] == revisions[2]["tags"] == ["mw-reverted"]
    assert bot_flags(env.wiki, title) == {
        result["revid"]: True,
        bad2: True,
        bad1: True,
        good: False,
    }


def test_rollback_with_markbot_false_leaves_the_edits_unmarked(env: Env) -> None:
    title = "Pwb rollback nomarkbot"
    good, bad = env.wiki.make_history(title, [("Editor", "good"), ("Vandal", "bad")])

    result = env.site.rollbackpage(env.page(title), user="Vandal", markbot=False)

    assert (result["old_revid"], result["last_revid"]) == (bad, good)
    assert env.page(title).text == "good"
    assert bot_flags(env.wiki, title) == {result["revid"]: False, bad: False, good: False}


def test_rollback_of_an_ip_by_pageid(env: Env) -> None:
    title = "Pwb rollback ip"
    good, bad = env.wiki.make_history(title, [("Editor", "good"), ("192.0.2.7", "spam")])
    page_id = env.page(title).pageid

    result = env.site.rollbackpage(pageid=page_id, user="192.0.2.7", summary="rv spam")

    assert result["pageid"] == page_id
    assert result["summary"] == "rv spam"
    revisions = api_revisions(env.wiki, title)
    assert [(r["user"], r["comment"]) for r in revisions[:2]] == [
        ("BotUser", "rv spam"),
        ("192.0.2.7", ""),
    ]
    assert revisions[0]["slots"]["main"]["content"] == "good"


def test_second_rollback_of_the_same_run_is_alreadyrolled(env: Env) -> None:
    title = "Pwb alreadyrolled"
    env.wiki.make_history(title, [("Editor", "good"), ("Vandal", "bad")])
    first = env.page(title).rollback(user="Vandal")
    before = api_revisions(env.wiki, title)

    with pytest.raises(env.pwb.exceptions.Error) as failure:
        env.page(title).rollback(user="Vandal")

    # pywikibot turns the alreadyrolled API error into its own message (APISite._rb_errors).
    assert type(failure.value) is env.pwb.exceptions.Error
    assert str(failure.value) == (
        f"The last edit of page {title!r} by user 'Vandal' was already rolled back."
    )
    after = api_revisions(env.wiki, title)
    assert after == before
    assert after[0]["revid"] == first["revid"]


def test_rollback_when_the_user_is_the_only_author_is_onlyauthor(env: Env) -> None:
    title = "Pwb onlyauthor"
    env.wiki.make_history(title, [("Vandal", "bad 1"), ("Vandal", "bad 2")])

    with pytest.raises(env.pwb.exceptions.Error) as failure:
        env.page(title).rollback()

    assert type(failure.value) is env.pwb.exceptions.Error
    assert str(failure.value) == f"The page {title!r} has only 'Vandal' as author"
    assert [r["user"] for r in api_revisions(env.wiki, title)] == ["Vandal", "Vandal"]
    assert env.wiki.page_text(title) == "bad 2"


def test_rollback_of_someone_who_never_edited_is_alreadyrolled(env: Env) -> None:
    title = "Pwb rollback nosuchuser"
    env.wiki.make_history(title, [("Editor", "good"), ("Vandal", "bad")])

    with pytest.raises(env.pwb.exceptions.Error) as failure:
        env.site.rollbackpage(env.page(title), user="Nobody here")

    # Observed on 1.39: a user who is not the last editor gets alreadyrolled, account or not.
    assert str(failure.value) == (
        f"The last edit of page {title!r} by user 'Nobody here' was already rolled back."
    )
    assert env.wiki.page_text(title) == "bad"


def test_other_rollback_errors_stay_api_errors(env: Env) -> None:
    title = "Pwb rollback badtags"
    env.wiki.make_history(title, [("Editor", "good"), ("Vandal", "bad")])

    with pytest.raises(env.pwb.exceptions.APIError) as failure:
        env.site.rollbackpage(env.page(title), user="Vandal", tags="no such tag")

    assert failure.value.code == "badtags"
    assert failure.value.info == 'The tag "no such tag" is not allowed to be manually applied.'
    assert len(env.wiki.history(title)) == 2


def test_the_bot_grants_are_what_the_factory_hands_out(env: Env) -> None:
    assert env.bot.grants == DEFAULT_GRANTS
