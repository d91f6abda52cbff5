"""list=watchlistraw (Mirrors ApiQueryWatchlistRaw): the titles on a watchlist."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ....services import timestamps
from ....services.titles import Title
from ....storage.queries import watchlist_list as wq
from ...errors import die
from ...params import Param
from .base import LIMIT_BIG1, LIMIT_BIG2, QueryGenerator
from .watchlist_owner import watchlist_owner

if TYPE_CHECKING:
    from ...request import ApiRequest
    from .pageset import PageSet


class WatchlistRawModule(QueryGenerator):
    name = "watchlistraw"
    group = "list"
    prefix = "wr"
    classname = "ApiQueryWatchlistRaw"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Watchlistraw",)
    examples = (
        ("action=query&list=watchlistraw", "apihelp-query+watchlistraw-example-simple"),
        (
            "action=query&generator=watchlistraw&gwrshow=changed&prop=info",
            "apihelp-query+watchlistraw-example-generator",
        ),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param("continue", "string", help="api-help-param-continue"),
        Param("namespace", "namespace", multi=True),
        Param("limit", "limit", default="10", min=1, max=LIMIT_BIG1, max2=LIMIT_BIG2),
        Param("prop", "enum", multi=True, values=("changed",)),
        Param("show", "enum", multi=True, values=("changed", "!changed")),
        Param("owner", "user", user_types=("name",)),
        Param("token", "string", sensitive=True),
        Param("dir", "enum", values=("ascending", "descending"), default="ascending"),
        Param("fromtitle", "string"),
        Param("totitle", "string"),
    )

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        self._run(req, params, None)

    def execute_generator(self, req: ApiRequest, params: dict[str, Any], result: PageSet) -> None:
        self._run(req, params, result)

    def _run(self, req: ApiRequest, params: dict[str, Any], result: PageSet | None) -> None:
        """Mirrors ApiQueryWatchlistRaw::run()."""
        user_id, _ = watchlist_owner(req, params)
        props = set(params["prop"] or [])
        show = set(params["show"] or [])
        if "changed" in show and "!changed" in show:
            die("apierror-show")
        limit = int(params["limit"])
        q = wq.WatchedTitlesQuery(
            user_id=user_id,
            now_ts=timestamps.mw_now(),
            limit=limit,
            descending=params["dir"] == "descending",
            namespaces=list(params["namespace"]) if params["namespace"] else None,
        )
        if "changed" in show:
            q.changed = True
        if "!changed" in show:
            q.changed = False
        if params["continue"] is not None:
            parts = str(params["continue"]).split("|")
            self.die_continue_if(len(parts) != 2)
            ns_text, dbkey = parts
            self.die_continue_if(not _is_php_int(ns_text) or not _valid_key(dbkey))
            q.start_from = (int(ns_text), dbkey)
        if params["fromtitle"] is not None:
            start = self.parse_prefixed_title_part(req, params["fromtitle"])
            q.from_title = (start.namespace, start.dbkey)
        if params["totitle"] is not None:
            end = self.parse_prefixed_title_part(req, params["totitle"])
            q.until_title = (end.namespace, end.dbkey)
        rows = req.wiki.db.read(lambda c: wq.watched_titles(c, q))
        if len(rows) > limit:
            extra = rows[limit]
            self.set_continue(req, "continue", f"{extra['wl_namespace']}|{extra['wl_title']}")
            rows = rows[:limit]
        titles = [Title(r["wl_namespace"], r["wl_title"].replace("_", " ")) for r in rows]
        if result is not None:
            result.populate_from_titles(titles)
            return
        # ApiQueryWatchlistRaw writes to the top level, not under "query" (1.39 quirk).
        out = req.result.data.setdefault(self.name, [])
        for row, title in zip(rows, titles, strict=True):
            vals: dict[str, Any] = {
                "ns": title.namespace,
                "title": req.wiki.titles.prefixed_text(title),
            }
            if "changed" in props and row["wl_notificationtimestamp"] is not None:
                vals["changed"] = timestamps.to_iso(row["wl_notificationtimestamp"])
            out.append(vals)


def _is_php_int(text: str) -> bool:
    """``strval((int)$x) === $x``."""
    try:
        return str(int(text)) == text
    except ValueError:
        return False


def _valid_key(dbkey: str) -> bool:
    """TitleValue::tryNew(): a non-empty DB key without edge spaces or line breaks."""
    if dbkey == "" or any(ch in dbkey for ch in "\r\n\t"):
        return False
    return not (dbkey.startswith(("_", " ")) or dbkey.endswith(("_", " ")))
