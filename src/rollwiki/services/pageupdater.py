"""Saving a new revision: the one write path shared by edit, rollback, protect and import.

Mirrors PageUpdater + DerivedPageDataUpdater.  Everything happens on the caller's
connection, inside the caller's transaction: the content and revision rows, the
compare-and-set of ``page_latest`` (a lost race raises :class:`EditConflict` and the
transaction rolls back), the recent-changes row, change tags, the author's edit count,
link tables and the "changed" markers of other watchers.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from ..storage.queries import links as lq
from ..storage.queries import pages as pq
from ..storage.queries import recentchanges as rcq
from ..storage.queries import tags as tq
from ..storage.queries import users as uq
from ..storage.queries import watchlist as wq
from . import timestamps
from .links import extract_links
from .titles import Title, TitleParser


class EditConflict(Exception):
    """The page changed (or appeared) since the caller read it."""


@dataclass(frozen=True)
class Author:
    """Who a revision is attributed to: an account, an IP or an imported ``prefix>Name``."""

    actor_id: int
    name: str
    user_id: int = 0


@dataclass
class NewRevision:
    """What to save.  ``content_id`` reuses an existing content row (rollback, null revisions)."""

    title: Title
    author: Author
    comment: str = ""
    text: str | None = None
    content_id: int | None = None
    content_origin: int | None = None
    model: str = "wikitext"
    minor: bool = False
    bot: bool = False
    tags: list[str] = field(default_factory=list)
    tag_params: dict[str, dict[str, Any]] = field(default_factory=dict)
    patrolled: int = rcq.PATROL_NONE
    ip: str = ""
    timestamp: str = ""
    expected_latest: int | None = None  # None: whatever is current now (no conflict check)
    allow_null_revision: bool = False  # protect/import: a revision even when nothing changed
    recent_change: bool = True
    rc_source: str | None = None
    # A protection null revision (RevisionStore::newNullRevision) skips the derived updates:
    # no edit count, link tables or watcher notifications.
    derived_updates: bool = True


@dataclass
class SaveResult:
    page: dict[str, Any]
    created: bool = False
    nochange: bool = False
    revision: dict[str, Any] | None = None
    previous: dict[str, Any] | None = None
    rc_id: int | None = None
    tags: list[str] = field(default_factory=list)


COMMENT_CHARACTER_LIMIT = 500


def truncate_comment(comment: str, ellipsis: str = "...") -> str:
    """CommentStore's limit: 500 characters, cut with Language::truncateForVisual()."""
    if len(comment) <= COMMENT_CHARACTER_LIMIT:
        return comment
    return comment[: COMMENT_CHARACTER_LIMIT - len(ellipsis)].rstrip() + ellipsis


