"""Wikitext sections: getting and replacing one (Mirrors Parser::extractSections()).

A section starts at a top-level heading line (``== Title ==``) and runs up to the next
heading of the same or a higher level; section 0 is the text before the first heading.
Headings inside HTML comments, ``<nowiki>`` and ``<pre>`` do not count.  Template sections
(``T-1``) are not supported: they behave as missing sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADING = re.compile(r"^(=+)(.*?)(=+)[ \t]*(?:<!--.*?-->[ \t]*)*$")
_OPEN_BLOCK = re.compile(r"<(nowiki|pre)\b[^>]*(?<!/)>", re.IGNORECASE)
_SECTION_ID = re.compile(r"^((T-)?\d+|new)$")


@dataclass(frozen=True)
class _Heading:
    start: int  # offset of the heading line in the text
    level: int


def is_valid_section_id(section: str) -> bool:
    """The API's accepted values: a number, ``T-`` number, or ``new``."""
    return bool(_SECTION_ID.match(section))


def _level(line: str) -> int | None:
    m = _HEADING.match(line)
    if not m:
        return None
    left, inner, right = m.group(1), m.group(2), m.group(3)
    if inner == "" and left == line.rstrip(" \t"):
        # A line of "=" only: the preprocessor splits it in half around one "=".
        count = len(left)
        if count < 3:
            return None
        return min((count - 1) // 2, 6)
    return min(len(left), len(right), 6)


def _headings(text: str) -> list[_Heading]:
    out: list[_Heading] = []
    offset = 0
    in_comment = False
    in_block: str | None = None
    for line in text.split("\n"):
        scan = line
        if in_comment:
            end = scan.find("-->")
            if end < 0:
                offset += len(line) + 1
                continue
            in_comment = False
            scan = ""
        elif in_block is not None:
            if re.search(rf"</{in_block}\s*>", scan, re.IGNORECASE):
                in_block = None
            offset += len(line) + 1
            continue
        else:
            level = _level(line)
            if level is not None:
                out.append(_Heading(offset, level))
        # Track constructs that open on this line and run past it.
        rest = scan
        while True:
            c = rest.find("<!--")
            b = _OPEN_BLOCK.search(rest)
            if c < 0 and b is None:
                break
            if b is None or (c >= 0 and c < b.start()):
                end = rest.find("-->", c + 4)
                if end < 0:
                    in_comment = True
                    break
                rest = rest[end + 3 :]
            else:
                name = b.group(1).lower()
                close = re.search(rf"</{name}\s*>", rest[b.end() :], re.IGNORECASE)
                if close is None:
                    in_block = name
                    break
                rest = rest[b.end() + close.end() :]
        offset += len(line) + 1
    return out


def _bounds(text: str, section: str) -> tuple[int, int] | None:
    if section.startswith("T-"):
        return None
    index = int(section)
    headings = _headings(text)
    if index == 0:
        end = headings[0].start if headings else len(text)
        return 0, end
    if index > len(headings):
        return None
    target = headings[index - 1]
    end = len(text)
    for h in headings[index:]:
        if h.level <= target.level:
            end = h.start
            break
    return target.start, end


def get_section(text: str, section: str) -> str | None:
    """The text of a section (right-trimmed), or None when there is no such section."""
    if text == "":
        return "" if section in ("0", "T-0") else None
    bounds = _bounds(text, section)
    if bounds is None:
        return None
    return text[bounds[0] : bounds[1]].rstrip()


def replace_section(text: str, section: str, new_text: str) -> str | None:
    """The text with one section replaced; None when there is no such section."""
    if text == "":
        return new_text if section in ("0", "T-0") else None
    bounds = _bounds(text, section)
    if bounds is None:
        return None
    start, end = bounds
    middle = new_text + "\n\n" if new_text != "" else ""
    return (text[:start] + middle + text[end:]).rstrip()


def add_section(old_text: str, heading: str | None, new_text: str, header_line: str) -> str:
    """Mirrors WikitextContent::replaceSection('new'): append a section with its heading.

    ``header_line`` is the rendered ``newsectionheaderdefaultlevel`` message ("== X ==").
    """
    subject = header_line + "\n\n" if heading else ""
    if old_text.strip() != "":
        return f"{old_text}\n\n{subject}{new_text}"
    return f"{subject}{new_text}"
