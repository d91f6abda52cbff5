"""Editing a page: the HTTP-free core of action=edit (Mirrors ApiEditPage::execute() and
EditPage::internalAttemptSave() of MediaWiki 1.39).

Everything from the title's resolution on happens in one write transaction: the checks
read the same state the compare-and-set of ``page_latest`` then relies on.  If another
writer moved the page in between anyway (several app processes on PostgreSQL), the whole
edit is run again on the new state: it then either lands after the other edit or, when the
client named its base revision, reports ``editconflict``.  No edit is ever lost.

Failures raise :class:`EditFailure` with MediaWiki's messages, in MediaWiki's order.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import Connection

from ..api.errors import ApiMessage, escape_wikitext
from ..i18n.messages import Message, lookup
from ..storage.queries import logging as logq
from ..storage.queries import pages as pq
from ..storage.queries import recentchanges as rcq
from ..storage.queries import users as uq
from . import editcontent, ratelimit, reverts, timestamps
from . import watchlist as wl
from .authorize import Authorizer, default_content_model, read_only_message
from .editrequest import (
    CONTENT_FORMATS,
    EditFailure,
    EditOutcome,
    EditRequest,
    fail,
)
from .editresult import manual_revert_result, undo_result
from .logs import LogEntry, write_log
from .namespaces import NS_MEDIAWIKI
from .pageupdater import Author, EditConflict, NewRevision, save_revision, sha1_hex
from .performer import Performer
from .pst import php_rtrim, pre_save_transform
from .titles import Title
from .wiki import Wiki

__all__ = ["CONTENT_FORMATS", "EditFailure", "EditOutcome", "EditRequest", "EditService"]

MAX_ATTEMPTS = 3


class EditService:
    """Edits by one performer (Mirrors EditPage as ApiEditPage drives it)."""

    def __init__(self, wiki: Wiki, performer: Performer, *, lang: str = "en") -> None:
        self.wiki = wiki
        self.performer = performer
        self.lang = lang
        self._rate_checked = False
        self._undo_text: str | None = None
        self._undo_clean = False

    def edit(self, req: EditRequest) -> EditOutcome:
        """Run the edit in one transaction; rerun on a lost compare-and-set."""
        for attempt in range(MAX_ATTEMPTS):
            try:
                return self.wiki.db.write(lambda conn: self._run(conn, req))
            except EditConflict:
                if attempt == MAX_ATTEMPTS - 1:
                    raise fail("edit-conflict") from None
        raise AssertionError("unreachable")

    # -- the steps of ApiEditPage::execute() --------------------------------------------------

    def _run(self, conn: Connection, req: EditRequest) -> EditOutcome:
        wiki = self.wiki
        title = req.title
        page = pq.page_by_title(conn, title.namespace, title.dbkey)
        redirects = None
        if req.redirect:
            title, page, redirects = self._follow_redirect(conn, req, title, page)
        model = req.contentmodel or (page["page_content_model"] if page else None)
        model = model or default_content_model(title)
        name = wiki.titles.prefixed_dbkey(title)
        fmt = req.contentformat or CONTENT_FORMATS.get(model, "text/x-wiki")
        if CONTENT_FORMATS.get(model) != fmt:
            raise fail("apierror-badformat", fmt, model, name)
        exists = page is not None
        if req.createonly and exists:
            raise fail("apierror-articleexists")
        if req.nocreate and not exists:
            raise fail("apierror-missingtitle")
        authorizer = Authorizer(conn, wiki, self.performer, self.lang)
        errors = authorizer.errors("edit", title)
        if errors:
            raise EditFailure(errors)

        latest = pq.revision_by_id(conn, page["page_latest"]) if page else None
        current_text = pq.content_text(conn, latest["rev_content"]) if latest else None
        text = req.text
        to_md5 = req.text
        if req.appendtext is not None or req.prependtext is not None:
            base = current_text
            if base is None:
                base = self._default_text(title) if title.namespace == NS_MEDIAWIKI else ""
            if req.section is not None:
                if model != "wikitext":
                    raise fail("apierror-sectionsnotsupported", model)
                if req.section == "new":
                    base = ""
                else:
                    got = editcontent.section_of(base, req.section)
                    if got is None:
                        raise fail("apierror-nosuchsection", escape_wikitext(req.section))
                    base = got
            text = (req.prependtext or "") + base + (req.appendtext or "")
            to_md5 = (req.prependtext or "") + (req.appendtext or "")

        summary = req.summary
        undo_model_change = False
        self._undo_text = None
        if req.undo is not None and req.undo > 0:
            undo = editcontent.resolve_undo(
                conn, wiki, title, page, latest, req.undo, req.undoafter
            )
            text = self._undo_text = undo.text
            undo_model_change = req.contentmodel is None and req.contentformat is None
            if undo_model_change:
                model = undo.model
            if summary is None and undo.single:
                summary = self._content_text(Message("undo-summary", (req.undo, undo.user)))

        if req.md5 is not None and hashlib.md5((to_md5 or "").encode()).hexdigest() != req.md5:
            raise fail("apierror-badmd5")

        if req.section is not None:
            if not editcontent.is_valid_section_id(req.section):
                raise fail("apierror-invalidsection")
            if req.section not in ("0", "new") and (
                current_text is None or editcontent.section_of(current_text, req.section) is None
            ):
                raise fail("apierror-nosuchsection", req.section)

        watch = wl.watchlist_value(
            conn,
            self.performer,
            title,
            req.watchlist,
            page_exists=exists,
            defaults=wiki.config.default_user_options,
        )
        if req.watch:
            watch = True
        elif req.unwatch:
            watch = False

        if req.tags and not self.performer.allowed("applychangetags"):
            raise fail("tags-apply-no-permission")

        base_rev = latest
        if req.baserevid:
            base_rev = pq.revision_by_id(conn, req.baserevid) or latest
        base_model = (
            pq.contents_by_ids(conn, [base_rev["rev_content"]])[base_rev["rev_content"]][
                "content_model"
            ]
            if base_rev is not None
            else (page["page_content_model"] if page else default_content_model(title))
        )
        if not (req.contentmodel or undo_model_change) and model != base_model:
            raise fail("apierror-contentmodel-mismatch", model, base_model)

        assert text is not None
        return self._attempt_save(
            conn,
            req,
            authorizer,
            title,
            page,
            latest,
            current_text,
            model,
            text,
            summary,
            watch,
            redirects,
        )

    # -- EditPage::internalAttemptSave() -------------------------------------------------------

    def _attempt_save(
        self,
        conn: Connection,
        req: EditRequest,
        authorizer: Authorizer,
        title: Title,
        page: dict[str, Any] | None,
        latest: dict[str, Any] | None,
        current_text: str | None,
        model: str,
        text: str,
        summary: str | None,
        watch: bool,
        redirects: dict[str, str] | None,
    ) -> EditOutcome:
        wiki, performer, config = self.wiki, self.performer, self.wiki.config
        exists = page is not None
        section = req.section or ""
        textbox = php_rtrim(text)
        summary_text, sectiontitle = editcontent.summary_and_heading(
            section,
            summary,
            req.sectiontitle,
            self._content_text,
        )
        is_new = not exists or section == "new"
        mark_bot = req.bot and performer.allowed("bot")
        minor_wanted = req.minor or (not req.notminor and bool(performer.option("minordefault")))
        mark_minor = minor_wanted and not is_new and performer.allowed("minoredit")

        old_model = page["page_content_model"] if page else default_content_model(title)
        changing_model = model != old_model
        if changing_model and (
            not performer.allowed("editcontentmodel")
            or authorizer.errors("editcontentmodel", title)
        ):
            raise fail("apierror-cantchangecontentmodel")
        ro = read_only_message(config)
        if ro is not None:
            raise EditFailure([ApiMessage.of("apierror-readonly", code="readonly", data=ro.data)])
        if not self._rate_checked:
            self._rate_checked = True
            limited = (
                ratelimit.ping_limiter(wiki, performer, "edit")
                or ratelimit.ping_limiter(wiki, performer, "linkpurge", 0)
                or (changing_model and ratelimit.ping_limiter(wiki, performer, "editcontentmodel"))
            )
            if limited:
                raise fail("actionthrottledtext")
        max_bytes = config.max_article_size_kib * 1024
        if len(textbox.encode("utf-8")) > max_bytes:
            raise fail("apierror-contenttoobig", config.max_article_size_kib)
        if not exists and not req.recreate and self._deleted_since(conn, title, req):
            raise fail("apierror-pagedeleted")

        if not exists:
            content = textbox
            if section == "new" and sectiontitle:
                content = self._heading(sectiontitle) + "\n\n" + textbox
        else:
            assert latest is not None and current_text is not None
            assert page is not None
            content = editcontent.resolve_conflicts(
                conn,
                self.performer,
                page,
                latest,
                current_text,
                section,
                textbox,
                sectiontitle,
                summary_text,
                self._heading,
                req,
            )
            if section == "new" and textbox == "":
                raise fail("apierror-emptynewsection")
        if len(content.encode("utf-8")) > max_bytes:
            raise fail("apierror-contenttoobig", config.max_article_size_kib)

        now = timestamps.now()

        def pst(text: str) -> str:
            return pre_save_transform(
                text,
                model,
                formatter=wiki.formatter(config.language),
                user_name=performer.name,
                registered=performer.is_registered,
                when=now,
            )

        final = pst(content)
        # EditPage::isUndoClean(): the saved text is exactly the undo's (after PST).
        self._undo_clean = self._undo_text is not None and pst(self._undo_text) == final
        return self._save(
            conn,
            req,
            authorizer,
            title,
            page,
            latest,
            model,
            changing_model,
            old_model,
            final,
            summary_text,
            mark_minor,
            mark_bot,
            watch,
            redirects,
            now,
        )

    def _save(
        self,
        conn: Connection,
        req: EditRequest,
        authorizer: Authorizer,
        title: Title,
        page: dict[str, Any] | None,
        latest: dict[str, Any] | None,
        model: str,
        changing_model: bool,
        old_model: str,
        final: str,
        summary: str,
        minor: bool,
        bot: bool,
        watch: bool,
        redirects: dict[str, str] | None,
        now: Any,
    ) -> EditOutcome:
        wiki, performer, config = self.wiki, self.performer, self.wiki.config
        exists = page is not None
        sha1 = sha1_hex(final)
        result: reverts.EditResult | None = None
        if page is not None and latest is not None and latest["rev_sha1"] != sha1:
            if req.undo and self._undo_clean:
                result = undo_result(conn, sha1, req.undo, req.undoafter)
            else:
                result = manual_revert_result(
                    conn, page["page_id"], latest, sha1, config.manual_revert_search_radius
                )
        needs_patrol = config.use_rc_patrol or (config.use_np_patrol and not exists)
        patrolled = rcq.PATROL_NONE
        if needs_patrol and not authorizer.errors("autopatrol", title):
            patrolled = rcq.PATROL_AUTO
        tags = list(req.tags)
        tag_params: dict[str, dict[str, Any]] = {}
        if changing_model:
            tags.append("mw-contentmodelchange")
        if result is not None:
            for tag in result.revert_tags:
                tags.append(tag)
                tag_params[tag] = result.to_json()
        actor_id = performer.actor_id or uq.ensure_actor(
            conn, performer.name, performer.user_id or None
        )
        saved = save_revision(
            conn,
            NewRevision(
                title=title,
                author=Author(actor_id, performer.name, performer.user_id),
                comment=summary.strip(),
                text=final,
                model=model,
                minor=minor,
                bot=bot,
                tags=tags,
                tag_params=tag_params,
                patrolled=patrolled,
                ip=performer.ip,
                timestamp=timestamps.to_mw(now),
                expected_latest=latest["rev_id"] if latest else 0,
            ),
            wiki.titles,
        )
        if not saved.nochange and saved.revision is not None:
            rev_id = saved.revision["rev_id"]
            if result is not None and reverts.is_approved(config.use_rc_patrol, patrolled):
                reverts.apply_reverted_tags(conn, rev_id, result, config.reverted_tag_max_depth)
            if changing_model:
                write_log(
                    conn,
                    LogEntry(
                        "contentmodel",
                        "change" if exists else "new",
                        actor_id,
                        title,
                        timestamps.to_mw(now),
                        summary.strip(),
                        # EditPage::addContentModelChangeLogEntry(): false for new pages.
                        {"5::oldmodel": old_model if exists else False, "6::newmodel": model},
                        saved.page["page_id"],
                    ),
                    ip=performer.ip,
                )
        if performer.is_registered:
            wl.set_watch(
                conn, wiki, performer, title, watch, req.watchlistexpiry if watch else None
            )
        return self._outcome(conn, title, saved, latest, watch, redirects)

    def _outcome(
        self,
        conn: Connection,
        title: Title,
        saved: Any,
        latest: dict[str, Any] | None,
        watch: bool,
        redirects: dict[str, str] | None,
    ) -> EditOutcome:
        page_row = saved.page
        out = EditOutcome(
            title=self.wiki.titles.prefixed_text(title),
            pageid=int(page_row["page_id"]),
            contentmodel=str(page_row["page_content_model"]),
            new=saved.created,
            redirects=redirects,
        )
        if saved.nochange:
            out.nochange = True
        else:
            assert saved.revision is not None
            out.oldrevid = latest["rev_id"] if latest else 0
            out.newrevid = saved.revision["rev_id"]
            out.newtimestamp = timestamps.to_iso(saved.revision["rev_timestamp"])
            out.rev_id = out.newrevid
            out.tags = list(saved.tags)
        if watch:
            out.watched = True
            if self.wiki.config.watchlist_expiry:
                out.watchlistexpiry = wl.watched_expiry(conn, self.performer.user_id, title)
        return out

    # -- helpers ---------------------------------------------------------------------------

    def _content_text(self, msg: Message) -> str:
        """A message in the content language (summaries are stored in it)."""
        return self.wiki.formatter(self.wiki.config.language).text(msg)

    def _heading(self, sectiontitle: str) -> str:
        return self._content_text(Message("newsectionheaderdefaultlevel", (sectiontitle,)))

    def _default_text(self, title: Title) -> str:
        key = title.dbkey[:1].lower() + title.dbkey[1:]
        return lookup(self.wiki.config.language, key) or ""

    def _deleted_since(self, conn: Connection, title: Title, req: EditRequest) -> bool:
        """Mirrors EditPage::wasDeletedSinceLastEdit()."""
        if not logq.has_deleted_revisions(conn, title.namespace, title.dbkey):
            return False
        entry = logq.last_log_entry(conn, "delete", ("delete",), title.namespace, title.dbkey)
        if entry is None:
            return False
        start = req.starttimestamp or timestamps.mw_now()
        return str(entry["log_timestamp"]) > start

    def _follow_redirect(
        self, conn: Connection, req: EditRequest, title: Title, page: dict[str, Any] | None
    ) -> tuple[Title, dict[str, Any] | None, dict[str, str] | None]:
        if req.prependtext is None and req.appendtext is None and req.section != "new":
            raise fail("apierror-redirect-appendonly")
        if page is None or not page["page_is_redirect"]:
            return title, page, None
        target_text = editcontent.redirect_of(conn, page)
        old = self.wiki.titles.prefixed_text(title)
        if target_text is None:
            return title, page, None
        target = editcontent.parse_target(self.wiki, target_text)
        if target is None or target.interwiki or target.namespace < 0:
            shown = target_text if target is None else self.wiki.titles.full_text(target)
            from ..i18n.messages import Plaintext

            raise fail(
                "apierror-edit-invalidredirect",
                Plaintext(old),
                Plaintext(shown),
                code="edit-invalidredirect",
                data={"redirects": {"from": old, "to": shown}},
            )
        plain = Title(target.namespace, target.text)
        redirects = {"from": old, "to": self.wiki.titles.prefixed_text(plain)}
        return plain, pq.page_by_title(conn, plain.namespace, plain.dbkey), redirects
