"""action=managetags (Mirrors ApiManageTags)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ...services import changetags
from ...services.changetags import TagChange, TagError
from ..errors import ApiMessage, ApiUsageError, die
from ..module import ApiModule
from ..params import Param
from .admin_common import check_tags

if TYPE_CHECKING:
    from ..request import ApiRequest

OPERATIONS = ("create", "delete", "activate", "deactivate")


class ManageTagsModule(ApiModule):
    name = "managetags"
    classname = "ApiManageTags"
    is_write = True
    must_be_posted = True
    token_type = "csrf"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Managetags",)
    examples = (
        (
            "action=managetags&operation=create&tag=spam&reason=For+use+in+edit+patrolling"
            "&token=123ABC",
            "apihelp-managetags-example-create",
        ),
        (
            "action=managetags&operation=delete&tag=vandlaism&reason=Misspelt&token=123ABC",
            "apihelp-managetags-example-delete",
        ),
        (
            "action=managetags&operation=activate&tag=spam&reason=For+use+in+edit+patrolling"
            "&token=123ABC",
            "apihelp-managetags-example-activate",
        ),
        (
            "action=managetags&operation=deactivate&tag=spam&reason=No+longer+required"
            "&token=123ABC",
            "apihelp-managetags-example-deactivate",
        ),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param(
            "operation",
            "enum",
            values=OPERATIONS,
            required=True,
            help_per_value={
                op: f"apihelp-managetags-paramvalue-operation-{op}" for op in OPERATIONS
            },
        ),
        Param("tag", "string", required=True),
        Param("reason", "string", default=""),
        Param("ignorewarnings", "boolean"),
        Param("tags", "tags", multi=True),
    )

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        performer = req.performer
        operation = params["operation"]
        # 1.39 checks deletechangetags for every operation whenever managechangetags is
        # held (a bug fixed later); the fixed rule is used: each operation its own right.
        if operation != "delete" and not performer.allowed("managechangetags"):
            die("tags-manage-no-permission", code="permissiondenied")
        if operation == "delete" and not performer.allowed("deletechangetags"):
            die("tags-delete-no-permission", code="permissiondenied")
        check_tags(req, params["tags"])
        wiki = req.wiki
        tag, reason = params["tag"], params["reason"]
        log_tags = list(params["tags"] or [])

        def run(conn: Any) -> TagChange:
            if operation == "create":
                return changetags.create_tag(conn, performer, wiki.titles, tag, reason, log_tags)
            if operation == "delete":
                return changetags.delete_tag(conn, performer, tag, reason, log_tags)
            if operation == "activate":
                return changetags.activate_tag(conn, performer, tag, reason, log_tags)
            return changetags.deactivate_tag(conn, performer, tag, reason, log_tags)

        try:
            change = wiki.db.write(run)
        except TagError as exc:
            raise ApiUsageError(ApiMessage.wrap(exc.message)) from None
        req.extra.pop("applicable_tags", None)
        req.result.data["managetags"] = {
            "operation": operation,
            "tag": tag,
            "success": True,
            "logid": change.log_id,
        }
