"""Special:Log[/type] (Mirrors SpecialLog and LogEventsList::logLine()).

Filters: ``type`` (or the subpage), ``user`` (the performer) and ``page`` (the target).
Rollbacks write no log entry (web-ui.md §5); content-model changes do.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from ...services import timestamps
from ...services.namespaces import NS_SPECIAL
from ...services.titles import MalformedTitle, Title
from ...storage.queries import tags as tq
from ...storage.queries import users as uq
from ...storage.queries import web_changes as cq
from ..comments import format_comments
from ..context import WebContext
from ..linker import attrs, comment_html, links, preload_users, tag_summary
from ..logformat import LOG_HEADERS, LOG_NAMES, action_text, log_name
from ..output import PageOutput, render_template
from ..pager import Offset, fetch_page, navigation

DELETED_COMMENT = 2
# Logs only some users may read ($wgLogRestrictions).
RESTRICTED = {"suppress": "suppressionlog"}


def log(ctx: WebContext, sub: str | None) -> PageOutput:
    wiki = ctx.wiki
    log_type = (ctx.get("type") or sub or "").strip().lower()
    if "/" in log_type:
        log_type, _, rest = log_type.partition("/")
        if not ctx.get("user"):
            ctx.params.values["user"] = rest
    if log_type not in LOG_NAMES:
        log_type = ""
    hidden_types = [t for t, right in RESTRICTED.items() if not ctx.performer.allowed(right)]
    if log_type in hidden_types:
        log_type = ""
    user = (ctx.get("user") or "").strip()
    page = (ctx.get("page") or "").strip()
    actor_id: int | None = None
    none_match = False
    if user:
        canonical = wiki.usernames.get_canonical(user, "valid") or user
        actor_id = wiki.db.read(lambda conn: uq.actor_id_for(conn, canonical))
        none_match = actor_id is None
    target: tuple[int, str] | None = None
    if page:
        try:
            t = wiki.titles.parse(page)
            target = (t.namespace, t.dbkey)
        except MalformedTitle:
            none_match = True

    def fetch(offset: Offset | None, older: bool, limit: int) -> list[dict[str, Any]]:
        if none_match:
            return []
        rows: list[dict[str, Any]] = wiki.db.read(
            lambda conn: cq.log_entries(
                conn,
                limit,
                offset,
                older=older,
                log_type=log_type or None,
                performer_actor=actor_id,
                target=target,
                hide_types=hidden_types,
            )
        )
        return rows

    pager = fetch_page(ctx, fetch, lambda r: (r["log_timestamp"], int(r["log_id"])))
    rows = pager.rows
    tags = wiki.db.read(lambda conn: tq.tags_for_logs(conn, [r["log_id"] for r in rows]))
    titles = [_target(ctx, r) for r in rows]
    preload_users(
        ctx, [r["actor_name"] for r in rows] + [t.text for t in titles if t.namespace == 2]
    )
    links(ctx).preload(titles)
    comments = format_comments(
        wiki,
        [
            ("" if r["log_deleted"] & DELETED_COMMENT else r["log_comment"], titles[i])
            for i, r in enumerate(rows)
        ],
    )
    lines = [_line(ctx, r, comments[i], tags.get(int(r["log_id"]), [])) for i, r in enumerate(rows)]
    heading = log_name(ctx, log_type) if log_type else ctx.msg("log")
    header_key = LOG_HEADERS.get(log_type) if log_type else "alllogstext"
    intro = ctx.msg_html(header_key, block=True) if header_key else Markup("")
    query = {"type": log_type, "user": user, "page": page}
    target_title = Title(NS_SPECIAL, "Log")
    body = intro + render_template(
        "log.html",
        ctx=ctx,
        script=wiki.script_url(),
        types=[("", ctx.msg("log"))]
        + sorted(
            ((t, log_name(ctx, t)) for t in LOG_NAMES if t not in hidden_types),
            key=lambda x: x[1],
        ),
        selected=log_type,
        user=user,
        page=page,
        lines=lines,
        nav=navigation(ctx, pager, target_title, query, first_last=False),
        empty=ctx.msg("logempty"),
    )
    return PageOutput(title=heading, body=body, robots="noindex,nofollow")


def _target(ctx: WebContext, row: dict[str, Any]) -> Title:
    made = ctx.wiki.titles.make(int(row["log_namespace"]), str(row["log_title"]))
    return made if made is not None else Title(0, str(row["log_title"]))


def _line(ctx: WebContext, row: dict[str, Any], comment: str, tags: list[str]) -> Markup:
    """LogEventsList::logLine(): time, action text, comment, tags."""
    when = timestamps.format_user_datetime(str(row["log_timestamp"]), ctx.lang)
    text = action_text(ctx, row)
    if row["log_deleted"] & DELETED_COMMENT:
        note = Markup(
            f' <span class="history-deleted comment">'
            f"{escape(ctx.msg('rev-deleted-comment'))}</span>"
        )
    else:
        note = comment_html(comment, parentheses=True)
    li = attrs(
        data_mw_logid=row["log_id"],
        data_mw_logaction=f"{row['log_type']}/{row['log_action']}",
        class_=f"mw-logline-{row['log_type']}" + "".join(f" mw-tag-{t}" for t in tags),
    )
    return Markup(
        f'<li{li}><span class="mw-logevent-time">{escape(when)}</span> {text}{note}'
        f"{tag_summary(ctx, tags)}</li>"
    )
