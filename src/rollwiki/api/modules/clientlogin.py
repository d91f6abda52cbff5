"""action=clientlogin (Mirrors ApiClientLogin): AuthManager login for main accounts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ...i18n.messages import Message
from ...services import auth
from ..authhelper import (
    format_response,
    load_fields,
    require_continue_or_returnurl,
    standard_params,
)
from ..module import ApiModule
from ..params import Param

if TYPE_CHECKING:
    from ..request import ApiRequest


class ClientLoginModule(ApiModule):
    name = "clientlogin"
    prefix = "login"
    classname = "ApiClientLogin"
    is_read = False
    # T283394: logging in writes to the database.
    is_write = True
    token_type = "login"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Login",)
    examples = (
        (
            "action=clientlogin&username=Example&password=ExamplePassword&"
            "loginreturnurl=http://example.org/&logintoken=123ABC",
            "apihelp-clientlogin-example-login",
        ),
        (
            "action=clientlogin&logincontinue=1&OATHToken=987654&logintoken=123ABC",
            "apihelp-clientlogin-example-login2",
        ),
    )
    params: ClassVar[tuple[Param, ...]] = standard_params(
        "login",
        "requests",
        "messageformat",
        "mergerequestfields",
        "preservestate",
        "returnurl",
        "continue",
    )

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        """Mirrors ApiClientLogin::execute()."""
        require_continue_or_returnurl(req, self.prefix, params)
        fmt = params["messageformat"]
        merge = params["mergerequestfields"]
        session = req.ctx.session
        if session.bp_app_id is not None:
            # AuthManager::canAuthenticateNow() is false for bot-password sessions; 1.39
            # answers with a message key that does not exist, shown as ⧼...⧽.
            result = auth.AuthResult.fail(Message("userlogin-cannot-login"))
        elif params["continue"]:
            fields = load_fields(req, ("password", "retype", "skipReset"), ("password", "retype"))
            result = auth.continue_login(req.wiki, session, fields, req.ctx.ip)
        else:
            fields = load_fields(req, ("username", "password", "rememberMe"), ("password",))
            result = auth.begin_password_login(
                req.wiki, session, fields.get("username"), fields.get("password"), req.ctx.ip
            )
        req.result.data["clientlogin"] = format_response(req, result, fmt, merge)
