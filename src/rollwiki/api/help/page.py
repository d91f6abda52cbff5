"""The HTML help of API modules (Mirrors ApiHelp::getHelp() and getHelpInternal()).

The body matches MediaWiki's markup; the page around it is a plain version of the
``apioutput`` skin with the same visible text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...i18n.messages import ListParam, Num, decode_space, lookup
from ...render.sanitizer import escape_html
from ..module import ApiModule
from .context import HelpContext, element, raw_element
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
from .mainhelp import main_sections
from .paramdocs import help_info
from .tree import children, is_main, module_name, resolve_path

if TYPE_CHECKING:
    from ..request import ApiRequest


@dataclass
class TocEntry:
    level: int
    toclevel: int
    anchor: str
    line: str
    number: str


@dataclass
class HelpOptions:
    """ApiHelp::getHelp() options."""

    submodules: bool = False
    recursivesubmodules: bool = False
    toc: bool = False
    headerlevel: int = 2
    noheader: bool = False
    nolead: bool = False
    tocnumber: list[int] = field(default_factory=lambda: [0])


def help_body(req: ApiRequest, modules: list[type[ApiModule]], options: HelpOptions) -> str:
    """ApiHelp::getHelp(): lead, optional table of contents, the modules' help."""
    ctx = HelpContext(req.wiki, req.lang)
    options.recursivesubmodules = bool(options.recursivesubmodules)
    options.submodules = options.recursivesubmodules or options.submodules
    html = ""
    if not options.nolead and not ctx.disabled("api-help-lead"):
        html += ctx.parse_block("api-help-lead")
    have: dict[str, TocEntry | None] = {}
    body = _help_internal(ctx, req, modules, options, have)
    if options.toc and have:
        html += generate_toc(ctx, [e for e in have.values() if e is not None])
    html += body
    return fix_help_links(req, html, have)


def _ancestors(module: type[ApiModule]) -> list[type[ApiModule]]:
    """The module and its parents up to main (ApiBase::getParent())."""
    chain = [module]
    if not is_main(module):
        parts = module.path().split("+")
        chain += [resolve_path("+".join(parts[:i])) for i in range(len(parts) - 1, 0, -1)]
        chain.append(resolve_path("main"))
    return chain


def _header(
    ctx: HelpContext,
    module: type[ApiModule],
    options: HelpOptions,
    have: dict[str, TocEntry | None],
) -> str:
    path = module.path()
    if options.noheader and not options.toc:
        have[path] = None
        return ""
    anchor, i = path, 1
    while anchor in have:
        i += 1
        anchor = f"{path}|{i}"
    if is_main(module):
        content = ctx.parse("api-help-main-header")
        heading = raw_element(f"h{min(6, options.headerlevel)}", content, class_="apihelp-header")
        heading = heading.replace(">", f' id="{escape_html(anchor)}">', 1)
    else:
        content = escape_html(f"{module.group}={module.name}").replace("&#039;", "'")
        if module.prefix:
            content += " " + ctx.parse("parentheses", module.prefix)
        heading = raw_element(
            f"h{min(6, options.headerlevel)}",
            content,
            class_="apihelp-header apihelp-module-name",
            dir="ltr",
            lang="en",
            id=anchor,
        )
    number = ".".join(str(n) for n in options.tocnumber)
    have[anchor] = TocEntry(options.headerlevel, len(options.tocnumber), anchor, content, number)
    return "" if options.noheader else heading


def _linktrail(
    ctx: HelpContext, module: type[ApiModule], modules: list[type[ApiModule]], options: HelpOptions
) -> str:
    links: list[str] = []
    linked = False
    for m in _ancestors(module):
        name = module_name(m)
        if (
            len(modules) == 1
            and m is modules[0]
            and not (options.submodules and children(m) is not None)
        ):
            link = element("b", name, dir="ltr", lang="en")
        else:
            href = ctx.wiki.config.article_path.replace("$1", "Special:ApiHelp/" + m.path())
            href = href.replace("+", "%2B")
            link = element("a", name, href=href, class_="apihelp-linktrail", dir="ltr", lang="en")
            linked = True
        links.insert(0, link)
    if not linked:
        return ""
    pipe = decode_space(lookup(ctx.lang, "pipe-separator") or " | ")
    return raw_element(
        "div", ctx.parse_raw("parentheses", pipe.join(links)), class_="apihelp-linktrail"
    )


def _flags(ctx: HelpContext, req: ApiRequest, module: type[ApiModule]) -> str:
    flags = help_flags(module, req)
    html = '<div class="apihelp-block apihelp-flags">'
    if not ctx.disabled("api-help-flags"):
        head = ctx.parse("api-help-flags", Num(len(flags)))
        html += raw_element("div", head, class_="apihelp-block-head")
    html += "<ul>"
    for flag in flags:
        span = raw_element(
            "span", ctx.parse(f"api-help-flag-{flag}"), class_=f"apihelp-flag-{flag}"
        )
        html += f"<li>{span}</li>"
    source = element("span", SOURCE_NAME, dir="ltr", lang="en")
    html += "<li>" + raw_element(
        "span", ctx.parse("api-help-source", source, SOURCE_NAME), class_="apihelp-source"
    )
    license_name = element("span", LICENSE_NAME, dir="ltr", lang="en")
    license_link = f"Special:Version/License/{SOURCE_NAME}"
    html += "</li><li>" + raw_element(
        "span", ctx.parse("api-help-license", license_link, license_name), class_="apihelp-license"
    )
    return html + "</li></ul></div>"


