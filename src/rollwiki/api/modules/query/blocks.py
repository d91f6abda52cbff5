"""list=blocks (Mirrors ApiQueryBlocks)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ....services import ip as iputils
from ....services import timestamps
from ....services.blockuser import CIDR_LIMIT_IPV4, CIDR_LIMIT_IPV6, expiry_for_api
from ....storage.queries import blocks as bq
from ....storage.queries import pages as pq
from ...errors import die
from ...params import Param, direction
from .base import QuerySubmodule
from .logevents import parse_continue

if TYPE_CHECKING:
    from ...request import ApiRequest

PROPS = (
    "id",
    "user",
    "userid",
    "by",
    "byid",
    "timestamp",
    "expiry",
    "reason",
    "range",
    "flags",
    "restrictions",
)
SHOW = ("account", "!account", "temp", "!temp", "ip", "!ip", "range", "!range")


class BlocksModule(QuerySubmodule):
    name = "blocks"
    group = "list"
    prefix = "bk"
    classname = "ApiQueryBlocks"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Blocks",)
    examples = (
        ("action=query&list=blocks", "apihelp-query+blocks-example-simple"),
        ("action=query&list=blocks&bkusers=Alice|Bob", "apihelp-query+blocks-example-users"),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param("start", "timestamp"),
        Param("end", "timestamp"),
        direction(),
        Param("ids", "integer", multi=True),
        Param("users", "user", multi=True, user_types=("name", "ip", "cidr")),
        Param("ip", "string"),
        Param("limit", "limit", default="10", min=1, max=500, max2=5000),
        Param(
            "prop",
            "enum",
            values=PROPS,
            multi=True,
            default="id|user|by|timestamp|expiry|reason|flags",
            help_per_value={p: f"apihelp-query+blocks-paramvalue-prop-{p}" for p in PROPS},
        ),
        Param("show", "enum", values=SHOW, multi=True),
        Param("continue", "string", help="api-help-param-continue"),
    )

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        given = [n for n in ("users", "ip") if params[n]]
        if len(given) > 1:
            req.require_one_of(params, *given, prefix=self.prefix)
        props = set(params["prop"] or [])
        cont = parse_continue(params["continue"]) if params["continue"] is not None else None
        ip_range = self.ip_range(params["ip"]) if params["ip"] is not None else None
        show = frozenset(params["show"] or [])
        for flag in ("account", "ip", "range", "temp"):
            if flag in show and f"!{flag}" in show:
                die("apierror-show")
        performer = req.performer

        def run(conn: Any) -> tuple[list[dict[str, Any]], dict[int, list[tuple[int, int]]], Any]:
            rows = bq.list_blocks(
                conn,
                now_ts=timestamps.mw_now(),
                newer=params["dir"] == "newer",
                limit=params["limit"],
                start=params["start"],
                end=params["end"],
                cont=cont,
                ids=params["ids"],
                addresses=params["users"],
                ip_range=ip_range,
                show=show,
                include_hidden=performer.allowed("hideuser"),
            )
            restrictions: dict[int, list[tuple[int, int]]] = {}
            pages: dict[int, dict[str, Any]] = {}
            if "restrictions" in props:
                partial = [r["ipb_id"] for r in rows[: params["limit"]] if not r["ipb_sitewide"]]
                restrictions = bq.restrictions_of(conn, partial)
                page_ids = [v for items in restrictions.values() for k, v in items if k == 1]
                pages = pq.pages_by_ids(conn, page_ids)
            return rows, restrictions, pages

        rows, restrictions, pages = req.wiki.db.read(run)
        out = []
        for count, row in enumerate(rows, start=1):
            if count > params["limit"]:
                self.set_continue(req, "continue", f"{row['ipb_timestamp']}|{row['ipb_id']}")
                break
            out.append(self.row(req, row, props, restrictions.get(row["ipb_id"], []), pages))
        self.output(req)["blocks"] = out

    @staticmethod
    def ip_range(raw: str) -> tuple[str, str, str]:
        """bkip: the hex bounds and the prefix every range block covering it shares."""
        if iputils.is_ipv4(raw):
            kind, limit, prefix_len = "IPv4", CIDR_LIMIT_IPV4, 0
        elif iputils.is_ipv6(raw):
            kind, limit, prefix_len = "IPv6", CIDR_LIMIT_IPV6, 3
        else:
            die("apierror-badip", code="param_ip")
        cidr = iputils.parse_cidr(raw) if "/" in raw else None
        if cidr is not None and cidr[1] < limit:
            die("apierror-cidrtoobroad", kind, limit)
        bounds = iputils.parse_range(raw)
        if bounds is None:
            die("apierror-badip", code="param_ip")
        lower, upper = bounds
        return lower[: prefix_len + limit // 4], lower, upper

    def row(
        self,
        req: ApiRequest,
        row: dict[str, Any],
        props: set[str],
        restrictions: list[tuple[int, int]],
        pages: dict[int, dict[str, Any]],
    ) -> dict[str, Any]:
        auto = bool(row["ipb_auto"])
        block: dict[str, Any] = {}
        if "id" in props:
            block["id"] = row["ipb_id"]
        if "user" in props and not auto:
            block["user"] = row["ipb_address"]
        if "userid" in props and not auto:
            block["userid"] = row["ipb_user"]
        if "by" in props:
            block["by"] = row["by_name"]
        if "byid" in props:
            block["byid"] = row["by_id"] or 0
        if "timestamp" in props:
            block["timestamp"] = timestamps.to_iso(row["ipb_timestamp"])
        if "expiry" in props:
            # ApiResult::formatExpiry() with its default: "infinity" (unlike action=block).
            expiry = expiry_for_api(row["ipb_expiry"])
            block["expiry"] = "infinity" if expiry == "infinite" else expiry
        if "reason" in props:
            block["reason"] = row["ipb_reason"]
        if "range" in props and not auto:
            block["rangestart"] = iputils.format_hex(row["ipb_range_start"])
            block["rangeend"] = iputils.format_hex(row["ipb_range_end"])
        if "flags" in props:
            block["automatic"] = auto
            block["anononly"] = bool(row["ipb_anon_only"])
            block["nocreate"] = bool(row["ipb_create_account"])
            block["autoblock"] = bool(row["ipb_enable_autoblock"])
            block["noemail"] = bool(row["ipb_block_email"])
            block["hidden"] = bool(row["ipb_deleted"])
            block["allowusertalk"] = bool(row["ipb_allow_usertalk"])
            block["partial"] = not row["ipb_sitewide"]
        if "restrictions" in props:
            block["restrictions"] = self.restrictions(req, row, restrictions, pages)
        return block

    @staticmethod
    def restrictions(
        req: ApiRequest,
        row: dict[str, Any],
        items: list[tuple[int, int]],
        pages: dict[int, dict[str, Any]],
    ) -> Any:
        """ApiQueryBlocks::getRestrictionData(): pages (with titles) and namespaces."""
        if row["ipb_sitewide"] or not items:
            return []
        data: dict[str, list[Any]] = {}
        for kind, value in items:
            if kind == bq.RESTRICTION_PAGE:
                entry: dict[str, Any] = {"id": value}
                page = pages.get(value)
                if page is not None:
                    from ....services.comparing import page_title

                    title = page_title(page)
                    entry["ns"] = title.namespace
                    entry["title"] = req.wiki.titles.prefixed_text(title)
                data.setdefault("pages", []).append(entry)
            elif kind == bq.RESTRICTION_NAMESPACE:
                data.setdefault("namespaces", []).append(value)
        return data
