"""action=paraminfo (Mirrors ApiParamInfo)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ..errors import ApiMessage, ApiUsageError
from ..help.context import HelpContext
from ..help.info import PageSetModule, module_info
from ..help.tree import all_submodule_paths, children, resolve_path
from ..module import ApiModule, format_modules, query_modules
from ..params import Param

if TYPE_CHECKING:
    from ..request import ApiRequest


def _query_module_names(req: ApiRequest) -> list[str]:
    return sorted(name for group in ("prop", "list", "meta") for name in query_modules(group))


def _format_names(req: ApiRequest) -> list[str]:
    return sorted(format_modules())


def _truthy(value: str | None) -> bool:
    """PHP's truthiness of a string parameter ("" and "0" are false)."""
    return value not in (None, "", "0")


class ParamInfoModule(ApiModule):
    name = "paraminfo"
    classname = "ApiParamInfo"
    is_read = False
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Parameter_information",)
    examples = (
        (
            "action=paraminfo&modules=parse|phpfm|query%2Ballpages|query%2Bsiteinfo",
            "apihelp-paraminfo-example-1",
        ),
        ("action=paraminfo&modules=query%2B*", "apihelp-paraminfo-example-2"),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param("modules", "string", multi=True),
        Param("helpformat", "enum", values=("html", "wikitext", "raw", "none"), default="none"),
        Param("querymodules", "enum", multi=True, deprecated=True, values=_query_module_names),
        # Declared without a type in 1.39, so they are strings tested for PHP truthiness.
        Param("mainmodule", "string", deprecated=True),
        Param("pagesetmodule", "string", deprecated=True),
        Param("formatmodules", "enum", multi=True, deprecated=True, values=_format_names),
    )

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        fmt = params["helpformat"]
        # ApiParamInfo documents for an anonymous user in the request's language.
        ctx = HelpContext(req.wiki, req.lang)
        paths = self._expand(req, params.get("modules") or [])
        query_names = params.get("querymodules") or []
        format_names = params.get("formatmodules") or []
        paths += [f"query+{name}" for name in query_names]
        paths += list(format_names)
        res: dict[str, Any] = {}
        for path in dict.fromkeys(paths):
            try:
                module = resolve_path(path)
            except ApiUsageError as exc:
                for msg in exc.messages:
                    req.warn(msg)
                continue
            key = "modules"
            is_bc_query = module.group in ("prop", "list", "meta") and module.name in query_names
            if is_bc_query:
                key = "querymodules"
            if module.name in format_names:
                key = "formatmodules"
            item = module_info(req, ctx, module, fmt)
            if is_bc_query:
                item["querytype"] = item["group"]
            res.setdefault(key, []).append(item)
        if _truthy(params.get("mainmodule")):
            res["mainmodule"] = module_info(req, ctx, resolve_path("main"), fmt)
        if _truthy(params.get("pagesetmodule")):
            info = module_info(req, ctx, PageSetModule, fmt)
            for drop in ("name", "path", "group"):
                info.pop(drop, None)
            res["pagesetmodule"] = info
        req.result.data["paraminfo"] = {"helpformat": fmt, **res}

    @staticmethod
    def _expand(req: ApiRequest, requested: list[str]) -> list[str]:
        """Module paths with ``+*`` (submodules) and ``+**`` (recursively) expanded."""
        paths: list[str] = []
        for path in requested:
            if path in ("*", "**"):
                path = f"main+{path}"
            recursive: bool | None = None
            if path.endswith(("+**", " **")):
                path, recursive = path[:-3], True
            elif path.endswith(("+*", " *")):
                path, recursive = path[:-2], False
            if recursive is None:
                paths.append(path)
                continue
            try:
                module = resolve_path(path)
            except ApiUsageError as exc:
                for msg in exc.messages:
                    req.warn(msg)
                continue
            found = all_submodule_paths(module, recursive) if children(module) else []
            if found:
                paths.extend(found)
            else:
                req.warn(ApiMessage.of("apierror-badmodule-nosubmodules", path, code="badmodule"))
        return paths
