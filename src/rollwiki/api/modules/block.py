"""action=block (Mirrors ApiBlock)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ...i18n.messages import Message
from ...services import blockuser, watchlist
from ...services.blockuser import BlockError, BlockRequest, BlockTarget
from ...services.namespaces import NS_USER
from ...services.titles import Title
from ...storage.queries import pages as pq
from ...storage.queries import users as uq
from ..errors import die
from ..module import ApiModule
from ..params import Param
from .admin_common import raise_block_error, watchlist_expiry_param

if TYPE_CHECKING:
    from ..request import ApiRequest

USER_TYPES = ("name", "ip", "cidr", "id")


class BlockModule(ApiModule):
    name = "block"
    classname = "ApiBlock"
    is_write = True
    must_be_posted = True
    token_type = "csrf"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Block",)
    examples = (
        (
            "action=block&user=192.0.2.5&expiry=3%20days&reason=First%20strike&token=123ABC",
            "apihelp-block-example-ip-simple",
        ),
        (
            "action=block&user=Vandal&expiry=never&reason=Vandalism&nocreate=&autoblock="
            "&noemail=&token=123ABC",
            "apihelp-block-example-user-complex",
        ),
    )
    head: ClassVar[tuple[Param, ...]] = (
        Param("user", "user", user_types=USER_TYPES),
        Param("userid", "integer", deprecated=True),
        Param("expiry", "string", default="never"),
        Param("reason", "string", default=""),
        Param("anononly", "boolean"),
        Param("nocreate", "boolean"),
        Param("autoblock", "boolean"),
        Param("noemail", "boolean"),
        Param("hidename", "boolean"),
        Param("allowusertalk", "boolean"),
        Param("reblock", "boolean"),
        Param("watchuser", "boolean"),
    )
    tail: ClassVar[tuple[Param, ...]] = (
        Param("tags", "tags", multi=True),
        Param("partial", "boolean"),
        Param(
            "pagerestrictions",
            "title",
            multi=True,
            multi_limit1=10,
            multi_limit2=10,
            extra={"must_exist": True},
        ),
        Param("namespacerestrictions", "namespace", multi=True),
    )
    params = head + tail

    @classmethod
    def dynamic_params(cls, req: ApiRequest | None) -> tuple[Param, ...]:
        return cls.head + watchlist_expiry_param(req) + cls.tail

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        if not req.performer.allowed("block"):
            die("apierror-permissiondenied", Message("action-block"))
        req.require_one_of(params, "user", "userid")
        wiki = req.wiki
        target_name = params["user"]
        if target_name is None:
            row = wiki.db.read(lambda c: uq.user_by_id(c, params["userid"]))
            if row is None:
                die("apierror-nosuchuserid", params["userid"], code="nosuchuserid")
            target_name = row["user_name"]
        email_allowed = wiki.config.email_enabled and req.performer.allowed("blockemail")
        if params["noemail"] and not email_allowed:
            die("apierror-cantblock-email")
        expiry_param = params.get("watchlistexpiry")

        def run(conn: Any) -> tuple[blockuser.PlacedBlock, str | None]:
            target = blockuser.parse_block_target(conn, wiki.usernames, target_name)
            request = BlockRequest(
                target=target,
                expiry=params["expiry"],
                reason=params["reason"],
                create_account_blocked=params["nocreate"],
                email_blocked=params["noemail"] and email_allowed,
                hard_block=not params["anononly"],
                autoblocking=params["autoblock"],
                allow_usertalk=params["allowusertalk"],
                hide_user=params["hidename"],
                partial=params["partial"],
                page_restrictions=_pages(conn, req, params) if params["partial"] else [],
                namespace_restrictions=list(params["namespacerestrictions"] or [])
                if params["partial"]
                else [],
                tags=list(params["tags"] or []),
            )
            placed = blockuser.place_block(conn, req.performer, request, reblock=params["reblock"])
            user_page = Title(NS_USER, placed.target.name)
            watched_until = None
            if params["watchuser"] and placed.target.kind != blockuser.TYPE_RANGE:
                watchlist.set_watch(conn, wiki, req.performer, user_page, True, expiry_param)
            if expiry_param is not None:
                watched_until = watchlist.watched_expiry(conn, req.performer.user_id, user_page)
            return placed, watched_until

        try:
            placed, watched_until = wiki.db.write(run)
        except BlockError as exc:
            raise_block_error(exc)
        req.result.data["block"] = self.result(params, placed.target, placed, watched_until)

    @staticmethod
    def result(
        params: dict[str, Any],
        target: BlockTarget,
        placed: blockuser.PlacedBlock,
        watched_until: str | None,
    ) -> dict[str, Any]:
        """ApiBlock's result: the block, then the request's flags echoed back."""
        res: dict[str, Any] = {
            "user": target.name,
            "userID": target.user_id,
            "expiry": blockuser.expiry_for_api(placed.expiry),
            "id": placed.block_id,
            "reason": params["reason"],
        }
        for flag in (
            "anononly",
            "nocreate",
            "autoblock",
            "noemail",
            "hidename",
            "allowusertalk",
            "watchuser",
        ):
            res[flag] = bool(params[flag])
        if params.get("watchlistexpiry") is not None:
            res["watchlistexpiry"] = watched_until
        res["partial"] = bool(params["partial"])
        res["pagerestrictions"] = params["pagerestrictions"]
        res["namespacerestrictions"] = params["namespacerestrictions"]
        return res


def _pages(conn: Any, req: ApiRequest, params: dict[str, Any]) -> list[tuple[int, str]]:
    """PageRestriction::newFromTitle() for each (already validated) title."""
    out = []
    for text in params["pagerestrictions"] or []:
        title = req.wiki.titles.parse(text)
        page = pq.page_by_title(conn, title.namespace, title.dbkey)
        out.append((page["page_id"] if page else 0, text))
    return out
