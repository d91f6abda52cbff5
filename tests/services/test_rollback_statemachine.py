"""A state machine interleaving edits by several users with rollbacks.

Invariants checked after every step: the page's latest revision is its newest revision; no
revision is ever lost or rewritten; every rollback outcome agrees with a simple model of
RollbackPage (author check, newest other author, identical content), and a successful
rollback leaves exactly the target's content.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sqlalchemy import select

from rollwiki.services import accounts, timestamps
from rollwiki.services.pageupdater import Author, NewRevision, save_revision
from rollwiki.services.performer import performer_from_row
from rollwiki.services.rollback import RollbackError, RollbackRequest
from rollwiki.storage import schema as s
from rollwiki.storage.queries import pages as pq
from rollwiki.storage.queries import users as uq
from rollwiki.testing.wikis import cached_hash, make_wiki

AUTHORS = ["Editor", "Vandal", "Other", "192.0.2.9"]
TEXTS = st.sampled_from(["a", "b", "c", "good", "bad", ""])
PAGE = "State machine page"


class RollbackMachine(RuleBasedStateMachine):
    """Edits and rollbacks on one page, against a model of the history."""

    @initialize()
    def setup(self) -> None:
        self.dir = tempfile.TemporaryDirectory()
        self.wiki = make_wiki(Path(self.dir.name))
        for name, groups in (("Editor", []), ("Vandal", []), ("Other", []), ("Admin", ["sysop"])):
            self.wiki.db.write(
                lambda c, n=name, g=groups: accounts.create_user(
                    c, n, cached_hash("x-Pass-1234"), g
                )
            )
        self.title = self.wiki.titles.parse(PAGE)
        # rev_id -> (author, text): what every saved revision must keep forever.
        self.model: dict[int, tuple[str, str]] = {}
        self.order: list[int] = []
        self.edit("Editor", "start")

    def teardown(self) -> None:
        self.wiki.db.close()
        self.dir.cleanup()

    # -- actions ----------------------------------------------------------------------

    def edit(self, author: str, text: str) -> None:
        def write(conn: Any) -> int | None:
            row = uq.user_by_name(conn, author)
            user_id = row["user_id"] if row else 0
            actor = uq.ensure_actor(conn, author, user_id or None)
            result = save_revision(
                conn,
                NewRevision(
                    title=self.title,
                    author=Author(actor, author, user_id),
                    text=text,
                    timestamp=timestamps.mw_now(),
                ),
                self.wiki.titles,
            )
            return None if result.revision is None else int(result.revision["rev_id"])

        rev_id = self.wiki.db.write(write)
        if rev_id is not None:
            self.model[rev_id] = (author, text)
            self.order.append(rev_id)

    @rule(author=st.sampled_from(AUTHORS), text=TEXTS)
    def someone_edits(self, author: str, text: str) -> None:
        self.edit(author, text)

    @rule(user=st.sampled_from(AUTHORS + ["Nobody"]))
    def admin_rolls_back(self, user: str) -> None:
        expected = self.expected_outcome(user)
        admin = self.wiki.db.read(
            lambda c: performer_from_row(
                c,
                uq.user_by_name(c, "Admin"),
                "127.0.0.1",
                self.wiki.permissions,
                self.wiki.config.default_user_options,
            )
        )
        try:
            result = self.wiki.rollback.rollback(
                RollbackRequest(title=self.title, performer=admin, user=user)
            )
        except RollbackError as exc:
            assert exc.code == expected[0], (exc.code, expected)
            return
        assert expected[0] == "ok", expected
        assert result.last_revid == expected[1]
        assert result.old_revid == self.order[-1]
        target_text = self.model[result.last_revid][1]
        self.model[result.revid] = ("Admin", target_text)
        self.order.append(result.revid)
        assert self.current_text() == target_text

    # -- the model --------------------------------------------------------------------

    def expected_outcome(self, user: str) -> tuple[str, int | None]:
        top = self.order[-1]
        top_author, top_text = self.model[top]
        if top_author != user:
            return ("alreadyrolled", None)
        others = [r for r in self.order if self.model[r][0] != user]
        if not others:
            return ("onlyauthor", None)
        target = others[-1]
        if self.model[target][1] == top_text:
            return ("alreadyrolled", None)
        return ("ok", target)

    def current_text(self) -> str:
        def read(conn: Any) -> str:
            page = pq.page_by_title(conn, self.title.namespace, self.title.dbkey)
            rev = pq.revision_by_id(conn, page["page_latest"])
            return pq.content_text(conn, rev["rev_content"])

        return self.wiki.db.read(read)

    # -- invariants -------------------------------------------------------------------

    @invariant()
    def latest_revision_is_the_newest(self) -> None:
        def read(conn: Any) -> tuple[int, int]:
            page = pq.page_by_title(conn, self.title.namespace, self.title.dbkey)
            newest = conn.execute(
                select(s.revision.c.rev_id)
                .where(s.revision.c.rev_page == page["page_id"])
                .order_by(s.revision.c.rev_timestamp.desc(), s.revision.c.rev_id.desc())
                .limit(1)
            ).scalar_one()
            return page["page_latest"], newest

        latest, newest = self.wiki.db.read(read)
        assert latest == newest == self.order[-1]

    @invariant()
    def no_revision_is_lost_or_rewritten(self) -> None:
        def read(conn: Any) -> dict[int, tuple[str, str]]:
            revs = pq.revisions_by_ids(conn, list(self.model))
            return {
                rid: (r["actor_name"], pq.content_text(conn, r["rev_content"]))
                for rid, r in revs.items()
            }

        assert self.wiki.db.read(read) == self.model


RollbackMachine.TestCase.settings = settings(max_examples=25, stateful_step_count=15, deadline=None)
TestRollbackStateMachine = RollbackMachine.TestCase
