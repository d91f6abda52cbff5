"""Where a wikitext redirect points (Mirrors WikitextContent::getRedirectTargetAndText())."""

from __future__ import annotations

import re
from urllib.parse import unquote

from . import specialpages
from .namespaces import NS_SPECIAL
from .titles import MalformedTitle, Title, TitleParser

# The English aliases of the "redirect" magic word, matched case-insensitively at the start.
_MAGIC = re.compile(r"#REDIRECT", re.IGNORECASE)
_LINK = re.compile(r"^\s*:?\s*\[{2}(.*?)(?:\|.*?)?\]{2}\s*", re.DOTALL)


def redirect_target(text: str, titles: TitleParser) -> Title | None:
    """The target of ``#REDIRECT [[...]]`` wikitext, with fragment and interwiki; None when
    the text is not a redirect or the target is not a valid redirect target."""
    stripped = text.lstrip()
    magic = _MAGIC.match(stripped)
    if magic is None:
        return None
    m = _LINK.match(stripped[magic.end() :])
    if m is None:
        return None
    target = m.group(1)
    if "%" in target:
        # Match inline link parsing: strip an escaping colon and URL-decode.
        target = unquote(target.lstrip(":"), errors="replace")
    try:
        title = titles.parse(target)
    except MalformedTitle:
        return None
    if not is_valid_redirect_target(title):
        return None
    return title


def is_valid_redirect_target(title: Title) -> bool:
    """Mirrors Title::isValidRedirectTarget(): not the self-referencing special pages."""
    if title.namespace == NS_SPECIAL and not title.interwiki:
        real, _ = specialpages.resolve_alias(title.dbkey)
        return real not in specialpages.INVALID_REDIRECT_TARGETS
    return title.text != "" or bool(title.interwiki)
