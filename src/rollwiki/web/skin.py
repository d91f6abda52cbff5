"""The skin: a Vector-like frame around every page (Mirrors Skin, SkinTemplate and
OutputPage::getJSVars()).

Personal tools, the page tabs (Read / Edit / View history, Watch), the sidebar, the
search box and the footer; the JavaScript configuration goes into a JSON data block that
``mediawiki.js`` reads, since the Content-Security-Policy forbids inline scripts.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from ..services.authorize import probably_can
from ..services.namespaces import NS_MAIN, NS_SPECIAL, NS_USER, NS_USER_TALK
from ..services.titles import Title
from ..services.watchlist import is_watchable, is_watched
from ..storage.queries.pages import page_by_title
from .context import WebContext
from .jsconfig import js_config, json_block, user_data
from .output import PageOutput, environment

# Namespace tab messages (SkinTemplate::getNavigationUrls / nstab-*).
_NSTAB = {
    0: "nstab-main",
    2: "nstab-user",
    4: "nstab-project",
    6: "nstab-image",
    8: "nstab-mediawiki",
    10: "nstab-template",
    12: "nstab-help",
    14: "nstab-category",
}


def user_script_title(ctx: WebContext) -> Title | None:
    """The viewer's own ``User:<name>/common.js`` (loaded only for that user)."""
    if ctx.performer.is_anon:
        return None
    return Title(NS_USER, f"{ctx.performer.name}/common.js")


def _nav_state(conn: Connection, ctx: WebContext, out: PageOutput) -> dict[str, Any]:
    title = out.context_title
    state: dict[str, Any] = {
        "exists": False,
        "talk_exists": False,
        "can_edit": False,
        "watched": False,
        "user_js": False,
    }
    user_js = user_script_title(ctx)
    if user_js is not None and not out.no_user_scripts:
        row = page_by_title(conn, user_js.namespace, user_js.dbkey)
        state["user_js"] = row is not None and row["page_content_model"] == "javascript"
    if title is None or title.namespace < 0:
        return state
    wiki = ctx.wiki
    state["exists"] = page_by_title(conn, title.namespace, title.dbkey) is not None
    other = (
        wiki.titles.talk(title)
        if not wiki.namespaces.is_talk(title.namespace)
        else (wiki.titles.subject(title))
    )
    state["talk_exists"] = page_by_title(conn, other.namespace, other.dbkey) is not None
    state["can_edit"] = probably_can(conn, wiki, ctx.performer, "edit", title)
    if ctx.performer.is_registered and is_watchable(title):
        state["watched"] = is_watched(conn, ctx.performer.user_id, title)
    return state


def _tab(
    ctx: WebContext, key: str, text: str, href: str, selected: bool, new: bool = False
) -> dict[str, Any]:
    return {"id": key, "text": text, "href": href, "selected": selected, "new": new}


def tabs(ctx: WebContext, out: PageOutput, state: dict[str, Any]) -> dict[str, list[Any]]:
    """SkinTemplate::buildContentNavigationUrls(): namespaces, views and actions."""
    title = out.context_title
    if title is None:
        return {"namespaces": [], "views": [], "actions": []}
    wiki = ctx.wiki
    if title.namespace == NS_SPECIAL:
        special = _tab(ctx, "ca-nstab-special", ctx.msg("nstab-special"), ctx.url(title), True)
        return {"namespaces": [special], "views": [], "actions": []}
    is_talk = wiki.namespaces.is_talk(title.namespace)
    subject = wiki.titles.subject(title)
    talk = wiki.titles.talk(subject)
    subject_key = _NSTAB.get(subject.namespace, "nstab-main")
    subject_exists = state["exists"] if not is_talk else state["talk_exists"]
    talk_exists = state["talk_exists"] if not is_talk else state["exists"]
    namespaces = [
        _tab(
            ctx,
            "ca-nstab-" + subject_key[6:],
            ctx.msg(subject_key),
            ctx.url(subject)
            if subject_exists
            else ctx.url(subject, {"action": "edit", "redlink": "1"}),
            not is_talk,
            not subject_exists,
        ),
        _tab(
            ctx,
            "ca-talk",
            ctx.msg("talk"),
            ctx.url(talk) if talk_exists else ctx.url(talk, {"action": "edit", "redlink": "1"}),
            is_talk,
            not talk_exists,
        ),
    ]
    views = [
        _tab(ctx, "ca-view", ctx.msg("vector-view-view"), ctx.url(title), out.action == "view")
    ]
    if state["can_edit"]:
        key, label = (
            ("ca-edit", "vector-view-edit")
            if state["exists"]
            else ("ca-edit", "vector-view-create")
        )
    else:
        key, label = "ca-viewsource", "vector-view-viewsource"
    views.append(
        _tab(
            ctx,
            key,
            ctx.msg(label),
            ctx.url(title, {"action": "edit"}),
            out.action in ("edit", "submit"),
        )
    )
    if state["exists"]:
        views.append(
            _tab(
                ctx,
                "ca-history",
                ctx.msg("vector-view-history"),
                ctx.url(title, {"action": "history"}),
                out.action == "history",
            )
        )
    actions = []
    if ctx.performer.is_registered and is_watchable(title):
        action = "unwatch" if state["watched"] else "watch"
        actions.append(
            _tab(ctx, f"ca-{action}", ctx.msg(action), ctx.url(title, {"action": action}), False)
        )
    return {"namespaces": namespaces, "views": views, "actions": actions}


