"""Interface messages as HTML for the views (Message::parse() / parseAsBlock()).

The wikitext-to-HTML work is :mod:`rollwiki.render.messages`; this module only picks the
inline or block form for the request language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..render.messages import message_block_html, message_html

if TYPE_CHECKING:
    from ..services.wiki import Wiki


def parse_message(wiki: Wiki, wikitext: str, lang: str, *, block: bool = False) -> str:
    """Message::parse() (inline) or Message::parseAsBlock() (paragraphs kept)."""
    if block:
        return message_block_html(wiki, wikitext, lang)
    return message_html(wiki, wikitext, lang)
