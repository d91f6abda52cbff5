"""Wikitext of pages to safe HTML for the page view.

mwparserfromhell tokenises; this allow-list renderer turns the tree into HTML: headings
with ids, paragraphs, lists, bold/italic, internal links (red for missing pages, one batch
existence lookup), external links, templates shown as links to their Template: pages,
``<nowiki>``/``<pre>``, rules and simple tables.  Every piece of text is escaped, only
allow-listed tags and attributes are produced (no ``style``, no event handlers, no
``javascript:``), and nh3 cleans the result again as a backstop: nothing executable can
reach the page whatever the wikitext.
"""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import mwparserfromhell
import nh3
from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Node,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.wikicode import Wikicode

from ..services.titles import Title
from .pageblocks import DD_SPLIT, BlockLevels, Line
from .pagelinks import URL_SCHEMES, PageLinks, esc
from .pagetables import render_table

if TYPE_CHECKING:
    from ..services.wiki import Wiki

# Tags wikitext may use (Sanitizer::getRecognizedTagData without the risky ones).
INLINE_TAGS = frozenset(
    "b i u s strike del ins em strong small big sub sup code tt kbd var samp span abbr "
    "cite dfn q mark bdi time data ruby rb rp rt".split()
)
BLOCK_TAGS = frozenset("div p blockquote center ul ol li dl dt dd h1 h2 h3 h4 h5 h6".split())
VOID_TAGS = frozenset({"br", "hr", "wbr"})
RAW_TAGS = frozenset({"nowiki", "pre", "source", "syntaxhighlight"})
COMMON_ATTRS = frozenset({"class", "id", "title", "lang", "dir"})
CELL_ATTRS = frozenset({"colspan", "rowspan"})
_MAGIC = re.compile(
    r"__(?:NOTOC|FORCETOC|TOC|NOEDITSECTION|NEWSECTIONLINK|NONEWSECTIONLINK|"
    r"NOGALLERY|HIDDENCAT|INDEX|NOINDEX|STATICREDIRECT|DISAMBIG)__"
)
_CLASS_OK = re.compile(r"[^A-Za-z0-9 _-]")

_NH3_TAGS = (
    INLINE_TAGS
    | BLOCK_TAGS
    | VOID_TAGS
    | {
        "a",
        "pre",
        "table",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
    }
)
_NH3_ATTRS = {
    "*": set(COMMON_ATTRS),
    "a": {"href", "rel"},
    "td": set(CELL_ATTRS),
    "th": set(CELL_ATTRS),
}


@dataclass
class RenderedPage:
    """The HTML of a page plus what the skin shows around it."""

    html: str
    categories: list[Title] = field(default_factory=list)
    headings: list[tuple[int, str, str]] = field(default_factory=list)  # level, id, text


@dataclass
class _PendingLink:
    title: Title
    label: str  # HTML
    fragment_only: bool = False


