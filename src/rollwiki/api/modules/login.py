"""action=login (Mirrors ApiLogin): bot-password logins, and deprecated main-account logins."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ...i18n.messages import ListParam, Message
from ...services import auth
from ...services.accounts import canonicalize_bot_login
from ..authhelper import add_deprecation, plain_reason
from ..errors import ApiMessage, ApiUsageError
from ..module import ApiModule
from ..params import Param

if TYPE_CHECKING:
    from ..request import ApiRequest


class LoginModule(ApiModule):
    name = "login"
    prefix = "lg"
    classname = "ApiLogin"
    is_read = False
    # T283394: logging in writes to the database, so it is a write module.
    is_write = True
    must_be_posted = True
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Login",)
    examples = (
        (
            "action=login&lgname=user&lgpassword=password&lgtoken=123ABC",
            "apihelp-login-example-login",
        ),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param("name"),
        Param("password", "password", sensitive=True),
        Param("domain"),
        # Not required, for backwards compatibility: without it the answer is NeedToken.
        Param(
            "token",
            "string",
            sensitive=True,
            help="api-help-param-token",
            extra={"help_params": ("login",)},
        ),
    )

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        """Mirrors ApiLogin::execute()."""
        if not req.ctx.extra.get("same_origin", True):
            req.result.data["login"] = {
                "result": "Aborted",
                "reason": plain_reason(req, Message("api-login-fail-sameorigin")),
            }
            return
        posted_only = [n for n in ("lgpassword", "lgtoken") if n in req.params.query_names]
        if posted_only:
            raise ApiUsageError(
                ApiMessage.of(
                    "apierror-mustpostparams",
                    ListParam(tuple(posted_only), "comma"),
                    len(posted_only),
                )
            )
        session = req.ctx.session
        if session.bp_app_id is not None:
            # A bot-password session cannot switch users (SessionBackend::canSetUser()).
            req.result.data["login"] = {
                "result": "Aborted",
                "reason": plain_reason(
                    req,
                    Message(
                        "api-login-fail-badsessionprovider",
                        ("MediaWiki\\Session\\BotPasswordSessionProvider sessions",),
                    ),
                ),
            }
            return
        had_secret = session.has_secret("login")
        token = session.token("login", anonymous=False)  # persists the session
        result: dict[str, Any] = {}
        outcome: str | None = None
        message: Message | None = None
        user_name = ""
        if not params["token"]:
            outcome = "NeedToken"
        elif not had_secret:
            outcome = "Failed"
            message = Message("authpage-cannot-login-continue")
        elif not session.match("login", params["token"], anonymous=False):
            outcome = "WrongToken"
        name = params["name"]
        password = params["password"]
        wiki = req.wiki
        ip = req.ctx.ip
        if outcome is None and wiki.config.bot_passwords_enabled:
            bot = canonicalize_bot_login(name or "", password or "")
            if bot is not None:
                status = auth.bot_password_login(wiki, session, bot.login, bot.password, ip)
                if status.ok:
                    outcome, user_name = "Success", status.user_name
                elif status.message is not None and status.message.key in auth.BOT_LOGIN_FINAL:
                    outcome, message = "Failed", status.message
                # Any other failure: maybe it is a main-account login after all.
        if outcome is None:
            res = auth.begin_password_login(wiki, session, name, password, ip)
            if res.status == auth.PASS:
                key = (
                    "apiwarn-deprecation-login-botpw"
                    if wiki.config.bot_passwords_enabled
                    else "apiwarn-deprecation-login-nobotpw"
                )
                add_deprecation(req, key, "main-account-login")
                outcome, user_name = "Success", res.username or ""
            elif res.status == auth.FAIL:
                outcome, message = "Failed", res.message
            else:
                # A step needing user interaction (password reset) cannot happen here.
                session.data.pop(auth.AUTHN_STATE, None)
                outcome = "Aborted"
        result["result"] = outcome
        if outcome == "Success":
            result["lguserid"] = session.user_id
            result["lgusername"] = user_name
        elif outcome == "NeedToken":
            result["token"] = token
            add_deprecation(req, "apiwarn-deprecation-login-token", "action=login&!lgtoken")
        elif outcome == "Failed":
            assert message is not None
            result["reason"] = plain_reason(req, message)
        elif outcome == "Aborted":
            key = (
                "api-login-fail-aborted"
                if wiki.config.bot_passwords_enabled
                else "api-login-fail-aborted-nobotpw"
            )
            result["reason"] = plain_reason(req, Message(key))
        req.result.data["login"] = result
