"""Special pages that redirect to an article (the RedirectSpecialArticle subclasses).

ApiPageSet follows them with ``redirects``: Special:MyPage and Special:MyTalk go to the
performer's user (talk) page, Special:MyLanguage to the page in the user's language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ....services import specialpages
from ....services.namespaces import NS_USER, NS_USER_TALK
from ....services.titles import MalformedTitle, Title

if TYPE_CHECKING:
    from ...request import ApiRequest


def special_redirect(req: ApiRequest, title: Title) -> Title | None:
    """The article a Special: page redirects to, or None (RedirectSpecialArticle only)."""
    real, subpage = specialpages.resolve_alias(title.dbkey)
    name = req.performer.name
    if real in ("Mypage", "Mytalk"):
        ns = NS_USER if real == "Mypage" else NS_USER_TALK
        text = name if not subpage else f"{name}/{subpage}"
        return Title(ns, text.replace("_", " "))
    if real == "MyLanguage":
        return _my_language(req, subpage)
    return None


def _my_language(req: ApiRequest, subpage: str | None) -> Title:
    """Mirrors SpecialMyLanguage::findTitle(): the base page, or its /<lang> translation."""
    parser = req.wiki.titles
    main = parser.parse(req.wiki.config.main_page)
    if not subpage:
        return main
    try:
        base = parser.parse(subpage)
    except MalformedTitle:
        return main
    if base.interwiki:
        return main
    lang = req.lang
    if lang == req.wiki.config.language:
        return base
    from ....storage.queries import pages as pq

    translated = Title(base.namespace, f"{base.text}/{lang}")
    found = req.wiki.db.read(lambda c: pq.page_by_title(c, translated.namespace, translated.dbkey))
    return translated if found is not None else base