class PageRenderer:
    """Renders one page's wikitext (Mirrors the parts of Parser a page view needs)."""

    def __init__(self, wiki: Wiki, title: Title | None = None) -> None:
        self.wiki = wiki
        self.title = title
        self.links = PageLinks(wiki, title, self.inline_node)
        self.headings: list[tuple[int, str, str]] = []
        self._ids: set[str] = set()

    # -- entry point -------------------------------------------------------------------

    def render(self, text: str) -> RenderedPage:
        code = mwparserfromhell.parse(text.replace("\r\n", "\n"), skip_style_tags=False)
        body = self.blocks(code)
        body = self.links.resolve(body)
        cleaned = sanitize(body)
        html = f'<div class="mw-parser-output">{cleaned}</div>'
        return RenderedPage(html, self.links.categories, self.headings)

    # -- block level ----------------------------------------------------------------------

    def blocks(self, code: Wikicode) -> str:
        return BlockLevels().run(self.lines(code))

    def lines(self, code: Wikicode) -> list[Line]:
        lines: list[Line] = [Line()]
        at_start = True
        nodes = list(code.nodes)
        for index, node in enumerate(nodes):
            current = lines[-1]
            if isinstance(node, Wikilink):
                current.parts.append(self.links.wikilink(node, nodes, index))
                at_start = False
                continue
            if isinstance(node, Text):
                pieces = _MAGIC.sub("", str(node)).split("\n")
                for i, piece in enumerate(pieces):
                    if i:
                        lines.append(Line())
                        current = lines[-1]
                        at_start = True
                    if at_start and piece.startswith(" ") and not current.prefix:
                        current.source_space = True
                    if piece:
                        current.parts.append(esc(piece))
                        at_start = False
                continue
            if (
                isinstance(node, Tag)
                and node.wiki_markup in ("*", "#", ";", ":")
                and (node.self_closing)
            ):
                if at_start:
                    current.prefix += str(node.wiki_markup)
                elif (
                    node.wiki_markup == ":"
                    and current.prefix.endswith(";")
                    and (DD_SPLIT not in current.html)
                ):
                    current.parts.append(DD_SPLIT)
                else:
                    current.parts.append(esc(str(node.wiki_markup)))
                continue
            block = self._block_node(node)
            if block is not None:
                if current.parts or current.prefix:
                    lines.append(Line())
                lines[-1].block = block
                lines.append(Line())
                at_start = True
                continue
            current.parts.append(self.inline_node(node))
            if isinstance(node, Tag) and str(node.tag).strip().lower() in BLOCK_TAGS:
                current.has_block_html = True
            at_start = False
        return lines

    def _block_node(self, node: Node) -> str | None:
        if isinstance(node, Heading):
            return self._heading(node)
        if isinstance(node, Tag):
            name = str(node.tag).strip().lower()
            if node.wiki_markup == "----":
                return "<hr>"
            if name == "table" and node.wiki_markup == "{|":
                return render_table(self, node)
            if name in RAW_TAGS and name != "nowiki":
                return f"<pre>{esc(_raw_contents(node))}</pre>"
            if name == "table" and node.wiki_markup is None:
                return esc(str(node))
        return None

    def _heading(self, node: Heading) -> str:
        inner = self.inline(node.title).strip()
        plain = htmllib.unescape(re.sub(r"<[^>]*>", "", inner)).strip()
        anchor = self._unique_id(plain)
        level = node.level
        self.headings.append((level, anchor, plain))
        return f'<h{level}><span class="mw-headline" id="{esc(anchor)}">{inner}</span></h{level}>'

    def _unique_id(self, text: str) -> str:
        """Sanitizer::escapeIdForAttribute() (html5 mode), deduplicated with _2, _3 ..."""
        base = re.sub(r"[ \t\n\r\f]+", "_", text) or "_"
        anchor, n = base, 1
        while anchor in self._ids:
            n += 1
            anchor = f"{base}_{n}"
        self._ids.add(anchor)
        return anchor

    # -- inline -------------------------------------------------------------------------

    def inline(self, code: Wikicode | None) -> str:
        if code is None:
            return ""
        out = []
        nodes = list(code.nodes)
        for i, node in enumerate(nodes):
            if isinstance(node, Wikilink):
                out.append(self.links.wikilink(node, nodes, i))
            else:
                out.append(self.inline_node(node))
        return "".join(out).replace(DD_SPLIT, ":")

    def inline_node(self, node: Node) -> str:
        if isinstance(node, Text):
            return esc(_MAGIC.sub("", str(node)))
        if isinstance(node, HTMLEntity):
            return esc(htmllib.unescape(str(node)))
        if isinstance(node, Comment):
            return ""
        if isinstance(node, Wikilink):
            return self.links.wikilink(node, [node], 0)
        if isinstance(node, ExternalLink):
            return self.links.external(node)
        if isinstance(node, Template):
            return self.links.template(node)
        if isinstance(node, Argument):
            return esc(str(node))
        if isinstance(node, Heading):
            return esc(str(node))
        if isinstance(node, Tag):
            return self._tag(node)
        return esc(str(node))

    def _tag(self, node: Tag) -> str:
        name = str(node.tag).strip().lower()
        markup = node.wiki_markup
        if markup in ("''", "'''"):
            inner = self.inline(node.contents)
            return f"<{name}>{inner}</{name}>" if name in ("b", "i") else inner
        if markup == "----":
            return "<hr>"
        if markup is not None and name in ("li", "dt", "dd"):
            return esc(str(markup))
        if name == "nowiki":
            return esc(_raw_contents(node))
        if name in RAW_TAGS:
            return f"<pre>{esc(_raw_contents(node))}</pre>"
        if name in VOID_TAGS and name != "wbr":
            return f"<{name}>"
        if name in INLINE_TAGS or name in BLOCK_TAGS:
            attrs = self.attributes(node, name)
            if node.self_closing:
                return f"<{name}{attrs}></{name}>"
            contents = node.contents
            if name in BLOCK_TAGS and "\n" in str(contents).strip():
                inner = self.blocks(contents)
            else:
                inner = self.inline(contents)
            return f"<{name}{attrs}>{inner}</{name}>"
        # Anything else (script, style, iframe, a, img, form ...) is shown as text.
        return esc(str(node))

    def attributes(self, node: Tag, name: str) -> str:
        """Sanitizer::validateTagAttributes(): allow-listed names, escaped values."""
        allowed = COMMON_ATTRS | (CELL_ATTRS if name in ("td", "th") else frozenset())
        out = []
        for attr in node.attributes:
            key = str(attr.name).strip().lower()
            if key not in allowed:
                continue
            value = htmllib.unescape(str(attr.value).strip()) if attr.value is not None else ""
            if "{{" in value or "[[" in value:
                continue
            if key == "class":
                value = _CLASS_OK.sub("", value)
            elif key in CELL_ATTRS:
                if not value.isdigit():
                    continue
            elif key == "id":
                value = re.sub(r"\s+", "_", value)
            out.append(f' {key}="{esc(value)}"')
        return "".join(out)

    # -- links -------------------------------------------------------------------------


def _raw_contents(node: Tag) -> str:
    return str(node.contents) if node.contents is not None else ""


def sanitize(html: str) -> str:
    """nh3 (ammonia) as the backstop: only the allow-listed tags, attributes and schemes."""
    return nh3.clean(
        html,
        tags=set(_NH3_TAGS),
        attributes={k: set(v) for k, v in _NH3_ATTRS.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def render_page(wiki: Wiki, text: str, title: Title | None = None) -> RenderedPage:
    """Wikitext of a page to safe HTML (``RenderedPage.html``)."""
    return PageRenderer(wiki, title).render(text)


def render_wikitext(wiki: Wiki, text: str, title: Title | None = None) -> str:
    return render_page(wiki, text, title).html


__all__ = ["PageRenderer", "RenderedPage", "render_page", "render_wikitext", "sanitize"]