def _help_urls(ctx: HelpContext, module: type[ApiModule]) -> str:
    urls = list(module.help_urls)
    if not urls:
        return ""
    html = '<div class="apihelp-block apihelp-help-urls">'
    if not ctx.disabled("api-help-help-urls"):
        head = ctx.parse("api-help-help-urls", Num(len(urls)))
        html += raw_element("div", head, class_="apihelp-block-head")
    items = "".join(f"<li>{element('a', url, href=url, dir='ltr')}</li>" for url in urls)
    return html + f"<ul>{items}</ul></div>"


_JOIN_LISTS = re.compile(r"\s*</([oud]l)>\s*<\1>\s*")


def _parameters(
    ctx: HelpContext, req: ApiRequest, module: type[ApiModule], groups: list[str]
) -> str:
    params = module.declared_params(req)
    dynamic = dynamic_parameters(module)
    if not params and dynamic is None:
        return ""
    html = '<div class="apihelp-block apihelp-parameters">'
    if not ctx.disabled("api-help-parameters"):
        head = ctx.parse("api-help-parameters", Num(len(params)))
        html += raw_element("div", head, class_="apihelp-block-head")
        if not is_main(module):
            note = ctx.parse("api-help-parameters-note")
            html += raw_element("div", note, class_="apihelp-block-header")
    html += "<dl>"
    descriptions = param_descriptions(module, params, req)
    for p in params:
        if p.is_submodule:
            groups.append(p.name)
        html += raw_element("dt", element("span", module.prefix + p.name, dir="ltr", lang="en"))
        parts = [ctx.parse_block(m) for m in descriptions.get(p.name, [])]
        if not any(parts):
            no_desc = ctx.parse("api-help-param-no-description")
            parts = [raw_element("span", no_desc, class_="apihelp-empty")]
        if p.deprecated:
            label = raw_element(
                "strong", ctx.parse("api-help-param-deprecated"), class_="apihelp-deprecated"
            )
            html += raw_element("dd", label, class_="info")
        joined = _JOIN_LISTS.sub("\n", "".join(parts))
        html += raw_element("dd", joined, class_="description")
        for line in _info_lines(ctx, req, module, p):
            html += raw_element("dd", line, class_="info")
    if dynamic is not None:
        html += "<dt>*</dt>" + raw_element("dd", ctx.parse(dynamic), class_="description")
    return html + "</dl></div>"


def _info_lines(ctx: HelpContext, req: ApiRequest, module: type[ApiModule], p: Any) -> list[str]:
    """ApiHelp's info lines: required, custom info, templated, then the type documentation."""
    msgs = help_info(module, p, req)
    lines: list[str] = []
    if p.required and msgs:
        lines.append(ctx.parse(msgs.pop(0)))
    path = module.path()
    for tag, *values in p.extra.get("help_info", ()):
        lister = ctx.formatter._sep("comma-separator").join(values)
        msg = HelpMsg(
            (f"apihelp-{path}-paraminfo-{tag}",), (Num(len(values)), lister, module.prefix)
        )
        lines.append(ctx.parse(msg))
    template_vars: dict[str, str] = p.extra.get("template_vars", {})
    if template_vars:
        first = True
        variables = []
        for var, source in template_vars.items():
            key = "api-help-param-templated-var-first" if first else "api-help-param-templated-var"
            variables.append(HelpMsg((key,), (var, module.prefix + source)).text(ctx.formatter))
            first = False
        msg = HelpMsg(
            ("api-help-param-templated",), (Num(len(variables)), ListParam(tuple(variables)))
        )
        lines.append(ctx.parse(msg))
    lines.extend(ctx.parse(m) for m in msgs)
    return lines


def _examples(ctx: HelpContext, module: type[ApiModule]) -> str:
    items = examples(module)
    if not items:
        return ""
    html = '<div class="apihelp-block apihelp-examples">'
    if not ctx.disabled("api-help-examples"):
        head = ctx.parse("api-help-examples", Num(len(items)))
        html += raw_element("div", head, class_="apihelp-block-head")
    html += "<dl>"
    api = ctx.wiki.config.script_path + "/api.php"
    sandbox = ctx.wiki.config.article_path.replace("$1", "Special:ApiSandbox")
    for query, msg in items:
        html += raw_element("dt", ctx.parse(msg))
        link = element("a", f"api.php?{query}", href=f"{api}?{query}", dir="ltr", rel="nofollow")
        open_link = raw_element(
            "a", ctx.parse("api-help-open-in-apisandbox"), href=f"{sandbox}#{query}"
        )
        html += raw_element("dd", f"{link} {open_link}")
    return html + "</dl></div>"


