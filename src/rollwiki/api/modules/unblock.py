"""action=unblock (Mirrors ApiUnblock)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ...services import blockuser
from ...services.blocks import blockinfo
from ...services.blockuser import BlockError
from ...storage.queries import users as uq
from ..errors import ApiMessage, ApiUsageError, die
from ..module import ApiModule
from ..params import Param
from .admin_common import raise_block_error
from .block import USER_TYPES

if TYPE_CHECKING:
    from ..request import ApiRequest


class UnblockModule(ApiModule):
    name = "unblock"
    classname = "ApiUnblock"
    is_write = True
    must_be_posted = True
    token_type = "csrf"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Block",)
    examples = (
        ("action=unblock&id=105", "apihelp-unblock-example-id"),
        (
            "action=unblock&user=Bob&reason=Sorry%20Bob",
            "apihelp-unblock-example-user",
        ),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param("id", "integer"),
        Param("user", "user", user_types=USER_TYPES),
        Param("userid", "integer", deprecated=True),
        Param("reason", "string", default=""),
        Param("tags", "tags", multi=True),
    )

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        req.require_one_of(params, "id", "user", "userid")
        performer = req.performer
        if not performer.allowed("block"):
            die("apierror-permissiondenied-unblock", code="permissiondenied")
        wiki = req.wiki
        user = params["user"]
        if params["userid"] is not None:
            row = wiki.db.read(lambda c: uq.user_by_id(c, params["userid"]))
            if row is None:
                die("apierror-nosuchuserid", params["userid"], code="nosuchuserid")
            user = row["user_name"]
        target = user if params["id"] is None else f"#{params['id']}"

        def precheck(conn: Any) -> None:
            # T17810: a blocked admin may only lift the blocks BlockPermissionChecker allows.
            parsed = blockuser.parse_block_target(conn, wiki.usernames, target)
            refusal = blockuser.check_block_permissions(conn, performer, parsed)
            if refusal is not None:
                key, block = refusal
                raise ApiUsageError(
                    ApiMessage.of(key, data={"blockinfo": blockinfo(block, req.lang)})
                )

        wiki.db.read(precheck)

        def run(conn: Any) -> blockuser.RemovedBlock:
            return blockuser.unblock(
                conn,
                performer,
                wiki.usernames,
                target,
                params["reason"],
                list(params["tags"] or []),
            )

        try:
            removed = wiki.db.write(run)
        except BlockError as exc:
            raise_block_error(exc)
        row = removed.row
        req.result.data["unblock"] = {
            "id": removed.block_id,
            "user": "" if removed.is_auto else row["ipb_address"],
            "userid": row["ipb_user"] or 0,
            "reason": params["reason"],
        }
