"""action=query (Mirrors ApiQuery).  Minimal: meta submodules; pages and lists to come."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ..module import ApiModule, query_modules
from ..params import Param

if TYPE_CHECKING:
    from ..request import ApiRequest


def _names(group: str) -> Any:
    def values(req: ApiRequest) -> list[str]:
        return list(query_modules(group))

    return values


class QueryModule(ApiModule):
    name = "query"
    classname = "ApiQuery"
    help_urls = (
        "https://www.mediawiki.org/wiki/Special:MyLanguage/API:Query",
        "https://www.mediawiki.org/wiki/Special:MyLanguage/API:Meta",
        "https://www.mediawiki.org/wiki/Special:MyLanguage/API:Properties",
        "https://www.mediawiki.org/wiki/Special:MyLanguage/API:Lists",
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
        Param("continue", "string"),
        Param("rawcontinue", "boolean"),
        Param("titles", "string", multi=True),
        Param("pageids", "integer", multi=True),
        Param("revids", "integer", multi=True),
        Param("generator", "submodule", values=_names("generator")),
        Param("redirects", "boolean"),
        Param("converttitles", "boolean"),
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
