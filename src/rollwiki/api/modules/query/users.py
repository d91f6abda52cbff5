"""list=users (Mirrors ApiQueryUsers)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ....i18n.messages import Message
from ....services import userinfo
from ....storage.queries import users as uq
from ...errorformat import format_message
from ...errors import ApiMessage, ApiUsageError, code_for
from ...params import Param
from .base import QuerySubmodule

if TYPE_CHECKING:
    from ...request import ApiRequest

PROPS = (
    "blockinfo",
    "groups",
    "groupmemberships",
    "implicitgroups",
    "rights",
    "editcount",
    "registration",
    "emailable",
    "gender",
    "centralids",
    "cancreate",
)


class UsersModule(QuerySubmodule):
    name = "users"
    group = "list"
    prefix = "us"
    classname = "ApiQueryUsers"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Users",)
    examples = (
        (
            "action=query&list=users&ususers=Example&usprop=groups|editcount|gender",
            "apihelp-query+users-example-simple",
        ),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param("prop", "enum", multi=True, values=PROPS, help_per_value={}),
        Param("attachedwiki"),
        Param("users", "string", multi=True),
        Param("userids", "integer", multi=True),
    )

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        """Mirrors ApiQueryUsers::execute()."""
        if params["users"] is not None and params["userids"] is not None:
            from ....i18n.messages import ListParam

            raise ApiUsageError(
                ApiMessage.of(
                    "apierror-invalidparammix",
                    ListParam(("<var>ususers</var>", "<var>ususerids</var>"), "text"),
                    2,
                )
            )
        props = set(params["prop"] or [])
        use_names = params["users"] is not None
        out: list[dict[str, Any]] = self.output(req).setdefault("users", [])
        wiki = req.wiki
        good: list[str] = []
        for raw in params["users"] or []:
            name = wiki.usernames.get_canonical(raw, "valid")
            if not name:
                out.append({"name": raw, "invalid": True})
            else:
                good.append(name)
        wanted: list[Any] = good if use_names else list(params["userids"] or [])

        def load(conn: Any) -> None:
            found: dict[Any, dict[str, Any]] = {}
            rows: list[dict[str, Any]]
            if use_names:
                rows = list(uq.users_by_names(conn, wanted).values())
            else:
                rows = [r for r in (uq.user_by_id(conn, i) for i in wanted) if r is not None]
            for row in rows:
                key = row["user_name"] if use_names else row["user_id"]
                found[key] = userinfo.describe(wiki, conn, row, props, req.lang)
            for key in wanted:
                if key in found:
                    out.append(found[key])
                elif use_names:
                    entry: dict[str, Any] = {"name": key, "missing": True}
                    if "cancreate" in props:
                        problem = userinfo.creation_problem(wiki, conn, key)
                        entry["cancreate"] = problem is None
                        if problem is not None:
                            entry["cancreateerror"] = status_array(req, problem)
                    out.append(entry)
                else:
                    out.append({"userid": key, "missing": True})

        wiki.db.read(load)


def status_array(req: ApiRequest, msg: Message) -> list[dict[str, Any]]:
    """ApiErrorFormatter::arrayFromStatus() for one error."""
    if req.errorformat == "bc":
        return [
            {"message": msg.key, "params": msg.raw_params(), "code": code_for(msg), "type": "error"}
        ]
    formatter = req.wiki.formatter(req.errorlang)
    return [{"type": "error", **format_message(req, formatter, ApiMessage.wrap(msg))}]
