"""Paging of listings as MediaWiki's IndexPager does it: ``limit``, ``offset`` (the index
value of the last row shown, ``timestamp|id``) and ``dir=prev``; the navigation bar
"(newest | oldest) View (newer 50 | older 50) (20 | 50 | 100 | 250 | 500)"."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from ..i18n.messages import Num
from .context import WebContext
from .linker import link

LIMITS = (20, 50, 100, 250, 500)
MAX_LIMIT = 5000

Offset = tuple[str, int]


def parse_offset(value: str | None) -> Offset | None:
    """``20261126202420|454`` or a bare timestamp (then every id of that second)."""
    if not value:
        return None
    ts, _, rid = value.partition("|")
    ts = "".join(ch for ch in ts if ch.isdigit())
    if len(ts) != 14:
        return None
    try:
        return ts, int(rid) if rid else 2**31
    except ValueError:
        return None


def limit_of(ctx: WebContext, default: int = 50) -> int:
    """IndexPager::setLimit(): positive, capped at 5000."""
    limit = ctx.get_int("limit", default)
    if limit <= 0:
        return default
    return min(limit, MAX_LIMIT)


@dataclass
class Page:
    rows: list[dict[str, Any]]
    limit: int
    has_newer: bool
    has_older: bool
    first: Offset | None
    last: Offset | None


def fetch_page(
    ctx: WebContext,
    fetch: Callable[[Offset | None, bool, int], list[dict[str, Any]]],
    key: Callable[[dict[str, Any]], Offset],
    default_limit: int = 50,
) -> Page:
    """Runs ``fetch(offset, older, limit + 1)`` (rows newest first) and works out the
    neighbours."""
    limit = limit_of(ctx, default_limit)
    offset = parse_offset(ctx.get("offset"))
    older = ctx.get("dir") != "prev"
    rows = fetch(offset, older, limit + 1)
    extra = len(rows) > limit
    if older:
        rows = rows[:limit]
        has_older, has_newer = extra, offset is not None
    else:
        rows = rows[-limit:] if extra else rows
        has_newer, has_older = extra, offset is not None
    first = key(rows[0]) if rows else None
    last = key(rows[-1]) if rows else None
    return Page(rows, limit, has_newer, has_older, first, last)


def _offset_text(offset: Offset) -> str:
    return f"{offset[0]}|{offset[1]}"


def navigation(
    ctx: WebContext, page: Page, target: Any, query: dict[str, Any], *, first_last: bool = True
) -> Markup:
    """IndexPager::getNavigationBar() (ReverseChronologicalPager style)."""
    limit = page.limit
    base = {k: v for k, v in query.items() if v not in (None, "")}

    def nav_link(text: str, extra: dict[str, Any], css: str) -> Markup:
        q = dict(base)
        q.update(extra)
        return link(ctx, target, text, query=q, known=True, classes=css)

    def plain(text: str, css: str) -> Markup:
        return Markup(f'<span class="{css}">{escape(text)}</span>')

    newer_text = ctx.msg("pager-newer-n", Num(limit))
    older_text = ctx.msg("pager-older-n", Num(limit))
    newer = (
        nav_link(
            newer_text,
            {"dir": "prev", "offset": _offset_text(page.first), "limit": limit},
            "mw-prevlink",
        )
        if page.has_newer and page.first
        else plain(newer_text, "mw-prevlink")
    )
    older = (
        nav_link(older_text, {"offset": _offset_text(page.last), "limit": limit}, "mw-nextlink")
        if page.has_older and page.last
        else plain(older_text, "mw-nextlink")
    )
    sep = Markup(escape(ctx.msg("pipe-separator")))
    numbers = sep.join(
        nav_link(
            str(n),
            {"limit": n, **({"offset": ctx.get("offset")} if ctx.get("offset") else {})},
            "mw-numlink",
        )
        for n in LIMITS
    )
    view = ctx.msg_html("viewprevnext", newer, older, numbers)
    if not first_last:
        return Markup(f'<div class="mw-pager-navigation-bar">{view}</div>')
    newest_text, oldest_text = ctx.msg("histlast"), ctx.msg("histfirst")
    newest = (
        nav_link(newest_text, {"limit": limit}, "mw-firstlink")
        if page.has_newer
        else plain(newest_text, "mw-firstlink")
    )
    oldest = (
        nav_link(oldest_text, {"dir": "prev", "limit": limit}, "mw-lastlink")
        if page.has_older
        else plain(oldest_text, "mw-lastlink")
    )
    return Markup(f'<div class="mw-pager-navigation-bar">({newest}{sep}{oldest}) {view}</div>')
