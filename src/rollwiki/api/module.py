"""The API module base class and the module registry (Mirrors ApiBase and ApiModuleManager).

Modules are discovered: every ``api/modules/*.py`` (actions) and
``api/modules/query/*.py`` (prop/list/meta submodules) defines subclasses of
:class:`ApiModule`; nothing else needs editing to add one.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar

from ..i18n.messages import Message
from .params import Param

if TYPE_CHECKING:
    from .request import ApiRequest

HELP_URL_BASE = "https://www.mediawiki.org/wiki/Special:MyLanguage/"


class ApiModule:
    """One API module.  Subclasses declare class attributes and implement ``execute``."""

    name: ClassVar[str]
    group: ClassVar[str] = "action"  # action | prop | list | meta | format
    prefix: ClassVar[str] = ""
    classname: ClassVar[str] = ""  # MediaWiki's class name, reported by paraminfo
    params: ClassVar[tuple[Param, ...]] = ()
    is_read: ClassVar[bool] = True
    is_write: ClassVar[bool] = False
    must_be_posted: ClassVar[bool] = False
    token_type: ClassVar[str | None] = None
    internal: ClassVar[bool] = False
    deprecated: ClassVar[bool] = False
    help_urls: ClassVar[tuple[str, ...]] = ()
    # (query string, message key or Message) pairs shown by action=help and paraminfo.
    examples: ClassVar[tuple[tuple[str, str | Message], ...]] = ()
    generator: ClassVar[bool] = False  # query submodules usable as generator=
    # Extra help messages of the token parameter (ApiBase::PARAM_HELP_MSG_APPEND on "token").
    token_help_append: ClassVar[tuple[str, ...]] = ()
    # ApiBase::dynamicParameterDocumentation(): a message documenting undeclared parameters.
    dynamic_parameters_help: ClassVar[str | Message | None] = None

    @classmethod
    def path(cls) -> str:
        """Module path as MediaWiki prints it: ``rollback``, ``query+revisions``."""
        if cls.group in ("prop", "list", "meta"):
            return f"query+{cls.name}"
        return cls.name

    @classmethod
    def declared_params(cls, req: ApiRequest | None = None) -> tuple[Param, ...]:
        """Mirrors ApiBase::getFinalParams(): the declarations plus the token parameter."""
        params = cls.dynamic_params(req)
        if cls.token_type:
            params = params + (
                Param(
                    "token",
                    "string",
                    required=True,
                    sensitive=True,
                    token_type=cls.token_type,
                    help=Message("api-help-param-token", (cls.token_type,)),
                    help_extra=cls.token_help_append,
                ),
            )
        return params

    @classmethod
    def extraction_params(cls, req: ApiRequest) -> tuple[Param, ...]:
        """The declarations in the order they are validated (ApiQuery validates its page-set
        parameters first, because ApiPageSet reads them in its constructor)."""
        return cls.declared_params(req)

    @classmethod
    def dynamic_params(cls, req: ApiRequest | None) -> tuple[Param, ...]:
        """Override when declarations depend on configuration (e.g. watchlist expiry)."""
        return cls.params

    @classmethod
    def is_read_mode(cls, req: ApiRequest) -> bool:
        """Mirrors ApiBase::isReadMode(); action=query narrows it for meta-only requests."""
        return cls.is_read

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        """Run the module with its validated parameters, adding to ``req.result``."""
        raise NotImplementedError

    @classmethod
    def custom_printer(cls, req: ApiRequest, params: dict[str, Any]) -> type[ApiModule] | None:
        """Mirrors ApiBase::getCustomPrinter(): a FormatModule replacing ``format=``."""
        return None

    @classmethod
    def help_key(cls, suffix: str) -> str:
        return f"apihelp-{cls.path()}-{suffix}"


@cache
def _discover(package: str) -> dict[str, type[ApiModule]]:
    pkg = importlib.import_module(package)
    found: dict[str, type[ApiModule]] = {}
    for info in pkgutil.iter_modules(pkg.__path__):
        if info.ispkg:
            continue
        mod = importlib.import_module(f"{package}.{info.name}")
        for obj in vars(mod).values():
            if (
                isinstance(obj, type)
                and issubclass(obj, ApiModule)
                and obj is not ApiModule
                and obj.__module__ == mod.__name__
                and "name" in vars(obj)
            ):
                found[f"{obj.group}:{obj.name}"] = obj
    return found


def action_modules() -> dict[str, type[ApiModule]]:
    """All ``action=`` modules by name, sorted as MediaWiki lists them."""
    mods = {
        k.split(":", 1)[1]: v
        for k, v in _discover("rollwiki.api.modules").items()
        if v.group == "action"
    }
    return dict(sorted(mods.items()))


def format_modules() -> dict[str, type[ApiModule]]:
    """Output formats (``format=``), defined in :mod:`rollwiki.api.formats`."""
    from . import formats

    return dict(sorted(formats.FORMATS.items()))


def query_modules(group: str) -> dict[str, type[ApiModule]]:
    """``prop``, ``list`` or ``meta`` submodules by name."""
    mods = {
        k.split(":", 1)[1]: v
        for k, v in _discover("rollwiki.api.modules.query").items()
        if v.group == group
    }
    return dict(sorted(mods.items()))


def module_by_path(path: str) -> type[ApiModule] | None:
    """Resolve ``rollback``, ``query+revisions``, ``main`` style paths (paraminfo, help)."""
    from .modules.main_module import MainModule

    if path == "main":
        return MainModule
    if path.startswith("query+"):
        sub = path[6:]
        for group in ("prop", "list", "meta"):
            found = query_modules(group).get(sub)
            if found is not None:
                return found
        return None
    return action_modules().get(path) or format_modules().get(path)
