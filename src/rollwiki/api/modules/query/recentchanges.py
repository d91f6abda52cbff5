"""list=recentchanges (Mirrors ApiQueryRecentChanges)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ....services.titles import MalformedTitle, Title
from ....storage.queries import rc_list as rcq
from ....storage.queries import revisions_list as rq
from ...errors import die, escape_wikitext
from ...params import Param
from .base import LIMIT_BIG1, LIMIT_BIG2, QueryGenerator
from .changes import format_change
from .revisions import parse_continue_timestamp
from .revisions_common import (
    RC_TYPES,
    hidden_log_bitmask,
    hidden_user_bitmask,
    use_np_patrol,
    use_rc_patrol,
)

if TYPE_CHECKING:
    from ...request import ApiRequest
    from .pageset import PageSet

PROPS = (
    "user",
    "userid",
    "comment",
    "parsedcomment",
    "flags",
    "timestamp",
    "title",
    "ids",
    "sizes",
    "redirect",
    "patrolled",
    "loginfo",
    "tags",
    "sha1",
)
SHOW = (
    "minor",
    "!minor",
    "bot",
    "!bot",
    "anon",
    "!anon",
    "redirect",
    "!redirect",
    "patrolled",
    "!patrolled",
    "unpatrolled",
    "autopatrolled",
    "!autopatrolled",
)
CONFLICTS = (
    ("minor", "!minor"),
    ("bot", "!bot"),
    ("anon", "!anon"),
    ("redirect", "!redirect"),
    ("patrolled", "!patrolled"),
    ("patrolled", "unpatrolled"),
    ("!patrolled", "unpatrolled"),
    ("autopatrolled", "!autopatrolled"),
    ("autopatrolled", "unpatrolled"),
    ("autopatrolled", "!patrolled"),
)
PATROL_FLAGS = frozenset(
    {"patrolled", "!patrolled", "unpatrolled", "autopatrolled", "!autopatrolled"}
)


def direction_param() -> Param:
    return Param(
        "dir",
        "enum",
        values=("newer", "older"),
        default="older",
        help="api-help-param-direction",
        help_per_value={
            "newer": "api-help-paramvalue-direction-newer",
            "older": "api-help-paramvalue-direction-older",
        },
    )


def split_continue(module: type[QueryGenerator], raw: str) -> tuple[str, int]:
    """A ``timestamp|id`` continuation value, or badcontinue."""
    parts = raw.split("|")
    module.die_continue_if(len(parts) != 2)
    stamp = parse_continue_timestamp(parts[0])
    rc_id = int(parts[1]) if parts[1].strip().lstrip("+-").isdigit() else None
    module.die_continue_if(stamp is None or rc_id is None)
    assert stamp is not None and rc_id is not None
    return stamp, rc_id


class RecentChangesModule(QueryGenerator):
    name = "recentchanges"
    group = "list"
    prefix = "rc"
    classname = "ApiQueryRecentChanges"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Recentchanges",)
    examples = (
        ("action=query&list=recentchanges", "apihelp-query+recentchanges-example-simple"),
        (
            "action=query&generator=recentchanges&grcshow=!patrolled&prop=info",
            "apihelp-query+recentchanges-example-generator",
        ),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param("start", "timestamp"),
        Param("end", "timestamp"),
        direction_param(),
        Param("namespace", "namespace", multi=True, extra={"extra_namespaces": (-2, -1)}),
        Param("user", "user", user_types=("name", "ip", "id", "interwiki")),
        Param("excludeuser", "user", user_types=("name", "ip", "id", "interwiki")),
        Param("tag", "string"),
        Param("prop", "enum", multi=True, values=PROPS, default="title|timestamp|ids"),
        Param("show", "enum", multi=True, values=SHOW),
        Param("limit", "limit", default="10", min=1, max=LIMIT_BIG1, max2=LIMIT_BIG2),
        Param(
            "type", "enum", multi=True, values=tuple(RC_TYPES), default="edit|new|log|categorize"
        ),
        Param("toponly", "boolean"),
        Param("title", "string"),
        Param("continue", "string", help="api-help-param-continue"),
        Param("generaterevisions", "boolean"),
        Param("slot", "enum", values=("main",)),
    )

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        self._run(req, params, None)

    def execute_generator(self, req: ApiRequest, params: dict[str, Any], result: PageSet) -> None:
        self._run(req, params, result)

    def _run(self, req: ApiRequest, params: dict[str, Any], result: PageSet | None) -> None:
        """Mirrors ApiQueryRecentChanges::run()."""
        q = rcq.RecentChangesQuery(limit=int(params["limit"]), newer=params["dir"] == "newer")
        q.start, q.end = params["start"], params["end"]
        if params["continue"] is not None:
            q.cont = split_continue(type(self), params["continue"])
        if params["namespace"] is not None:
            q.namespaces = list(params["namespace"])
        if params["type"] is not None:
            q.types = [RC_TYPES[t] for t in params["type"]]
        if params["title"] is not None:
            q.title = self._title(req, params["title"])
        show = set(params["show"] or [])
        if show:
            if any(a in show and b in show for a, b in CONFLICTS):
                die("apierror-show")
            if show & PATROL_FLAGS and not use_rc_patrol(req) and not use_np_patrol(req):
                die("apierror-permissiondenied-patrolflag", code="permissiondenied")
            q.show = set(show)
            if "unpatrolled" in show and not use_rc_patrol(req):
                q.unpatrolled_new_only = use_np_patrol(req)
        self.require_max_one(req, params, "user", "excludeuser")
        props = set(params["prop"] or [])
        if "patrolled" in props and not use_rc_patrol(req) and not use_np_patrol(req):
            die("apierror-permissiondenied-patrolflag", code="permissiondenied")
        q.user, q.exclude_user = params["user"], params["excludeuser"]
        q.hidden_user_mask = hidden_user_bitmask(req.performer)
        q.top_only = bool(params["toponly"])
        q.with_page = "redirect" in props or bool(show & {"redirect", "!redirect"})
        q.with_sha1 = "sha1" in props
        if params["tag"] is not None:
            q.tag = req.wiki.db.read(lambda c: rq.tag_id(c, params["tag"]))
            q.has_tag = q.tag is not None
        # 1.39 checks the unprefixed "namespace" here (getRequest()->getCheck('namespace')).
        if req.params.peek("namespace") is not None:
            q.hidden_log_mask = hidden_log_bitmask(req.performer)
        if params["slot"] is not None:
            # One slot per revision: a slot "changed" whenever a new/edit row exists.
            wanted = [t for t in (q.types or list(RC_TYPES.values())) if t in (0, 1)]
            q.types = wanted or [-1]
        rows = req.wiki.db.read(lambda c: rcq.recent_changes(c, q))
        self._emit(req, params, props, rows, result)

    def _title(self, req: ApiRequest, text: str) -> tuple[int, str]:
        try:
            title: Title | None = req.wiki.titles.parse(text)
        except MalformedTitle:
            title = None
        if title is None or title.interwiki:
            die("apierror-invalidtitle", escape_wikitext(text))
        assert title is not None
        return (title.namespace, title.dbkey)

    def _emit(
        self,
        req: ApiRequest,
        params: dict[str, Any],
        props: set[str],
        rows: list[dict[str, Any]],
        result: PageSet | None,
    ) -> None:
        limit = int(params["limit"])
        if rows and result is not None:
            first = rows[0]
            self.set_generator_non_continue(
                req, "continue", f"{first['rc_timestamp']}|{first['rc_id']}"
            )
        if len(rows) > limit:
            extra = rows[limit]
            self.set_continue(req, "continue", f"{extra['rc_timestamp']}|{extra['rc_id']}")
            rows = rows[:limit]
        if result is not None:
            if params["generaterevisions"]:
                ids = [int(r["rc_this_oldid"]) for r in rows if int(r["rc_this_oldid"]) > 0]
                result.populate_from_revision_ids(ids)
            else:
                result.populate_from_titles(
                    [Title(r["rc_namespace"], r["rc_title"].replace("_", " ")) for r in rows]
                )
            return
        tags: dict[int, list[str]] = {}
        if "tags" in props:
            ids = [int(r["rc_id"]) for r in rows]
            tags = req.wiki.db.read(lambda c: rq.tag_summaries(c, "rc", ids))
        out = self.output(req).setdefault(self.name, [])
        for row in rows:
            out.append(format_change(req, row, props, tags.get(int(row["rc_id"]))))
