"""Special:UserLogin, Special:UserLogout and Special:CreateAccount (Mirrors
LoginSignupSpecialPage and SpecialUserLogout).

The session is the one api.php uses: logging in here is logging in there.  Only main
accounts log in through the form; a bot-password name ("User@app") fails as MediaWiki's
form answers it ("Incorrect username or password entered").
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ...i18n.messages import Message
from ...services import auth
from ...services.signup import Signup, begin_account_creation
from ...services.titles import MalformedTitle
from ..context import WebContext
from ..output import Output, PageOutput, Redirect, render_template


def _returnto(ctx: WebContext) -> tuple[str, str]:
    return ctx.get("returnto") or "", ctx.get("returntoquery") or ""


def _return_url(ctx: WebContext) -> str:
    """The page to go to after logging in (returnto), the main page by default."""
    target, query = _returnto(ctx)
    try:
        title = ctx.wiki.titles.parse(target or ctx.wiki.config.main_page)
    except MalformedTitle:
        title = ctx.wiki.titles.parse(ctx.wiki.config.main_page)
    if title.interwiki:
        title = ctx.wiki.titles.parse(ctx.wiki.config.main_page)
    url = ctx.url(title)
    if query and "\n" not in query:
        url = ctx.url(title, dict(_pairs(query)))
    return url


def _pairs(query: str) -> list[tuple[str, str]]:
    from urllib.parse import parse_qsl

    return parse_qsl(query, keep_blank_values=True)


def _error_box(ctx: WebContext, message: Message | None) -> Markup | None:
    if message is None:
        return None
    return (
        Markup('<div class="mw-message-box-error mw-message-box errorbox">')
        + ctx.parse(message)
        + Markup("</div>")
    )


def _login_form(
    ctx: WebContext, *, error: Message | None = None, name: str = "", reset: Any = None
) -> PageOutput:
    returnto, returntoquery = _returnto(ctx)
    notice = None
    if ctx.performer.is_registered:
        notice = ctx.msg_html("userlogin-loggedin", ctx.performer.name)
    body = render_template(
        "login.html",
        ctx=ctx,
        action=ctx.url("Special:UserLogin", {"returnto": returnto} if returnto else None),
        error=_error_box(ctx, error),
        notice=notice,
        name=name,
        token=ctx.session.token("login", anonymous=False),
        returnto=returnto,
        returntoquery=returntoquery,
        reset=reset,
        create_url=ctx.url("Special:CreateAccount", {"returnto": returnto} if returnto else None),
    )
    return PageOutput(
        title=ctx.msg("login"), body=body, robots="noindex,nofollow", no_user_scripts=True
    )


def user_login(ctx: WebContext, sub: str | None) -> Output:
    if not ctx.posted:
        return _login_form(ctx)
    session = ctx.session
    if not session.match("login", ctx.get("wpLoginToken") or "", anonymous=False):
        return _login_form(ctx, error=Message("sessionfailure"), name=ctx.text("wpName"))
    if ctx.get_check("wpResetPassword"):
        result = auth.continue_login(
            ctx.wiki,
            session,
            {
                "password": ctx.get("password"),
                "retype": ctx.get("retype"),
                "skipReset": "1" if ctx.get_check("skipReset") else None,
            },
            ctx.ip,
        )
    else:
        name, password = ctx.text("wpName"), ctx.get("wpPassword")
        result = auth.begin_password_login(ctx.wiki, session, name, password, ctx.ip)
    if result.status == auth.PASS:
        ctx.reload_performer()
        return Redirect(_return_url(ctx))
    if result.status == auth.UI:
        return _login_form(
            ctx, error=result.message, name=result.username or "", reset={"hard": result.hard}
        )
    return _login_form(ctx, error=result.message, name=ctx.text("wpName"))


def user_logout(ctx: WebContext, sub: str | None) -> Output:
    """A form on GET ("Do you want to log out?"); the logout itself needs a POST + token."""
    if ctx.performer.is_anon:
        return PageOutput(
            title=ctx.msg("userlogout"),
            body=ctx.msg_html("logouttext", block=True),
            robots="noindex,nofollow",
        )
    if ctx.posted:
        if not ctx.match_token("csrf", ctx.get("wpEditToken")):
            return _logout_form(ctx, error=Message("sessionfailure"))
        ctx.session.log_out()
        ctx.reload_performer()
        return PageOutput(
            title=ctx.msg("userlogout"),
            body=ctx.msg_html("logouttext", block=True),
            robots="noindex,nofollow",
        )
    return _logout_form(ctx)


def _logout_form(ctx: WebContext, error: Message | None = None) -> PageOutput:
    body = render_template(
        "simple_form.html",
        action=ctx.url("Special:UserLogout"),
        error=_error_box(ctx, error),
        intro=ctx.msg("userlogout-continue"),
        hidden=[("title", "Special:UserLogout"), ("wpEditToken", ctx.token("csrf"))],
        button=ctx.msg("htmlform-submit"),
        form_id="mw-userlogout",
    )
    return PageOutput(title=ctx.msg("userlogout"), body=body, robots="noindex,nofollow")


def create_account(ctx: WebContext, sub: str | None) -> Output:
    returnto, _ = _returnto(ctx)
    error: Message | None = None
    form = Signup()
    if ctx.posted:
        if not ctx.session.match(
            "createaccount", ctx.get("wpCreateaccountToken") or "", anonymous=False
        ):
            error = Message("sessionfailure")
        else:
            form = Signup(
                username=ctx.get("wpName"),
                password=ctx.get("wpPassword"),
                retype=ctx.get("retype"),
                realname=ctx.get("realname"),
                email=ctx.get("email"),
                reason=ctx.get("reason"),
            )
            result = begin_account_creation(ctx.wiki, ctx.performer, form, ctx.ip, ctx.lang)
            if result.status == auth.PASS:
                if ctx.performer.is_anon:
                    ctx.session.log_in(result.user_id)
                    ctx.reload_performer()
                    return Redirect(_return_url(ctx))
                return PageOutput(
                    title=ctx.msg("accountcreated"),
                    body=ctx.msg_html("accountcreatedtext", result.username or "", block=True),
                    robots="noindex,nofollow",
                )
            error = result.message
    body = render_template(
        "createaccount.html",
        ctx=ctx,
        action=ctx.url("Special:CreateAccount", {"returnto": returnto} if returnto else None),
        error=_error_box(ctx, error),
        name=form.username or "",
        realname=form.realname or "",
        token=ctx.session.token("createaccount", anonymous=False),
        returnto=returnto,
        logged_in=ctx.performer.is_registered,
    )
    return PageOutput(
        title=ctx.msg("createaccount"), body=body, robots="noindex,nofollow", no_user_scripts=True
    )
