"""``intestactions`` of prop=info: may the performer do these actions on these titles?

Uses the page authorizer of :mod:`rollwiki.services.authorize` (PermissionManager) when it
is available; until then a rights-only check stands in for it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ....i18n.messages import Message
from ....services.namespaces import NS_MAIN
from ....services.titles import Title
from ...errorformat import format_message
from ...errors import ApiMessage

if TYPE_CHECKING:
    from ...request import ApiRequest

# The rights PermissionManager::checkQuickPermissions() asks for each action.
_ACTION_RIGHTS = {
    "read": ("read",),
    "edit": ("edit",),
    "move": ("move",),
    "delete": ("delete",),
    "undelete": ("undelete",),
    "protect": ("protect",),
    "rollback": ("rollback",),
    "patrol": ("patrol",),
    "upload": ("upload",),
    "reupload": ("reupload",),
    "import": ("import",),
    "deleterevision": ("deleterevision",),
}


def test_actions(
    req: ApiRequest, title: Title, exists: bool, actions: list[str], detail: str
) -> dict[str, Any]:
    """Mirrors the ``testactions`` part of ApiQueryInfo::extractPageInfo()."""
    out: dict[str, Any] = {}
    for action in actions:
        errors = _errors(req, title, exists, action, quick=detail == "quick")
        if detail == "boolean":
            out[action] = not errors
        else:
            # A bc error format reports these in plaintext.
            saved = req.errorformat
            if saved == "bc":
                req.errorformat = "plaintext"
            formatter = req.wiki.formatter(req.errorlang)
            out[action] = [format_message(req, formatter, msg) for msg in errors]
            req.errorformat = saved
    return out


def _errors(
    req: ApiRequest, title: Title, exists: bool, action: str, *, quick: bool
) -> list[ApiMessage]:
    try:
        authorize: Any = importlib.import_module("rollwiki.services.authorize")
    except ImportError:
        return _rights_only(req, title, exists, action)
    rigor = authorize.RIGOR_QUICK if quick else authorize.RIGOR_SECURE

    def check(conn: Any) -> list[ApiMessage]:
        authorizer = authorize.Authorizer(conn, req.wiki, req.performer, req.errorlang, rigor)
        result: list[ApiMessage] = authorizer.errors(action, title)
        return result

    errors: list[ApiMessage] = req.wiki.db.read(check)
    return errors


def _rights_only(req: ApiRequest, title: Title, exists: bool, action: str) -> list[ApiMessage]:
    performer = req.performer
    if action == "create":
        talk = title.namespace > NS_MAIN and title.namespace % 2 == 1
        rights: tuple[str, ...] = ("createtalk",) if talk else ("createpage",)
    else:
        found = _ACTION_RIGHTS.get(action)
        if found is None:
            return [ApiMessage.wrap(Message("badaccess-group0"))]
        rights = found
    missing = [r for r in rights if not performer.allowed(r)]
    if not missing:
        return []
    msg = req.wiki.permissions.missing_right_message(missing[0], req.errorlang)
    return [ApiMessage.wrap(msg)]
