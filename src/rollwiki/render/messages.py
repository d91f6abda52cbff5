"""Wikitext of interface messages rendered to HTML (Mirrors Message::parse() and
Message::parseAsBlock())."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .wikitext import WikitextRenderer

if TYPE_CHECKING:
    from ..services.wiki import Wiki


def message_html(wiki: Wiki, wikitext: str, lang: str | None = None) -> str:
    """Message::parse(): a lone paragraph loses its ``<p>`` wrapper.

    ``wikitext`` is the message's ``text()`` (parameters substituted, templates expanded);
    ``lang`` is the message's language (it decides the link-prefix rules).
    """
    return WikitextRenderer(wiki, lang).parse(wikitext, block=False)


def message_block_html(wiki: Wiki, wikitext: str, lang: str | None = None) -> str:
    """Message::parseAsBlock(): paragraphs are always wrapped."""
    return WikitextRenderer(wiki, lang).parse(wikitext, block=True)
