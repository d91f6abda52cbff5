"""HTML sanitising for wikitext output (Mirrors Sanitizer and the tidy pass of the parser).

Only allow-listed tags with allow-listed attributes survive; every other ``<`` is escaped.
Character references are normalised the way MediaWiki prints them (``&#91;`` stays,
``&nbsp;`` becomes ``&#160;``, a bare ``&`` becomes ``&amp;``).
"""

from __future__ import annotations

import html
import re
from html.entities import html5 as _HTML5_ENTITIES

# Sanitizer::getRecognizedTagData() (1.39, $wgAllowImageTag off).
PAIRED_TAGS = frozenset(
    "b bdi del i ins u font big small sub sup h1 h2 h3 h4 h5 h6 cite code em s strike strong "
    "tt var div center blockquote ol ul dl table caption pre ruby rb rp rt rtc p span abbr "
    "dfn kbd samp data time mark".split()
)
SINGLE_TAGS = frozenset("br wbr hr li dt dd meta link".split())
SINGLE_ONLY_TAGS = frozenset("br wbr hr meta link".split())
NEST_TAGS = frozenset(
    "table tr td th div blockquote ol ul li dl dt dd font big small sub sup span var kbd "
    "samp em strong q ruby bdo".split()
)
ALLOWED_TAGS = PAIRED_TAGS | SINGLE_TAGS | NEST_TAGS

# Sanitizer::setupAttributesAllowedInternal(): the common attributes plus a few per element.
_COMMON_ATTRS = frozenset(
    "id class style lang dir title tabindex aria-describedby aria-flowto aria-hidden "
    "aria-label aria-labelledby aria-owns role about property resource datatype typeof "
    "itemid itemprop itemref itemscope itemtype".split()
)
_ELEMENT_ATTRS: dict[str, frozenset[str]] = {
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
    "time": frozenset({"datetime"}),
    "data": frozenset({"value"}),
    "br": frozenset({"clear"}),
    "pre": frozenset({"width"}),
    "div": frozenset({"align"}),
    "center": frozenset(),
    "p": frozenset({"align"}),
    "h1": frozenset({"align"}),
    "h2": frozenset({"align"}),
    "h3": frozenset({"align"}),
    "h4": frozenset({"align"}),
    "h5": frozenset({"align"}),
    "h6": frozenset({"align"}),
    "ul": frozenset({"type"}),
    "ol": frozenset({"type", "start", "reversed"}),
    "li": frozenset({"type", "value"}),
    "table": frozenset(
        "summary width border frame rules cellspacing cellpadding align bgcolor".split()
    ),
    "caption": frozenset({"align"}),
    "tr": frozenset({"bgcolor", "align", "valign"}),
    "td": frozenset(
        "abbr axis headers scope rowspan colspan nowrap width height bgcolor align valign".split()
    ),
    "th": frozenset(
        "abbr axis headers scope rowspan colspan nowrap width height bgcolor align valign".split()
    ),
    "font": frozenset({"size", "color", "face"}),
    "hr": frozenset({"width"}),
    "abbr": frozenset(),
    "bdo": frozenset(),
}

_ELEMENT_BITS = re.compile(r"^(/?)([A-Za-z][^\t\n\v />\0]*+)([^>]*?)(/?>)([^<]*)$", re.S)
_SPACE = "\t\n\x0c\r "
_ATTRIBS = re.compile(
    rf"((?:[^{_SPACE}/>=]|=)[^{_SPACE}/>=]*)"
    rf"([{_SPACE}]*=[{_SPACE}]*"
    rf"(?:\"([^\"]*)(?:\"|$)|'([^']*)(?:'|$)|((?:(?![{_SPACE}]|>).)*)))?",
    re.S,
)
_ATTRIB_NAME = re.compile(r"^[:_\w][:_.\-\w]*$")
_DATA_ATTR = re.compile(r"^data-[^:= \t\r\n/>\0_\uff3f]*$", re.I)
_EVIL_URI = re.compile(r"(^|\s|\*/\s*)(javascript|vbscript)([^\w]|$)", re.I)
_INSECURE_CSS = re.compile(
    r"expression|filter\s*:|accelerator\s*:|-o-link\s*:|-o-link-source\s*:|-o-replace\s*:"
    r"|url\s*\(|image\s*\(|image-set\s*\(|attr\s*\([^)]+[\s,]+url",
    re.I,
)
_CSS_CONTROL = re.compile(r"[\000-\010\013\016-\037\177\ufffd]")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)

