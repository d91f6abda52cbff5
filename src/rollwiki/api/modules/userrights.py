"""action=userrights (Mirrors ApiUserrights)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ...services import blocks, timestamps
from ...services.userrights import UserRightsError, fetch_user, save_user_groups
from ..errors import ApiMessage, ApiUsageError, die, escape_wikitext
from ..module import ApiModule
from ..params import Param

if TYPE_CHECKING:
    from ..request import ApiRequest


def _groups(req: ApiRequest) -> list[str]:
    return req.wiki.permissions.assignable_groups()


INFINITY = ("infinite", "indefinite", "infinity", "never")


class UserRightsModule(ApiModule):
    name = "userrights"
    classname = "ApiUserrights"
    is_write = True
    must_be_posted = True
    token_type = "userrights"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:User_group_membership",)
    examples = (
        (
            "action=userrights&user=FooBot&add=bot&remove=sysop|bureaucrat&token=123ABC",
            "apihelp-userrights-example-user",
        ),
        (
            "action=userrights&userid=123&add=bot&remove=sysop|bureaucrat&token=123ABC",
            "apihelp-userrights-example-userid",
        ),
        (
            "action=userrights&user=SometimeSysop&add=sysop&expiry=1%20month&token=123ABC",
            "apihelp-userrights-example-expiry",
        ),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param("user", "user", user_types=("name", "id")),
        Param("userid", "integer", deprecated=True),
        Param("add", "enum", multi=True, values=_groups),
        Param("expiry", "string", multi=True, allow_duplicates=True, default="infinite"),
        Param("remove", "enum", multi=True, values=_groups),
        Param("reason", "string", default=""),
        Param("tags", "tags", multi=True),
    )

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        """Mirrors ApiUserrights::execute()."""
        performer = req.performer
        wiki = req.wiki
        if not performer.allowed("userrights"):
            # Special:UserRights refuses sitewide-blocked users without the full right.
            block = wiki.db.read(lambda c: blocks.find_block(c, performer))
            if block is not None and block.sitewide:
                data = {"blockinfo": blocks.blockinfo(block, req.lang)}
                die(blocks.block_message_key(block), data=data)
        add: list[str] = params["add"] or []
        expiry_values: list[str] = params["expiry"] or []
        if not add:
            expiry_values = []
        elif len(expiry_values) != len(add):
            if len(expiry_values) == 1:
                expiry_values = expiry_values * len(add)
            else:
                die("apierror-toofewexpiries", len(expiry_values), len(add))
        expiries: dict[str, str | None] = {}
        for group, value in zip(add, expiry_values, strict=False):
            expiries[group] = _expiry(value)
        req.require_one_of(params, "user", "userid")
        raw = params["user"] if params["user"] is not None else f"#{params['userid']}"
        try:
            target = fetch_user(wiki, performer, raw)
        except UserRightsError as exc:
            raise ApiUsageError(ApiMessage.wrap(exc.message)) from None
        tags = params["tags"] or []
        if tags and not performer.allowed("applychangetags"):
            die("tags-apply-no-permission")
        added, removed = wiki.db.write(
            lambda c: save_user_groups(
                c,
                wiki,
                performer,
                target,
                add,
                params["remove"] or [],
                params["reason"],
                tags,
                expiries,
            )
        )
        req.result.data["userrights"] = {
            "user": target["user_name"],
            "userid": target["user_id"],
            "added": _php_list(added),
            "removed": _php_list(removed),
        }


def _expiry(value: str) -> str | None:
    """UserrightsPage::expiryToTimestamp() plus ApiUserrights' past check."""
    if value.strip().lower() in INFINITY:
        return None
    try:
        parsed = timestamps.parse_expiry(value)
    except timestamps.ExpiryError as exc:
        key = "apierror-pastexpiry" if exc.kind == "badexpiry-past" else "apierror-invalidexpiry"
        die(key, escape_wikitext(value))
    if parsed == "infinity":
        return None
    return timestamps.to_mw(parsed)


def _php_list(items: dict[int, str]) -> Any:
    """A PHP array whose keys are no longer 0..n-1 is a JSON object (observed on 1.39:
    ``add=rollbacker|bot`` with rollbacker already held gives ``"added": {"1": "bot"}``)."""
    if list(items) == list(range(len(items))):
        return list(items.values())
    return {str(k): v for k, v in items.items()}
