"""Unicode clean-up and character-reference decoding applied to titles before parsing."""

from __future__ import annotations

import re
import unicodedata
from html.entities import html5

REPLACEMENT = "\ufffd"

# Sanitizer::CHAR_REFS_REGEX. PCRE runs it on bytes, so \x80-\xff there is any non-ASCII
# character here. The last branch (a bare "&") matters: it counts as a match, and any match
# switches normalisation on.
_CHAR_REFS = re.compile("&([A-Za-z0-9\u0080-\U0010ffff]+;)|&#([0-9]+);|&#[xX]([0-9A-Fa-f]+);|(&)")
# Sanitizer::MW_ENTITY_ALIASES: MediaWiki-only spellings of &rlm;.
_ENTITY_ALIASES = {"רלמ;": "rlm;", "رلم;": "rlm;"}
# UtfNormal: C0 controls other than tab/LF/CR, U+FFFE, U+FFFF and (Python only) lone
# surrogates, which PHP would have seen as invalid UTF-8.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean_up(text: str) -> str:
    """Mirrors UtfNormal\\Validator::cleanUp(): forbidden characters to U+FFFD, then NFC.

    MediaWiki's WebRequest applies this to every request value, so HTTP input reaching the
    title parser is expected to have been through it.
    """
    return unicodedata.normalize("NFC", _FORBIDDEN.sub(REPLACEMENT, text))


def _valid_codepoint(codepoint: int) -> bool:
    """Mirrors Sanitizer::validateCodepoint(): what HTML5 and XML both allow."""
    return (
        codepoint in (0x09, 0x0A)
        or 0x20 <= codepoint <= 0x7E
        or 0xA0 <= codepoint <= 0xD7FF
        or 0xE000 <= codepoint <= 0xFFFD
        or 0x10000 <= codepoint <= 0x10FFFF
    )


def _decode_char(codepoint: int) -> str:
    return chr(codepoint) if _valid_codepoint(codepoint) else REPLACEMENT


def _decode(match: re.Match[str]) -> str:
    name, decimal, hexadecimal = match.group(1, 2, 3)
    if name:
        name = _ENTITY_ALIASES.get(name, name)
        return html5.get(name, f"&{name}")
    if decimal:
        return _decode_char(int(decimal))
    if hexadecimal:
        return _decode_char(int(hexadecimal, 16))
    return match.group(0)


def decode_char_references(text: str) -> str:
    """Mirrors Sanitizer::decodeCharReferences(): named, decimal and hex references."""
    return _CHAR_REFS.sub(_decode, text)


def decode_char_references_and_normalize(text: str) -> str:
    """Mirrors Sanitizer::decodeCharReferencesAndNormalize(), used on every parsed title."""
    decoded, count = _CHAR_REFS.subn(_decode, text)
    return clean_up(decoded) if count else decoded
