"""action=patrol (Mirrors ApiPatrol)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ...services import patrol
from ...services.titles import Title
from ...storage.queries import pages as pq
from ...storage.queries import recentchanges as rcq
from ..errors import ApiUsageError, die
from ..module import ApiModule
from ..params import Param
from .admin_common import check_tags

if TYPE_CHECKING:
    from ..request import ApiRequest


class PatrolModule(ApiModule):
    name = "patrol"
    classname = "ApiPatrol"
    is_write = True
    must_be_posted = True
    token_type = "patrol"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Patrol",)
    examples = (
        ("action=patrol&token=123ABC&rcid=230672766", "apihelp-patrol-example-rcid"),
        ("action=patrol&token=123ABC&revid=230672766", "apihelp-patrol-example-revid"),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param("rcid", "integer"),
        Param("revid", "integer"),
        Param("tags", "tags", multi=True),
    )

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        req.require_one_of(params, "rcid", "revid")
        wiki = req.wiki
        if params["rcid"] is not None:
            rc = wiki.db.read(lambda c: rcq.rc_by_id(c, params["rcid"]))
            if rc is None:
                die("apierror-nosuchrcid", params["rcid"])
        else:
            revid = params["revid"]
            if wiki.db.read(lambda c: pq.revision_by_id(c, revid)) is None:
                die("apierror-nosuchrevid", revid)
            rc = wiki.db.read(lambda c: rcq.rc_by_revision(c, revid))
            if rc is None:
                die("apierror-notpatrollable", revid)
        check_tags(req, params["tags"])
        tags = list(params["tags"] or [])

        def run(conn: Any) -> patrol.PatrolOutcome:
            current = rcq.rc_by_id(conn, rc["rc_id"]) or rc
            return patrol.mark_patrolled(conn, wiki, req.performer, current, tags, req.lang)

        try:
            wiki.db.write(run)
        except patrol.PatrolRefused as refused:
            raise ApiUsageError(refused.messages) from None
        title = Title(rc["rc_namespace"], rc["rc_title"].replace("_", " "))
        req.result.data["patrol"] = {
            "rcid": rc["rc_id"],
            "ns": rc["rc_namespace"],
            "title": wiki.titles.prefixed_text(title),
        }
