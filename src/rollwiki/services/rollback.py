"""Rollback: undo the last run of consecutive edits by one user (Mirrors RollbackPage).

``RollbackService.rollback()`` is HTTP-free and used by both action=rollback and the web
UI's rollback links.  Authorization happens first (edit + rollback rights on the page,
blocks, protection, read-only, rate limit); then one write transaction does the rest:
the page row is locked, the author check and the target search run against the locked
state, the new revision is saved with a compare-and-set on ``page_latest``, the reverted
edits' recent-changes rows are updated, tags (``mw-rollback``, the requested ones as newer
MediaWiki does, ``mw-reverted`` when approved) are written, and the watchlist updated.
A concurrent rollback of the same run finds a different top author and fails with
``alreadyrolled``; a concurrent edit makes the compare-and-set fail, rolling everything back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import Connection

from ..errors import ApiMessage, DomainError
from ..i18n.messages import Message
from ..render.sanitizer import escape_html
from ..storage.queries import pages as pq
from ..storage.queries import recentchanges as rcq
from . import timestamps
from .logs import LogEntry, write_log
from .pageupdater import Author, EditConflict, NewRevision, save_revision
from .performer import Performer
from .reverts import REVERT_ROLLBACK, EditResult, apply_reverted_tags, is_approved
from .titles import Title
from .wiki import Wiki

DELETED_TEXT = 1
DELETED_COMMENT = 2
DELETED_USER = 4
# Newer MediaWiki counts reverted revisions for $7 with this cap (RevisionStore max).
REVERTED_COUNT_CAP = 1000


class Authorizer(Protocol):
    """Collects the permission errors of a rollback (RollbackPage::authorizeRollback)."""

    def __call__(
        self, conn: Connection, performer: Performer, title: Title, lang: str
    ) -> list[ApiMessage]: ...


class WatchlistUpdater(Protocol):
    """Applies the watchlist parameter after a successful rollback (ApiWatchlistTrait)."""

    def __call__(
        self,
        conn: Connection,
        performer: Performer,
        title: Title,
        value: str,
        expiry: datetime | str | None,
    ) -> None: ...


@dataclass
class RollbackRequest:
    """What to roll back and how (the API's parameters, already validated)."""

    title: Title
    performer: Performer
    user: str  # the reverted user's canonical name, IP, "prefix>Name" or "Unknown user"
    summary: str = ""
    markbot: bool = False
    tags: list[str] = field(default_factory=list)
    watchlist: str = "preferences"
    watchlist_expiry: datetime | str | None = None
    lang: str = "en"  # for permission messages (group names are rendered in it)


@dataclass
class RollbackResult:
    """Mirrors the good StatusValue of RollbackPage::rollback()."""

    title: Title
    page_id: int
    summary: str
    revid: int
    old_revid: int
    last_revid: int
    tags: list[str]
    current: dict[str, Any]
    target: dict[str, Any]


class RollbackError(DomainError):
    """The rollback failed; ``current`` is the top revision for alreadyrolled/cantrollback."""

    def __init__(self, messages: list[ApiMessage], current: dict[str, Any] | None = None) -> None:
        super().__init__(messages)
        self.current = current


@dataclass
class _Outcome:
    result: RollbackResult | None = None
    nochange_current: dict[str, Any] | None = None


class RollbackService:
    """Rolls back pages of one wiki."""

    def __init__(self, wiki: Wiki, authorize: Authorizer, watch: WatchlistUpdater) -> None:
        self.wiki = wiki
        self.authorize = authorize
        self.watch = watch

    def rollback(self, req: RollbackRequest) -> RollbackResult:
        """Mirrors RollbackPage::rollbackIfAllowed(); raises RollbackError."""
        performer = req.performer
        errors = self.wiki.db.read(
            lambda conn: self.authorize(conn, performer, req.title, req.lang)
        )
        if errors:
            raise RollbackError(errors)
        bot = req.markbot and performer.allowed_any("markbotedits", "bot")
        try:
            outcome = self.wiki.db.write(lambda conn: self._rollback(conn, req, bot))
        except EditConflict:
            raise RollbackError([self.message("edit-conflict", code="editconflict")]) from None
        if outcome.nochange_current is not None:
            # Nothing was saved, but the reverted rows' RC updates above were committed,
            # as MediaWiki does "even on edit failure to have patrolling" (T64157).
            current = outcome.nochange_current
            raise RollbackError([self._already_rolled(req, current)], current)
        assert outcome.result is not None
        return outcome.result

    # -- the transaction ---------------------------------------------------------------------

    def _rollback(self, conn: Connection, req: RollbackRequest, bot: bool) -> _Outcome:
        title = req.title
        page = pq.page_by_title(conn, title.namespace, title.dbkey)
        page = pq.lock_page(conn, page["page_id"]) if page else None
        if page is None or not page["page_latest"]:
            raise RollbackError([self.message("notanarticle", code="missingtitle")])
        current = pq.revision_by_id(conn, page["page_latest"])
        assert current is not None
        if current["actor_name"] != req.user:
            raise RollbackError([self._already_rolled(req, current)], current)
        target = pq.newest_revision_not_by(conn, page["page_id"], current["rev_actor"])
        if target is None:
            raise RollbackError([self.message("cantrollback")], current)
        if target["rev_deleted"] & (DELETED_TEXT | DELETED_USER):
            raise RollbackError([self.message("notvisiblerev")])

        reverted = pq.revisions_between(conn, page["page_id"], target, current)
        summary = self.summary(
            req.summary, current, target, min(len(reverted), REVERTED_COUNT_CAP + 1)
        )
        edit_result = EditResult(
            original_revision_id=target["rev_id"],
            revert_method=REVERT_ROLLBACK,
            newest_reverted=current["rev_id"],
            oldest_reverted=reverted[0]["rev_id"] if reverted else current["rev_id"],
            is_exact_revert=True,
        )
        config = self.wiki.config
        patrolled = (
            rcq.PATROL_AUTO
            if (config.use_rc_patrol and req.performer.allowed("autopatrol"))
            else rcq.PATROL_NONE
        )
        performer = req.performer
        assert performer.actor_id is not None or performer.is_anon
        actor_id = performer.actor_id
        if actor_id is None:
            from ..storage.queries.users import ensure_actor

            actor_id = ensure_actor(conn, performer.name, None)
        # Newer MediaWiki saves the requested tags with mw-rollback (1.39 dropped them).
        tags = ["mw-rollback"] + [t for t in req.tags if t != "mw-rollback"]
        saved = save_revision(
            conn,
            NewRevision(
                title=title,
                author=Author(actor_id, performer.name, performer.user_id),
                comment=summary,
                content_id=target["rev_content"],
                content_origin=target["rev_content_origin"] or target["rev_id"],
                model=self._model(conn, target),
                minor=performer.allowed("minoredit"),
                bot=bot,
                tags=tags,
                tag_params={"mw-rollback": edit_result.to_json()},
                patrolled=patrolled,
                ip=performer.ip,
                timestamp=timestamps.mw_now(),
                expected_latest=current["rev_id"],
            ),
            self.wiki.titles,
        )
        self._update_reverted_rows(conn, page["page_id"], current, target, bot)
        if saved.nochange or saved.revision is None:
            return _Outcome(nochange_current=current)
        new_id = int(saved.revision["rev_id"])
        if is_approved(config.use_rc_patrol, patrolled):
            apply_reverted_tags(conn, new_id, edit_result, config.reverted_tag_max_depth)
        old_model, new_model = self._model(conn, current), self._model(conn, target)
        if old_model != new_model:
            write_log(
                conn,
                LogEntry(
                    "contentmodel",
                    "change",
                    actor_id,
                    title,
                    timestamps.mw_now(),
                    summary,
                    {"4::oldmodel": old_model, "5::newmodel": new_model},
                    page_id=page["page_id"],
                ),
                ip=performer.ip,
            )
        self.watch(conn, performer, title, req.watchlist, req.watchlist_expiry)
        return _Outcome(
            result=RollbackResult(
                title=title,
                page_id=int(page["page_id"]),
                summary=summary,
                revid=new_id,
                old_revid=int(current["rev_id"]),
                last_revid=int(target["rev_id"]),
                tags=saved.tags,
                current=current,
                target=target,
            )
        )

    @staticmethod
    def _model(conn: Connection, rev: dict[str, Any]) -> str:
        content = pq.contents_by_ids(conn, [rev["rev_content"]])[rev["rev_content"]]
        return str(content["content_model"])

    def _update_reverted_rows(
        self,
        conn: Connection,
        page_id: int,
        current: dict[str, Any],
        target: dict[str, Any],
        bot: bool,
    ) -> None:
        """Mirrors RollbackPage::updateRecentChange()."""
        use_patrol = self.wiki.config.use_rc_patrol
        if not bot and not use_patrol:
            return
        rows = rcq.rows_after(
            conn, page_id, current["rev_actor"], target["rev_timestamp"], target["rev_id"]
        )
        rcq.mark_reverted_rows(conn, [r["rc_id"] for r in rows], bot=bot, autopatrol=use_patrol)

    # -- messages ----------------------------------------------------------------------------

    @staticmethod
    def message(key: str, *params: Any, code: str | None = None) -> ApiMessage:
        return ApiMessage.of(key, *params, code=code)

    def _already_rolled(self, req: RollbackRequest, current: dict[str, Any]) -> ApiMessage:
        """alreadyrolled: page, the given user, the current author's public name (escaped)."""
        public = "" if current["rev_deleted"] & DELETED_USER else current["actor_name"]
        return self.message(
            "alreadyrolled",
            escape_html(self.wiki.prefixed(req.title)),
            escape_html(req.user),
            escape_html(public),
        )

    def summary(
        self, custom: str, current: dict[str, Any], target: dict[str, Any], reverted_count: int
    ) -> str:
        """Mirrors RollbackPage::getSummary(), with newer MediaWiki's $7."""
        lang = self.wiki.config.language
        formatter = self.wiki.formatter(lang)
        current_public = None if current["rev_deleted"] & DELETED_USER else current["actor_name"]
        target_public = None if target["rev_deleted"] & DELETED_USER else target["actor_name"]
        args: list[str] = [
            target_public or "",
            current_public or "",
            str(target["rev_id"]),
            timestamps.format_user_datetime(target["rev_timestamp"], lang),
            str(current["rev_id"]),
            timestamps.format_user_datetime(current["rev_timestamp"], lang),
            str(reverted_count),
        ]
        if custom == "":
            if current_public is None:
                key = "revertpage-nouser"
            elif self.wiki.config.disable_anon_talk and _is_ip_actor(current):
                key = "revertpage-anon"
            else:
                key = "revertpage"
            text = formatter.text(Message(key, tuple(args)))
        else:
            text = substitute_params(custom, args)
        return text.strip()


def substitute_params(text: str, args: list[str]) -> str:
    """RawMessage::plain(): $1..$N replaced in one pass, nothing else expanded."""

    def repl(m: re.Match[str]) -> str:
        index = int(m.group(1)) - 1
        return args[index] if 0 <= index < len(args) else m.group(0)

    return re.sub(r"\$(\d+)", repl, text)


def _is_ip_actor(rev: dict[str, Any]) -> bool:
    return not rev.get("actor_user") and ">" not in rev["actor_name"]


def authorize_rollback(wiki: Wiki) -> Authorizer:
    """Mirrors RollbackPage::authorizeRollback(): edit + rollback on the page, read-only,
    then the rate limiter (1.39 bumps the counters on every attempt that gets here)."""
    from .authorize import permission_errors, read_only_message
    from .ratelimit import ping_rollback

    def check(conn: Connection, performer: Performer, title: Title, lang: str) -> list[ApiMessage]:
        errors = permission_errors(conn, wiki, performer, ["edit", "rollback"], title, lang=lang)
        read_only = read_only_message(wiki.config)
        if read_only is not None:
            errors.append(read_only)
        if ping_rollback(wiki, performer):
            errors.append(ApiMessage.of("actionthrottledtext"))
        return errors

    return check


def watch_after_rollback(wiki: Wiki) -> WatchlistUpdater:
    """ApiRollback's setWatch( $watch, $title, $user, 'watchrollback', $expiry )."""
    from .watchlist import apply_watchlist

    def watch(
        conn: Connection,
        performer: Performer,
        title: Title,
        value: str,
        expiry: datetime | str | None,
    ) -> None:
        apply_watchlist(conn, wiki, performer, title, value, expiry, "watchrollback")

    return watch


def make_rollback_service(wiki: Wiki) -> RollbackService:
    return RollbackService(wiki, authorize_rollback(wiki), watch_after_rollback(wiki))
