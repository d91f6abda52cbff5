"""action=protect (Mirrors ApiProtect)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ...services import protect, timestamps, watchlist
from ...services.blockuser import expiry_for_api
from ..errors import die, escape_wikitext
from ..module import ApiModule
from ..params import Param
from ..watchlistparams import watchlist_params
from .admin_common import check_page_action, check_tags, resolve_title
from .edit import warn_deprecated_flags

if TYPE_CHECKING:
    from ..request import ApiRequest

INFINITY_WORDS = ("infinite", "indefinite", "infinity", "never")


def parse_expiry(raw: str) -> str:
    """ApiProtect's expiry handling: strtotime(), "infinity", or an error."""
    if raw.strip().lower() in INFINITY_WORDS:
        return "infinity"
    try:
        parsed = timestamps.parse_expiry(raw)
    except timestamps.ExpiryError as exc:
        if exc.kind == "badexpiry-past":
            die("apierror-pastexpiry", escape_wikitext(raw))
        die("apierror-invalidexpiry", escape_wikitext(raw))
    return "infinity" if parsed == "infinity" else timestamps.to_mw(parsed)


class ProtectModule(ApiModule):
    name = "protect"
    classname = "ApiProtect"
    is_write = True
    must_be_posted = True
    token_type = "csrf"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Protect",)
    examples = (
        (
            "action=protect&title=Main%20Page&token=123ABC&protections=edit=sysop|move=sysop"
            "&cascade=&expiry=20070901163000|never",
            "apihelp-protect-example-protect",
        ),
        (
            "action=protect&title=Main%20Page&token=123ABC&protections=edit=all|move=all"
            "&reason=Lifting%20restrictions",
            "apihelp-protect-example-unprotect",
        ),
        (
            "action=protect&title=Main%20Page&token=123ABC&protections=&reason=Lifting%20restrictions",
            "apihelp-protect-example-unprotect2",
        ),
    )
    base: ClassVar[tuple[Param, ...]] = (
        Param("title", "string"),
        Param("pageid", "integer"),
        Param("protections", "string", multi=True, required=True),
        Param("expiry", "string", multi=True, allow_duplicates=True, default="infinite"),
        Param("reason", "string", default=""),
        Param("tags", "tags", multi=True),
        Param("cascade", "boolean"),
        Param("watch", "boolean", deprecated=True),
    )
    params = base + watchlist_params(None)

    @classmethod
    def dynamic_params(cls, req: ApiRequest | None) -> tuple[Param, ...]:
        return cls.base + watchlist_params(req)

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        warn_deprecated_flags(req, "watch")
        title, page = resolve_title(req, params)
        wiki = req.wiki
        check_page_action(req, "protect", title)
        check_tags(req, params["tags"])
        protections: list[str] = params["protections"]
        expiry: list[str] = params["expiry"]
        if len(expiry) != len(protections):
            if len(expiry) != 1:
                die("apierror-toofewexpiries", len(expiry), len(protections))
            expiry = expiry * len(protections)
        types = protect.applicable_types(title, page is not None)
        levels = protect.namespace_levels(req.performer)
        limits: dict[str, str] = {}
        expiries: dict[str, str] = {}
        result_protections = []
        for raw, raw_expiry in zip(protections, expiry, strict=True):
            action, _, level = raw.partition("=")
            limits[action] = "" if level == "all" else level
            if page is not None and action == "create":
                die("apierror-create-titleexists")
            if page is None and action != "create":
                die("apierror-missingtitle-createonly")
            if action not in types and action != "create":
                die("apierror-protect-invalidaction", escape_wikitext(action))
            if level not in levels and level != "all":
                die("apierror-protect-invalidlevel", escape_wikitext(level))
            expiries[action] = parse_expiry(raw_expiry)
            result_protections.append(
                {action: limits[action], "expiry": expiry_for_api(expiries[action])}
            )
        watch = "watch" if params["watch"] else params["watchlist"]
        describer = protect.ProtectDescriber(wiki.formatter(wiki.config.language))

        def run(conn: Any) -> protect.ProtectResult:
            watchlist.apply_watchlist(
                conn,
                wiki,
                req.performer,
                title,
                watch,
                params.get("watchlistexpiry"),
                "watchdefault",
                page_exists=page is not None,
            )
            return protect.update_restrictions(
                conn,
                req.performer,
                wiki.titles,
                describer,
                title,
                limits,
                expiries,
                params["cascade"],
                params["reason"],
                list(params["tags"] or []),
            )

        outcome = wiki.db.write(run)
        res: dict[str, Any] = {
            "title": wiki.titles.prefixed_text(title),
            "reason": params["reason"],
        }
        if outcome.cascade:
            res["cascade"] = True
        res["protections"] = result_protections
        req.result.data["protect"] = res
