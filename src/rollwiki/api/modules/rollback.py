"""action=rollback (Mirrors ApiRollback): glue between the API and RollbackService."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ...services.rollback import RollbackRequest
from ...services.titles import MalformedTitle, Title
from ...storage.queries import pages as pq
from ..errors import ApiMessage, ApiUsageError, die, escape_wikitext
from ..module import ApiModule
from ..params import Param
from ..watchlistparams import watchlist_params

if TYPE_CHECKING:
    from ..request import ApiRequest


def applicable_tags(req: ApiRequest) -> list[str]:
    return req.applicable_tags()


class RollbackModule(ApiModule):
    name = "rollback"
    classname = "ApiRollback"
    is_write = True
    must_be_posted = True
    token_type = "rollback"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Rollback",)
    examples = (
        (
            "action=rollback&title=Main%20Page&user=Example&token=123ABC",
            "apihelp-rollback-example-simple",
        ),
        (
            "action=rollback&title=Main%20Page&user=192.0.2.5&token=123ABC"
            "&summary=Reverting%20vandalism&markbot=1",
            "apihelp-rollback-example-summary",
        ),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param("title"),
        Param("pageid", "integer"),
        Param("tags", "tags", multi=True, values=applicable_tags),
        Param("user", "user", required=True, user_types=("name", "ip", "interwiki", "id")),
        Param("summary", default=""),
        Param("markbot", "boolean"),
    )
    token_help_append = ("api-help-param-token-webui",)

    @classmethod
    def dynamic_params(cls, req: ApiRequest | None) -> tuple[Param, ...]:
        return cls.params + watchlist_params(req)

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        title, page_id = self.target(req, params)
        if params["tags"] and not req.performer.allowed("applychangetags"):
            # ChangeTags::canAddTagsAccompanyingChange() with the performer (1.39: after the
            # title checks, before the rollback's own permission checks).
            raise ApiUsageError(ApiMessage.of("tags-apply-no-permission"))
        result = req.wiki.rollback.rollback(
            RollbackRequest(
                title=title,
                performer=req.performer,
                user=params["user"],
                summary=params["summary"],
                markbot=params["markbot"],
                tags=list(params["tags"] or []),
                watchlist=params["watchlist"],
                watchlist_expiry=params.get("watchlistexpiry"),
                lang=req.lang,
            )
        )
        req.result.data["rollback"] = {
            "title": req.wiki.prefixed(result.title),
            "pageid": page_id,
            "summary": result.summary,
            "revid": result.revid,
            "old_revid": result.old_revid,
            "last_revid": result.last_revid,
        }

    @staticmethod
    def target(req: ApiRequest, params: dict[str, Any]) -> tuple[Title, int]:
        """Mirrors ApiRollback::getRbTitle(): the page, which must exist."""
        req.require_one_of(params, "title", "pageid")
        wiki = req.wiki
        if params.get("title") is not None:
            raw = params["title"]
            try:
                title = wiki.titles.parse(raw)
            except MalformedTitle:
                die("apierror-invalidtitle", escape_wikitext(raw))
            if title.interwiki:
                die("apierror-invalidtitle", escape_wikitext(raw))
            page = wiki.db.read(lambda c: pq.page_by_title(c, title.namespace, title.dbkey))
        else:
            page = wiki.db.read(lambda c: pq.page_by_id(c, params["pageid"]))
            if page is None:
                die("apierror-nosuchpageid", params["pageid"])
            made = wiki.titles.make(page["page_namespace"], page["page_title"].replace("_", " "))
            assert made is not None
            title = made
        if page is None or title.namespace < 0:
            die("apierror-missingtitle")
        return Title(title.namespace, title.text), int(page["page_id"])
