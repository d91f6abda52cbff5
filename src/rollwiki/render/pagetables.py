"""Wikitext tables (``{| |- | ! |}``) to HTML (Mirrors Parser::handleTables())."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mwparserfromhell.nodes import Tag, Text
from mwparserfromhell.wikicode import Wikicode

if TYPE_CHECKING:
    from .page import PageRenderer

_SINGLE_PARAGRAPH = re.compile(r"^<p>(.*?)\n?</p>$", re.S)


def _cell_html(renderer: PageRenderer, contents: Wikicode) -> str:
    """Cell contents: block-level wikitext, but a lone paragraph loses its ``<p>``."""
    import mwparserfromhell

    html = renderer.blocks(mwparserfromhell.parse(str(contents).strip()))
    m = _SINGLE_PARAGRAPH.match(html)
    if m and "<p>" not in m.group(1):
        return m.group(1)
    return html


def render_table(renderer: PageRenderer, table: Tag) -> str:
    attrs = renderer.attributes(table, "table")
    caption = ""
    rows: list[str] = []
    loose: list[str] = []  # cells before the first "|-" form an implicit row
    contents = table.contents
    nodes = list(contents.nodes) if contents is not None else []
    for node in nodes:
        if not isinstance(node, Tag):
            if isinstance(node, Text) and not str(node).strip():
                continue
            continue  # stray text between rows is dropped, as MediaWiki moves it out
        name = str(node.tag).strip().lower()
        if name in ("td", "th"):
            text = str(node.contents) if node.contents is not None else ""
            if name == "td" and node.wiki_markup == "|" and text.startswith("+") and not rows:
                if not loose and not caption:
                    # "|+ caption" (mwparserfromhell reads it as a cell starting with "+").
                    caption_code = _strip_plus(node.contents)
                    caption = f"<caption>{renderer.inline(caption_code).strip()}</caption>"
                    continue
            loose.append(_cell(renderer, node, name))
        elif name == "tr":
            if loose:
                rows.append("<tr>" + "".join(loose) + "</tr>")
                loose = []
            cells = [
                _cell(renderer, cell, str(cell.tag).strip().lower())
                for cell in (node.contents.nodes if node.contents is not None else [])
                if isinstance(cell, Tag) and str(cell.tag).strip().lower() in ("td", "th")
            ]
            if cells:
                row_attrs = renderer.attributes(node, "tr")
                rows.append(f"<tr{row_attrs}>" + "".join(cells) + "</tr>")
    if loose:
        rows.append("<tr>" + "".join(loose) + "</tr>")
    body = "<tbody>" + "\n".join(rows) + "</tbody>" if rows else ""
    return f"<table{attrs}>{caption}{body}</table>"


def _cell(renderer: PageRenderer, cell: Tag, name: str) -> str:
    attrs = renderer.attributes(cell, name)
    inner = _cell_html(renderer, cell.contents) if cell.contents is not None else ""
    return f"<{name}{attrs}>{inner.strip()}</{name}>"


def _strip_plus(code: Wikicode) -> Wikicode:
    import mwparserfromhell

    text = str(code)
    return mwparserfromhell.parse(text[1:] if text.startswith("+") else text)
