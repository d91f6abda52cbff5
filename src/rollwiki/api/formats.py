"""Output formats: json, xml, php and their HTML-wrapped ``fm`` variants, and none.

Mirrors ApiFormatJson, ApiFormatXml, ApiFormatPhp, ApiFormatNone and the pretty-printing
of ApiFormatBase for the ``*fm`` formats (an HTML page, MediaWiki's default format).
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import orjson

from ..i18n.messages import Message
from .module import ApiModule
from .params import Param
from .result import transform

if TYPE_CHECKING:
    from .request import ApiRequest


@dataclass(frozen=True)
class Rendered:
    body: bytes
    content_type: str


class FormatModule(ApiModule):
    """Base of the printers; ``render`` turns result data into bytes."""

    group = "format"
    html_wrapped: ClassVar[bool] = False
    mime: ClassVar[str] = "text/plain"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Data_formats",)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """ApiFormatBase::getExamplesMessages(): one generic example per format."""
        super().__init_subclass__(**kwargs)
        if "name" in vars(cls):
            fmt = cls.name[:-2] if cls.name.endswith("fm") else cls.name
            query = f"action=query&meta=siteinfo&siprop=namespaces&format={cls.name}"
            cls.examples = ((query, Message("apihelp-format-example-generic", (fmt.upper(),))),)

    def render(self, data: dict[str, Any], req: ApiRequest, fp: dict[str, Any]) -> Rendered:
        raise NotImplementedError

    @staticmethod
    def formatversion(fp: dict[str, Any]) -> int:
        return 2 if fp.get("formatversion") in ("2", "latest") else 1

    def wrap(self, text: str, req: ApiRequest, fp: dict[str, Any]) -> Rendered:
        """ApiFormatBase::closePrinter() for *fm formats: a small HTML page."""
        if not self.html_wrapped:
            return Rendered(text.encode("utf-8"), f"{self.mime}; charset=utf-8")
        title = html.escape(f"MediaWiki API result - {req.wiki.config.sitename}")
        fmt = self.name[:-2]
        intro = (
            "<p>This is the HTML representation of the "
            f"{html.escape(fmt.upper())} format. HTML is good for debugging, but is unsuitable "
            "for application use.</p><p>Specify the <var>format</var> parameter to change the "
            f"output format. To see the non-HTML representation of the "
            f"{html.escape(fmt.upper())} format, set <kbd>format={html.escape(fmt)}</kbd>."
            '</p><p>See the <a href="' + html.escape(req.wiki.api_url()) + '">complete '
            'documentation</a>, or the <a href="'
            + html.escape(req.wiki.api_url())
            + '?action=help&amp;modules=main">API help</a> for more information.</p>'
        )
        page = (
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="UTF-8"/>\n'
            f'<title>{title}</title>\n<meta name="robots" content="noindex,nofollow"/>\n'
            '</head>\n<body class="api-pretty-body">\n'
            f'<div class="api-pretty-header">{intro}</div>\n'
            f'<pre class="api-pretty-content">{html.escape(text)}</pre>\n</body>\n</html>\n'
        )
        return Rendered(page.encode("utf-8"), "text/html; charset=utf-8")


# ApiFormatBase::getAllowedParams(): the HTML variants take wrappedhtml first.
_WRAPPED = Param("wrappedhtml", "boolean", help="apihelp-format-param-wrappedhtml")


def _formatversion(path: str) -> Param:
    return Param(
        "formatversion",
        "enum",
        values=("1", "2", "latest"),
        default="1",
        help=f"apihelp-{path}-param-formatversion",
        help_per_value={},
    )


class JsonFormat(FormatModule):
    name = "json"
    classname = "ApiFormatJson"
    mime = "application/json"
    params: ClassVar[tuple[Param, ...]] = (
        Param("callback", "string", help="apihelp-json-param-callback"),
        Param("utf8", "boolean", help="apihelp-json-param-utf8"),
        Param("ascii", "boolean", help="apihelp-json-param-ascii"),
        _formatversion("json"),
    )

    def render(self, data: dict[str, Any], req: ApiRequest, fp: dict[str, Any]) -> Rendered:
        fv = self.formatversion(fp)
        out = transform(data, fv)
        pretty = self.html_wrapped
        ascii_escape = (fv == 1 and not fp.get("utf8")) or (fv == 2 and fp.get("ascii"))
        if ascii_escape or pretty:
            text = json.dumps(
                out,
                ensure_ascii=bool(ascii_escape),
                indent=4 if pretty else None,
                separators=(",", ": ") if pretty else (",", ":"),
            )
        else:
            text = orjson.dumps(out).decode("utf-8")
        callback = fp.get("callback")
        if callback:
            # ApiFormatJson: the callback name is filtered to [][.\w] characters.
            name = "".join(c for c in callback if c.isalnum() or c in "[]._")
            return Rendered(f"/**/{name}({text})".encode(), "text/javascript; charset=utf-8")
        return self.wrap(text, req, fp)


class JsonFmFormat(JsonFormat):
    name = "jsonfm"
    html_wrapped = True
    params = (_WRAPPED, *JsonFormat.params)


class NoneFormat(FormatModule):
    name = "none"
    classname = "ApiFormatNone"

    def render(self, data: dict[str, Any], req: ApiRequest, fp: dict[str, Any]) -> Rendered:
        return Rendered(b"", "text/plain; charset=utf-8")


class XmlFormat(FormatModule):
    name = "xml"
    classname = "ApiFormatXml"
    mime = "text/xml"
    params: ClassVar[tuple[Param, ...]] = (
        Param("xslt", "string", help="apihelp-xml-param-xslt"),
        Param("includexmlnamespace", "boolean", help="apihelp-xml-param-includexmlnamespace"),
    )

    def render(self, data: dict[str, Any], req: ApiRequest, fp: dict[str, Any]) -> Rendered:
        body = _xml_element("api", data, fp.get("includexmlnamespace", False))
        return self.wrap('<?xml version="1.0"?>' + body, req, fp)


class XmlFmFormat(XmlFormat):
    name = "xmlfm"
    html_wrapped = True
    params = (_WRAPPED, *XmlFormat.params)


class PhpFormat(FormatModule):
    name = "php"
    classname = "ApiFormatPhp"
    mime = "application/vnd.php.serialized"
    params: ClassVar[tuple[Param, ...]] = (_formatversion("php"),)

    def render(self, data: dict[str, Any], req: ApiRequest, fp: dict[str, Any]) -> Rendered:
        return self.wrap(_php_serialize(transform(data, self.formatversion(fp))), req, fp)


class PhpFmFormat(PhpFormat):
    name = "phpfm"
    html_wrapped = True
    params = (_WRAPPED, *PhpFormat.params)


class RawFmFormat(JsonFormat):
    name = "rawfm"
    classname = "ApiFormatJson"
    html_wrapped = True
    # ApiFormatJson with isRaw: only the HTML wrapper's parameter.
    params = (_WRAPPED,)


FORMATS: dict[str, type[ApiModule]] = {
    cls.name: cls
    for cls in (
        JsonFormat,
        JsonFmFormat,
        NoneFormat,
        XmlFormat,
        XmlFmFormat,
        PhpFormat,
        PhpFmFormat,
        RawFmFormat,
    )
}


# -- XML (Mirrors ApiFormatXml::recXmlPrint) --------------------------------------------------


def _xml_element(name: str, value: Any, namespace: bool = False) -> str:
    attrs: list[str] = []
    children: list[str] = []
    text: str | None = None
    if namespace:
        attrs.append('xmlns="http://www.mediawiki.org/xml/api/"')
    if isinstance(value, dict):
        content_key = value.get("_content")
        element = value.get("_element", "_v")
        subelements = set(value.get("_subelements", ()))
        preserve = False
        for key, item in value.items():
            if isinstance(key, str) and key.startswith("_"):
                continue
            if key in subelements and isinstance(item, str):
                # ApiResult::META_SUBELEMENTS: a text child instead of an attribute.
                escaped = html.escape(item, quote=False)
                children.append(f'<{key} xml:space="preserve">{escaped}</{key}>')
                continue
            if key == content_key or key == "*":
                text = _scalar(item)
                preserve = True
                continue
            if isinstance(item, dict) or isinstance(item, list):
                children.append(_xml_child(str(key) if not isinstance(key, int) else element, item))
            elif isinstance(item, bool):
                if item:
                    attrs.append(f'{key}=""')
            elif item is not None:
                attrs.append(f'{key}="{_attr(_scalar(item))}"')
        if preserve and text is not None:
            attrs.append('xml:space="preserve"')
    elif isinstance(value, list):
        for item in value:
            children.append(_xml_child("_v", item))
    else:
        text = _scalar(value)
    open_tag = f"<{name}{''.join(' ' + a for a in attrs)}"
    if text is None and not children:
        return open_tag + " />"
    return f"{open_tag}>{html.escape(text or '', quote=False)}{''.join(children)}</{name}>"


def _xml_child(name: str, value: Any) -> str:
    if isinstance(value, list):
        inner = "".join(
            _xml_element("_v" if not isinstance(v, dict) else v.get("_element", "_v"), v)
            for v in value
        )
        return f"<{name}>{inner}</{name}>"
    return _xml_element(name, value)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "" if value else ""
    return str(value)


def _attr(text: str) -> str:
    return html.escape(text, quote=True).replace("&#x27;", "'")


# -- PHP serialize ---------------------------------------------------------------------------


def _php_serialize(value: Any) -> str:
    if value is None:
        return "N;"
    if isinstance(value, bool):
        return f"b:{int(value)};"
    if isinstance(value, int):
        return f"i:{value};"
    if isinstance(value, float):
        return f"d:{value!r};"
    if isinstance(value, str):
        return f's:{len(value.encode("utf-8"))}:"{value}";'
    if isinstance(value, list):
        value = dict(enumerate(value))
    if isinstance(value, dict):
        parts = "".join(
            _php_serialize(k if isinstance(k, int) else str(k)) + _php_serialize(v)
            for k, v in value.items()
        )
        return f"a:{len(value)}:{{{parts}}}"
    return _php_serialize(str(value))
