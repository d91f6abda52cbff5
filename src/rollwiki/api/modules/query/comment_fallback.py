"""A stand-in for render.comments.format_comment (Linker::formatComment) until it lands.

Escapes the comment, renders ``/* section */`` auto-comments and ``[[links]]`` the way
Linker does (red links for missing pages).  Used only when ``rollwiki.render.comments``
is not importable.
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import quote

from ....services.titles import MalformedTitle, Title

_AUTOCOMMENT = re.compile(r"/\*\s*(.*?)\s*\*/")
_LINK = re.compile(r"\[\[\s*:?([^\]|]+?)\s*(?:\|((?:[^\]]|\](?!\]))*))?\]\]")
_URL_SAFE = "/:@!$()*,;~'"


def format_comment(wiki: Any, comment: str, title: Title | None) -> str:
    """Linker::formatComment(): safe HTML for an edit summary."""
    text = html.escape(comment, quote=True).replace("&#x27;", "&#039;")
    text = _AUTOCOMMENT.sub(lambda m: _autocomment(wiki, m, title, text), text)
    return _LINK.sub(lambda m: _link(wiki, m), text)


def _autocomment(wiki: Any, m: re.Match[str], title: Title | None, whole: str) -> str:
    section = m.group(1)
    pre = m.start() > 0
    post = m.end() < len(whole)
    anchor = section.replace(" ", "_")
    link = f"&#8594;&#8206;{section}"
    if title is not None:
        target = wiki.article_url(title) + "#" + quote(anchor, safe=_URL_SAFE + ".")
        name = html.escape(wiki.titles.prefixed_text(title))
        link = f'<a href="{target}" title="{name}">{link}</a>'
    out = f'<span dir="auto"><span class="autocomment">{link}{": " if post else ""}</span></span>'
    return (" " if pre else "") + out


def _link(wiki: Any, m: re.Match[str]) -> str:
    target_text = html.unescape(m.group(1))
    label = m.group(2) if m.group(2) is not None else m.group(1)
    try:
        target = wiki.titles.parse(target_text)
    except MalformedTitle:
        return m.group(0)
    if target.interwiki:
        return m.group(0)
    name = html.escape(wiki.titles.prefixed_text(target))
    from ....storage.queries import pages as pq

    exists = target.namespace < 0 or (
        wiki.db.read(lambda c: pq.page_by_title(c, target.namespace, target.dbkey)) is not None
    )
    if exists:
        href = wiki.article_url(target)
        if target.fragment:
            href += "#" + quote(target.fragment.replace(" ", "_"), safe=_URL_SAFE + ".")
        return f'<a href="{href}" title="{name}">{label}</a>'
    key = quote(wiki.titles.prefixed_dbkey(target), safe=_URL_SAFE)
    href = f"{wiki.script_url()}?title={key}&amp;action=edit&amp;redlink=1"
    return f'<a href="{href}" class="new" title="{name} (page does not exist)">{label}</a>'
