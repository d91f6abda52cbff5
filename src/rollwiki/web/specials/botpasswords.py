"""Special:BotPasswords[/<app>] (Mirrors SpecialBotPasswords): list, create (the
generated password is shown once), change grants and IP ranges, reset, delete.

Every save gives the bot password a new session token, which ends the sessions logged in
with it (BotPassword::save()).
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from ...i18n.messages import Message
from ...services import accounts, passwords
from ...storage.queries import users as uq
from ..context import WebContext
from ..errorpages import error_page, login_required
from ..output import Output, PageOutput, Redirect, render_template

ALL_RANGES = ("0.0.0.0/0", "::/0")


def bot_passwords(ctx: WebContext, sub: str | None) -> Output:
    wiki = ctx.wiki
    p = ctx.performer
    heading = ctx.msg("botpasswords")
    if not wiki.config.bot_passwords_enabled:
        return error_page(ctx, "botpasswords", Message("botpasswords-disabled"))
    if p.is_anon:
        return login_required(ctx, "botpasswords", "botpasswords-summary")
    if p.bp_app_id is not None or not p.allowed("editmyprivateinfo"):
        return error_page(
            ctx,
            "permissionserrors",
            wiki.permissions.missing_right_message("editmyprivateinfo", ctx.lang),
        )
    app_id = (sub or ctx.get("wpappId") or "").strip()
    if not app_id:
        return _overview(ctx)
    if len(app_id) > accounts.APP_ID_MAX or accounts.BOT_PASSWORD_SEPARATOR in app_id:
        return PageOutput(
            title=heading,
            body=ctx.msg_html("botpasswords-bad-appid", app_id, block=True),
            robots="noindex,nofollow",
            no_user_scripts=True,
        )
    existing = wiki.db.read(lambda conn: uq.bot_password(conn, p.user_id, app_id))
    if ctx.posted and (ctx.get_check("wpSave") or ctx.get_check("wpDelete")):
        if not ctx.match_token("csrf", ctx.get("wpEditToken")):
            return _edit_form(ctx, app_id, existing, ctx.msg_html("sessionfailure", block=True))
        if ctx.get_check("wpDelete"):
            return _delete(ctx, app_id, existing)
        return _save(ctx, app_id, existing)
    if sub is None:
        return Redirect(ctx.url(f"Special:BotPasswords/{app_id}"))
    return _edit_form(ctx, app_id, existing)


def _overview(ctx: WebContext) -> PageOutput:
    rows = ctx.wiki.db.read(lambda conn: uq.bot_passwords_of(conn, ctx.performer.user_id))
    apps = [
        {
            "app": r["bp_app_id"],
            "url": ctx.url(f"Special:BotPasswords/{r['bp_app_id']}"),
            "needs_reset": not r["bp_password"],
        }
        for r in rows
    ]
    body = ctx.msg_html("botpasswords-summary", block=True) + render_template(
        "botpasswords_list.html", ctx=ctx, apps=apps, script=ctx.wiki.script_url()
    )
    return PageOutput(
        title=ctx.msg("botpasswords"), body=body, robots="noindex,nofollow", no_user_scripts=True
    )


def _edit_form(
    ctx: WebContext, app_id: str, existing: dict[str, Any] | None, error: Markup | None = None
) -> PageOutput:
    grants = set(json.loads(existing["bp_grants"])) if existing else {"basic"}
    ranges = (
        json.loads(existing["bp_restrictions"] or "{}").get("IPAddresses", list(ALL_RANGES))
        if existing
        else list(ALL_RANGES)
    )
    body = render_template(
        "botpasswords_edit.html",
        ctx=ctx,
        action=ctx.url(f"Special:BotPasswords/{app_id}"),
        app_id=app_id,
        exists=existing is not None,
        error=error,
        grants=[
            {
                "name": g,
                "label": ctx.msg(f"grant-{g}") if ctx.formatter.exists(f"grant-{g}") else g,
                "checked": g in grants,
            }
            for g in ctx.wiki.permissions.valid_grants()
        ],
        ranges="\n".join(ranges),
        token=ctx.token("csrf"),
        help=ctx.msg_html("botpasswords-help-grants"),
    )
    return PageOutput(
        title=ctx.msg("botpasswords"), body=body, robots="noindex,nofollow", no_user_scripts=True
    )


def _save(ctx: WebContext, app_id: str, existing: dict[str, Any] | None) -> PageOutput:
    wiki = ctx.wiki
    user_id = ctx.performer.user_id
    valid = set(wiki.permissions.valid_grants())
    grants = sorted(g for g in valid if ctx.get_check(f"wpGrant-{g}"))
    raw_ranges = [r.strip() for r in ctx.text("wprestrictions").splitlines() if r.strip()]
    for entry in raw_ranges:
        if not (wiki.usernames.is_ip(entry) or wiki.usernames.is_valid_ip_range(entry)):
            return _edit_form(
                ctx,
                app_id,
                existing,
                Markup('<div class="errorbox">')
                + ctx.msg_html("restrictionsfield-badip", entry)
                + Markup("</div>"),
            )
    ranges = raw_ranges or list(ALL_RANGES)
    new_password: str | None = None
    if existing is None or ctx.get_check("wpresetPassword") or not existing["bp_password"]:
        new_password = accounts.generate_bot_password()
        hashed = passwords.hash_password(new_password)
    else:
        hashed = str(existing["bp_password"])
    try:
        wiki.db.write(
            lambda conn: accounts.set_bot_password(conn, user_id, app_id, hashed, grants, ranges)
        )
    except accounts.AccountError:
        return _edit_form(
            ctx, app_id, existing, ctx.msg_html("botpasswords-bad-appid", app_id, block=True)
        )
    name = ctx.performer.name
    key = "botpasswords-created" if existing is None else "botpasswords-updated"
    body = ctx.msg_html(f"{key}-body", app_id, name, block=True)
    if new_password is not None:
        login = f"{name}{accounts.BOT_PASSWORD_SEPARATOR}{app_id}"
        body += (
            Markup('<div class="mw-botpasswords-newpassword">')
            + ctx.msg_html(
                "botpasswords-newpassword",
                login,
                new_password,
                name,
                f"{app_id}{accounts.BOT_PASSWORD_SEPARATOR}{new_password}",
                block=True,
            )
            + Markup("</div>")
        )
    body += (
        Markup(f'<p><a href="{ctx.url("Special:BotPasswords")}">')
        + Markup(ctx.msg("botpasswords"))
        + Markup("</a></p>")
    )
    return PageOutput(
        title=ctx.msg(f"{key}-title"),
        body=body,
        robots="noindex,nofollow",
        no_user_scripts=True,
        headers={"Cache-Control": "no-store"},
    )


def _delete(ctx: WebContext, app_id: str, existing: dict[str, Any] | None) -> PageOutput:
    wiki = ctx.wiki
    user_id = ctx.performer.user_id
    if existing is not None:
        wiki.db.write(lambda conn: uq.delete_bot_password(conn, user_id, app_id))
    body = ctx.msg_html("botpasswords-deleted-body", app_id, ctx.performer.name, block=True)
    return PageOutput(
        title=ctx.msg("botpasswords-deleted-title"),
        body=body,
        robots="noindex,nofollow",
        no_user_scripts=True,
    )
