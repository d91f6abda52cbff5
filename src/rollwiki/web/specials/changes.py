"""Special:RecentChanges and Special:Watchlist (Mirrors SpecialRecentChanges,
SpecialWatchlist and the no-JavaScript options of ChangesListSpecialPage).

Bots are hidden by default; ``hidebots=0`` (the "Show bots" link) shows them.  Further
filters: minor edits, own edits, anonymous / registered users, patrolled edits, namespace,
``tagfilter`` and ``user``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from markupsafe import Markup, escape

from ...i18n.messages import Num
from ...services import timestamps
from ...services.namespaces import NS_SPECIAL
from ...services.titles import Title
from ...storage.queries import users as uq
from ...storage.queries import web_changes as cq
from ...storage.queries.web_changes import ChangeFilters
from ..changeslist import ChangesList
from ..context import WebContext
from ..errorpages import login_required
from ..linker import link
from ..output import PageOutput, render_template

DAYS = (1, 3, 7, 14, 30)
LIMITS = (50, 100, 250, 500)
# (parameter, message of the toggle, RC default, watchlist preference)
TOGGLES = (
    ("hideminor", "rcshowhideminor", "hideminor", "watchlisthideminor"),
    ("hidebots", "rcshowhidebots", None, "watchlisthidebots"),
    ("hideliu", "rcshowhideliu", None, None),
    ("hideanons", "rcshowhideanons", None, None),
    ("hidemyself", "rcshowhidemine", None, "watchlisthideown"),
)


def _option_bool(ctx: WebContext, name: str, default: bool) -> bool:
    value = ctx.get(name)
    if value is None:
        return default
    return value not in ("", "0")


def _options(ctx: WebContext, watchlist: bool) -> dict[str, Any]:
    p = ctx.performer
    defaults = ctx.wiki.config.default_user_options

    def pref(name: str | None, fallback: bool) -> bool:
        if name is None:
            return fallback
        value = p.option(name, defaults.get(name))
        return bool(int(value or 0)) if str(value or "0").lstrip("-").isdigit() else bool(value)

    opts: dict[str, Any] = {}
    for param, _, rc_pref, wl_pref in TOGGLES:
        default = param == "hidebots" if not watchlist else pref(wl_pref, False)
        if not watchlist and rc_pref:
            default = pref(rc_pref, False)
        opts[param] = _option_bool(ctx, param, default)
    max_days = ctx.wiki.config.rc_max_age / 86400
    day_pref = "watchlistdays" if watchlist else "rcdays"
    days_default = float(p.option(day_pref, defaults.get(day_pref, 7)) or 7)
    try:
        days = float(ctx.get("days") or days_default)
    except ValueError:
        days = days_default
    opts["days"] = max(0.0, min(days, max_days)) or days_default
    limit_pref = "wllimit" if watchlist else "rclimit"
    limit = ctx.get_int("limit", int(p.option(limit_pref, defaults.get(limit_pref, 50)) or 50))
    opts["limit"] = max(1, min(limit, 5000))
    namespace = ctx.get("namespace")
    opts["namespace"] = int(namespace) if namespace and namespace.lstrip("-").isdigit() else None
    opts["tagfilter"] = (ctx.get("tagfilter") or "").strip() or None
    user = (ctx.get("user") or "").strip()
    opts["user"] = (ctx.wiki.usernames.get_canonical(user, "valid") or user) if user else None
    opts["hidepatrolled"] = _option_bool(ctx, "hidepatrolled", False)
    return opts


def _filters(ctx: WebContext, opts: dict[str, Any]) -> ChangeFilters:
    since = timestamps.to_mw(timestamps.now() - timedelta(days=opts["days"]))
    own = None
    if opts["hidemyself"] and ctx.performer.is_registered:
        own = ctx.wiki.db.read(lambda conn: uq.actor_id_for(conn, ctx.performer.name))
    return ChangeFilters(
        since=since,
        hidebots=opts["hidebots"],
        hideminor=opts["hideminor"],
        hideanons=opts["hideanons"],
        hideliu=opts["hideliu"],
        hidemyself_actor=own,
        hidepatrolled=opts["hidepatrolled"],
        namespace=opts["namespace"],
        user=opts["user"],
        tag=opts["tagfilter"],
    )


def _query(opts: dict[str, Any]) -> dict[str, Any]:
    q: dict[str, Any] = {}
    for param, *_ in TOGGLES:
        q[param] = int(opts[param])
    q["days"] = f"{opts['days']:g}"
    q["limit"] = opts["limit"]
    for name in ("namespace", "tagfilter", "user"):
        if opts[name] not in (None, ""):
            q[name] = opts[name]
    return q


def _option_links(ctx: WebContext, page: str, opts: dict[str, Any], watchlist: bool) -> Markup:
    """ChangesListSpecialPage::optionsPanel(): days, limits and show/hide toggles."""
    target = Title(NS_SPECIAL, page)
    base = _query(opts)
    sep = Markup(escape(ctx.msg("pipe-separator")))

    def with_(**changes: Any) -> dict[str, Any]:
        q = dict(base)
        q.update(changes)
        return q

    limit_links = sep.join(
        link(ctx, target, ctx.formatter.param_text(Num(n)), query=with_(limit=n), known=True)
        for n in LIMITS
    )
    day_links = sep.join(
        link(ctx, target, ctx.formatter.param_text(Num(d)), query=with_(days=d), known=True)
        for d in DAYS
    )
    line1 = ctx.msg_html("rclinks", limit_links, day_links)
    toggles = []
    for param, key, *_ in TOGGLES:
        if watchlist and param in ("hideliu", "hideanons"):
            continue
        if param == "hidemyself" and ctx.performer.is_anon:
            continue
        hidden = opts[param]
        label = ctx.msg("show" if hidden else "hide")
        anchor = link(ctx, target, label, query=with_(**{param: 0 if hidden else 1}), known=True)
        toggles.append(
            Markup(f'<span class="{escape(param)}">')
            + ctx.msg_html(key, anchor)
            + Markup("</span>")
        )
    line2 = sep.join(toggles)
    return Markup(f'<div class="rcoptions"><p>{line1}<br>{line2}</p></div>')


def _page(
    ctx: WebContext,
    page: str,
    heading: str,
    rows: list[dict[str, Any]],
    opts: dict[str, Any],
    watchlist: bool,
    intro: Markup,
) -> PageOutput:
    lister = ChangesList(ctx, rows)
    days = lister.days()
    body = (
        intro
        + _option_links(ctx, page, opts, watchlist)
        + render_template(
            "changes.html",
            ctx=ctx,
            days=days,
            script=ctx.wiki.script_url(),
            page=f"Special:{page}",
            opts=opts,
            namespaces=[
                (n.id, n.name or ctx.msg("blanknamespace"))
                for n in ctx.wiki.namespaces
                if n.id >= 0
            ],
            hidden=[
                (k, v)
                for k, v in _query(opts).items()
                if k not in ("namespace", "tagfilter", "user")
            ],
            empty=ctx.msg("recentchanges-noresult"),
            tag_label=ctx.msg_html("tag-filter"),
        )
    )
    modules = (
        ["rollback-confirm.js"]
        if lister.rollback.used and ctx.performer.option("showrollbackconfirmation")
        else []
    )
    return PageOutput(title=heading, body=body, robots="noindex,nofollow", modules=modules)


def recent_changes_page(ctx: WebContext, sub: str | None) -> PageOutput:
    opts = _options(ctx, watchlist=False)
    filters = _filters(ctx, opts)
    rows = ctx.wiki.db.read(lambda conn: cq.recent_changes(conn, filters, opts["limit"]))
    intro = ctx.msg_html("recentchanges-summary", block=True)
    return _page(ctx, "RecentChanges", ctx.msg("recentchanges"), rows, opts, False, intro)


def watchlist(ctx: WebContext, sub: str | None) -> PageOutput:
    p = ctx.performer
    if p.is_anon:
        return login_required(ctx, "watchnologin", "watchlistanontext")
    opts = _options(ctx, watchlist=True)
    filters = _filters(ctx, opts)
    all_revisions = bool(p.option("extendwatchlist")) or ctx.get_bool("extended")
    rows = ctx.wiki.db.read(
        lambda conn: cq.watchlist_changes(
            conn,
            p.user_id,
            filters,
            opts["limit"],
            timestamps.mw_now(),
            all_revisions=all_revisions,
        )
    )
    heading = ctx.msg("watchlist")
    intro = (
        Markup('<div class="mw-watchlist-owner">')
        + ctx.msg_html("watchlistfor2", p.name, "")
        + Markup("</div>")
    )
    return _page(ctx, "Watchlist", heading, rows, opts, True, intro)
