"""Page actions of index.php (Mirrors ActionFactory): view, history, diff, edit,
rollback, raw, watch/unwatch."""

from __future__ import annotations

from collections.abc import Callable

from ...i18n.messages import Message
from ...services.titles import Title
from ..context import WebContext
from ..errorpages import error_page
from ..output import Output


def _actions() -> dict[str, Callable[[WebContext, Title], Output]]:
    from . import diff, edit, history, raw, rollback, view, watch

    return {
        "view": view.view,
        "history": history.history,
        "edit": edit.edit,
        "submit": edit.edit,
        "rollback": rollback.rollback,
        "raw": raw.raw,
        "watch": watch.watch,
        "unwatch": watch.unwatch,
        "historysubmit": diff.diff,
    }


def run_action(ctx: WebContext, title: Title) -> Output:
    """MediaWiki::performAction(): ``diff=`` turns a view into a diff view."""
    action = (ctx.get("action") or "view").lower()
    if action == "view" and ctx.get("diff") is not None:
        from .diff import diff

        return diff(ctx, title)
    handler = _actions().get(action)
    if handler is None:
        out = error_page(ctx, "nosuchaction", Message("nosuchactiontext"), status=404)
        out.context_title = title
        return out
    return handler(ctx, title)
