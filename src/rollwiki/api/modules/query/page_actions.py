"""``intestactions`` of prop=info: may the performer do these actions on these titles?

Uses the page authorizer of :mod:`rollwiki.services.authorize` (PermissionManager) when it
is available; until then a rights-only check stands in for it.  All titles are checked in
one read transaction with one authorizer (which caches page facts).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
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
Checker = Callable[[Title, bool, str], list[ApiMessage]]


def test_actions(
    req: ApiRequest,
    pages: list[tuple[int, Title]],
    actions: list[str],
    detail: str,
    limit: int,
) -> dict[int, dict[str, Any]]:
    """Mirrors the ``testactions`` part of ApiQueryInfo::extractPageInfo() for the pages in
    order; pages after the limit of tested actions are left out (they continue)."""

    def run(conn: Any) -> dict[int, dict[str, Any]]:
        check = _checker(req, conn, quick=detail == "quick")
        out: dict[int, dict[str, Any]] = {}
        tested = 0
        for page_id, title in pages:
            if tested >= limit:
                break
            out[page_id] = {
                action: _result(req, check(title, page_id > 0, action), detail)
                for action in actions
            }
            tested += len(actions)
        return out

    result: dict[int, dict[str, Any]] = req.wiki.db.read(run)
    return result


def _result(req: ApiRequest, errors: list[ApiMessage], detail: str) -> Any:
    if detail == "boolean":
        return not errors
    # A bc error format reports these in plaintext.
    saved = req.errorformat
    if saved == "bc":
        req.errorformat = "plaintext"
    formatter = req.wiki.formatter(req.errorlang)
    out = [format_message(req, formatter, msg) for msg in errors]
    req.errorformat = saved
    return out


def _checker(req: ApiRequest, conn: Any, *, quick: bool) -> Checker:
    try:
        authorize: Any = importlib.import_module("rollwiki.services.authorize")
    except ImportError:
        return lambda title, exists, action: _rights_only(req, title, action)
    rigor = authorize.RIGOR_QUICK if quick else authorize.RIGOR_SECURE
    authorizer = authorize.Authorizer(conn, req.wiki, req.performer, req.errorlang, rigor)

    def check(title: Title, exists: bool, action: str) -> list[ApiMessage]:
        errors: list[ApiMessage] = authorizer.errors(action, title)
        return errors

    return check


def _rights_only(req: ApiRequest, title: Title, action: str) -> list[ApiMessage]:
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
