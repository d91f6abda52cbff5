"""Rules for site and user CSS/JS/JSON pages (Mirrors PermissionManager's
checkSiteConfigPermissions() and checkUserConfigPermissions() of MediaWiki 1.39)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from ..api.errors import ApiMessage
from ..storage.queries import pages as pq
from .namespaces import NS_MEDIAWIKI, NS_USER
from .pageupdater import redirect_target
from .performer import Performer
from .titles import MalformedTitle, Title
from .wiki import Wiki

_SITE = (
    ("css", "editsitecss", "sitecssprotected"),
    ("json", "editsitejson", "sitejsonprotected"),
    ("javascript", "editsitejs", "sitejsprotected"),
)
_OTHERS = (
    ("css", "editusercss", "customcssprotected"),
    ("json", "edituserjson", "customjsonprotected"),
    ("javascript", "edituserjs", "customjsprotected"),
)
_OWN = (
    ("css", ("editmyusercss", "editusercss"), "mycustomcssprotected"),
    ("json", ("editmyuserjson", "edituserjson"), "mycustomjsonprotected"),
    ("javascript", ("editmyuserjs", "edituserjs"), "mycustomjsprotected"),
)
CODE_MODELS = ("css", "json", "javascript")


def site_config_errors(
    performer: Performer, action: str, title: Title, model: str
) -> list[ApiMessage]:
    """MediaWiki:*.css/.json/.js need editsitecss/editsitejson/editsitejs."""
    if action in ("patrol", "deletedhistory", "deletedtext", "viewsuppressed"):
        return []
    if title.namespace != NS_MEDIAWIKI:
        return []
    for kind, right, key in _SITE:
        if model == kind and not performer.allowed(right):
            return [ApiMessage.of(key, action)]
    return []


def user_config_errors(
    conn: Connection,
    wiki: Wiki,
    performer: Performer,
    action: str,
    title: Title,
    page: dict[str, Any] | None,
    model: str,
) -> list[ApiMessage]:
    """User:Name/*.css/.json/.js: editmyuser* for one's own, edituser* for others'."""
    if title.namespace != NS_USER or "/" not in title.text or model not in CODE_MODELS:
        return []
    if not title.text.startswith(performer.name + "/"):
        for kind, right, key in _OTHERS:
            if model == kind and not performer.allowed(right):
                return [ApiMessage.of(key, action)]
        return []
    for kind, rights, key in _OWN:
        if model == kind and not performer.allowed_any(*rights):
            return [ApiMessage.of(key, action)]
    if model == "javascript" and not performer.allowed_any("edituserjs", "editmyuserjsredirect"):
        # T207750: no redirect to a script the user could not edit.
        target = _redirect_of(conn, wiki, page)
        if target is not None and not (
            target.namespace == NS_USER and target.text.startswith(performer.name + "/")
        ):
            return [ApiMessage.of("mycustomjsredirectprotected", action)]
    return []


def _redirect_of(conn: Connection, wiki: Wiki, page: dict[str, Any] | None) -> Title | None:
    if page is None or not page["page_is_redirect"]:
        return None
    rev = pq.revision_by_id(conn, page["page_latest"])
    if rev is None:
        return None
    raw = redirect_target(pq.content_text(conn, rev["rev_content"]))
    if raw is None:
        return None
    try:
        return wiki.titles.parse(raw)
    except MalformedTitle:
        return None
