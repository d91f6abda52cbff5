"""Rollback links (Mirrors Linker::generateRollback(), buildRollbackLink() and
getRollbackEditCount(); web-ui.md §1-2).

A listing asks :class:`RollbackLinks` for the pages it will link, then renders each link
from the prefetched windows: one query for the whole listing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape
from sqlalchemy import Connection

from ..i18n.messages import Num
from ..services.authorize import RIGOR_QUICK, Authorizer
from ..services.rollback import DELETED_TEXT, DELETED_USER
from ..services.titles import Title
from ..storage.queries import web_history as hq
from .context import WebContext
from .linker import attrs

NOT_SHOWN = -1


def edit_count(
    window: list[dict[str, Any]], author: str, limit: int, *, verify: bool
) -> int | None:
    """Mirrors Linker::getRollbackEditCount(): consecutive top edits by ``author``.

    ``None`` means "no link" (only with ``verify``): the revision to restore is hidden, or
    the author is the only one in a window that was not exhausted.
    """
    count = 0
    more = False
    for row in window:
        if row["actor_name"] != author:
            if verify and row["rev_deleted"] & (DELETED_TEXT | DELETED_USER):
                return None
            more = True
            break
        count += 1
    if verify and count <= limit and not more:
        return None
    return count


class RollbackLinks:
    """Rollback links for one request."""

    def __init__(self, ctx: WebContext, *, suppress_count: bool = False) -> None:
        self.ctx = ctx
        self.limit = ctx.wiki.config.show_rollback_edit_count
        # $wgMiserMode hides the count on Special:RecentChanges and Special:Watchlist.
        self.suppress_count = suppress_count and ctx.wiki.config.miser_mode
        self.windows: dict[int, list[dict[str, Any]]] = {}
        self._allowed: dict[tuple[int, str], bool] = {}
        self._quick: Authorizer | None = None
        self.used = False

    def preload_pages(self, conn: Connection, pages: Iterable[tuple[Title, int]]) -> None:
        """Load what the permission checks need for many pages in two queries (instead of
        two per page): their rows and their protection."""
        self._authorizer(conn).preload(pages)

    def _authorizer(self, conn: Connection) -> Authorizer:
        if self._quick is None or self._quick.conn is not conn:
            ctx = self.ctx
            self._quick = Authorizer(conn, ctx.wiki, ctx.performer, rigor=RIGOR_QUICK)
        return self._quick

    def allowed(self, conn: Connection, title: Title, rights: Iterable[str]) -> bool:
        """Authority::probablyCan() for each right (quick rigor), cached per page."""
        wanted = tuple(rights)
        if not self.ctx.performer.allowed(*wanted):
            return False  # the common case needs no query at all
        cache_key = (title.namespace, title.dbkey + "|" + ",".join(wanted))
        if cache_key not in self._allowed:
            authorizer = self._authorizer(conn)
            self._allowed[cache_key] = all(authorizer.can(right, title) for right in wanted)
        return self._allowed[cache_key]

    def prefetch(self, conn: Connection, page_ids: Iterable[int]) -> None:
        ids = [i for i in set(page_ids) if i not in self.windows]
        if ids and self.limit > 0:
            self.windows.update(hq.rollback_windows(conn, ids, self.limit + 1))

    def link(
        self,
        title: Title,
        page_id: int,
        author: str,
        *,
        author_hidden: bool = False,
        verify: bool = False,
    ) -> Markup:
        """The ``<span class="mw-rollback-link">`` for the page's top revision, or nothing."""
        ctx = self.ctx
        count: int | None = None
        counting = self.limit > 0 and not self.suppress_count
        # With $wgShowRollbackEditCount off nothing is counted, so nothing is verified either.
        if self.limit > 0 and (verify or counting):
            # The window is compared with the raw author name, hidden or not.
            count = edit_count(self.windows.get(page_id, []), author, self.limit, verify=verify)
            if verify and count is None:
                return Markup("")
        if counting and count is not None and count > self.limit:
            label = ctx.msg_html("rollbacklinkcount-morethan", Num(self.limit))
        elif counting and count:
            label = ctx.msg_html("rollbacklinkcount", Num(count))
        else:
            label = Markup(escape(ctx.msg("rollbacklink")))
        query = {
            "action": "rollback",
            "from": "" if author_hidden else author,
            "token": ctx.token("rollback"),
        }
        if ctx.get_bool("bot"):
            query["hidediff"] = "1"  # T17999
            query["bot"] = "1"
        href = ctx.url(title, query)
        self.used = True
        return Markup(
            '<span class="mw-rollback-link"><a'
            f"{attrs(href=href, title=ctx.msg('tooltip-rollback'), data_mw='interface')}>"
            f"{label}</a></span>"
        )
