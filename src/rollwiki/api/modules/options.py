"""action=options (Mirrors ApiOptions): change the logged-in user's preferences."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ...i18n.messages import Message
from ...services import preferences as prefs
from ..errors import ApiMessage, die, escape_wikitext
from ..module import ApiModule
from ..params import Param

if TYPE_CHECKING:
    from ..request import ApiRequest


class OptionsModule(ApiModule):
    name = "options"
    classname = "ApiOptions"
    is_write = True
    must_be_posted = True
    token_type = "csrf"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Options",)
    examples = (
        ("action=options&reset=&token=123ABC", "apihelp-options-example-reset"),
        (
            "action=options&change=skin=vector|hideminor=1&token=123ABC",
            "apihelp-options-example-change",
        ),
        (
            "action=options&reset=&change=skin=monobook&optionname=nickname&"
            "optionvalue=[[User:Beau|Beau]]%20([[User_talk:Beau|talk]])&token=123ABC",
            "apihelp-options-example-complex",
        ),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param("reset", "boolean"),
        Param("resetkinds", "enum", multi=True, values=(*prefs.OPTION_KINDS, "all"), default="all"),
        Param("change", "string", multi=True),
        Param("optionname", "string"),
        Param("optionvalue", "string"),
    )

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        """Mirrors ApiOptions::execute()."""
        performer = req.performer
        if not performer.is_registered:
            die("apierror-mustbeloggedin", Message("action-editmyoptions"), code="notloggedin")
        if not performer.allowed("editmyoptions"):
            raise_missing_right(req, "editmyoptions")
        if params["optionvalue"] is not None and params["optionname"] is None:
            die("apierror-missingparam", "optionname")
        reset_kinds: list[str] = params["resetkinds"] if params["reset"] else []
        changes: dict[str, str | None] = {}
        for entry in params["change"] or []:
            key, sep, value = entry.partition("=")
            changes[key] = value if sep else None
        if params["optionname"] is not None:
            changes[params["optionname"]] = params["optionvalue"]
        if not reset_kinds and not changes:
            die("apierror-nochanges")
        form = prefs.fields(req.wiki.config, performer)
        accepted: dict[str, str | None] = {}
        for key, value in changes.items():
            problem = prefs.check_change(key, value, form)
            if problem is None:
                accepted[key] = value
            else:
                req.warn(ApiMessage.of("apiwarn-validationfailed", escape_wikitext(key), problem))
        if reset_kinds or accepted:
            config = req.wiki.config
            user_id = performer.user_id

            def save(conn: Any) -> None:
                if reset_kinds:
                    prefs.reset_options(conn, user_id, reset_kinds, form)
                prefs.save_options(conn, config, user_id, accepted)

            req.wiki.db.write(save)
        req.result.data["options"] = "success"


def raise_missing_right(req: ApiRequest, right: str) -> None:
    """ApiBase::checkUserRightsAny(): badaccess-groups naming the groups that have it."""
    msg = req.wiki.permissions.missing_right_message(right, req.lang)
    die(msg.key, *msg.params)
