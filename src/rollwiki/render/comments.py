"""Edit summaries and log comments to HTML (Mirrors Linker::formatComment(), i.e.
CommentFormatter::format() over CommentParser).

Only three things are markup in a comment: ``/* section */`` autocomments, internal
links ``[[...]]`` and character references.  Everything else is escaped; external
links stay plain text, as in 1.39.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import unquote

from ..i18n.messages import decode_space, lookup
from ..services.namespaces import NS_FILE
from ..services.titles import MalformedTitle, Title
from .links import LinkBatch, split_trail
from .sanitizer import decode_char_references, escape_html_allow_entities

if TYPE_CHECKING:
    from ..services.wiki import Wiki

_MARKER = "\x1b\"'{:07d}"
_MARKER_RE = re.compile("\x1b\"'([0-9]{7})")
_AUTOCOMMENT = re.compile(r"(?:(?<=(.)))?/\*\s*(.*?)\s*\*/(?:(?=(.)))?", re.S)
_WIKILINK = re.compile(
    r"\[\[\s*+:?([^\[\]|]+)(?:\|((?:]?[^\]])*+))?\]\]([^\[]*)",
)
# Language::getArrow() and Language::getDirMark() for left-to-right languages.
_ARROW = "\u2192\u200e"


def _section_anchor(section: str) -> str:
    """Parser::guessSectionNameFromStrippedText() without its leading "#"."""
    section = re.sub(r"[ _]+", " ", section).strip()
    section = decode_char_references(section)
    return section.replace(" ", "_")


class CommentFormatter:
    """Formats comments for one request; links share one existence batch."""

    def __init__(self, wiki: Wiki) -> None:
        self.wiki = wiki
        self.batch = LinkBatch(wiki)
        self.links: list[tuple[Title, str, bool]] = []

    def preprocess(self, comment: str, title: Title | None, same_page: bool = False) -> str:
        """CommentParser::preprocess(): escape, then autocomments, then links (as markers)."""
        comment = comment.replace("\n", " ").replace("\x1b", " ")
        comment = escape_html_allow_entities(comment)
        comment = self._section_links(comment, title, same_page)
        return self._wiki_links(comment, title, same_page)

    def finalize(self, text: str) -> str:
        """CommentParser::finalize(): one batch lookup, then the link HTML."""
        self.batch.execute()
        return _MARKER_RE.sub(lambda m: self._link_html(int(m.group(1))), text)

    def format(self, comment: str, title: Title | None = None, same_page: bool = False) -> str:
        return self.finalize(self.preprocess(comment, title, same_page))

    def _link_html(self, index: int) -> str:
        title, text, media = self.links[index]
        if media:
            return self.batch.missing_file_link(title, text)
        return self.batch.link(title, text)

    def _marker(self, title: Title, text: str, media: bool = False) -> str:
        self.batch.add(title)
        self.links.append((title, text, media))
        return _MARKER.format(len(self.links) - 1)

    # -- autocomments ---------------------------------------------------------------------

    def _section_links(self, comment: str, title: Title | None, same_page: bool) -> str:
        """CommentParser::doSectionLinks()."""
        append: list[str] = []
        content_lang = self.wiki.config.language

        def replace(m: re.Match[str]) -> str:
            pre = m.group(1) is not None and m.group(1) != ""
            post = m.group(3) is not None and m.group(3) != ""
            auto = m.group(2)
            if title is not None:
                section = auto.replace("[[:", "").replace("[[", "").replace("]]", "")
                anchor = _section_anchor(section)
                if anchor:
                    target = (
                        Title(0, "", anchor)
                        if same_page
                        else Title(title.namespace, title.text, anchor, title.interwiki)
                    )
                    auto = self._section_link(target, _ARROW + auto)
            prefix = ""
            if pre:
                prefix = decode_space(lookup(content_lang, "autocomment-prefix") or "")
            if post:
                auto += decode_space(lookup(content_lang, "colon-separator") or ": ")
            if auto:
                auto = f'<span dir="auto"><span class="autocomment">{auto}</span>'
                append.append("</span>")
            return (prefix + auto).replace("[", "&#91;").replace("]", "&#93;")

        comment = _AUTOCOMMENT.sub(replace, comment)
        return comment + "".join(append)

    def _section_link(self, target: Title, text: str) -> str:
        """LinkRenderer::makePreloadedLink(): always a known link."""
        return self.batch.known_link(target, text)

    # -- links --------------------------------------------------------------------------------

    def _wiki_links(self, comment: str, title: Title | None, same_page: bool) -> str:
        """CommentParser::doWikiLinks()."""

        def replace(m: re.Match[str]) -> str:
            whole = m.group(0)
            target = m.group(1)
            if "%" in target:
                target = unquote(target).replace("<", "&lt;").replace(">", "&gt;")
            text = m.group(2) if m.group(2) else target
            media = re.match(r"^(?:media):(.*)$", target, re.I)
            if media:
                file_title = self.wiki.titles.make(NS_FILE, media.group(1))
                if file_title is None:
                    return whole
                marker = self._marker(file_title, text, media=True)
                return re.sub(r"\[\[(.*?)\]\]", lambda _m: marker, whole, count=1)
            if target.startswith(":"):
                target = target[1:]
            if not target:
                return whole
            letters, _ = split_trail(self.wiki, m.group(3))
            try:
                link = self.wiki.titles.parse(target)
            except MalformedTitle:
                return whole
            if link.text == "" and not link.interwiki and not same_page and title is not None:
                link = Title(title.namespace, title.text, link.fragment, title.interwiki)
            marker = self._marker(link, text + letters)
            pattern = re.compile(r"\[\[(.*?)\]\]" + re.escape(letters))
            return pattern.sub(lambda _m: marker, whole, count=1)

        return _WIKILINK.sub(replace, comment)


def format_comment(wiki: Wiki, comment: str, title: Title | None = None) -> str:
    """Linker::formatComment(): the HTML of one comment (``parsedcomment``)."""
    return CommentFormatter(wiki).format(comment, title)


def format_comments(wiki: Wiki, comments: list[tuple[str, Title | None]]) -> list[str]:
    """CommentFormatter::formatStrings(): many comments with a single existence lookup."""
    formatter = CommentFormatter(wiki)
    pre = [formatter.preprocess(comment, title) for comment, title in comments]
    return [formatter.finalize(text) for text in pre]
