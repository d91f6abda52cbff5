"""action=query (Mirrors ApiQuery).  Minimal: meta submodules; pages and lists to come."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ...i18n.messages import ListParam, Message
from ..module import ApiModule, query_modules
from ..params import Param

if TYPE_CHECKING:
    from ..request import ApiRequest


def _names(group: str) -> Any:
    def values(req: ApiRequest) -> list[str]:
        return list(query_modules(group))

    return values


def _generators(req: ApiRequest) -> list[str]:
    """ApiPageSet::getGenerators(): prop and list modules that can be generators."""
    return sorted(
        name
        for group in ("prop", "list")
        for name, m in query_modules(group).items()
        if m.generator
    )


def _generator_map(req: ApiRequest) -> dict[str, str]:
    return {name: f"query+{name}" for name in _generators(req)}


# LanguageConverter::$languagesWithVariants (1.39), named in the converttitles help.
LANGUAGES_WITH_VARIANTS = (
    "ban",
    "en",
    "crh",
    "gan",
    "iu",
    "kk",
    "ku",
    "shi",
    "sr",
    "tg",
    "uz",
    "zh",
)


class QueryModule(ApiModule):
    name = "query"
    classname = "ApiQuery"
    help_urls = (
        "https://www.mediawiki.org/wiki/Special:MyLanguage/API:Query",
        "https://www.mediawiki.org/wiki/Special:MyLanguage/API:Meta",
        "https://www.mediawiki.org/wiki/Special:MyLanguage/API:Properties",
        "https://www.mediawiki.org/wiki/Special:MyLanguage/API:Lists",
    )
    examples = (
        (
            "action=query&prop=revisions&meta=siteinfo&titles=Main%20Page&rvprop=user|comment"
            "&continue=",
            "apihelp-query-example-revisions",
        ),
        (
            "action=query&generator=allpages&gapprefix=API/&prop=revisions&continue=",
            "apihelp-query-example-allpages",
        ),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param("prop", "submodule", multi=True, values=_names("prop")),
        Param("list", "submodule", multi=True, values=_names("list")),
        Param("meta", "submodule", multi=True, values=_names("meta")),
        Param("indexpageids", "boolean"),
        Param("export", "boolean"),
        Param("exportnowrap", "boolean"),
        Param("exportschema", "enum", values=("0.10", "0.11"), default="0.11"),
        Param("iwurl", "boolean"),
        Param("continue", "string", help="api-help-param-continue"),
        Param("rawcontinue", "boolean"),
        # ApiPageSet::getAllowedParams(), with its help messages.
        Param("titles", "string", multi=True, help="api-pageset-param-titles"),
        Param("pageids", "integer", multi=True, help="api-pageset-param-pageids"),
        Param("revids", "integer", multi=True, help="api-pageset-param-revids"),
        Param(
            "generator",
            "submodule",
            values=_generators,
            submodule_map=_generator_map,
            submodule_param_prefix="g",
            help="api-pageset-param-generator",
        ),
        Param("redirects", "boolean", help="api-pageset-param-redirects-generator"),
        Param(
            "converttitles",
            "boolean",
            help=Message(
                "api-pageset-param-converttitles", (ListParam(LANGUAGES_WITH_VARIANTS, "text"),)
            ),
        ),
    )

    @classmethod
    def is_read_mode(cls, req: ApiRequest) -> bool:
        """ApiQuery::isReadMode(): only meta modules that need no read right are exempt."""
        allowed = {"rawcontinue", "indexpageids", "meta", "continue"}
        for p in cls.params:
            if p.name not in allowed and req.params.peek(p.name) is not None:
                return True
        metas = (req.params.peek("meta") or "").split("|")
        if not metas or metas == [""]:
            return True
        modules = query_modules("meta")
        return any(modules[m].is_read for m in metas if m in modules)

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        modules = [query_modules("list")[name] for name in params.get("list") or []]
        modules += [query_modules("meta")[name] for name in params.get("meta") or []]
        extracted = [(module, req.extract(module)) for module in modules]
        for module, values in extracted:
            saved = req.module_path
            req.module_path = module.path()
            try:
                module().execute(req, values)
            finally:
                req.module_path = saved
        req.result.data["batchcomplete"] = True
        # batchcomplete comes first in MediaWiki's output
        req.result.data = {
            "batchcomplete": True,
            **{k: v for k, v in req.result.data.items() if k != "batchcomplete"},
        }
