"""Wikitext of interface messages to HTML (Mirrors the Parser as Message::parse() uses it).

The passes run in MediaWiki's order: strip ``<nowiki>``/``<pre>``, sanitise HTML,
headings, internal links (held back until one existence batch), bold/italic, external
links, free URLs, paragraphs and lists, then the tidy pass.  Templates are not handled
here: :class:`rollwiki.i18n.messages.Formatter` has expanded them already.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..services.namespaces import NS_CATEGORY, NS_FILE, NS_MEDIA
from ..services.titles import MalformedTitle, Title
from .blocklevel import do_block_levels
from .links import LinkBatch, external_link, split_trail
from .quotes import do_all_quotes, do_quotes
from .sanitizer import (
    PROTOCOLS_RE,
    URL_PROTOCOLS,
    clean_url,
    escape_html,
    escape_id,
    escape_text,
    remove_html_tags,
    tidy,
)

if TYPE_CHECKING:
    from ..services.wiki import Wiki

_MARKER = "\x7fUNIQ{}QINU\x7f"
_MARKER_RE = re.compile("\x7fUNIQ(\\d+)QINU\x7f")
_GENERAL = "\x7fUNIQG{}QINU\x7f"
_GENERAL_RE = re.compile("\x7fUNIQG(\\d+)QINU\x7f")
_STRIP_TAGS = re.compile(r"<(nowiki|pre)(\s[^>]*)?(?:/>|>(.*?)(?:</\1\s*>|$))", re.I | re.S)
_HEADING = re.compile(r"^(={1,6})(.+)\1[ \t]*$", re.M)
# Title::legalChars() plus "#%", as Parser::handleInternalLinks2() matches targets.
_TITLE_CHARS = r" %!\"$&'()*,\-./0-9:;=?@A-Z\\^_`a-z~\u0080-\U0010ffff+#"
_INTERNAL_LINK = re.compile(rf"^([{_TITLE_CHARS}]+)(?:\|(.+?))?]](.*)$", re.S)
_ZS = " \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_URL_CHAR = rf"[^\]\[<>\"\x00-\x20\x7F{_ZS}\ufffd]"
_URL_ADDR = rf"(?:[0-9.]+|\[(?i:[0-9a-f:.]+)\]|{_URL_CHAR})"
_EXT_LINK = re.compile(
    rf"\[((?i:{PROTOCOLS_RE}){_URL_ADDR}{_URL_CHAR}*)[{_ZS}]*([^\]\x00-\x08\x0a-\x1F\ufffd]*?)\]"
)
_ABSOLUTE_PROTOCOLS = "|".join(re.escape(p) for p in URL_PROTOCOLS if p != "//")
_MAGIC_LINK = re.compile(
    rf"(<a[ \t\r\n>].*?</a>)|(<.*?>)|(\b(?i:{_ABSOLUTE_PROTOCOLS})({_URL_ADDR}{_URL_CHAR}*))"
)
_URL_STOP = re.compile(r"&(lt|gt|nbsp|#x0*(3[CcEe]|[Aa]0)|#0*(60|62|160));")
_ENTITY_AT_END = re.compile(r"&([a-z]+|#x[\da-f]+|#\d+)$", re.I)
_OUTER_PARAGRAPH = re.compile(r"^<p>(.*?)\n?</p>\n?$", re.S)
# (uses the link prefix extension, prefix charset) per language: MessagesXx.php.
_LINK_PREFIX = {"en": (False, "a-zA-Z\u0080-\U0010ffff"), "uk": (True, "„«")}


def strip_outer_paragraph(html: str) -> str:
    """Parser::stripOuterParagraph(): a lone paragraph loses its ``<p>`` wrapper."""
    m = _OUTER_PARAGRAPH.match(html)
    if m and "</p>" not in m.group(1):
        return m.group(1)
    return html


class WikitextRenderer:
    """One rendering: strip state, held-back links and the existence batch."""

    def __init__(self, wiki: Wiki, lang: str | None = None) -> None:
        self.wiki = wiki
        self.lang = lang or wiki.config.language
        self.batch = LinkBatch(wiki)
        self.markers: list[str] = []
        self.general: list[str] = []
        self.holders: dict[int, tuple[Title, str, str]] = {}
        self.autonumber = 0

    def mark(self, html: str) -> str:
        self.markers.append(html)
        return _MARKER.format(len(self.markers) - 1)

    def mark_general(self, html: str) -> str:
        """StripState's "general" items (``<pre>``): back before the block-level pass."""
        self.general.append(html)
        return _GENERAL.format(len(self.general) - 1)

    def unstrip(self, text: str) -> str:
        for _ in range(5):
            new = _MARKER_RE.sub(lambda m: self.markers[int(m.group(1))], text)
            if new == text:
                break
            text = new
        return text

    # -- passes ---------------------------------------------------------------------------

    def parse(self, text: str, *, block: bool = True) -> str:
        """Parser::parse() of an interface message; ``block=False`` is Message::parse()."""
        text = _STRIP_TAGS.sub(self._strip_tag, text)
        text = remove_html_tags(text)
        text = _HEADING.sub(self._heading, text)
        text = self.internal_links(text)
        text = do_all_quotes(text)
        text = _EXT_LINK.sub(self._external_link, text)
        text = _MAGIC_LINK.sub(self._magic_link, text)
        text = _GENERAL_RE.sub(lambda m: self.general[int(m.group(1))], text)
        text = do_block_levels(text, True)
        self.render_links()
        text = self.unstrip(text)
        text = tidy(text)
        return text if block else strip_outer_paragraph(text)

    def _strip_tag(self, m: re.Match[str]) -> str:
        content = m.group(3) or ""
        escaped = escape_text(content).replace(">", "&gt;")
        if m.group(1).lower() == "pre":
            return self.mark_general(f"<pre>{escaped}</pre>")
        return self.mark(escaped)

    def _heading(self, m: re.Match[str]) -> str:
        level = len(m.group(1))
        inner = m.group(2).strip()
        anchor = escape_id(re.sub(r"<[^>]*>", "", inner))
        return f'<h{level}><span class="mw-headline" id="{anchor}">{inner}</span></h{level}>'

    def _external_link(self, m: re.Match[str]) -> str:
        url, text = m.group(1), m.group(2)
        stop = re.search(r"&(lt|gt);", url)
        if stop:
            text = url[stop.start() :] + " " + text
            url = url[: stop.start()]
        if text == "":
            self.autonumber += 1
            return self.mark(external_link(url, f"[{self.autonumber}]", "autonumber"))
        return self.mark(external_link(url, text, "text"))

    def _magic_link(self, m: re.Match[str]) -> str:
        if m.group(3) is None:
            return m.group(0)
        url = m.group(3)
        trail = ""
        stop = _URL_STOP.search(url)
        if stop:
            trail = url[stop.start() :]
            url = url[: stop.start()]
        seps = ",;.:!?" + ("" if "(" in url else ")")
        count = len(url) - len(url.rstrip(seps))
        if count and url[-count] == ";" and _ENTITY_AT_END.search(url[:-count]):
            count -= 1
        if count:
            trail = url[-count:] + trail
            url = url[:-count]
        post_protocol = len(m.group(4) or "")
        if len(trail) >= post_protocol:
            return url + trail
        text = escape_html(clean_url(url)).replace("&#039;", "'")
        return self.mark(external_link(url, text, "free")) + trail

    # -- internal links ---------------------------------------------------------------------

    def internal_links(self, text: str) -> str:
        """Parser::handleInternalLinks2(): links become markers rendered after the batch."""
        parts = text.split("[[")
        out = parts[0]
        use_prefix, _ = _LINK_PREFIX.get(self.lang, (False, ""))
        _, charset = _LINK_PREFIX.get(self.wiki.config.language, _LINK_PREFIX["en"])
        prefix_re = re.compile(rf"^((?>.*[^{charset}]|))(.+)$", re.S)
        for line in parts[1:]:
            prefix = ""
            if use_prefix:
                pm = prefix_re.match(out)
                if pm:
                    out, prefix = pm.group(1), pm.group(2)
            m = _INTERNAL_LINK.match(line)
            if not m:
                out += prefix + "[[" + line
                continue
            target, label, trail = m.group(1), m.group(2) or "", m.group(3)
            if label and trail.startswith("]") and "[" in label:
                label += "]"
                trail = trail[1:]
            if "%" in target:
                from urllib.parse import unquote

                target = unquote(target).replace("<", "&lt;").replace(">", "&gt;")
            link = target.lstrip(" ")
            if re.match(f"(?i:{PROTOCOLS_RE})", link):
                out += prefix + "[[" + line
                continue
            forced = link.startswith(":")
            try:
                title = self.wiki.titles.parse(link[1:] if forced else link)
            except MalformedTitle:
                out += prefix + "[[" + line
                continue
            blank = label == ""
            label = (link[1:] if forced else link) if blank else do_quotes(label)
            kind = ""
            if not forced and not title.interwiki:
                if title.namespace == NS_CATEGORY:
                    out = (out + prefix).rstrip() + trail
                    continue
                if title.namespace == NS_FILE:
                    # An image of a file we do not have: Linker::makeBrokenImageLinkObj()
                    # with uploads disabled links the description page; no link trail.
                    kind = "file"
                    out += prefix + self._hold(title, "" if blank else label, kind) + trail
                    continue
            if title.namespace == NS_MEDIA:
                out += prefix + self._hold(title, label, "media") + trail
                continue
            inside, trail = split_trail(self.wiki, trail)
            out += self._hold(title, prefix + label + inside, kind) + trail
        return out

    def _hold(self, title: Title, label_html: str, kind: str = "") -> str:
        self.batch.add(title)
        marker = self.mark("")
        self.holders[len(self.markers) - 1] = (title, label_html, kind)
        return marker

    def render_links(self) -> None:
        """LinkHolderArray::replace(): one existence query, then every held link."""
        self.batch.execute()
        for index, (title, label, kind) in self.holders.items():
            if not label:
                label = escape_text(self.wiki.titles.prefixed_text(title))
            if kind == "file":
                self.markers[index] = self.batch.known_link(title, label)
            elif kind == "media":
                self.markers[index] = self.batch.missing_file_link(title, label)
            else:
                self.markers[index] = self.batch.link(title, label)
        self.holders.clear()
