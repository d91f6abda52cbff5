"""Links in page wikitext: internal (blue, red, self), external, templates and magic
variables; internal links are held as markers until one existence lookup resolves them."""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

from mwparserfromhell.nodes import ExternalLink, Node, Template, Text, Wikilink
from mwparserfromhell.wikicode import Wikicode

from ..services.namespaces import NS_CATEGORY, NS_SPECIAL, NS_TEMPLATE
from ..services.titles import MalformedTitle, Title
from ..storage.queries.pages import pages_by_titles

if TYPE_CHECKING:
    from ..services.wiki import Wiki

URL_SCHEMES = frozenset(
    "http https ftp ftps mailto irc ircs news tel sms xmpp urn git svn ssh sftp telnet nntp "
    "gopher geo magnet".split()
)
_URL_STOP = re.compile(r"[\s\"<>\[\]\x00-\x1f\x7f]")
_TRAIL = re.compile(r"^([a-z]+)", re.S)
_LINK_MARKER = "\x00LINK{}\x00"
_LINK_MARKER_RE = re.compile("\x00LINK(\\d+)\x00")
_FUNCTION_PREFIXES = frozenset({"subst", "safesubst", "msgnw", "int", "raw", "msg"})
_MAGIC_VARIABLES = ("PAGENAME", "FULLPAGENAME", "NAMESPACE", "SITENAME", "PAGENAMEE")


def esc(text: str) -> str:
    return htmllib.escape(text, quote=True)


@dataclass
class _PendingLink:
    title: Title
    label: str  # HTML


