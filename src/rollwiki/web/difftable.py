"""The diff table around the diff engine's rows (Mirrors DifferenceEngine::addHeader())."""

from __future__ import annotations

from markupsafe import Markup, escape

from ..i18n.messages import Num
from ..render.diff import table_diff
from .context import WebContext

_COLS = (
    '<col class="diff-marker" />\n<col class="diff-content" />\n'
    '<col class="diff-marker" />\n<col class="diff-content" />\n'
)


def diff_rows(ctx: WebContext, old_text: str, new_text: str) -> Markup:
    """The rows, or the "(No difference)" notice."""

    def line_label(n: int) -> str:
        return str(escape(ctx.msg("lineno", Num(n))))

    rows = table_diff(old_text, new_text, line_label)
    if not rows:
        empty = escape(ctx.msg("diff-empty"))
        rows = (
            f'<tr><td colspan="4" class="diff-notice"><div class="mw-diff-empty">{empty}'
            "</div></td></tr>"
        )
    return Markup(rows)


def diff_table(
    ctx: WebContext, old_text: str, new_text: str, header: Markup | None = None
) -> Markup:
    body = diff_rows(ctx, old_text, new_text)
    return (
        Markup(
            '<table class="diff diff-contentalign-left diff-editfont-monospace" '
            f'data-mw="interface">\n{_COLS}'
        )
        + (header or Markup(""))
        + body
        + Markup("</table>\n")
    )
