"""The extra sections of the main module's help (Mirrors ApiMain::modifyHelp()):
permissions, data types, templated parameters and credits."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ...i18n.messages import ListParam, Num
from .context import HelpContext, raw_element

if TYPE_CHECKING:
    from ..request import ApiRequest

# ApiMain::RIGHTS_MAP, with ApiBase::LIMIT_SML2 and LIMIT_BIG2.
RIGHTS_MAP: tuple[tuple[str, str, tuple[int, ...]], ...] = (
    ("writeapi", "right-writeapi", ()),
    ("apihighlimits", "api-help-right-apihighlimits", (500, 5000)),
)
# ParamValidator::knownTypes() order, as far as api-help-datatype-* messages exist.
DATATYPES = (
    "boolean",
    "checkbox",
    "integer",
    "limit",
    "float",
    "double",
    "string",
    "NULL",
    "password",
    "raw",
    "text",
    "expiry",
    "timestamp",
    "user",
    "upload",
    "title",
    "namespace",
    "tags",
    "submodule",
)


def legacy_id(anchor: str) -> str:
    """Sanitizer::escapeIdForAttribute() in the legacy (fallback) mode."""
    return quote(anchor.replace(" ", "_"), safe="-_.~").replace("%3A", ":").replace("%", ".")


def headline(level: int, anchor: str, html: str) -> str:
    """Linker::makeHeadline() with the legacy anchor as a fallback span."""
    fallback = legacy_id(anchor)
    extra = f'<span id="{fallback}"></span>' if fallback != anchor else ""
    return (
        f'<h{level} class="apihelp-header">{extra}'
        f'<span class="mw-headline" id="{anchor}">{html}</span></h{level}>'
    )


def _permissions(ctx: HelpContext, req: ApiRequest) -> str:
    html = '<div class="apihelp-block apihelp-permissions">'
    if not ctx.disabled("api-help-permissions"):
        head = ctx.parse("api-help-permissions", Num(len(RIGHTS_MAP)))
        html += raw_element("div", head, class_="apihelp-block-head")
    html += "<dl>"
    for right, key, params in RIGHTS_MAP:
        html += f"<dt>{right}</dt>" + raw_element("dd", ctx.parse(key, *params))
        groups = ["all" if g == "*" else g for g in req.wiki.permissions.groups_with_right(right)]
        granted = ctx.parse(
            "api-help-permissions-granted-to", Num(len(groups)), ListParam(tuple(groups))
        )
        html += raw_element("dd", granted)
    return html + "</dl></div>"


def main_sections(
    ctx: HelpContext,
    req: ApiRequest,
    help: dict[str, str],
    options: Any,
    have: dict[str, Any],
    toc_entry: Any,
) -> dict[str, str]:
    """ApiMain::modifyHelp(): permissions before the submodules, then the reference."""
    out: dict[str, str] = {}
    for key, value in help.items():
        if key == "submodules":
            out["permissions"] = _permissions(ctx, req)
        out[key] = value
    out["datatypes"] = out["templatedparams"] = out["credits"] = ""
    if options.nolead:
        return out
    level = min(6, options.headerlevel)

    def section(anchor: str, header_key: str) -> str:
        header = ctx.parse(header_key)
        if anchor not in have:
            options.tocnumber[-1] += 1
            number = ".".join(str(n) for n in options.tocnumber)
            have[anchor] = toc_entry(
                options.headerlevel, len(options.tocnumber), anchor, header, number
            )
        return headline(level, anchor, header)

    datatypes = section("main/datatypes", "api-help-datatypes-header")
    datatypes += ctx.parse_block("api-help-datatypes-top") + "<dl>"
    for name in DATATYPES:
        key = f"api-help-datatype-{name}"
        if ctx.disabled(key):
            continue
        anchor = f"main/datatype/{name}"
        datatypes += (
            f'<dt id="{anchor}"><span id="{legacy_id(anchor)}"></span>{name}</dt>'
            f"<dd>{ctx.parse_block(key)}</dd>"
        )
    out["datatypes"] = datatypes + "</dl>"
    templated = section("main/templatedparams", "api-help-templatedparams-header")
    out["templatedparams"] = templated + ctx.parse_block("api-help-templatedparams")
    credits = section("main/credits", "api-credits-header")
    out["credits"] = credits + ctx.parse_block("api-credits")
    return out
