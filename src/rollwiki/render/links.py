"""Links in rendered wikitext: blue, red, interwiki and external (Mirrors LinkRenderer and
the link parts of Linker).

Existence is looked up in batches: callers register titles with :meth:`LinkBatch.add`,
then render every link after one :meth:`LinkBatch.execute`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from ..i18n.messages import lookup
from ..services.namespaces import NS_MEDIAWIKI, NS_SPECIAL
from ..services.titles import Title
from ..storage.queries.interwiki import interwiki_urls
from ..storage.queries.pages import pages_by_titles
from .sanitizer import clean_url, escape_html

if TYPE_CHECKING:
    from ..services.wiki import Wiki

# $wgNoFollowDomainExceptions (1.39 default): links there carry no rel="nofollow".
NOFOLLOW_EXCEPTIONS = ("mediawiki.org",)
# MessagesXx.php $linkTrail of the content language.
LINK_TRAILS = {
    "en": re.compile(r"^([a-z]+)(.*)$", re.S),
    "uk": re.compile(r"^([a-zабвгґдеєжзиіїйклмнопрстуфхцчшщьєюяёъы“»]+)(.*)$", re.S),
}


def wf_urlencode(text: str) -> str:
    """wfUrlencode(): PHP's urlencode() with ``;@$!*(),/~:`` left readable."""
    return quote(text, safe=";@$!*(),/~:").replace("%20", "+")


def split_trail(wiki: Wiki, trail: str) -> tuple[str, str]:
    """Linker::splitTrail(): the letters after ``]]`` that join the link text."""
    regex = LINK_TRAILS.get(wiki.config.language, LINK_TRAILS["en"])
    m = regex.match(trail) if trail else None
    return (m.group(1), m.group(2)) if m else ("", trail)


def fragment_for_url(fragment: str) -> str:
    """Title::getFragmentForURL() with Sanitizer::escapeIdForLink() in html5 mode."""
    if not fragment:
        return ""
    escaped = re.sub(r"[\t\n\x0c\r ]", "_", fragment)
    escaped = re.sub(r"%([a-fA-F0-9]{2})", r"%25\1", escaped)
    escaped = re.sub(r'[\x00-\x20"#<>`\x7f]', lambda m: f"%{ord(m.group(0)):02X}", escaped)
    return "#" + escaped


def external_rel(url: str) -> str | None:
    """Parser::getExternalLinkRel(): nofollow unless the host is an exception."""
    host = (urlsplit(url if "://" in url else "http:" + url).hostname or "").lower()
    for domain in NOFOLLOW_EXCEPTIONS:
        if host == domain or host.endswith("." + domain):
            return None
    return "nofollow"


def external_link(url: str, text_html: str, link_type: str) -> str:
    """Linker::makeExternalLink(): ``<a rel class href>`` with already-escaped text."""
    href = escape_html(clean_url(url))
    rel = external_rel(url)
    rel_attr = f'rel="{rel}" ' if rel else ""
    return f'<a {rel_attr}class="external {link_type}" href="{href}">{text_html}</a>'


class LinkBatch:
    """Mirrors LinkBatch + LinkRenderer for one rendering: existence checks and link HTML."""

    def __init__(self, wiki: Wiki) -> None:
        self.wiki = wiki
        self._pending: set[tuple[int, str]] = set()
        self._existing: set[tuple[int, str]] = set()
        self._interwiki_urls: dict[str, str] | None = None

    def add(self, title: Title) -> None:
        if not title.interwiki and title.namespace >= 0 and title.text:
            self._pending.add((title.namespace, title.dbkey))

    def execute(self) -> None:
        keys = self._pending - self._existing
        if keys:
            found = self.wiki.db.read(lambda conn: pages_by_titles(conn, keys))
            self._existing.update(found)
        self._pending.clear()

    def exists(self, title: Title) -> bool:
        return (title.namespace, title.dbkey) in self._existing

    def is_known(self, title: Title) -> bool:
        """Title::isKnown(): existing pages, special pages, and messages in MediaWiki:."""
        if title.interwiki or title.namespace == NS_SPECIAL or not title.text:
            return True
        if title.namespace == NS_MEDIAWIKI:
            key = title.text[:1].lower() + title.text[1:]
            if lookup(self.wiki.config.language, key) is not None:
                return True
        return self.exists(title)

    # -- URLs --------------------------------------------------------------------------

    def interwiki_url(self, title: Title) -> str:
        if self._interwiki_urls is None:
            self._interwiki_urls = self.wiki.db.read(interwiki_urls)
        pattern = self._interwiki_urls.get(title.interwiki.lower(), "$1")
        return pattern.replace("$1", wf_urlencode(title.dbkey)) + fragment_for_url(title.fragment)

    def local_url(self, title: Title, query: str = "") -> str:
        """Title::getLocalURL()."""
        dbkey = self.wiki.titles.prefixed_dbkey(title)
        if query:
            return f"{self.wiki.script_url()}?title={wf_urlencode(dbkey)}&{query}"
        return self.wiki.config.article_path.replace("$1", wf_urlencode(dbkey))

    def link_url(self, title: Title) -> str:
        if title.interwiki:
            return self.interwiki_url(title)
        if not title.text:
            return fragment_for_url(title.fragment)
        return self.local_url(title) + fragment_for_url(title.fragment)

    # -- links -------------------------------------------------------------------------

    def link(self, title: Title, text_html: str) -> str:
        """LinkRenderer::makeLink(): known (blue), broken (red) or interwiki."""
        if title.interwiki:
            href = escape_html(self.interwiki_url(title))
            full = escape_html(self.wiki.titles.full_text(title).split("#", 1)[0])
            return f'<a href="{href}" class="extiw" title="{full}">{text_html}</a>'
        if self.is_known(title):
            return self.known_link(title, text_html)
        return self.broken_link(title, text_html)

    def known_link(self, title: Title, text_html: str) -> str:
        href = escape_html(self.link_url(title))
        if not title.text:
            return f'<a href="{href}">{text_html}</a>'
        name = escape_html(self.wiki.titles.prefixed_text(title))
        return f'<a href="{href}" title="{name}">{text_html}</a>'

    def broken_link(self, title: Title, text_html: str) -> str:
        name = self.wiki.titles.prefixed_text(title)
        href = escape_html(self.local_url(title, "action=edit&redlink=1"))
        template = lookup(self.wiki.config.language, "red-link-title") or "$1"
        tip = escape_html(template.replace("$1", name))
        return f'<a href="{href}" class="new" title="{tip}">{text_html}</a>'

    def missing_file_link(self, title: Title, text_html: str) -> str:
        """Linker::makeMediaLinkFile() for a file we do not have: Special:Upload, red."""
        upload = Title(NS_SPECIAL, "Upload")
        href = escape_html(self.local_url(upload, f"wpDestFile={wf_urlencode(title.dbkey)}"))
        return f'<a href="{href}" class="new" title="{escape_html(title.text)}">{text_html}</a>'
