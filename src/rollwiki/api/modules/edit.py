"""action=edit (Mirrors ApiEditPage): glue between the parameters and services.edit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ...i18n.messages import ListParam, Message, Plaintext
from ...services.edit import CONTENT_FORMATS, EditFailure, EditRequest, EditService
from ...services.titles import MalformedTitle, Title
from ...storage.queries import pages as pq
from ..errors import ApiMessage, ApiUsageError, die, escape_wikitext
from ..module import ApiModule
from ..params import Param
from ..watchlistparams import watchlist_params

if TYPE_CHECKING:
    from ..request import ApiRequest

CONTENT_MODELS = ("wikitext", "javascript", "json", "css", "text")


def applicable_tags(req: ApiRequest) -> list[str]:
    return req.applicable_tags()


def resolve_title(req: ApiRequest, params: dict[str, Any]) -> Title:
    """Mirrors ApiBase::getTitleOrPageId() for write modules: a title that can exist."""
    which = req.require_one_of(params, "title", "pageid")
    wiki = req.wiki
    if which == "title":
        raw = params["title"]
        try:
            title = wiki.titles.parse(raw)
        except MalformedTitle:
            die("apierror-invalidtitle", escape_wikitext(raw))
        if title.interwiki:
            die("apierror-invalidtitle", escape_wikitext(raw))
        if title.namespace < 0:
            die("apierror-pagecannotexist")
        return Title(title.namespace, title.text)
    page_id = params["pageid"]
    page = wiki.db.read(lambda conn: pq.page_by_id(conn, page_id))
    if page is None:
        die("apierror-nosuchpageid", page_id)
    return Title(page["page_namespace"], str(page["page_title"]).replace("_", " "))


def warn_deprecated_flags(req: ApiRequest, *names: str) -> None:
    """PARAM_DEPRECATED on a boolean: a "deprecation" warning when it is present."""
    for name in names:
        raw = req.params.peek(name)
        if raw is not None:
            req.warn(
                ApiMessage(
                    Message("paramvalidator-param-deprecated", (Plaintext(name), Plaintext(raw))),
                    "deprecation",
                )
            )


class EditModule(ApiModule):
    name = "edit"
    classname = "ApiEditPage"
    is_write = True
    must_be_posted = True
    token_type = "csrf"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Edit",)
    examples = (
        (
            "action=edit&title=Test&summary=test%20summary&text=article%20content"
            "&baserevid=1234567&token=123ABC",
            "apihelp-edit-example-edit",
        ),
        (
            "action=edit&title=Test&summary=NOTOC&minor=&prependtext=__NOTOC__%0A"
            "&basetimestamp=2007-08-24T12:34:54Z&token=123ABC",
            "apihelp-edit-example-prepend",
        ),
        (
            "action=edit&title=Test&undo=13585&undoafter=13579"
            "&basetimestamp=2007-08-24T12:34:54Z&token=123ABC",
            "apihelp-edit-example-undo",
        ),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param("title"),
        Param("pageid", "integer"),
        Param("section"),
        Param("sectiontitle"),
        Param("text", "text"),
        Param("summary"),
        Param("tags", "tags", multi=True, values=applicable_tags),
        Param("minor", "boolean"),
        Param("notminor", "boolean"),
        Param("bot", "boolean"),
        Param("baserevid", "integer"),
        Param("basetimestamp", "timestamp"),
        Param("starttimestamp", "timestamp"),
        Param("recreate", "boolean"),
        Param("createonly", "boolean"),
        Param("nocreate", "boolean"),
        Param("watch", "boolean", deprecated=True),
        Param("unwatch", "boolean", deprecated=True),
    )
    params_after_watchlist: ClassVar[tuple[Param, ...]] = (
        Param("md5"),
        Param("prependtext", "text"),
        Param("appendtext", "text"),
        # PARAM_RANGE_ENFORCE in ApiEditPage: a negative id is an error, not clamped.
        Param("undo", "integer", min=0, ignore_range=False),
        Param("undoafter", "integer", min=0, ignore_range=False),
        Param("redirect", "boolean"),
        Param("contentformat", "enum", values=tuple(CONTENT_FORMATS.values())),
        Param("contentmodel", "enum", values=CONTENT_MODELS),
    )

    @classmethod
    def dynamic_params(cls, req: ApiRequest | None) -> tuple[Param, ...]:
        return cls.params + watchlist_params(req) + cls.params_after_watchlist

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        warn_deprecated_flags(req, "watch", "unwatch")
        names = ("text", "appendtext", "prependtext", "undo")
        if all(params.get(n) is None for n in names):
            shown = tuple(f"<var>{n}</var>" for n in names)
            raise ApiUsageError(
                ApiMessage.of(
                    "apierror-missingparam-at-least-one-of",
                    ListParam(shown, "text"),
                    len(shown),
                    code="missingparam",
                )
            )
        title = resolve_title(req, params)
        # ApiEditPage: an empty or "0" basetimestamp is treated as not given.
        raw_base = req.params.peek("basetimestamp")
        request = EditRequest(
            title=title,
            section=params["section"],
            sectiontitle=params["sectiontitle"],
            text=params["text"],
            summary=params["summary"],
            tags=list(params["tags"] or []),
            minor=params["minor"],
            notminor=params["notminor"],
            bot=params["bot"],
            baserevid=params["baserevid"],
            basetimestamp=params["basetimestamp"] if raw_base not in (None, "", "0") else None,
            starttimestamp=params["starttimestamp"],
            recreate=params["recreate"],
            createonly=params["createonly"],
            nocreate=params["nocreate"],
            watch=params["watch"],
            unwatch=params["unwatch"],
            watchlist=params["watchlist"],
            watchlistexpiry=params.get("watchlistexpiry"),
            md5=params["md5"],
            prependtext=params["prependtext"],
            appendtext=params["appendtext"],
            undo=params["undo"],
            undoafter=params["undoafter"],
            redirect=params["redirect"],
            contentformat=params["contentformat"],
            contentmodel=params["contentmodel"],
        )
        service = EditService(req.wiki, req.performer, lang=req.lang)
        try:
            outcome = service.edit(request)
        except EditFailure as exc:
            raise ApiUsageError(exc.messages) from None
        if outcome.redirects is not None:
            req.result.data["redirects"] = dict(outcome.redirects)
        result: dict[str, Any] = {}
        if outcome.new:
            result["new"] = True
        result.update(
            result="Success",
            pageid=outcome.pageid,
            title=outcome.title,
            contentmodel=outcome.contentmodel,
        )
        if outcome.nochange:
            result["nochange"] = True
        else:
            result.update(
                oldrevid=outcome.oldrevid,
                newrevid=outcome.newrevid,
                newtimestamp=outcome.newtimestamp,
            )
        if outcome.watched:
            result["watched"] = True
            if outcome.watchlistexpiry is not None:
                result["watchlistexpiry"] = outcome.watchlistexpiry
        req.result.data["edit"] = result
