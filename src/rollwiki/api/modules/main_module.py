"""The main module's own parameters (Mirrors ApiMain::getAllowedParams())."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ..module import ApiModule, action_modules, format_modules
from ..params import Param

if TYPE_CHECKING:
    from ..request import ApiRequest


def _actions(req: ApiRequest) -> list[str]:
    return [name for name, mod in action_modules().items()]


def _formats(req: ApiRequest) -> list[str]:
    return list(format_modules())


class MainModule(ApiModule):
    """``api.php`` itself: action, format and the general parameters."""

    name = "main"
    group = "main"
    classname = "ApiMain"
    is_read = False  # ApiMain::isReadMode(); its links live in apihelp-main-extended-description
    examples = (
        ("action=help", "apihelp-help-example-main"),
        ("action=help&recursivesubmodules=1", "apihelp-help-example-recursive"),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param("action", "submodule", default="help", values=_actions),
        Param("format", "submodule", default="jsonfm", values=_formats),
        Param("maxlag", "integer"),
        Param("smaxage", "integer", default="0"),
        Param("maxage", "integer", default="0"),
        Param("assert", "enum", values=("anon", "bot", "user")),
        Param("assertuser", "user", user_types=("name",)),
        Param("requestid", "string"),
        Param("servedby", "boolean"),
        Param("curtimestamp", "boolean"),
        Param("responselanginfo", "boolean"),
        Param("origin", "string"),
        Param("uselang", "string", default="user"),
        Param("variant", "string"),
        Param(
            "errorformat",
            "enum",
            values=("plaintext", "wikitext", "html", "raw", "none", "bc"),
            default="bc",
            help_per_value={},
        ),
        Param("errorlang", "string", default="uselang"),
        Param("errorsuselocal", "boolean"),
    )

    @classmethod
    def path(cls) -> str:
        return "main"

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:  # pragma: no cover
        raise AssertionError("the main module is not executed as an action")
