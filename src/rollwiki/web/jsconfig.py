"""The JavaScript configuration of a page (Mirrors OutputPage::getJSVars() and the
user.options / user.tokens modules): JSON for ``mediawiki.js``, since the
Content-Security-Policy forbids inline scripts."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from ..services.namespaces import NS_SPECIAL
from .context import WebContext
from .output import PageOutput


def json_block(data: dict[str, Any]) -> Markup:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def js_config(ctx: WebContext, out: PageOutput) -> dict[str, Any]:
    """OutputPage::getJSVars() (the variables user scripts read through mw.config)."""
    wiki, p = ctx.wiki, ctx.performer
    title = out.context_title
    config = wiki.config
    page_name = wiki.titles.prefixed_dbkey(title) if title else ""
    ns = title.namespace if title else NS_SPECIAL
    canonical_ns = wiki.namespaces.canonical_name(ns) if title else "Special"
    data: dict[str, Any] = {
        "wgCanonicalNamespace": (canonical_ns or "").replace(" ", "_"),
        "wgCanonicalSpecialPageName": out.special or False,
        "wgNamespaceNumber": ns,
        "wgPageName": page_name,
        "wgTitle": title.text if title else "",
        "wgCurRevisionId": out.cur_revision_id,
        "wgRevisionId": out.revision_id,
        "wgArticleId": out.page_id,
        "wgIsArticle": out.is_article,
        "wgAction": out.action,
        "wgUserName": p.name if p.is_registered else None,
        "wgUserGroups": list(p.groups),
        "wgUserId": p.user_id if p.is_registered else None,
        "wgUserEditCount": p.editcount if p.is_registered else None,
        "wgUserLanguage": ctx.lang,
        "wgContentLanguage": config.language,
        "wgPageContentLanguage": config.language,
        "wgPageContentModel": "wikitext",
        "wgRelevantPageName": page_name,
        "wgRelevantArticleId": out.page_id,
        "wgServer": config.base_url,
        "wgServerName": config.servername,
        "wgScriptPath": config.script_path,
        "wgScript": wiki.script_url(),
        "wgArticlePath": config.article_path,
        "wgSiteName": config.sitename,
        "wgMainPageTitle": config.main_page,
        "wgFormattedNamespaces": {str(n.id): n.name for n in wiki.namespaces},
        "wgNamespaceIds": {k.lower().replace(" ", "_"): v for k, v in _namespace_ids(ctx).items()},
        "wgIsProbablyEditable": False,
        "wgShowRollbackEditCount": config.show_rollback_edit_count,
    }
    data.update(out.js_vars)
    return data


def _namespace_ids(ctx: WebContext) -> dict[str, int]:
    ids = {n.name: n.id for n in ctx.wiki.namespaces}
    ids.update(dict(ctx.wiki.namespaces.aliases))
    return ids


def user_data(ctx: WebContext) -> dict[str, Any]:
    """mw.user.tokens and the options scripts read (the user.options module)."""
    p = ctx.performer
    return {
        "tokens": {
            "csrfToken": ctx.token("csrf"),
            "patrolToken": ctx.token("patrol"),
            "watchToken": ctx.token("watch"),
            "rollbackToken": ctx.token("rollback"),
        },
        "options": {
            key: p.option(key, ctx.wiki.config.default_user_options.get(key))
            for key in (
                "showrollbackconfirmation",
                "norollbackdiff",
                "watchrollback",
                "watchdefault",
                "watchcreations",
                "language",
                "minordefault",
            )
        },
        "rights": sorted(p.rights),
        "messages": {
            key: ctx.msg(key)
            for key in (
                "rollback-confirmation-confirm",
                "rollback-confirmation-yes",
                "rollback-confirmation-no",
            )
        },
    }