def personal_tools(ctx: WebContext, out: PageOutput) -> list[dict[str, str]]:
    """SkinTemplate::buildPersonalUrls()."""
    p = ctx.performer
    if p.is_anon:
        returnto = ctx.wiki.prefixed(out.context_title) if out.context_title else None
        query = (
            {"returnto": returnto}
            if returnto and out.special not in ("Userlogin", "CreateAccount", "Userlogout")
            else None
        )
        return [
            {"id": "pt-anonuserpage", "text": ctx.msg("notloggedin"), "href": ""},
            {"id": "pt-anontalk", "text": ctx.msg("anontalk"), "href": ctx.special_url("MyTalk")},
            {
                "id": "pt-anoncontribs",
                "text": ctx.msg("anoncontribs"),
                "href": ctx.special_url("MyContributions"),
            },
            {
                "id": "pt-createaccount",
                "text": ctx.msg("pt-createaccount"),
                "href": ctx.url("Special:CreateAccount", query),
            },
            {
                "id": "pt-login",
                "text": ctx.msg("pt-login"),
                "href": ctx.url("Special:UserLogin", query),
            },
        ]
    user_page = Title(NS_USER, p.name)
    return [
        {"id": "pt-userpage", "text": p.name, "href": ctx.url(user_page)},
        {
            "id": "pt-mytalk",
            "text": ctx.msg("mytalk"),
            "href": ctx.url(Title(NS_USER_TALK, p.name)),
        },
        {
            "id": "pt-preferences",
            "text": ctx.msg("mypreferences"),
            "href": ctx.special_url("Preferences"),
        },
        {
            "id": "pt-watchlist",
            "text": ctx.msg("mywatchlist"),
            "href": ctx.special_url("Watchlist"),
        },
        {
            "id": "pt-mycontris",
            "text": ctx.msg("mycontris"),
            "href": ctx.special_url("Contributions", p.name),
        },
        {
            "id": "pt-logout",
            "text": ctx.msg("pt-userlogout"),
            "href": ctx.special_url("UserLogout"),
        },
    ]


def sidebar(ctx: WebContext, out: PageOutput) -> list[dict[str, Any]]:
    nav = [
        {
            "id": "n-mainpage-description",
            "text": ctx.msg("mainpage-description"),
            "href": ctx.url(ctx.wiki.config.main_page),
        },
        {
            "id": "n-recentchanges",
            "text": ctx.msg("recentchanges"),
            "href": ctx.special_url("RecentChanges"),
        },
    ]
    tools = []
    title = out.context_title
    if title is not None and title.namespace in (NS_USER, NS_USER_TALK):
        name = title.text.split("/")[0]
        tools.append(
            {
                "id": "t-contributions",
                "text": ctx.msg("contributions"),
                "href": ctx.special_url("Contributions", name),
            }
        )
        tools.append({"id": "t-log", "text": ctx.msg("log"), "href": ctx.special_url("Log", name)})
        if ctx.performer.allowed("userrights"):
            tools.append(
                {
                    "id": "t-userrights",
                    "text": ctx.msg("userrights"),
                    "href": ctx.special_url("UserRights", name),
                }
            )
    if title is not None and title.namespace >= 0 and out.page_id:
        tools.append(
            {
                "id": "t-permalink",
                "text": ctx.msg("permalink"),
                "href": ctx.url(title, {"oldid": out.cur_revision_id or out.revision_id}),
            }
        )
    tools += [
        {"id": "t-log-all", "text": ctx.msg("log"), "href": ctx.special_url("Log")},
        {"id": "t-tags", "text": ctx.msg("tags"), "href": ctx.special_url("Tags")},
        {
            "id": "t-apisandbox",
            "text": ctx.msg("apisandbox"),
            "href": ctx.special_url("ApiSandbox"),
        },
    ]
    if ctx.performer.is_registered:
        tools.append(
            {
                "id": "t-botpasswords",
                "text": ctx.msg("botpasswords"),
                "href": ctx.special_url("BotPasswords"),
            }
        )
    return [
        {"id": "p-navigation", "label": ctx.msg("navigation"), "items": nav},
        {"id": "p-tb", "label": ctx.msg("toolbox"), "items": tools},
    ]


def render_page(ctx: WebContext, out: PageOutput) -> str:
    """The whole HTML document of a page."""
    state = ctx.wiki.db.read(lambda conn: _nav_state(conn, ctx, out))
    config = js_config(ctx, out)
    config["wgIsProbablyEditable"] = bool(state["can_edit"])
    scripts = ["mediawiki.js"] + [m for m in out.modules if m != "mediawiki.js"]
    if ctx.performer.option("showrollbackconfirmation") and "rollback-confirm.js" not in scripts:
        scripts.append("rollback-confirm.js")
    user_js = user_script_title(ctx)
    user_js_url = (
        ctx.url(user_js, {"action": "raw", "ctype": "text/javascript"})
        if user_js is not None and state["user_js"]
        else None
    )
    site = ctx.wiki.config.sitename
    html_title = out.html_title or out.title
    static = f"{ctx.wiki.config.script_path}/static/"
    return (
        environment()
        .get_template("skin.html")
        .render(
            ctx=ctx,
            out=out,
            lang=ctx.lang,
            html_title=ctx.msg("pagetitle", html_title) if html_title else site,
            sitename=site,
            static=static,
            scripts=scripts,
            user_js_url=user_js_url,
            config_json=json_block(config),
            user_json=json_block(user_data(ctx)),
            personal=personal_tools(ctx, out),
            tabs=tabs(ctx, out, state),
            sidebar=sidebar(ctx, out),
            main_page_url=ctx.url(ctx.wiki.config.main_page),
            search_url=ctx.wiki.script_url(),
            last_edited=out.last_edited,
            main_namespace=NS_MAIN,
        )
    )