def _help_internal(
    ctx: HelpContext,
    req: ApiRequest,
    modules: list[type[ApiModule]],
    options: HelpOptions,
    have: dict[str, TocEntry | None],
) -> str:
    """ApiHelp::getHelpInternal()."""
    out = ""
    for module in modules:
        options.tocnumber[-1] += 1
        groups: list[str] = []
        help: dict[str, str] = {
            "header": _header(ctx, module, options, have)
            + _linktrail(ctx, module, modules, options),
            "flags": _flags(ctx, req, module),
            "description": "".join(ctx.parse_block(m) for m in description(module)),
            "help-urls": _help_urls(ctx, module),
            "parameters": _parameters(ctx, req, module, groups),
            "examples": _examples(ctx, module),
            "submodules": "",
        }
        sub = HelpOptions(
            submodules=options.recursivesubmodules,
            recursivesubmodules=options.recursivesubmodules,
            toc=options.toc,
            headerlevel=options.headerlevel + 1,
            noheader=False,
            nolead=options.nolead,
            tocnumber=[*options.tocnumber, 0],
        )
        manager = children(module)
        if options.submodules and manager is not None:
            subs = [
                manager[name]
                for group in groups
                for name in sorted(n for n, m in manager.items() if m.group == group)
            ]
            help["submodules"] = _help_internal(ctx, req, subs, sub, have)
        if is_main(module):
            help = main_sections(ctx, req, help, sub, have, TocEntry)
        out += "\n".join(help.values())
    return out


def generate_toc(ctx: HelpContext, entries: list[TocEntry]) -> str:
    """Linker::generateTOC()."""
    title = escape_html(ctx.plain("toc")).replace("&#039;", "'")
    html = (
        '<div id="toc" class="toc" role="navigation" aria-labelledby="mw-toc-heading">'
        '<input type="checkbox" role="button" id="toctogglecheckbox" class="toctogglecheckbox" '
        f'style="display:none"><div class="toctitle" lang="{ctx.lang}" dir="ltr">'
        f'<h2 id="mw-toc-heading">{title}</h2><span class="toctogglespan">'
        '<label class="toctogglelabel" for="toctogglecheckbox"></label></span></div>\n<ul>\n'
    )
    depth = 1
    for index, entry in enumerate(entries):
        while entry.toclevel > depth:
            html += "\n<ul>\n"
            depth += 1
        while entry.toclevel < depth:
            html += "</li>\n</ul>\n"
            depth -= 1
        if index and not html.endswith("<ul>\n"):
            html += "</li>\n"
        html += (
            f'<li class="toclevel-{entry.toclevel}"><a href="#{escape_html(entry.anchor)}">'
            f'<span class="tocnumber">{entry.number}</span> '
            f'<span class="toctext">{entry.line}</span></a>'
        )
    while depth > 1:
        html += "</li>\n</ul>\n"
        depth -= 1
    return html + "</li>\n</ul>\n</div>\n"


_ANCHOR = re.compile(r"<a\s([^>]*)>")
_HREF = re.compile(r'href="([^"]*)"')
_API_HELP = re.compile(r"Special:ApiHelp/([^&/|#]+)((?:#.*)?)")
_VOID = re.compile(r"<(br|hr|wbr)\s*/>")
_URI_UNSAFE = re.compile(r"[^A-Za-z0-9\-_.!~*'();/?:@&=+$,#%\[\]]")


def _uri_escape(url: str) -> str:
    """libxml's URI escaping of href values, which MediaWiki's DOM re-serialisation applies."""
    return _URI_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode()), url)


def fix_help_links(req: ApiRequest, html: str, local: dict[str, Any]) -> str:
    """ApiHelp::fixHelpLinks(): Special:ApiHelp links go to api.php or to this page."""
    from html import unescape
    from urllib.parse import quote, unquote

    api = req.wiki.config.script_path + "/api.php"

    def one(m: re.Match[str]) -> str:
        attributes = m.group(1)
        href_m = _HREF.search(attributes)
        if href_m is None:
            return m.group(0)
        href = unescape(href_m.group(1))
        if "apihelp-linktrail" not in attributes:
            decoded = href
            while True:
                again = unquote(decoded)
                if again == decoded:
                    break
                decoded = again
            found = _API_HELP.search(decoded)
            if found:
                name, fragment = found.group(1), found.group(2)
                if name in local:
                    href = fragment or "#" + name
                else:
                    href = f"{api}?action=help&modules={quote(name, safe='')}{fragment}"
                attributes = re.sub(r'\s*title="[^"]*"', "", attributes)
        new = f'href="{escape_html(_uri_escape(href))}"'
        return "<a " + _HREF.sub(lambda _m: new, attributes, count=1) + ">"

    # MediaWiki re-serialises the help through PHP's DOM, which writes void elements bare.
    return _VOID.sub(r"<\1>", _ANCHOR.sub(one, html))
