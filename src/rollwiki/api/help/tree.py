"""The module tree as help and paraminfo see it (Mirrors ApiModuleManager and
ApiBase::getModuleFromPath()).

``main`` manages the ``action`` and ``format`` modules; ``query`` manages ``prop``,
``list`` and ``meta``.  Everything is derived from the discovered declarations, so
modules added later appear without registration.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..errors import ApiMessage, ApiUsageError, escape_wikitext
from ..module import ApiModule, action_modules, format_modules, query_modules
from ..modules.main_module import MainModule
from ..params import Param

if TYPE_CHECKING:
    from ..request import ApiRequest

QUERY_GROUPS = ("prop", "list", "meta")


def is_main(module: type[ApiModule]) -> bool:
    return module.path() == "main"


def module_name(module: type[ApiModule]) -> str:
    """ApiBase::getModuleName()."""
    return "main" if is_main(module) else module.name


def _nested() -> list[type[ApiModule]]:
    return [m for group in QUERY_GROUPS for m in query_modules(group).values()]


def children(module: type[ApiModule]) -> dict[str, type[ApiModule]] | None:
    """ApiBase::getModuleManager(): submodules by name, or None without a manager."""
    if is_main(module):
        return {**action_modules(), **format_modules()}
    prefix = module.path() + "+"
    found = {m.name: m for m in _nested() if m.path() == prefix + m.name}
    return found or None


def group_names(module: type[ApiModule], group: str) -> list[str]:
    """ApiModuleManager::getNames( $group )."""
    return [name for name, m in (children(module) or {}).items() if m.group == group]


def resolve_path(path: str) -> type[ApiModule]:
    """ApiBase::getModuleFromPath(): raises badmodule as MediaWiki words it."""
    module: type[ApiModule] = MainModule
    if path == "main":
        return module
    parts = path.split("+")
    if len(parts) == 1:
        # A "+" typed into a URL arrives as a space.
        parts = path.split(" ")
    for i, part in enumerate(parts):
        parent = module
        manager = children(parent)
        if manager is None:
            raise ApiUsageError(
                ApiMessage.of(
                    "apierror-badmodule-nosubmodules", "+".join(parts[:i]), code="badmodule"
                )
            )
        found = manager.get(part)
        if found is None:
            where = "+".join(parts[:i]) if i else module_name(parent)
            raise ApiUsageError(
                ApiMessage.of(
                    "apierror-badmodule-badsubmodule",
                    where,
                    escape_wikitext(part),
                    code="badmodule",
                )
            )
        module = found
    return module


def all_submodule_paths(module: type[ApiModule], recursive: bool) -> list[str]:
    """ApiParamInfo::listAllSubmodules()."""
    paths: list[str] = []
    manager = children(module) or {}
    for name in sorted(manager):
        sub = manager[name]
        paths.append(sub.path())
        if recursive and children(sub) is not None:
            paths.extend(all_submodule_paths(sub, recursive))
    return paths


def submodule_map(module: type[ApiModule], p: Param, req: ApiRequest | None) -> dict[str, str]:
    """SubmoduleDef: value -> module path, from PARAM_SUBMODULE_MAP or the manager."""
    if p.submodule_map is not None and req is not None:
        return dict(p.submodule_map(req))
    prefix = "" if is_main(module) else module.path() + "+"
    return {name: prefix + name for name in group_names(module, p.name)}


def module_flags(path: str) -> int:
    """Sort weight of a submodule: deprecated ones after, internal ones last."""
    try:
        sub = resolve_path(path)
    except ApiUsageError:
        return 0
    return (1 if sub.deprecated else 0) | (2 if sub.internal else 0)


def natural_key(value: str) -> list[object]:
    """PHP's SORT_NATURAL order ("a2" before "a10")."""
    return [(0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", value)]