class PageLinks:
    """The links of one page rendering (Mirrors Parser::handleInternalLinks() and
    LinkHolderArray, handleExternalLinks(), and braces shown as template links)."""

    def __init__(self, wiki: Wiki, title: Title | None, inline_node: Callable[[Node], str]) -> None:
        self.wiki = wiki
        self.title = title
        self.inline_node = inline_node
        self.pending: list[_PendingLink] = []
        self.categories: list[Title] = []
        self._autonumber = 0

    def wikilink(self, node: Wikilink, nodes: list[Node], index: int) -> str:
        raw = str(node.title).strip()
        colon = raw.startswith(":")
        target_text = raw[1:] if colon else raw
        if node.text is not None:
            label = self.label(node.text)
        else:
            label = esc(htmllib.unescape(target_text))
        # Link trail: letters right after "]]" join the link text.
        following = nodes[index + 1] if index + 1 < len(nodes) else None
        if isinstance(following, Text):
            m = _TRAIL.match(str(following))
            if m:
                label += esc(m.group(1))
                following.value = str(following)[m.end() :]
        if target_text.startswith("#"):
            fragment = htmllib.unescape(target_text[1:])
            return f'<a href="#{esc(_fragment(fragment))}">{label}</a>'
        try:
            title = self.wiki.titles.parse(target_text)
        except MalformedTitle:
            return esc(str(node))
        if title.interwiki:
            return f'<span class="extiw">{label}</span>'
        if title.namespace == NS_CATEGORY and not colon:
            self.categories.append(title)
            return ""
        self.pending.append(_PendingLink(title, label))
        return _LINK_MARKER.format(len(self.pending) - 1)

    def label(self, code: Wikicode) -> str:
        """Link text: formatting allowed, nested links flattened to their text."""
        parts = []
        for node in code.nodes:
            if isinstance(node, Wikilink):
                parts.append(esc(str(node.text if node.text is not None else node.title)))
            elif isinstance(node, ExternalLink):
                parts.append(esc(str(node)))
            else:
                parts.append(self.inline_node(node))
        return "".join(parts)

    def external(self, node: ExternalLink) -> str:
        url = str(node.url).strip()
        stop = _URL_STOP.search(url)
        rest = ""
        if stop:
            url, rest = url[: stop.start()], url[stop.start() :]
        if not _safe_url(url):
            return esc(str(node))
        if not node.brackets:
            return _ext_anchor(url, esc(url), "free") + esc(rest)
        if node.title is not None and str(node.title).strip():
            label = esc(rest) + self.label(node.title)
            return _ext_anchor(url, label, "text")
        self._autonumber += 1
        return _ext_anchor(url, f"[{self._autonumber}]", "autonumber")

    def template(self, node: Template) -> str:
        name = str(node.name).strip()
        upper = name.upper()
        if upper in _MAGIC_VARIABLES and not node.params:
            return esc(self._magic_variable(upper))
        prefix = name.split(":", 1)[0].lower() if ":" in name else ""
        if not name or name.startswith("#") or prefix in _FUNCTION_PREFIXES:
            return esc(str(node))
        try:
            if name.startswith(":"):
                title = self.wiki.titles.parse(name[1:])
            else:
                title = self.wiki.titles.parse(name, NS_TEMPLATE)
        except MalformedTitle:
            return esc(str(node))
        if title.interwiki or title.namespace == NS_SPECIAL:
            return esc(str(node))
        self.pending.append(_PendingLink(title, esc(name)))
        marker = _LINK_MARKER.format(len(self.pending) - 1)
        return f'<span class="mw-template-call">{{{{{marker}}}}}</span>'

    def _magic_variable(self, name: str) -> str:
        title = self.title
        if name == "SITENAME":
            return self.wiki.config.sitename
        if title is None:
            return ""
        if name == "PAGENAME":
            return title.text
        if name == "PAGENAMEE":
            return quote(title.dbkey)
        if name == "NAMESPACE":
            return self.wiki.namespaces.name(title.namespace)
        return self.wiki.prefixed(title)

    def resolve(self, body: str) -> str:
        """One existence lookup for every internal link, then the link HTML."""
        keys = {
            (p.title.namespace, p.title.dbkey)
            for p in self.pending
            if p.title.namespace >= 0 and p.title.text
        }
        existing = (
            set(self.wiki.db.read(lambda conn: pages_by_titles(conn, keys))) if keys else set()
        )

        def link_html(m: re.Match[str]) -> str:
            pending = self.pending[int(m.group(1))]
            return self._link_html(pending, existing)

        return _LINK_MARKER_RE.sub(link_html, body)

    def _link_html(self, pending: _PendingLink, existing: set[tuple[int, str]]) -> str:
        title = pending.title
        wiki = self.wiki
        name = wiki.prefixed(title)
        fragment = f"#{_fragment(title.fragment)}" if title.fragment else ""
        same = self.title is not None and (title.namespace, title.dbkey) == (
            self.title.namespace,
            self.title.dbkey,
        )
        if same and not title.fragment:
            return f'<a class="mw-selflink selflink">{pending.label}</a>'
        key = _url_key(wiki.titles.prefixed_dbkey(title))
        known = title.namespace == NS_SPECIAL or (title.namespace, title.dbkey) in existing
        if known or not title.text:
            href = wiki.config.article_path.replace("$1", key) + fragment
            return f'<a href="{esc(href)}" title="{esc(name)}">{pending.label}</a>'
        href = f"{wiki.script_url()}?title={key}&action=edit&redlink=1"
        tip = wiki.formatter(wiki.config.language).text("red-link-title", name)
        return f'<a href="{esc(href)}" class="new" title="{esc(tip)}">{pending.label}</a>'


def _fragment(text: str) -> str:
    return quote(re.sub(r"\s+", "_", text.strip()), safe="/:@!$()*,;~'.-_")


def _url_key(dbkey: str) -> str:
    return quote(dbkey, safe=";@$!*(),/~:")


def _safe_url(url: str) -> bool:
    """Only known protocols (and protocol-relative ``//``) become links."""
    if url.startswith("//"):
        return len(url) > 2
    scheme, sep, _ = url.partition(":")
    return bool(sep) and scheme.lower() in URL_SCHEMES


def _ext_anchor(url: str, label: str, kind: str) -> str:
    return f'<a rel="nofollow" class="external {kind}" href="{esc(url)}">{label}</a>'
