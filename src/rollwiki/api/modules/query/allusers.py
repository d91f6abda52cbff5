"""list=allusers (Mirrors ApiQueryAllUsers)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from ....services import timestamps, userinfo
from ....services.blocks import blockinfo
from ....storage.queries import users as uq
from ...errors import ApiMessage, ApiUsageError
from ...params import Param
from .base import QuerySubmodule

if TYPE_CHECKING:
    from ...request import ApiRequest

ACTIVE_USER_DAYS = 30  # $wgActiveUserDays


def _groups(req: ApiRequest) -> list[str]:
    return req.wiki.permissions.assignable_groups()


def _rights(req: ApiRequest) -> list[str]:
    """PermissionManager::getAllPermissions(), as far as this wiki knows rights."""
    config = req.wiki.config
    seen: dict[str, None] = {}
    for table in (config.group_permissions, config.grant_permissions):
        for rights in table.values():
            seen.update(dict.fromkeys(rights))
    return sorted(seen)


class AllUsersModule(QuerySubmodule):
    name = "allusers"
    group = "list"
    prefix = "au"
    classname = "ApiQueryAllUsers"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Allusers",)
    examples = (("action=query&list=allusers&aufrom=Y", "apihelp-query+allusers-example-y"),)
    params: ClassVar[tuple[Param, ...]] = (
        Param("from"),
        Param("to"),
        Param("prefix"),
        Param("dir", "enum", values=("ascending", "descending"), default="ascending"),
        Param("group", "enum", multi=True, values=_groups),
        Param("excludegroup", "enum", multi=True, values=_groups),
        Param("rights", "enum", multi=True, values=_rights),
        Param(
            "prop",
            "enum",
            multi=True,
            values=(
                "blockinfo",
                "groups",
                "implicitgroups",
                "rights",
                "editcount",
                "registration",
                "centralids",
            ),
            help_per_value={},
        ),
        Param("limit", "limit", default="10", min=1, max=500, max2=5000),
        Param("witheditsonly", "boolean"),
        Param("activeusers", "boolean", extra={"help_params": (ACTIVE_USER_DAYS,)}),
        Param("attachedwiki"),
    )

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        """Mirrors ApiQueryAllUsers::execute()."""
        wiki = req.wiki
        out: list[dict[str, Any]] = self.output(req).setdefault("allusers", [])
        props = set(params["prop"] or [])
        groups: list[str] | None = params["group"] or None
        if params["rights"]:
            with_rights: list[str] = []
            for right in params["rights"]:
                with_rights += wiki.permissions.groups_with_right(right)
            if not with_rights:
                return
            groups = list(dict.fromkeys((groups or []) + with_rights))
        if groups and params["excludegroup"]:
            from ....i18n.messages import ListParam

            raise ApiUsageError(
                ApiMessage.of(
                    "apierror-invalidparammix",
                    ListParam(("<var>augroup</var>", "<var>auexcludegroup</var>"), "text"),
                    2,
                )
            )
        canonical = self._canonical
        limit: int = params["limit"]
        since = None
        if params["activeusers"]:
            since = timestamps.to_mw(timestamps.now() - timedelta(days=ACTIVE_USER_DAYS))

        def load(conn: Any) -> None:
            rows = uq.list_users(
                conn,
                descending=params["dir"] == "descending",
                start=canonical(params["from"]),
                end=canonical(params["to"]),
                prefix=canonical(params["prefix"]),
                groups=groups,
                exclude_groups=params["excludegroup"],
                with_edits_only=params["witheditsonly"],
                active_since=since,
                now_ts=timestamps.mw_now(),
                limit=limit + 1,
            )
            for count, row in enumerate(rows, 1):
                if count > limit:
                    self.set_continue(req, "from", row["user_name"])
                    break
                out.append(self._describe(req, conn, row, props, since is not None))

        wiki.db.read(load)

    @staticmethod
    def _canonical(value: str | None) -> str | None:
        """ApiQueryBase::getCanonicalUserName(): "_" to " ", first letter upper-cased."""
        if value is None:
            return None
        from ....services.titles import ucfirst

        return ucfirst(value.replace("_", " "))

    def _describe(
        self, req: ApiRequest, conn: Any, row: dict[str, Any], props: set[str], active: bool
    ) -> dict[str, Any]:
        wiki = req.wiki
        data: dict[str, Any] = {"userid": int(row["user_id"]), "name": row["user_name"]}
        if "centralids" in props:
            data["centralids"] = {"local": int(row["user_id"])}
            data["attachedlocal"] = {"local": True}
        if "blockinfo" in props:
            block = userinfo.account_block(conn, int(row["user_id"]))
            if block is not None:
                data.update(blockinfo(block, req.lang))
                if block.row.get("ipb_deleted"):
                    data["hidden"] = True
        if "editcount" in props:
            data["editcount"] = int(row["user_editcount"] or 0)
        if active:
            data["recentactions"] = int(row["recentactions"])
        if "registration" in props:
            reg = row["user_registration"]
            data["registration"] = timestamps.to_iso(reg) if reg else ""
        if props & {"groups", "implicitgroups", "rights"}:
            implicit = userinfo.implicit_groups(wiki, row)
            explicit = [g for g, _ in uq.groups_of(conn, int(row["user_id"]), timestamps.mw_now())]
            all_groups = implicit + explicit
            if "groups" in props:
                data["groups"] = all_groups
            if "implicitgroups" in props:
                data["implicitgroups"] = implicit
            if "rights" in props:
                data["rights"] = wiki.permissions.rights_for_groups(all_groups)
        return data
