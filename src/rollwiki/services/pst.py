"""Pre-save transform of wikitext (Mirrors Parser::preSaveTransform() + TextContent's PST).

What rollwiki does before saving text, as MediaWiki 1.39 does for wikitext: line endings
normalised to ``\\n``, signatures (``~~~``, ``~~~~``, ``~~~~~``) expanded, the pipe trick
(``[[Help:Foo (bar)|]]`` -> ``[[Help:Foo (bar)|Foo]]``) applied, trailing whitespace removed.
Signatures and links inside ``<nowiki>``, ``<pre>`` and comments are left alone.
(Observed on the oracle: "Foo  \\r\\nbar ~~~~ [[x|]]  \\n\\n" is saved as
"Foo  \\nbar [[User:Editor|Editor]] ([[User talk:Editor|talk]]) 20:09, 26 November 2026
(UTC) [[x|x]]".)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from ..i18n.messages import Formatter, Message
from . import timestamps

_PROTECTED = re.compile(
    r"(<!--.*?(?:-->|$)|<nowiki\b[^>]*>.*?(?:</nowiki\s*>|$)|"
    r"<pre\b[^>]*>.*?(?:</pre\s*>|$))",
    re.IGNORECASE | re.DOTALL,
)
_SIGNATURE = re.compile(r"~~~~~|~~~~|~~~")
_PIPE_TRICK = re.compile(r"\[\[([^\[\]|]+)\|\]\]")


def normalize_line_endings(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _outside_protected(text: str, fn: Callable[[str], str]) -> str:
    parts = _PROTECTED.split(text)
    return "".join(fn(p) if i % 2 == 0 else p for i, p in enumerate(parts))


def pipe_trick_label(target: str) -> str:
    """Mirrors Parser::pstPass2()'s pipe trick: drop the namespace, "(...)" and ", ..."."""
    target = target.strip().lstrip(":")
    if ":" in target:
        target = target.split(":", 1)[1]
    target = re.sub(r"\s*\([^()]*\)\s*$", "", target)
    target = re.sub(r",.*$", "", target)
    return target.strip()


def signature(formatter: Formatter, user_name: str, registered: bool) -> str:
    if registered:
        return formatter.text(Message("signature", (user_name, user_name)))
    sig = formatter.text(Message("signature-anon", (user_name, user_name)))
    return sig.replace("{{#special:Contributions}}", "Special:Contributions")


def signature_date(formatter: Formatter, when: datetime) -> str:
    return f"{timestamps.format_user_datetime(when, formatter.lang)} (UTC)"


def pre_save_transform(
    text: str,
    model: str,
    *,
    formatter: Formatter,
    user_name: str,
    registered: bool,
    when: datetime | None = None,
) -> str:
    """The text as it will be stored."""
    text = normalize_line_endings(text)
    if model == "wikitext":
        moment = when or timestamps.now()
        sig = signature(formatter, user_name, registered)
        date = signature_date(formatter, moment)

        def transform(chunk: str) -> str:
            def sign(m: re.Match[str]) -> str:
                tildes = m.group(0)
                if tildes == "~~~":
                    return sig
                if tildes == "~~~~":
                    return f"{sig} {date}"
                return date

            chunk = _SIGNATURE.sub(sign, chunk)
            return _PIPE_TRICK.sub(
                lambda m: f"[[{m.group(1)}|{pipe_trick_label(m.group(1))}]]", chunk
            )

        text = _outside_protected(text, transform)
    return php_rtrim(text)


def php_rtrim(text: str) -> str:
    """PHP's rtrim(): only ASCII whitespace and NUL, unlike str.rstrip()."""
    return text.rstrip(" \t\n\r\0\x0b")
