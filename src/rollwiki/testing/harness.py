"""RollWiki: a live test wiki with factories for accounts, bot passwords and histories."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from ..services import accounts, ip, timestamps
from ..services.pageupdater import Author, NewRevision, save_revision
from ..services.wiki import Wiki
from ..storage.queries import pages as pq
from ..storage.queries import recentchanges as rcq
from ..storage.queries import site as siteq
from ..storage.queries import tags as tq
from ..storage.queries import users as uq
from .server import LiveWiki
from .wikis import cached_hash

if TYPE_CHECKING:
    from ..services.fixtures import FixtureReport

# What a bot developer's bot password usually ticks: read, edit and create pages, roll back,
# and "highvolume" (the bot right, high API limits, markbotedits).
DEFAULT_GRANTS: tuple[str, ...] = (
    "basic",
    "highvolume",
    "editpage",
    "createeditmovepage",
    "rollback",
)

# Test wikis answer hundreds of requests a second from one address: MediaWiki's default
# rate limits and login throttles would make tests fail at random, so they are off unless a
# test asks for them through ``site``.
TEST_SITE_DEFAULTS: dict[str, Any] = {
    "rate_limits": {},
    "password_attempt_throttle": [],
    "account_creation_throttle": [],
}


@dataclass(frozen=True)
class Credentials:
    """A main account: ``name`` and ``password`` for action=clientlogin or Special:UserLogin."""

    name: str
    password: str
    user_id: int


@dataclass(frozen=True)
class BotCredentials:
    """A bot password: log in with action=login, ``lgname=login`` and ``lgpassword=password``."""

    user: str
    app_id: str
    password: str
    user_id: int
    grants: tuple[str, ...]

    @property
    def login(self) -> str:
        """The login name, ``User@app``."""
        return f"{self.user}@{self.app_id}"

    def as_tuple(self) -> tuple[str, str]:
        """``(login, password)``, e.g. for ``mwclient.Site.login(*creds.as_tuple())``."""
        return self.login, self.password


@dataclass(frozen=True)
class Edit:
    """One edit of a history built by :meth:`RollWiki.make_history`."""

    user: str
    text: str
    summary: str = ""
    minor: bool = False
    bot: bool = False
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Revision:
    """A revision as stored, for assertions (``user`` is the actor name, an IP for anons)."""

    revid: int
    parentid: int
    user: str
    timestamp: str  # ISO 8601, as the API gives it
    text: str
    comment: str
    minor: bool
    bot: bool  # the recent-changes row is marked bot (rc_bot)
    tags: tuple[str, ...] = field(default=())


EditSpec = Edit | tuple[str, str] | tuple[str, str, str]


class RollWiki:
    """A rollwiki serving on a free loopback port, for tests.

    ``api_url`` is what clients need (``http://127.0.0.1:<port>/w/api.php``); ``host``,
    ``script_path`` and ``scheme`` are its parts for clients that take them separately
    (mwclient).  The factories write straight to the database, without permission checks
    and without rate limits, so that a test sets up its world in a few milliseconds and then
    drives the wiki through the API like a real client.
    """

    def __init__(self, live: LiveWiki) -> None:
        self.live = live
        self.accounts: dict[str, Credentials] = {}

    # -- life cycle ----------------------------------------------------------------------

    @classmethod
    @contextlib.contextmanager
    def running(
        cls,
        data_dir: Path | None = None,
        *,
        site: dict[str, Any] | None = None,
        db_url: str | None = None,
    ) -> Iterator[RollWiki]:
        """Start a fresh wiki (``site`` overrides SiteConfig fields) and stop it afterwards."""
        if data_dir is not None:
            data_dir.mkdir(parents=True, exist_ok=True)
        live = LiveWiki(data_dir, db_url=db_url, site={**TEST_SITE_DEFAULTS, **(site or {})})
        try:
            live.start()
        except BaseException:
            live.stop()
            raise
        try:
            yield cls(live)
        finally:
            live.stop()

    # -- what a client needs ------------------------------------------------------------

    @property
    def wiki(self) -> Wiki:
        """The services behind the server (for direct database checks)."""
        return self.live.wiki

    @property
    def port(self) -> int:
        return self.live.port

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>``: the wiki's $wgServer."""
        return self.live.base_url

    @property
    def api_url(self) -> str:
        return self.live.api_url

    @property
    def index_url(self) -> str:
        return f"{self.base_url}/w/index.php"

    @property
    def host(self) -> str:
        """``127.0.0.1:<port>``, mwclient's ``host``."""
        return f"127.0.0.1:{self.port}"

    scheme = "http"
    script_path = "/w/"  # mwclient's ``path``

    def article_url(self, title: str) -> str:
        parsed = self.wiki.titles.parse(title)
        return self.wiki.article_url(parsed, absolute=True)

    # -- accounts -----------------------------------------------------------------------

    def make_user(
        self, name: str, *, groups: Sequence[str] = (), password: str | None = None
    ) -> Credentials:
        """Create an account with explicit groups; the password defaults to ``<Name>Pass-1234``.

        Raises :class:`rollwiki.services.accounts.AccountError` when the name is taken or
        is not a valid account name.
        """
        canonical = self.wiki.usernames.get_canonical(name, "creatable")
        if canonical is None:
            raise accounts.AccountError("noname", name)
        pw = password if password is not None else f"{canonical}Pass-1234"
        hashed = cached_hash(pw)
        wanted = list(dict.fromkeys(groups))
        user_id = self.wiki.db.write(
            lambda conn: accounts.create_user(conn, canonical, hashed, wanted)
        )
        creds = Credentials(canonical, pw, user_id)
        self.accounts[canonical] = creds
        return creds

    def user(self, name: str, *, groups: Sequence[str] = ()) -> Credentials:
        """The account made by this wiki's factories, creating it (with ``groups``) if new."""
        canonical = self.wiki.usernames.get_canonical(name, "valid") or name
        if canonical in self.accounts:
            return self.accounts[canonical]
        return self.make_user(canonical, groups=groups)

    def make_bot_password(
        self,
        user: str | Credentials,
        app_id: str = "bot",
        *,
        grants: Sequence[str] = DEFAULT_GRANTS,
        password: str | None = None,
        ip_ranges: Sequence[str] = ("0.0.0.0/0", "::/0"),
    ) -> BotCredentials:
        """Create (or replace) the bot password ``<user>@<app_id>`` of an existing account.

        ``password`` defaults to 32 random characters of [0-9a-w], as Special:BotPasswords
        generates them.
        """
        name = user.name if isinstance(user, Credentials) else user
        pw = password if password is not None else accounts.generate_bot_password()
        hashed = cached_hash(pw)
        wanted = tuple(dict.fromkeys(grants))

        def write(conn: Connection) -> int:
            row = uq.user_by_name(conn, name)
            if row is None:
                raise accounts.AccountError("nosuchuser", name)
            user_id = int(row["user_id"])
            accounts.set_bot_password(conn, user_id, app_id, hashed, wanted, ip_ranges)
            return user_id

        user_id = self.wiki.db.write(write)
        return BotCredentials(name, app_id, pw, user_id, wanted)

    def bot_login(
        self,
        name: str = "Bot",
        *,
        groups: Sequence[str] = ("bot", "rollbacker"),
        grants: Sequence[str] = DEFAULT_GRANTS,
        app_id: str = "bot",
    ) -> BotCredentials:
        """An account (created with ``groups`` if it does not exist yet) and a new bot
        password for it, in one call: the credentials to hand to a bot under test."""
        return self.make_bot_password(self.user(name, groups=groups), app_id, grants=grants)

    # -- pages and histories ------------------------------------------------------------

    def make_page(
        self,
        title: str,
        text: str,
        *,
        user: str = "Editor",
        summary: str = "",
        minor: bool = False,
        bot: bool = False,
        tags: Sequence[str] = (),
    ) -> int:
        """Save one revision of ``title`` by ``user``; returns its revision id."""
        return self.make_history(title, [Edit(user, text, summary, minor, bot, tuple(tags))])[0]

    def make_history(self, title: str, edits: Sequence[EditSpec]) -> list[int]:
        """Save the edits in order, oldest first; returns their revision ids.

        Each edit is ``(user, text)``, ``(user, text, summary)`` or an :class:`Edit`.  Users
        that do not exist yet get an account (no groups, password ``<Name>Pass-1234``);
        IP addresses edit anonymously.  Timestamps are one second apart, ending now, and
        never older than the page's latest revision.  An edit that changes nothing is an
        error (MediaWiki saves no null revision for it either).
        """
        wanted = [_edit(e) for e in edits]
        authors = {e.user: self._author_name(e.user) for e in wanted}
        parsed = self.wiki.titles.parse(title)
        end = timestamps.now()

        def write(conn: Connection) -> list[int]:
            page = pq.page_by_title(conn, parsed.namespace, parsed.dbkey)
            latest = pq.revision_by_id(conn, page["page_latest"]) if page else None
            floor = latest["rev_timestamp"] if latest else "00000000000000"
            ids: list[int] = []
            for i, edit in enumerate(wanted):
                name = authors[edit.user]
                row = uq.user_by_name(conn, name)
                user_id = int(row["user_id"]) if row else 0
                actor_id = uq.ensure_actor(conn, name, user_id or None)
                stamp = max(timestamps.to_mw(end - timedelta(seconds=len(wanted) - 1 - i)), floor)
                floor = stamp
                result = save_revision(
                    conn,
                    NewRevision(
                        title=parsed,
                        author=Author(actor_id, name, user_id),
                        comment=edit.summary,
                        text=edit.text,
                        minor=edit.minor,
                        bot=edit.bot,
                        tags=list(edit.tags),
                        timestamp=stamp,
                    ),
                    self.wiki.titles,
                )
                if result.revision is None:
                    raise ValueError(f"edit {i} of {title!r} by {name} changes nothing")
                ids.append(int(result.revision["rev_id"]))
            return ids

        return self.wiki.db.write(write)

    def _author_name(self, name: str) -> str:
        """An IP (sanitised as MediaWiki stores it) or an account, created when new."""
        if self.wiki.usernames.is_ip(name):
            return ip.sanitize_ip(name) or name
        existing = self.wiki.db.read(lambda conn: uq.user_by_name(conn, name))
        if existing is not None:
            return str(existing["user_name"])
        return self.user(name).name

    def history(self, title: str) -> list[Revision]:
        """Every revision of ``title``, oldest first (empty when the page does not exist)."""
        parsed = self.wiki.titles.parse(title)

        def read(conn: Connection) -> list[Revision]:
            page = pq.page_by_title(conn, parsed.namespace, parsed.dbkey)
            if page is None:
                return []
            rows = pq.recent_revisions(conn, int(page["page_id"]), 1 << 30)
            rows.reverse()
            tags = tq.tags_for_revisions(conn, [r["rev_id"] for r in rows])
            out = []
            for r in rows:
                rc = rcq.rc_by_revision(conn, int(r["rev_id"]))
                out.append(
                    Revision(
                        revid=int(r["rev_id"]),
                        parentid=int(r["rev_parent_id"]),
                        user=str(r["actor_name"]),
                        timestamp=timestamps.to_iso(str(r["rev_timestamp"])),
                        text=pq.content_text(conn, int(r["rev_content"])),
                        comment=str(r["rev_comment"]),
                        minor=bool(r["rev_minor_edit"]),
                        bot=bool(rc and rc["rc_bot"]),
                        tags=tuple(sorted(tags.get(int(r["rev_id"]), []))),
                    )
                )
            return out

        return self.wiki.db.read(read)

    def page_text(self, title: str) -> str | None:
        """The current text of ``title``, None when the page does not exist."""
        revisions = self.history(title)
        return revisions[-1].text if revisions else None

    # -- site ---------------------------------------------------------------------------

    def configure(self, **overrides: Any) -> None:
        """Change SiteConfig fields (``$wg...`` settings) of the running wiki."""
        self.wiki.db.write(lambda conn: siteq.save_site_config(conn, overrides))
        self.wiki.reload_config()

    def load_fixtures(self, path: str | Path) -> FixtureReport:
        """Apply a fixtures file (tests/data/conformance/fixtures.json's format).

        The wiki keeps answering at its own address: ``server`` is set back to it.
        """
        # Imported here: the importer behind it is not needed to start a wiki.
        from ..services.fixtures import load_fixtures

        report = load_fixtures(self.wiki, path)
        self.configure(server=self.base_url, canonical_server=self.base_url)
        return report


def _edit(spec: EditSpec) -> Edit:
    if isinstance(spec, Edit):
        return spec
    if len(spec) == 2:
        return Edit(spec[0], spec[1])
    if len(spec) == 3:
        return Edit(spec[0], spec[1], spec[2])
    raise ValueError(f"an edit is (user, text), (user, text, summary) or Edit: {spec!r}")
