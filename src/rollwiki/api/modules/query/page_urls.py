"""URLs, page language and default content model of titles (Title::getFullURL(),
Title::getPageLanguage(), ContentHandler default models), as prop=info reports them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import quote

from ....services import specialpages
from ....services.namespaces import NS_MEDIAWIKI, NS_USER
from ....services.titles import Title

if TYPE_CHECKING:
    from ....services.wiki import Wiki

_CODE_PAGE = re.compile(r"\.(css|js|json)$")
_USER_CODE_PAGE = re.compile(r"/.*\.(js|css|json)$")
_MODELS = {"js": "javascript", "css": "css", "json": "json"}
# Language::isRTL() for the right-to-left languages among MediaWiki's.
_RTL = frozenset(
    "ar arc arz azb bcc bgn bqi ckb dv egl fa glk he khw kk-arab kk-cn ks ks-arab ku-arab "
    "lki lrc luz mzn nqo ota pnb ps sd sdh skr skr-arab ug ug-arab ur uz-arab yi".split()
)


def wf_urlencode(text: str) -> str:
    """Mirrors wfUrlencode(): rawurlencode, keeping ;@$!*(),/~: readable."""
    return quote(text, safe=";@$!*(),/~:")


def local_url(wiki: Wiki, title: Title, query: str = "") -> str:
    """Mirrors Title::getLocalURL()."""
    key = wf_urlencode(wiki.titles.prefixed_dbkey(title))
    if not query:
        return wiki.config.article_path.replace("$1", key)
    return f"{wiki.script_url()}?title={key}&{query}"


def full_url(wiki: Wiki, title: Title, query: str = "") -> str:
    """Mirrors Title::getFullURL() expanded with the current protocol."""
    return wiki.config.base_url + local_url(wiki, title, query)


def canonical_url(wiki: Wiki, title: Title) -> str:
    """Mirrors Title::getCanonicalURL() ($wgCanonicalServer, else $wgServer)."""
    server = (wiki.config.canonical_server or wiki.config.server).rstrip("/")
    return server + local_url(wiki, title)


def edit_url(wiki: Wiki, title: Title) -> str:
    return full_url(wiki, title, "action=edit")


def title_content_model(title: Title) -> str:
    """Mirrors MainSlotRoleHandler::getDefaultModel() for the core namespaces."""
    if title.namespace == NS_MEDIAWIKI:
        m = _CODE_PAGE.search(title.text)
        if m:
            return _MODELS[m.group(1)]
    if title.namespace == NS_USER:
        m = _USER_CODE_PAGE.search(title.text)
        if m:
            return _MODELS[m.group(1)]
    return "wikitext"


def page_language(wiki: Wiki, title: Title, page_lang: str | None) -> tuple[str, str, str]:
    """Mirrors Title::getPageLanguage(): (code, HTML code, direction)."""
    code = page_lang or wiki.config.language
    if title.namespace == NS_MEDIAWIKI and "/" in title.text and not page_lang:
        # Interface message pages take the language of their /xx suffix.
        suffix = title.text.rsplit("/", 1)[1]
        if suffix in _known_languages():
            code = suffix
    return code, _bcp47(code), "rtl" if code in _RTL else "ltr"


def _known_languages() -> frozenset[str]:
    return frozenset(entry["code"] for entry in specialpages.static_data()["languages"])


def _bcp47(code: str) -> str:
    """Mirrors LanguageCode::bcp47() for the codes MediaWiki knows."""
    for entry in specialpages.static_data()["languages"]:
        if entry["code"] == code:
            return str(entry["bcp47"])
    return code
