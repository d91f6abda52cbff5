"""Special:Preferences (Mirrors SpecialPreferences / DefaultPreferencesFactory for the
options the web interface uses: the interface language, the rollback confirmation
prompt, the diff after a rollback, watching on rollback / edit / creation)."""

from __future__ import annotations

from markupsafe import Markup

from ...services.preferences import save_options
from ..context import WebContext
from ..errorpages import login_required
from ..output import Output, PageOutput, Redirect, render_template

# (section message, [(option, kind)])
SECTIONS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("prefs-personal", (("language", "language"),)),
    ("prefs-rendering", (("showrollbackconfirmation", "toggle"), ("norollbackdiff", "toggle"))),
    ("prefs-editing", (("minordefault", "toggle"),)),
    (
        "prefs-watchlist",
        (("watchdefault", "toggle"), ("watchcreations", "toggle"), ("watchrollback", "toggle")),
    ),
)
LANGUAGES = (("en", "en - English"), ("uk", "uk - українська"))


def preferences(ctx: WebContext, sub: str | None) -> Output:
    p = ctx.performer
    if p.is_anon:
        return login_required(ctx, "notloggedin", "prefsnologintext2")
    error: Markup | None = None
    if ctx.posted:
        if not p.allowed("editmyoptions"):
            error = ctx.msg_html("mypreferencesprotected", block=True)
        elif not ctx.match_token("csrf", ctx.get("wpEditToken")):
            error = ctx.msg_html("sessionfailure", block=True)
        else:
            changes: dict[str, str | None] = {}
            for _, fields in SECTIONS:
                for name, kind in fields:
                    if kind == "toggle":
                        changes[name] = "1" if ctx.get_check(f"wp{name}") else "0"
                    else:
                        value = ctx.get(f"wp{name}") or "en"
                        changes[name] = value if value in dict(LANGUAGES) else "en"
            wiki = ctx.wiki
            wiki.db.write(lambda conn: save_options(conn, wiki.config, p.user_id, changes))
            return Redirect(ctx.url("Special:Preferences", {"success": "1"}), status=303)
    defaults = ctx.wiki.config.default_user_options
    sections = []
    for label, fields in SECTIONS:
        items = []
        for name, kind in fields:
            value = p.option(name, defaults.get(name))
            items.append(
                {
                    "name": name,
                    "kind": kind,
                    "label": ctx.msg(f"tog-{name}")
                    if kind == "toggle"
                    else ctx.msg("yourlanguage"),
                    "checked": str(value) not in ("0", "", "None"),
                    "value": str(value or "en"),
                }
            )
        sections.append({"label": ctx.msg(label), "items": items})
    success = ctx.msg_html("savedprefs") if ctx.get("success") and error is None else None
    body = render_template(
        "preferences.html",
        ctx=ctx,
        action=ctx.url("Special:Preferences"),
        sections=sections,
        languages=LANGUAGES,
        token=ctx.token("csrf"),
        error=error,
        success=success,
    )
    return PageOutput(
        title=ctx.msg("preferences"), body=body, robots="noindex,nofollow", no_user_scripts=True
    )