def sha1_hex(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


_REDIRECT = re.compile(r"^\s*#redirect\s*:?\s*\[\[([^\]|#]*)", re.IGNORECASE)


def redirect_target(text: str) -> str | None:
    m = _REDIRECT.match(text)
    return m.group(1).strip() if m else None


def save_revision(
    conn: Connection, spec: NewRevision, titles: TitleParser | None = None
) -> SaveResult:
    """Insert the revision and everything derived from it, or raise EditConflict."""
    title = spec.title
    now = spec.timestamp or timestamps.mw_now()
    comment = truncate_comment(spec.comment)
    existing = pq.page_by_title(conn, title.namespace, title.dbkey)
    if existing is not None:
        existing = pq.lock_page(conn, existing["page_id"])
        assert existing is not None
    if spec.expected_latest is not None:
        current = existing["page_latest"] if existing else 0
        if current != spec.expected_latest:
            raise EditConflict(title)
    previous = (
        pq.revision_by_id(conn, existing["page_latest"])
        if existing and existing["page_latest"]
        else None
    )

    # Content: new text, or an existing content row reused as-is.
    if spec.content_id is not None:
        content_row = pq.contents_by_ids(conn, [spec.content_id])[spec.content_id]
        text = content_row["content_text"]
        sha1, size, content_id = (
            content_row["content_sha1"],
            content_row["content_size"],
            spec.content_id,
        )
    else:
        assert spec.text is not None
        text = spec.text
        sha1, size = sha1_hex(text), len(text.encode("utf-8"))
        content_id = None
    if previous is not None and previous["rev_sha1"] == sha1 and not spec.allow_null_revision:
        prev_text = pq.content_text(conn, previous["rev_content"])
        if prev_text == text:
            return SaveResult(page=existing or {}, nochange=True, previous=previous)
    if content_id is None:
        if (
            previous is not None
            and previous["rev_sha1"] == sha1
            and pq.content_text(conn, previous["rev_content"]) == text
        ):
            content_id = previous["rev_content"]
        else:
            content_id = pq.insert_content(conn, text, sha1, size, spec.model)

    created = existing is None
    if created:
        if spec.expected_latest not in (None, 0):
            raise EditConflict(title)
        # Two transactions creating the same title at once (PostgreSQL/MariaDB): the loser
        # hits the unique key.  A savepoint keeps its transaction usable so that the caller
        # sees an EditConflict, not a database error.
        try:
            with conn.begin_nested():
                page_id = pq.insert_page(conn, title.namespace, title.dbkey, now, spec.model)
        except IntegrityError:
            raise EditConflict(title) from None
        expected = 0
    else:
        assert existing is not None
        page_id = existing["page_id"]
        expected = existing["page_latest"]
    rev_id = pq.insert_revision(
        conn,
        {
            "rev_page": page_id,
            "rev_parent_id": expected,
            "rev_actor": spec.author.actor_id,
            "rev_timestamp": now,
            "rev_comment": comment,
            "rev_minor_edit": spec.minor and not created,
            "rev_deleted": 0,
            "rev_len": size,
            "rev_sha1": sha1,
            "rev_content": content_id,
            "rev_content_origin": spec.content_origin or 0,
        },
    )
    if not spec.content_origin:
        from sqlalchemy import update

        from ..storage.schema import revision as revision_table

        origin = (
            previous["rev_content_origin"]
            if (previous is not None and previous["rev_content"] == content_id)
            else rev_id
        )
        conn.execute(
            update(revision_table)
            .where(revision_table.c.rev_id == rev_id)
            .values(rev_content_origin=origin)
        )
    is_redirect = spec.model == "wikitext" and redirect_target(text) is not None
    if not pq.advance_latest(
        conn,
        page_id,
        expected,
        rev_id,
        {
            "page_touched": now,
            "page_len": size,
            "page_is_new": created,
            "page_is_redirect": is_redirect,
            "page_content_model": spec.model,
        },
    ):
        raise EditConflict(title)

    tags = list(
        dict.fromkeys(spec.tags + software_tags(previous, conn, text, created, is_redirect))
    )
    rc_id = None
    if spec.recent_change:
        rc_id = rcq.insert_rc(
            conn,
            {
                "rc_timestamp": now,
                "rc_actor": spec.author.actor_id,
                "rc_namespace": title.namespace,
                "rc_title": title.dbkey,
                "rc_comment": comment,
                "rc_minor": spec.minor and not created,
                "rc_bot": spec.bot,
                "rc_new": created,
                "rc_cur_id": page_id,
                "rc_this_oldid": rev_id,
                "rc_last_oldid": expected,
                "rc_type": rcq.RC_NEW if created else rcq.RC_EDIT,
                "rc_source": spec.rc_source or ("mw.new" if created else "mw.edit"),
                "rc_patrolled": spec.patrolled,
                "rc_ip": spec.ip,
                "rc_old_len": previous["rev_len"] if previous else None,
                "rc_new_len": size,
            },
        )
    for tag in tags:
        tq.add_tags(conn, [tag], rev_id=rev_id, rc_id=rc_id, params=spec.tag_params.get(tag))

    if spec.derived_updates:
        if spec.author.user_id:
            uq.increment_editcount(conn, spec.author.user_id)
            uq.touch_user(conn, spec.author.user_id, now)
        if spec.model == "wikitext" and titles is not None:
            lq.set_links(conn, page_id, *extract_links(text, titles))
        wq.notify_watchers(conn, spec.author.user_id, [(title.namespace, title.dbkey)], now, now)

    page_row = pq.page_by_id(conn, page_id)
    assert page_row is not None
    return SaveResult(
        page=page_row,
        created=created,
        revision=pq.revision_by_id(conn, rev_id),
        previous=previous,
        rc_id=rc_id,
        tags=tags,
    )


def software_tags(
    previous: dict[str, Any] | None,
    conn: Connection,
    text: str,
    created: bool,
    is_redirect: bool,
) -> list[str]:
    """Mirrors ContentHandler::getChangeTag(): at most one tag, the first that applies."""
    old_text = pq.content_text(conn, previous["rev_content"]) if previous is not None else None
    old_size = len(old_text.encode("utf-8")) if old_text is not None else 0
    new_size = len(text.encode("utf-8"))
    old_target = redirect_target(old_text) if old_text is not None else None
    new_target = redirect_target(text) if is_redirect else None
    if old_text is not None and old_size > 0 and new_size == 0:
        return ["mw-blank"]
    if new_target is not None:
        if old_target is None:
            return ["mw-new-redirect"]
        if new_target != old_target:
            return ["mw-changed-redirect-target"]
    elif old_target is not None:
        return ["mw-removed-redirect"]
    if created:
        return []
    if old_text is not None and old_size > 10 * new_size:
        return ["mw-replace"]
    return []
