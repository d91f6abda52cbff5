"""list=watchlist (Mirrors ApiQueryWatchlist): recent changes to watched pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ....services import timestamps
from ....storage.queries import rc_list as rcq
from ....storage.queries import revisions_list as rq
from ...errors import die
from ...params import Param
from .base import LIMIT_BIG1, LIMIT_BIG2, QueryGenerator
from .changes import format_change
from .recentchanges import direction_param, split_continue
from .revisions_common import (
    RC_TYPES,
    hidden_log_bitmask,
    hidden_user_bitmask,
    use_np_patrol,
    use_rc_patrol,
)
from .watchlist_owner import watchlist_owner

if TYPE_CHECKING:
    from ...request import ApiRequest
    from .pageset import PageSet

PROPS = (
    "ids",
    "title",
    "flags",
    "user",
    "userid",
    "comment",
    "parsedcomment",
    "timestamp",
    "patrol",
    "sizes",
    "notificationtimestamp",
    "loginfo",
    "tags",
    "expiry",
)
SHOW = (
    "minor",
    "!minor",
    "bot",
    "!bot",
    "anon",
    "!anon",
    "patrolled",
    "!patrolled",
    "autopatrolled",
    "!autopatrolled",
    "unread",
    "!unread",
)
CONFLICTS = (
    ("minor", "!minor"),
    ("bot", "!bot"),
    ("anon", "!anon"),
    ("patrolled", "!patrolled"),
    ("autopatrolled", "!autopatrolled"),
    ("autopatrolled", "!patrolled"),
    ("unread", "!unread"),
)
PATROL_FILTERS = frozenset({"patrolled", "!patrolled", "autopatrolled", "!autopatrolled"})


class WatchlistModule(QueryGenerator):
    name = "watchlist"
    group = "list"
    prefix = "wl"
    classname = "ApiQueryWatchlist"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Watchlist",)
    examples = (
        ("action=query&list=watchlist", "apihelp-query+watchlist-example-simple"),
        (
            "action=query&list=watchlist&wlprop=ids|title|timestamp|user|comment",
            "apihelp-query+watchlist-example-props",
        ),
        (
            "action=query&list=watchlist&wlprop=ids|title|timestamp|user|comment|expiry",
            "apihelp-query+watchlist-example-expiry",
        ),
        (
            "action=query&list=watchlist&wlallrev=&wlprop=ids|title|timestamp|user|comment",
            "apihelp-query+watchlist-example-allrev",
        ),
        ("action=query&generator=watchlist&prop=info", "apihelp-query+watchlist-example-generator"),
        (
            "action=query&generator=watchlist&gwlallrev=&prop=revisions&rvprop=timestamp|user",
            "apihelp-query+watchlist-example-generator-rev",
        ),
        (
            "action=query&list=watchlist&wlowner=Example&wltoken=123ABC",
            "apihelp-query+watchlist-example-wlowner",
        ),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param("allrev", "boolean"),
        Param("start", "timestamp"),
        Param("end", "timestamp"),
        Param("namespace", "namespace", multi=True),
        Param("user", "user", user_types=("name", "ip", "id", "interwiki")),
        Param("excludeuser", "user", user_types=("name", "ip", "id", "interwiki")),
        direction_param(),
        Param("limit", "limit", default="10", min=1, max=LIMIT_BIG1, max2=LIMIT_BIG2),
        Param("prop", "enum", multi=True, values=PROPS, default="ids|title|flags"),
        Param("show", "enum", multi=True, values=SHOW),
        Param(
            "type", "enum", multi=True, values=tuple(RC_TYPES), default="edit|new|log|categorize"
        ),
        Param("owner", "user", user_types=("name",)),
        Param("token", "string", sensitive=True),
        Param("continue", "string", help="api-help-param-continue"),
    )

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        self._run(req, params, None)

    def execute_generator(self, req: ApiRequest, params: dict[str, Any], result: PageSet) -> None:
        self._run(req, params, result)

    def _run(self, req: ApiRequest, params: dict[str, Any], result: PageSet | None) -> None:
        """Mirrors ApiQueryWatchlist::run()."""
        owner_id, _ = watchlist_owner(req, params)
        props: set[str] = set()
        if params["prop"] is not None and result is None:
            props = set(params["prop"])
            if "patrol" in props and not use_rc_patrol(req) and not use_np_patrol(req):
                die("apierror-permissiondenied-patrolflag", code="patrol")
        limit = int(params["limit"])
        q = rcq.WatchlistQuery(
            limit=limit,
            newer=params["dir"] == "newer",
            start=params["start"] or None,
            end=params["end"] or None,
            owner=owner_id,
            all_revisions=bool(params["allrev"]),
            now_ts=timestamps.mw_now(),
        )
        if params["continue"] is not None:
            q.cont = split_continue(type(self), params["continue"])
        if params["namespace"] is not None:
            q.namespaces = list(params["namespace"]) or None
        show = set(params["show"] or [])
        if show:
            if any(a in show and b in show for a, b in CONFLICTS):
                die("apierror-show")
            patroller = use_rc_patrol(req) or use_np_patrol(req)
            if show & PATROL_FILTERS and not patroller:
                die("apierror-permissiondenied-patrolflag", code="permissiondenied")
            q.show = show
        if params["type"]:
            q.types = [RC_TYPES[t] for t in params["type"]]
        self.require_max_one(req, params, "user", "excludeuser")
        q.user, q.exclude_user = params["user"], params["excludeuser"]
        q.hidden_user_mask = hidden_user_bitmask(req.performer)
        q.hidden_log_mask = hidden_log_bitmask(req.performer)
        rows = req.wiki.db.read(lambda c: rcq.watchlist_changes(c, q))
        if len(rows) > limit:
            extra = rows[limit]
            self.set_continue(req, "continue", f"{extra['rc_timestamp']}|{extra['rc_id']}")
            rows = rows[:limit]
        if result is not None:
            if params["allrev"]:
                result.populate_from_revision_ids([int(r["rc_this_oldid"]) for r in rows])
            else:
                result.populate_from_page_ids([int(r["rc_cur_id"]) for r in rows])
            return
        tags: dict[int, list[str]] = {}
        if "tags" in props:
            ids = [int(r["rc_id"]) for r in rows]
            tags = req.wiki.db.read(lambda c: rq.tag_summaries(c, "rc", ids))
        out = self.output(req).setdefault(self.name, [])
        for row in rows:
            out.append(format_change(req, row, props, tags.get(int(row["rc_id"])), watchlist=True))
