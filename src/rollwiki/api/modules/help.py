"""action=help (Mirrors ApiHelp): the HTML help of modules, raw or wrapped in the result."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, ClassVar

from ..errorformat import render_warnings
from ..help.page import HelpOptions, help_body
from ..help.raw import RawPrinter
from ..help.skin import help_page
from ..help.tree import resolve_path
from ..module import ApiModule
from ..params import Param
from ..result import transform

if TYPE_CHECKING:
    from ..request import ApiRequest


class HelpModule(ApiModule):
    name = "help"
    classname = "ApiHelp"
    is_read = False
    help_urls = (
        "https://www.mediawiki.org/wiki/Special:MyLanguage/API:Main_page",
        "https://www.mediawiki.org/wiki/Special:MyLanguage/API:FAQ",
        "https://www.mediawiki.org/wiki/Special:MyLanguage/API:Quick_start_guide",
    )
    examples = (
        ("action=help", "apihelp-help-example-main"),
        ("action=help&modules=query&submodules=1", "apihelp-help-example-submodules"),
        ("action=help&recursivesubmodules=1", "apihelp-help-example-recursive"),
        ("action=help&modules=help", "apihelp-help-example-help"),
        ("action=help&modules=query+info|query+categorymembers", "apihelp-help-example-query"),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param("modules", "string", multi=True, default="main"),
        Param("submodules", "boolean"),
        Param("recursivesubmodules", "boolean"),
        Param("wrap", "boolean"),
        Param("toc", "boolean"),
    )

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        modules = [resolve_path(path) for path in params["modules"]]
        options = HelpOptions(
            submodules=params["submodules"],
            recursivesubmodules=params["recursivesubmodules"],
            toc=params["toc"],
        )
        html = help_page(req, help_body(req, modules, options))
        if params["wrap"]:
            req.result.data["help"] = {
                "mime": "text/html",
                "filename": "api-help.html",
                "help": html,
                "_subelements": ["help"],
            }
            return
        if req.warnings:
            # Warnings so far go into an HTML comment at the top, as MediaWiki does.
            warnings = transform(render_warnings(req, req.wiki.formatter, req.warnings), 2)
            text = json.dumps({"warnings": warnings}, indent=4, ensure_ascii=False)
            text = text.replace("--", "-\\u002D")
            html = f"<!-- API warnings and errors:\n{text}\n-->\n{html}"
        req.result.data = {"text": html, "mime": "text/html", "filename": "api-help.html"}
        req.extra.setdefault("response_headers", {})["Content-Disposition"] = (
            "inline; filename=api-help.html"
        )

    @classmethod
    def custom_printer(cls, req: ApiRequest, params: dict[str, Any]) -> type[ApiModule] | None:
        """ApiHelp::getCustomPrinter(): the raw HTML unless ``wrap`` was given."""
        return None if params.get("wrap") else RawPrinter