CHAR_REFS = re.compile(r"&([A-Za-z0-9\x80-\U0010ffff]+;)|&#([0-9]+);|&#[xX]([0-9A-Fa-f]+);|(&)")
# $wgUrlProtocols (1.39 defaults), as Parser uses them for links.
URL_PROTOCOLS = (
    "bitcoin:",
    "ftp://",
    "ftps://",
    "geo:",
    "git://",
    "gopher://",
    "http://",
    "https://",
    "irc://",
    "ircs://",
    "magnet:",
    "mailto:",
    "matrix:",
    "mms://",
    "news:",
    "nntp://",
    "redis://",
    "sftp://",
    "sip:",
    "sips:",
    "sms:",
    "ssh://",
    "svn://",
    "tel:",
    "telnet://",
    "urn:",
    "worldwind://",
    "xmpp:",
    "//",
)
PROTOCOLS_RE = "|".join(re.escape(p) for p in URL_PROTOCOLS)


def valid_codepoint(point: int) -> bool:
    """Sanitizer::validateCodepoint(): characters allowed in XML."""
    return (
        point in (0x09, 0x0A, 0x0D)
        or 0x20 <= point <= 0xD7FF
        or 0xE000 <= point <= 0xFFFD
        or 0x10000 <= point <= 0x10FFFF
    )


def _normalize_ref(m: re.Match[str]) -> str:
    name, dec, hexa = m.group(1), m.group(2), m.group(3)
    if name:
        if name in ("lt;", "gt;", "amp;", "quot;"):
            return f"&{name}"
        expansion = _HTML5_ENTITIES.get(name)
        if expansion is None:
            return f"&amp;{name}"
        return "".join(f"&#{ord(ch)};" for ch in expansion)
    if dec:
        point = int(dec)
        if valid_codepoint(point):
            return f"&#{point};"
    elif hexa:
        point = int(hexa, 16)
        if valid_codepoint(point):
            return f"&#x{point:x};"
    return html.escape(m.group(0), quote=False)


def normalize_char_references(text: str) -> str:
    """Sanitizer::normalizeCharReferences()."""
    return CHAR_REFS.sub(_normalize_ref, text)


def _decode_ref(m: re.Match[str]) -> str:
    name, dec, hexa = m.group(1), m.group(2), m.group(3)
    if name:
        return _HTML5_ENTITIES.get(name, f"&{name}")
    point = int(dec) if dec else int(hexa, 16) if hexa else -1
    if point >= 0:
        return chr(point) if valid_codepoint(point) else "\ufffd"
    return m.group(0)


def decode_char_references(text: str) -> str:
    """Sanitizer::decodeCharReferences()."""
    return CHAR_REFS.sub(_decode_ref, text)


def escape_html(text: str) -> str:
    """htmlspecialchars( $text, ENT_QUOTES ) as PHP 8 does it."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#039;")
    )


def escape_text(text: str) -> str:
    """Html::element()'s escaping of element content: only ``&`` and ``<``."""
    return text.replace("&", "&amp;").replace("<", "&lt;")


def escape_html_allow_entities(text: str) -> str:
    """Sanitizer::escapeHtmlAllowEntities()."""
    return escape_html(decode_char_references(text))


