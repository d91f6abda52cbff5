"""Lines of Special:RecentChanges and Special:Watchlist (Mirrors OldChangesList and
ChangesList's helpers).

Edits of a page's latest revision get a rollback link for viewers who probably can roll
back (web-ui.md §1); log entries are described by :mod:`.logformat`.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape
from sqlalchemy import Connection

from ..services import timestamps
from ..services.titles import Title
from ..storage.queries import tags as tq
from ..storage.queries.web_changes import RC_EDIT, RC_LOG, RC_NEW, log_rows_by_ids
from .comments import format_comments
from .context import WebContext
from .linker import (
    attrs,
    comment_html,
    flag,
    link,
    links,
    preload_users,
    size_delta,
    tag_summary,
    user_link,
    user_tool_links,
)
from .logformat import action_text, log_name
from .rollbacklinks import RollbackLinks

DELETED_COMMENT, DELETED_USER = 2, 4


class ChangesList:
    """Formats a batch of recentchanges rows with one query per kind of extra data."""

    def __init__(self, ctx: WebContext, rows: list[dict[str, Any]]) -> None:
        self.ctx = ctx
        self.rows = rows
        self.rollback = RollbackLinks(ctx, suppress_count=True)
        self.tags: dict[int, list[str]] = {}
        self.logs: dict[int, dict[str, Any]] = {}
        self.linkable: set[int] = set()
        self.comments: list[str] = []
        self.show_patrol = ctx.wiki.config.use_rc_patrol and ctx.performer.allowed_any(
            "patrol", "patrolmarks"
        )

    def title(self, row: dict[str, Any]) -> Title:
        made = self.ctx.wiki.titles.make(int(row["rc_namespace"]), str(row["rc_title"]))
        return made if made is not None else Title(0, str(row["rc_title"]))

    def prepare(self) -> None:
        ctx = self.ctx

        def load(conn: Connection) -> None:
            self.tags = tq.tags_for_rc(conn, [r["rc_id"] for r in self.rows])
            self.logs = log_rows_by_ids(
                conn, [r["rc_logid"] for r in self.rows if r["rc_type"] == RC_LOG]
            )
            candidates = [
                (self.title(row), int(row["rc_cur_id"]))
                for row in self.rows
                if row["rc_type"] == RC_EDIT and row["rc_this_oldid"] == row.get("page_latest")
            ]
            if candidates and self.ctx.performer.allowed("rollback"):
                self.rollback.preload_pages(conn, candidates)
            for row in self.rows:
                if (
                    row["rc_type"] == RC_EDIT
                    and row["rc_this_oldid"]
                    and row["rc_this_oldid"] == row.get("page_latest")
                    and self.rollback.allowed(conn, self.title(row), ("rollback",))
                ):
                    self.linkable.add(int(row["rc_cur_id"]))
            self.rollback.prefetch(conn, self.linkable)

        ctx.wiki.db.read(load)
        names = [r["actor_name"] for r in self.rows]
        names += [self.title(r).text for r in self.rows if r["rc_type"] == RC_LOG]
        preload_users(ctx, names)
        links(ctx).preload(self.title(r) for r in self.rows)
        self.comments = format_comments(
            ctx.wiki,
            [
                ("" if r["rc_deleted"] & DELETED_COMMENT else r["rc_comment"], self.title(r))
                for r in self.rows
            ],
        )

    def days(self) -> list[dict[str, Any]]:
        self.prepare()
        out: list[dict[str, Any]] = []
        for i, row in enumerate(self.rows):
            day = timestamps.format_date(row["rc_timestamp"], self.ctx.lang)
            if not out or out[-1]["day"] != day:
                out.append({"day": day, "lines": []})
            out[-1]["lines"].append(self.line(row, self.comments[i]))
        return out

    def line(self, row: dict[str, Any], comment: str) -> Markup:
        if row["rc_type"] == RC_LOG:
            return self._log_line(row, comment)
        return self._edit_line(row, comment)

    def _time(self, row: dict[str, Any]) -> Markup:
        hh_mm = timestamps.format_time(row["rc_timestamp"], self.ctx.lang)
        return Markup(
            f'<span class="mw-changeslist-date mw-changeslist-time">{escape(hh_mm)}</span>'
        )

    def _user(self, row: dict[str, Any]) -> Markup:
        name = row["actor_name"]
        if row["rc_deleted"] & DELETED_USER:
            return user_link(self.ctx, name, hidden=True)
        return user_link(self.ctx, name) + user_tool_links(self.ctx, name, changeslist=True)

    def _edit_line(self, row: dict[str, Any], comment: str) -> Markup:
        ctx = self.ctx
        title = self.title(row)
        cur_id = int(row["rc_cur_id"])
        this, last = int(row["rc_this_oldid"]), int(row["rc_last_oldid"])
        new = row["rc_type"] == RC_NEW
        diff: Markup | str = (
            ctx.msg("diff")
            if new or not last
            else link(
                ctx,
                title,
                ctx.msg("diff"),
                query={"curid": cur_id, "diff": this, "oldid": last},
                classes="mw-changeslist-diff",
                known=True,
            )
        )
        hist = link(
            ctx,
            title,
            ctx.msg("hist"),
            query={"curid": cur_id, "action": "history"},
            classes="mw-changeslist-history",
            known=True,
        )
        out = Markup(
            f'<div class="mw-changeslist-links"><span>{escape(diff)}</span>'
            f"<span>{hist}</span></div>"
        )
        out += Markup(' <span class="mw-changeslist-separator"></span> ')
        flags: list[Markup] = []
        if new:
            flags.append(flag(ctx, "new"))
        if row["rc_minor"]:
            flags.append(flag(ctx, "minor"))
        if row["rc_bot"]:
            flags.append(flag(ctx, "bot"))
        if self.show_patrol and row["rc_patrolled"] == 0:
            flags.append(flag(ctx, "unpatrolled"))
        if flags:
            out += Markup(" ").join(flags) + Markup(" ")
        out += Markup('<span class="mw-title">') + link(ctx, title, classes="mw-changeslist-title")
        out += Markup('</span>\u200e<span class="mw-changeslist-separator--semicolon"></span> ')
        out += self._time(row)
        out += Markup(' <span class="mw-changeslist-separator"></span> ')
        if row["rc_new_len"] is not None:
            out += size_delta(ctx, row["rc_old_len"], int(row["rc_new_len"]))
        out += Markup('\u200e  <span class="mw-changeslist-separator"></span> \u200e')
        out += self._user(row) + Markup("\u200e")
        out += comment_html(comment, parentheses=True)
        tags = self.tags.get(int(row["rc_id"]), [])
        out += tag_summary(ctx, tags)
        if cur_id in self.linkable and this == row.get("page_latest"):
            out += Markup(" ") + self.rollback.link(
                title,
                cur_id,
                row["actor_name"],
                author_hidden=bool(row["rc_deleted"] & DELETED_USER),
            )
        return self._wrap(row, out, "mw-changeslist-edit", tags)

    def _log_line(self, row: dict[str, Any], comment: str) -> Markup:
        ctx = self.ctx
        log = self.logs.get(int(row["rc_logid"]))
        log_type = str(row["rc_log_type"] or "")
        log_page = link(
            ctx,
            Title(-1, f"Log/{log_type}"),
            log_name(ctx, log_type),
            classes="mw-changeslist-links",
            known=True,
        )
        out = log_page + Markup('<span class="mw-changeslist-separator--semicolon"></span> ')
        out += self._time(row) + Markup(' <span class="mw-changeslist-separator"></span> ')
        text = action_text(ctx, log) if log is not None else Markup("")
        out += Markup('<span class="mw-changeslist-log-entry">') + text
        out += comment_html(comment, parentheses=True) + Markup("</span>")
        tags = self.tags.get(int(row["rc_id"]), [])
        out += tag_summary(ctx, tags)
        return self._wrap(row, out, f"mw-changeslist-log mw-changeslist-log-{log_type}", tags)

    def _wrap(self, row: dict[str, Any], inner: Markup, kind: str, tags: list[str]) -> Markup:
        classes = ["mw-changeslist-line", *kind.split()]
        if row["rc_minor"]:
            classes.append("mw-changeslist-minor")
        if row["rc_bot"]:
            classes.append("mw-changeslist-bot")
        classes += ["mw-tag-" + t for t in tags]
        title = self.ctx.wiki.prefixed(self.title(row))
        li = attrs(
            data_mw_revid=row["rc_this_oldid"] or None,
            data_mw_logid=row["rc_logid"] or None,
            data_mw_ts=row["rc_timestamp"],
            class_=" ".join(classes),
        )
        return (
            Markup(
                f"<li{li}><span{attrs(class_='mw-changeslist-line-inner', data_target_page=title)}>"
            )
            + inner
            + Markup("</span></li>")
        )
