"""``action=edit`` / ``action=submit`` (Mirrors EditPage): the form, preview, changes,
saving through EditService, and the edit-conflict screen.

The form carries the csrf token, the time the edit started and the timestamp/id of the
revision it is based on; EditService merges concurrent edits when it can and reports an
edit conflict when it cannot, which shows both texts and their differences.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from sqlalchemy import Connection

from ...i18n.messages import Message
from ...services import editcontent, timestamps
from ...services.authorize import permission_errors
from ...services.edit import EditFailure, EditRequest, EditService
from ...services.titles import Title
from ...services.watchlist import is_watched
from ..blockpages import web_messages
from ..context import WebContext
from ..difftable import diff_table
from ..errorpages import return_to
from ..output import PageOutput, Redirect, render_template
from ..pages import PageState, latest_text, load_page, revision_text
from .view import content_html


@dataclass
class _Form:
    text: str
    summary: str
    minor: bool
    watch: bool
    edittime: str
    base_rev: int
    starttime: str
    section: str = ""
    undo: int = 0
    undoafter: int = 0


def edit(ctx: WebContext, title: Title) -> PageOutput | Redirect:
    wiki = ctx.wiki
    if title.namespace < 0:
        return _view_source(ctx, title, None, [Message("ns-specialprotected")])

    def load(conn: Connection) -> tuple[PageState, list[Any], bool]:
        state = load_page(conn, title)
        actions = ["edit"] if state.exists else ["edit", "create"]
        errors = permission_errors(conn, wiki, ctx.performer, actions, title, lang=ctx.lang)
        watched = is_watched(conn, ctx.performer.user_id, title) if ctx.performer.user_id else False
        return state, errors, watched

    state, errors, watched = wiki.db.read(load)
    if errors:
        return _view_source(ctx, title, state, web_messages(ctx, errors))
    if ctx.posted and ctx.get("action") == "submit":
        return _submit(ctx, title, state, watched)
    form = _initial_form(ctx, title, state, watched)
    if isinstance(form, PageOutput):
        return form
    return _form_page(ctx, title, state, form)


def _initial_form(
    ctx: WebContext, title: Title, state: PageState, watched: bool
) -> _Form | PageOutput:
    wiki = ctx.wiki
    p = ctx.performer
    options = {**wiki.config.default_user_options, **p.options}
    watch = (
        watched
        or bool(int(options.get("watchdefault") or 0))
        or (not state.exists and bool(int(options.get("watchcreations") or 0)))
    )
    latest = state.latest
    text = ""
    summary = ctx.text("summary")
    undo, undoafter = ctx.get_int("undo"), ctx.get_int("undoafter")
    oldid = ctx.get_int("oldid")
    section = ctx.get("section") or ""
    if latest is not None:
        text = wiki.db.read(lambda conn: revision_text(conn, latest))[0]
    if undo and latest is not None:
        try:
            content = wiki.db.read(
                lambda conn: editcontent.resolve_undo(
                    conn, wiki, title, state.page, latest, undo, undoafter or None
                )
            )
        except EditFailure as exc:
            return PageOutput(
                title=ctx.msg("editing", wiki.prefixed(title)),
                body=Markup('<div class="errorbox">')
                + ctx.parse(exc.messages[0].message, block=True)
                + Markup("</div>"),
                context_title=title,
                action="edit",
            )
        text = content.text
        if not summary and content.single:
            summary = ctx.formatter.text(Message("undo-summary", (undo, content.user)))
    elif oldid:
        from ...storage.queries import pages as pq

        rev = wiki.db.read(lambda conn: pq.revision_by_id(conn, oldid))
        if rev is not None and rev["rev_page"] == state.page_id:
            text = wiki.db.read(lambda conn: revision_text(conn, rev))[0]
    if section and section != "new":
        got = editcontent.section_of(text, section)
        text = got if got is not None else ""
    elif section == "new":
        text = ""
    return _Form(
        text=text,
        summary=summary,
        minor=bool(int(options.get("minordefault") or 0)),
        watch=watch,
        edittime=latest["rev_timestamp"] if latest else "",
        base_rev=state.latest_id,
        starttime=timestamps.mw_now(),
        section=section,
        undo=undo,
        undoafter=undoafter,
    )


def _posted_form(ctx: WebContext) -> _Form:
    return _Form(
        text=ctx.text("wpTextbox1"),
        summary=ctx.text("wpSummary"),
        minor=ctx.get_check("wpMinoredit"),
        watch=ctx.get_check("wpWatchthis"),
        edittime=ctx.get("wpEdittime") or "",
        base_rev=ctx.get_int("baseRevId"),
        starttime=ctx.get("wpStarttime") or "",
        section=ctx.get("wpSection") or "",
        undo=ctx.get_int("wpUndidRevision"),
        undoafter=ctx.get_int("wpUndoAfter"),
    )


def _submit(
    ctx: WebContext, title: Title, state: PageState, watched: bool
) -> PageOutput | Redirect:
    """EditPage::attemptSave() and the preview / changes buttons."""
    form = _posted_form(ctx)
    if ctx.get("wpUltimateParam") is None:
        notice = ctx.msg_html("edit_form_incomplete", block=True)
        return _form_page(ctx, title, state, form, notice=notice)
    if not ctx.match_token("csrf", ctx.get("wpEditToken")):
        notice = ctx.msg_html("session_fail_preview", block=True)
        return _form_page(ctx, title, state, form, notice=notice)
    if ctx.get_check("wpPreview"):
        preview = ctx.msg_html("previewnote", block=True) + content_html(
            ctx, form.text, "wikitext", title
        )
        return _form_page(ctx, title, state, form, preview=preview)
    if ctx.get_check("wpDiff"):
        current = ""
        if state.latest is not None:
            current = latest_text(ctx, state)[0]
            if form.section and form.section != "new":
                current = editcontent.section_of(current, form.section) or ""
        return _form_page(ctx, title, state, form, preview=diff_table(ctx, current, form.text))
    request = EditRequest(
        title=title,
        text=form.text,
        summary=form.summary,
        minor=form.minor,
        notminor=not form.minor,
        basetimestamp=form.edittime or None,
        starttimestamp=form.starttime or None,
        baserevid=form.base_rev or None,
        section=form.section or None,
        watchlist=("watch" if form.watch else "unwatch")
        if ctx.performer.is_registered
        else "nochange",
    )
    try:
        outcome = EditService(ctx.wiki, ctx.performer, lang=ctx.lang).edit(request)
    except EditFailure as exc:
        if exc.messages[0].code == "editconflict":
            return _conflict(ctx, title, form)
        notice = (
            Markup('<div class="errorbox">')
            + ctx.parse(exc.messages[0].message, block=True)
            + Markup("</div>")
        )
        return _form_page(ctx, title, state, form, notice=notice)
    query = {"redirect": "no"} if _is_redirect(form.text) else None
    del outcome
    return Redirect(ctx.url(title, query), status=303)


def _is_redirect(text: str) -> bool:
    from ...services.pageupdater import redirect_target

    return redirect_target(text) is not None


def _form_page(
    ctx: WebContext,
    title: Title,
    state: PageState,
    form: _Form,
    *,
    notice: Markup | None = None,
    preview: Markup | None = None,
    conflict: Markup | None = None,
    heading_key: str | None = None,
) -> PageOutput:
    wiki = ctx.wiki
    p = ctx.performer
    key = heading_key or ("editing" if state.exists else "creating")
    anon_warning = None
    if p.is_anon:
        login = ctx.full_url(ctx.url("Special:UserLogin", {"returnto": wiki.prefixed(title)}))
        create = ctx.full_url(ctx.url("Special:CreateAccount", {"returnto": wiki.prefixed(title)}))
        anon_warning = ctx.msg_html("anoneditwarning", login, create, block=True)
    save_key = "publishchanges" if state.exists else "publishpage"
    body = render_template(
        "edit.html",
        ctx=ctx,
        action=ctx.url(title, {"action": "submit"}),
        form=form,
        notice=notice,
        preview=preview,
        conflict=conflict,
        anon_warning=anon_warning,
        can_minor=p.is_registered and p.allowed("minoredit") and state.exists,
        can_watch=p.is_registered,
        token=ctx.token("csrf"),
        save_label=ctx.msg(save_key),
        cancel_url=ctx.url(title),
        title_key=wiki.titles.prefixed_dbkey(title),
    )
    return PageOutput(
        title=ctx.msg(key, wiki.prefixed(title)),
        body=body,
        context_title=title,
        action="edit",
        page_id=state.page_id,
        cur_revision_id=state.latest_id,
        robots="noindex,nofollow",
    )


def _conflict(ctx: WebContext, title: Title, form: _Form) -> PageOutput:
    """EditPage::showConflict(): the stored text on top, the differences, your text below."""
    state = ctx.wiki.db.read(lambda conn: load_page(conn, title))
    current = ""
    if state.latest is not None:
        current = latest_text(ctx, state)[0]
        if form.section and form.section != "new":
            current = editcontent.section_of(current, form.section) or ""
    mine = form.text
    form.text = current
    form.edittime = state.latest["rev_timestamp"] if state.latest else ""
    form.base_rev = state.latest_id
    explain = ctx.msg_html("explainconflict", ctx.msg("publishchanges"), block=True)
    conflict = render_template(
        "edit_conflict.html",
        ctx=ctx,
        diff=diff_table(ctx, current, mine),
        mine=mine,
    )
    return _form_page(
        ctx, title, state, form, notice=explain, conflict=conflict, heading_key="editconflict"
    )


def _view_source(
    ctx: WebContext, title: Title, state: PageState | None, errors: list[Message]
) -> PageOutput:
    """EditPage::displayViewSourcePage(): the reasons and the source, read-only."""
    wiki = ctx.wiki
    exists = state is not None and state.exists
    action = "edit" if exists else "createpage"
    intro = ctx.msg_html(
        "permissionserrorstext-withaction", len(errors), ctx.msg(f"action-{action}"), block=True
    )
    reasons = Markup("").join(ctx.parse(m, block=True) for m in errors)
    text = ""
    if state is not None and state.latest is not None:
        text = latest_text(ctx, state)[0]
    body = intro + Markup('<div class="permissions-errors">') + reasons + Markup("</div>")
    if exists:
        body += Markup("<p>") + Markup(ctx.msg_html("viewsourcetext")) + Markup("</p>")
        body += render_template("textarea.html", text=text, name="wpTextbox1")
    body += return_to(ctx, title)
    key = "viewsource-title" if exists else "permissionserrors"
    return PageOutput(
        title=ctx.msg(key, wiki.prefixed(title)) if exists else ctx.msg(key),
        body=body,
        context_title=title,
        action="edit",
        robots="noindex,nofollow",
    )
