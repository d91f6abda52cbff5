"""list=usercontribs (Mirrors ApiQueryUserContribs)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ....services import ip as iputils
from ....services import timestamps
from ....services.titles import Title
from ....storage.queries import revisions_list as rq
from ...errors import die
from ...params import Param
from .base import LIMIT_BIG1, LIMIT_BIG2, QuerySubmodule
from .recentchanges import direction_param
from .revisions import parse_continue_timestamp
from .revisions_common import (
    DELETED_COMMENT,
    DELETED_RESTRICTED,
    DELETED_TEXT,
    DELETED_USER,
    PRC_AUTOPATROLLED,
    PRC_UNPATROLLED,
    can_view,
    hidden_user_bitmask,
    parsed_comment,
    use_np_patrol,
    use_rc_patrol,
)

if TYPE_CHECKING:
    from ...request import ApiRequest

PROPS = (
    "ids",
    "title",
    "timestamp",
    "comment",
    "parsedcomment",
    "size",
    "sizediff",
    "flags",
    "patrolled",
    "tags",
)
SHOW = (
    "minor",
    "!minor",
    "patrolled",
    "!patrolled",
    "autopatrolled",
    "!autopatrolled",
    "top",
    "!top",
    "new",
    "!new",
)
CONFLICTS = (
    ("minor", "!minor"),
    ("patrolled", "!patrolled"),
    ("autopatrolled", "!autopatrolled"),
    ("autopatrolled", "!patrolled"),
    ("top", "!top"),
    ("new", "!new"),
)
PATROL_FILTERS = frozenset({"patrolled", "!patrolled", "autopatrolled", "!autopatrolled"})
# $wgRangeContributionsCIDRLimit (1.39 default).
CIDR_LIMITS = {"IPv4": 16, "IPv6": 32}


class UserContribsModule(QuerySubmodule):
    name = "usercontribs"
    group = "list"
    prefix = "uc"
    classname = "ApiQueryUserContribs"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Usercontribs",)
    examples = (
        (
            "action=query&list=usercontribs&ucuser=Example",
            "apihelp-query+usercontribs-example-user",
        ),
        (
            "action=query&list=usercontribs&ucuserprefix=192.0.2.",
            "apihelp-query+usercontribs-example-ipprefix",
        ),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param("limit", "limit", default="10", min=1, max=LIMIT_BIG1, max2=LIMIT_BIG2),
        Param("start", "timestamp"),
        Param("end", "timestamp"),
        Param("continue", "string", help="api-help-param-continue"),
        Param("user", "user", multi=True, user_types=("name", "ip", "interwiki")),
        Param("userids", "integer", multi=True),
        Param("userprefix", "string"),
        Param("iprange", "string"),
        direction_param(),
        Param("namespace", "namespace", multi=True),
        Param(
            "prop",
            "enum",
            multi=True,
            values=PROPS,
            default="ids|title|timestamp|comment|size|flags",
        ),
        Param("show", "enum", multi=True, values=SHOW),
        Param("tag", "string"),
        Param("toponly", "boolean", deprecated=True),
    )

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        """Mirrors ApiQueryUserContribs::execute()."""
        props = set(params["prop"] or [])
        newer = params["dir"] == "newer"
        req.require_one_of(params, "userprefix", "userids", "iprange", "user", prefix=self.prefix)
        actors, order_by, multi, batched = self._actors(req, params, newer)
        if batched:
            # Several named users (or ids) are queried together, ordered by actor.
            order_by = "actor"
        out = self.output(req).setdefault(self.name, [])
        if not actors:
            return
        q = rq.ContribsQuery(
            actor_ids=[int(a["actor_id"]) for a in actors],
            limit=int(params["limit"]),
            order_by=order_by if multi else "none",
            newer=newer,
            start=params["start"],
            end=params["end"],
            namespaces=list(params["namespace"]) if params["namespace"] else None,
            hidden_user_mask=hidden_user_bitmask(req.performer),
        )
        if params["continue"] is not None:
            q.cont = self._continuation(params["continue"], multi, q.order_by)
        show = set(params["show"] or [])
        if params["toponly"]:
            show.add("top")
        if any(a in show and b in show for a, b in CONFLICTS):
            die("apierror-show")
        q.show = show
        if show & PATROL_FILTERS or "patrolled" in props:
            if not use_rc_patrol(req) and not use_np_patrol(req):
                die("apierror-permissiondenied-patrolflag", code="permissiondenied")
            q.patrol_join = True
        if params["tag"] is not None:
            q.tag = req.wiki.db.read(lambda c: rq.tag_id(c, params["tag"]))
            q.has_tag = q.tag is not None
        rows = req.wiki.db.read(lambda c: rq.contributions(c, q))
        limit = q.limit
        if len(rows) > limit:
            self.set_continue(req, "continue", _continue_str(rows[limit], multi, q.order_by))
            rows = rows[:limit]
        out.extend(self._format_rows(req, rows, props))

    # -- users -----------------------------------------------------------------------------

    def _actors(
        self, req: ApiRequest, params: dict[str, Any], newer: bool
    ) -> tuple[list[dict[str, Any]], str, bool, bool]:
        """The actors to list, how they are ordered, whether that is "multi-user mode" and
        whether MediaWiki would query them in one batch."""
        db = req.wiki.db
        if params["userprefix"] is not None:
            prefix = params["userprefix"]
            start = self._continue_key(params, "name")
            actors = db.read(
                lambda c: rq.actors_by_prefix(c, prefix, 5000, from_name=start, newer=newer)
            )
            return actors, "name", True, False
        if params["userids"] is not None:
            ids = list(params["userids"])
            if not ids:
                encoded = self.prefix + "userids"
                die("apierror-paramempty", encoded, code=f"paramempty_{encoded}")
            for uid in ids:
                if uid <= 0:
                    die("apierror-invaliduserid", uid, code="invaliduserid")
            actors = db.read(lambda c: rq.actors_by_user_ids(c, ids))
            return actors, "id", len(ids) > 1, len(ids) > 1
        if params["iprange"] is not None:
            return self._range_actors(req, params["iprange"], params, newer), "name", True, False
        names = list(params["user"] or [])
        if not names or "" in names:
            encoded = self.prefix + "user"
            die("apierror-paramempty", encoded, code=f"paramempty_{encoded}")
        actors = db.read(lambda c: rq.actors_by_names(c, names))
        return actors, "name", len(set(names)) > 1, len(set(names)) > 1

    def _range_actors(
        self, req: ApiRequest, ip_range: str, params: dict[str, Any], newer: bool
    ) -> list[dict[str, Any]]:
        """IP addresses with edits in the range (MediaWiki reads ip_changes for this)."""
        if iputils.is_ipv4(ip_range):
            kind = "IPv4"
        elif iputils.is_ipv6(ip_range):
            kind = "IPv6"
        else:
            die("apierror-invalidiprange", ip_range, code="invalidiprange")
        parsed = iputils.parse_cidr(ip_range)
        if parsed is None:
            die("apierror-invalidiprange", ip_range, code="invalidiprange")
        assert parsed is not None
        if parsed[1] < CIDR_LIMITS[kind]:
            die("apierror-cidrtoobroad", kind, CIDR_LIMITS[kind])
        bounds = iputils.parse_range(ip_range)
        if bounds is None:
            die("apierror-invalidiprange", ip_range, code="invalidiprange")
        assert bounds is not None
        low, high = bounds
        start = self._continue_key(params, "name")
        if start is not None:
            start_hex = iputils.to_hex(start)
            self.die_continue_if(start_hex is None)
            assert start_hex is not None
            if newer:
                low = start_hex
            else:
                high = start_hex
        found = []
        for row in req.wiki.db.read(rq.anonymous_actors):
            hexed = iputils.to_hex(row["actor_name"])
            if hexed is not None and len(hexed) == len(low) and low <= hexed <= high:
                found.append(row)
        return found

    def _continue_key(self, params: dict[str, Any], mode: str) -> str | None:
        raw = params["continue"]
        if raw is None:
            return None
        parts = str(raw).split("|")
        self.die_continue_if(len(parts) != 4)
        self.die_continue_if(parts[0] != mode)
        return parts[1]

    def _continuation(self, raw: str, multi: bool, order_by: str) -> tuple[Any, str, int]:
        parts = raw.split("|")
        key: Any = None
        if multi:
            self.die_continue_if(len(parts) != 4)
            mode = parts.pop(0)
            self.die_continue_if(mode != order_by)
            key = parts.pop(0)
            if order_by in ("actor", "id"):
                self.die_continue_if(not key.lstrip("-").isdigit())
                key = int(key)
        else:
            self.die_continue_if(len(parts) != 2)
        stamp = parse_continue_timestamp(parts[0])
        self.die_continue_if(stamp is None or not parts[1].strip().lstrip("+-").isdigit())
        assert stamp is not None
        return key, stamp, int(parts[1])

    # -- output ------------------------------------------------------------------------------

    def _format_rows(
        self, req: ApiRequest, rows: list[dict[str, Any]], props: set[str]
    ) -> list[dict[str, Any]]:
        parents = [int(r["rev_parent_id"]) for r in rows if r["rev_parent_id"]]
        ids = [int(r["rev_id"]) for r in rows]
        extra: dict[str, Any] = {}

        def load(conn: Any) -> None:
            if "sizediff" in props:
                extra["sizes"] = rq.revision_sizes(conn, parents)
            if "tags" in props:
                extra["tags"] = rq.tag_summaries(conn, "rev", ids)

        req.wiki.db.read(load)
        return [self._row(req, row, props, extra) for row in rows]

    def _row(
        self, req: ApiRequest, row: dict[str, Any], props: set[str], extra: dict[str, Any]
    ) -> dict[str, Any]:
        """Mirrors ApiQueryUserContribs::extractRowInfo()."""
        performer = req.performer
        bits = int(row["rev_deleted"])
        vals: dict[str, Any] = {}
        any_hidden = False
        if bits & DELETED_TEXT:
            vals["texthidden"] = True
            any_hidden = True
        vals["userid"] = int(row["actor_user"] or 0)
        vals["user"] = row["actor_name"]
        if bits & DELETED_USER:
            vals["userhidden"] = True
            any_hidden = True
        if "ids" in props:
            vals["pageid"] = int(row["rev_page"])
            vals["revid"] = int(row["rev_id"])
            vals["parentid"] = int(row["rev_parent_id"])
        title = Title(int(row["page_namespace"]), str(row["page_title"]).replace("_", " "))
        if "title" in props:
            vals["ns"] = title.namespace
            vals["title"] = req.wiki.titles.prefixed_text(title)
        if "timestamp" in props:
            vals["timestamp"] = timestamps.to_iso(row["rev_timestamp"])
        if "flags" in props:
            vals["new"] = int(row["rev_parent_id"]) == 0
            vals["minor"] = bool(row["rev_minor_edit"])
            vals["top"] = int(row["page_latest"]) == int(row["rev_id"])
        if "comment" in props or "parsedcomment" in props:
            if bits & DELETED_COMMENT:
                vals["commenthidden"] = True
                any_hidden = True
            if can_view(performer, bits, DELETED_COMMENT):
                comment = row["rev_comment"] or ""
                if "comment" in props:
                    vals["comment"] = comment
                if "parsedcomment" in props:
                    vals["parsedcomment"] = parsed_comment(req, comment, title)
        if "patrolled" in props:
            patrolled = int(row.get("rc_patrolled") or 0)
            vals["patrolled"] = patrolled != PRC_UNPATROLLED
            vals["autopatrolled"] = patrolled == PRC_AUTOPATROLLED
        if "size" in props:
            vals["size"] = int(row["rev_len"])
        if "sizediff" in props:
            parent = int(row["rev_parent_id"])
            vals["sizediff"] = int(row["rev_len"]) - extra.get("sizes", {}).get(parent, 0)
        if "tags" in props:
            vals["tags"] = list(extra.get("tags", {}).get(int(row["rev_id"]), []))
        if any_hidden and bits & DELETED_RESTRICTED:
            vals["suppressed"] = True
        return vals


def _continue_str(row: dict[str, Any], multi: bool, order_by: str) -> str:
    """Mirrors ApiQueryUserContribs::continueStr()."""
    tail = f"{row['rev_timestamp']}|{int(row['rev_id'])}"
    if not multi:
        return tail
    if order_by == "id":
        return f"id|{int(row['actor_user'] or 0)}|{tail}"
    if order_by == "name":
        return f"name|{row['actor_name']}|{tail}"
    return f"actor|{int(row['rev_actor'])}|{tail}"
