"""Links and transclusions of wikitext, for the link tables (a light LinksUpdate)."""

from __future__ import annotations

import re

from .titles import MalformedTitle, TitleParser

_TEMPLATE = re.compile(r"\{\{\s*([^{}|<>\[\]\n]+?)\s*(?:\|[^{}]*)?\}\}")
_LINK = re.compile(r"\[\[\s*([^\[\]|<>{}\n]+?)\s*(?:\|[^\]]*)?\]\]")
_NOT_TEMPLATES = (
    "#",
    "subst:",
    "safesubst:",
    "int:",
    "msgnw:",
    "msg:",
    "raw:",
    "ns:",
    "nse:",
    "urlencode:",
    "fullurl:",
    "localurl:",
    "lc:",
    "uc:",
    "lcfirst:",
    "ucfirst:",
    "plural:",
    "gender:",
    "grammar:",
    "formatnum:",
    "padleft:",
    "padright:",
    "anchorencode:",
    "special:",
    "filepath:",
    "tag:",
    "canonicalurl:",
)


def extract_links(
    text: str, titles: TitleParser
) -> tuple[set[tuple[int, str]], set[tuple[int, str]]]:
    """(templates, links) as (namespace, dbkey) pairs."""
    templates: set[tuple[int, str]] = set()
    for m in _TEMPLATE.finditer(text):
        name = m.group(1).strip()
        low = name.lower()
        if not name or low.startswith(_NOT_TEMPLATES) or name.isupper():
            continue
        try:
            if name.startswith(":"):
                title = titles.parse(name[1:], 0)
            else:
                title = titles.parse(name, 10)
        except MalformedTitle:
            continue
        if title.interwiki or title.namespace < 0:
            continue
        templates.add((title.namespace, title.dbkey))
    links: set[tuple[int, str]] = set()
    for m in _LINK.finditer(text):
        target = m.group(1).strip()
        if not target:
            continue
        try:
            title = titles.parse(target.lstrip(":"), 0)
        except MalformedTitle:
            continue
        if title.interwiki or title.namespace < 0 or not title.text:
            continue
        links.add((title.namespace, title.dbkey))
    return templates, links