def encode_attribute(text: str) -> str:
    """Sanitizer::encodeAttribute()."""
    return escape_html(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")


_SAFE_ATTR = {
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "{": "&#123;",
    "}": "&#125;",
    "[": "&#91;",
    "]": "&#93;",
    "''": "&#39;&#39;",
    "ISBN": "&#73;SBN",
    "RFC": "&#82;FC",
    "PMID": "&#80;MID",
    "|": "&#124;",
    "_": "&#95;",
    "\uff3f": "&#xFF3F;",
}
_SAFE_ATTR_RE = re.compile(
    "|".join(re.escape(k) for k in sorted(_SAFE_ATTR, key=len, reverse=True))
)
_PROTOCOL_IN_ATTR = re.compile(f"((?i:{PROTOCOLS_RE}))")


def safe_encode_attribute(text: str) -> str:
    """Sanitizer::safeEncodeAttribute(): armoured against later wikitext passes."""
    value = _SAFE_ATTR_RE.sub(lambda m: _SAFE_ATTR[m.group(0)], encode_attribute(text))
    return _PROTOCOL_IN_ATTR.sub(lambda m: m.group(1).replace(":", "&#58;"), value)


def check_css(value: str) -> str:
    """Sanitizer::checkCss() (without the CSS normalisation of escapes)."""
    if _CSS_CONTROL.search(value):
        return "/* invalid control char */"
    if _INSECURE_CSS.search(value):
        return "/* insecure input */"
    return value


def _decode_attributes(text: str) -> dict[str, str]:
    """Sanitizer::decodeTagAttributes()."""
    out: dict[str, str] = {}
    if not text.strip():
        return out
    for m in _ATTRIBS.finditer(text):
        name = m.group(1).lower()
        if not _ATTRIB_NAME.match(name):
            continue
        if m.group(5) is not None:
            value = m.group(5)
        elif m.group(4) is not None:
            value = m.group(4)
        elif m.group(3) is not None:
            value = m.group(3)
        else:
            value = ""
        value = re.sub(r"[\t\r\n ]+", " ", value).strip()
        out[name] = decode_char_references(value)
    return out


def _validate_attributes(attrs: dict[str, str], element: str) -> dict[str, str]:
    """Sanitizer::validateTagAttributes()."""
    allowed = _COMMON_ATTRS | _ELEMENT_ATTRS.get(element, frozenset())
    out: dict[str, str] = {}
    for name, value in attrs.items():
        if (not _DATA_ATTR.match(name) and name not in allowed) or name.startswith(
            ("data-ooui", "data-mw", "data-parsoid")
        ):
            continue
        if name == "style":
            value = check_css(value)
        elif name == "id":
            value = escape_id(value)
        elif name in ("about", "property", "resource", "datatype", "typeof", "itemid"):
            if _EVIL_URI.search(value):
                continue
        elif name == "tabindex" and value != "0":
            continue
        out[name] = value
    if "itemscope" not in out:
        for name in ("itemtype", "itemid", "itemref"):
            out.pop(name, None)
    return out


def fix_tag_attributes(text: str, element: str) -> str:
    """Sanitizer::fixTagAttributes(): ``' name="value"'`` for every allowed attribute."""
    if not text.strip():
        return ""
    attrs = _validate_attributes(_decode_attributes(text), element)
    return "".join(f' {name}="{safe_encode_attribute(value)}"' for name, value in attrs.items())


def escape_id(text: str) -> str:
    """Sanitizer::escapeIdForAttribute() in $wgFragmentMode's primary (html5) mode."""
    text = text[:1024]
    for ch in "\t\n\x0c\r ":
        text = text.replace(ch, "_")
    return text


def remove_html_comments(text: str) -> str:
    """Sanitizer::removeHTMLcomments() (the common case: comments vanish)."""
    return _COMMENT.sub("", text)


def remove_html_tags(text: str) -> str:
    """Sanitizer::internalRemoveHtmlTags(): keep allowed tags, escape every other ``<``."""
    bits = remove_html_comments(text).split("<")
    out = [bits[0].replace(">", "&gt;")]
    for bit in bits[1:]:
        m = _ELEMENT_BITS.match(bit)
        if m:
            slash, tag, params, brace, rest = m.groups()
            tag = tag.lower()
            if tag in ALLOWED_TAGS:
                if brace == "/>" and tag not in SINGLE_TAGS:
                    brace = ">"
                new_params = fix_tag_attributes(params, tag)
                if brace == "/>" and tag not in SINGLE_ONLY_TAGS:
                    brace = f"></{tag}>"
                out.append(f"<{slash}{tag}{new_params}{brace}{rest.replace('>', '&gt;')}")
                continue
        out.append("&lt;" + bit.replace(">", "&gt;"))
    return "".join(out)


_FRENCH_BEFORE = re.compile(r" (?=[?:;!%»›](?!\w))")
_FRENCH_AFTER = re.compile(r"([«‹]) ")


def armor_french_spaces(text: str, space: str = "&#160;") -> str:
    """Sanitizer::armorFrenchSpaces(), applied by the parser's tidy pass to text."""
    return _FRENCH_AFTER.sub(lambda m: m.group(1) + space, _FRENCH_BEFORE.sub(space, text))


_VOID_TAG = re.compile(r"^<(br|wbr|hr|meta|link)((?:\s[^>]*?)?)\s*/?>$", re.I)
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)|([^<]+)", re.S)
_ATTR_IN_TAG = re.compile(r'(\s[^\s=]+=")([^"]*)(")')


def tidy(text: str) -> str:
    """The serialisation effects of MediaWiki's Remex tidy on well-formed parser output.

    Text nodes get French-space armouring, ``>`` escaping, ``&#160;`` for no-break spaces
    and normalised character references; attribute values get normalised references
    (``&#039;`` prints as ``&#39;``).  Structure is left alone: our output is balanced.
    """

    def one(m: re.Match[str]) -> str:
        tag, chunk = m.group(1), m.group(2)
        if tag is not None:
            tag = _VOID_TAG.sub(lambda v: f"<{v.group(1)}{v.group(2).rstrip()} />", tag)
            return _ATTR_IN_TAG.sub(
                lambda a: (
                    a.group(1)
                    + normalize_char_references(a.group(2).replace("\xa0", "&#160;"))
                    + a.group(3)
                ),
                tag,
            )
        chunk = armor_french_spaces(chunk).replace(">", "&gt;").replace("\xa0", "&#160;")
        return normalize_char_references(chunk)

    return _TAG_OR_TEXT.sub(one, text)


_URL_UNSAFE = re.compile(r'[\]\[<>"\x00-\x20\x7F|]')


def clean_url(url: str) -> str:
    """Sanitizer::cleanUrl(): references decoded, unsafe characters percent-encoded."""
    url = decode_char_references(url)
    return _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode()), url)
