"""Machine-readable module documentation (Mirrors ApiParamInfo::getModuleInfo() and
formatHelpMessages())."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from ...services.namespaces import NS_SPECIAL
from ...services.titles import Title
from ..module import ApiModule
from ..modules.query_module import QueryModule
from .context import HelpContext
from .docs import (
    LICENSE_NAME,
    SOURCE_NAME,
    HelpMsg,
    description,
    dynamic_parameters,
    examples,
    help_flags,
    param_descriptions,
)
from .paramdocs import param_info
from .tree import is_main

if TYPE_CHECKING:
    from ..request import ApiRequest

_WIKITEXT_LISTS = re.compile(r"^(([*#:;])[^\n]*)\n\n(?=\2)", re.M)
_HTML_LISTS = re.compile(r"\s*</([oud]l)>\s*<\1>\s*")
PAGESET_PARAMS = ("titles", "pageids", "revids", "generator", "redirects", "converttitles")


class PageSetModule(ApiModule):
    """ApiPageSet as paraminfo's ``pagesetmodule`` shows it: action=query's page parameters."""

    name = "query"
    classname = "ApiPageSet"
    params: ClassVar[tuple[Any, ...]] = tuple(
        p for p in QueryModule.params if p.name in PAGESET_PARAMS
    )


def format_help(ctx: HelpContext, fmt: str, msgs: list[HelpMsg], join_lists: bool = False) -> Any:
    """ApiParamInfo::formatHelpMessages(); None for helpformat=none."""
    if fmt == "wikitext":
        text = "\n\n".join(ctx.text(m) for m in msgs)
        return _WIKITEXT_LISTS.sub(r"\1\n", text) if join_lists else text
    if fmt == "html":
        html = "\n".join(ctx.parse_block(m) for m in msgs)
        if join_lists:
            html = _HTML_LISTS.sub("\n", html)
        return ctx.strip_outer(html)
    if fmt == "raw":
        return [m.raw() for m in msgs]
    return None


def module_info(
    req: ApiRequest, ctx: HelpContext, module: type[ApiModule], fmt: str
) -> dict[str, Any]:
    """ApiParamInfo::getModuleInfo()."""
    ret: dict[str, Any] = {
        "name": "main" if is_main(module) else module.name,
        "classname": module.classname,
        "path": module.path(),
    }
    if not is_main(module):
        ret["group"] = module.group
    ret["prefix"] = module.prefix
    ret["source"] = SOURCE_NAME
    ret["sourcename"] = SOURCE_NAME
    ret["licensetag"] = LICENSE_NAME
    license_page = Title(NS_SPECIAL, f"Version/License/{SOURCE_NAME}")
    ret["licenselink"] = req.wiki.article_url(license_page, absolute=True)
    text = format_help(ctx, fmt, description(module))
    if text is not None:
        ret["description"] = text
    for flag in help_flags(module, req):
        ret[flag] = True
    ret["helpurls"] = list(module.help_urls)
    if fmt != "none":
        ret["examples"] = []
        for query, msg in examples(module):
            item: dict[str, Any] = {"query": query}
            desc = format_help(ctx, fmt, [msg])
            item["description"] = desc[0] if isinstance(desc, list) else desc
            ret["examples"].append(item)
    params = module.declared_params(req)
    descriptions = param_descriptions(module, params, req)
    ret["parameters"] = []
    ret["templatedparameters"] = []
    for index, p in enumerate(params, start=1):
        entry: dict[str, Any] = {"index": index, "name": p.name}
        template_vars = p.extra.get("template_vars")
        if template_vars:
            entry["templatevars"] = dict(template_vars)
        text = format_help(ctx, fmt, descriptions.get(p.name, []), join_lists=True)
        if text is not None:
            entry["description"] = text
        entry.update(param_info(module, p, req))
        infos = p.extra.get("help_info", ())
        if infos:
            entry["info"] = [_info_item(ctx, module, fmt, tag, values) for tag, *values in infos]
        ret["templatedparameters" if template_vars else "parameters"].append(entry)
    dynamic = dynamic_parameters(module)
    if dynamic is not None:
        if fmt == "none":
            ret["dynamicparameters"] = True
        else:
            ret["dynamicparameters"] = format_help(ctx, fmt, [dynamic])
    return ret


def _info_item(
    ctx: HelpContext, module: type[ApiModule], fmt: str, tag: str, values: list[str]
) -> dict[str, Any]:
    from ...i18n.messages import Num

    item: dict[str, Any] = {"name": tag}
    if values:
        item["values"] = list(values)
    lister = ctx.formatter._sep("comma-separator").join(values)
    msg = HelpMsg(
        (f"apihelp-{module.path()}-paraminfo-{tag}",), (Num(len(values)), lister, module.prefix)
    )
    text = format_help(ctx, fmt, [msg])
    if text is not None:
        item["text"] = text
    return item
