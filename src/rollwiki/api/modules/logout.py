"""action=logout (Mirrors ApiLogout)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ..module import ApiModule
from ..params import Param

if TYPE_CHECKING:
    from ..request import ApiRequest


class LogoutModule(ApiModule):
    name = "logout"
    classname = "ApiLogout"
    is_read = False
    must_be_posted = True
    token_type = "csrf"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Logout",)
    examples = (("action=logout&token=123ABC", "apihelp-logout-example-logout"),)
    params: ClassVar[tuple[Param, ...]] = ()

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        """Mirrors ApiLogout::execute(): the session ends; the result is empty."""
        # A bot-password session is simply dropped (unpersist); a normal one logs out.
        # Either way the server-side row goes, so its tokens stop working.
        req.ctx.session.log_out()
