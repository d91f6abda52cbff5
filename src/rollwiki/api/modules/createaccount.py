"""action=createaccount (Mirrors ApiAMCreateAccount)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ...i18n.messages import Message
from ...services import auth
from ...services.signup import Signup, begin_account_creation
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


class CreateAccountModule(ApiModule):
    name = "createaccount"
    prefix = "create"
    classname = "ApiAMCreateAccount"
    is_read = False
    is_write = True
    token_type = "createaccount"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Account_creation",)
    examples = (
        (
            "action=createaccount&username=Example&password=ExamplePassword&"
            "retype=ExamplePassword&createreturnurl=http://example.org/&createtoken=123ABC",
            "apihelp-createaccount-example-create",
        ),
    )
    params: ClassVar[tuple[Param, ...]] = standard_params(
        "create",
        "requests",
        "messageformat",
        "mergerequestfields",
        "preservestate",
        "returnurl",
        "continue",
    )

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        """Mirrors ApiAMCreateAccount::execute()."""
        require_continue_or_returnurl(req, self.prefix, params)
        fmt = params["messageformat"]
        if params["continue"]:
            # Password accounts are created in one step; nothing is ever left to continue.
            result = auth.AuthResult.fail(Message("authmanager-create-not-in-progress"))
        else:
            names = ["username", "password", "retype", "realname"]
            if req.wiki.config.email_enabled:
                names.append("email")
            if req.performer.is_registered:
                names.append("reason")
            fields = load_fields(req, names, ("password", "retype"))
            form = Signup(**{k: v for k, v in fields.items() if k in names})
            result = begin_account_creation(req.wiki, req.performer, form, req.ctx.ip, req.lang)
        req.result.data["createaccount"] = format_response(
            req, result, fmt, params["mergerequestfields"]
        )
