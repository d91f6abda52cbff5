"""Wikitext of interface messages rendered to HTML (Mirrors Message::parse()).

Placeholder until the message renderer lands: escapes the text.
"""

from __future__ import annotations

import html
from typing import Any


def message_html(wiki: Any, wikitext: str) -> str:
    return html.escape(wikitext, quote=False)
