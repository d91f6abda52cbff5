"""Interface messages as HTML for the views (Message::parse() / parseAsBlock()).

The wikitext-to-HTML work is :mod:`rollwiki.render.messages`; this module only adapts it
to the views' needs (the block form, the request language).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..render import messages as rm

if TYPE_CHECKING:
    from ..services.wiki import Wiki


def parse_message(wiki: Wiki, wikitext: str, lang: str, *, block: bool = False) -> str:
    """Message::parse() (inline) or Message::parseAsBlock() (paragraphs kept)."""
    block_fn = getattr(rm, "message_block_html", None)
    if block and block_fn is not None:
        return str(block_fn(wiki, wikitext, lang))
    try:
        html = str(rm.message_html(wiki, wikitext, lang))  # type: ignore[call-arg,unused-ignore]
    except TypeError:  # the interim renderer takes no language
        html = str(rm.message_html(wiki, wikitext))  # type: ignore[call-arg,unused-ignore]
    if block and not html.lstrip().startswith("<"):
        return f"<p>{html}\n</p>"
    return html
