"""Special page names and aliases (Mirrors SpecialPageFactory's name handling).

The list is MediaWiki 1.39's core special pages with their English aliases, as
meta=siteinfo&siprop=specialpagealiases reports them on the oracle.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from .namespaces import NS_SPECIAL
from .titles import Title

# $wgInvalidRedirectTargets (1.39 default) plus Userlogout, which Title always rejects.
INVALID_REDIRECT_TARGETS = frozenset({"Filepath", "Mypage", "Mytalk", "Redirect", "Userlogout"})


@cache
def static_data() -> dict[str, Any]:
    """The recorded siteinfo data (data/siteinfo.json)."""
    text = resources.files("rollwiki.data").joinpath("siteinfo.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def _aliases() -> tuple[dict[str, str], dict[str, str]]:
    """(case-folded alias -> real name, real name -> local name)."""
    by_alias: dict[str, str] = {}
    local: dict[str, str] = {}
    for entry in static_data()["specialpagealiases"]:
        real = entry["realname"]
        names = entry["aliases"]
        local[real] = names[0] if names else real
        # SpecialPageFactory::getAliasList(): the real name is an alias too, aliases win.
        by_alias.setdefault(_fold(real), real)
        for alias in names:
            by_alias[_fold(alias)] = real
    return by_alias, local


def _fold(name: str) -> str:
    return name.replace(" ", "_").casefold()


def names() -> list[str]:
    """Mirrors SpecialPageFactory::getNames()."""
    return list(_aliases()[1])


def resolve_alias(dbkey: str) -> tuple[str | None, str | None]:
    """Mirrors SpecialPageFactory::resolveAlias(): (real name, subpage) or (None, None)."""
    name, slash, par = dbkey.partition("/")
    real = _aliases()[0].get(_fold(name))
    if real is None:
        return None, None
    return real, par if slash else None


def local_name(real: str, subpage: str | None = None) -> str:
    """Mirrors SpecialPageFactory::getLocalNameFor()."""
    name = _aliases()[1].get(real, real)
    return f"{name}/{subpage}" if subpage is not None else name


def exists(dbkey: str) -> bool:
    """Mirrors SpecialPageFactory::exists()."""
    return resolve_alias(dbkey)[0] is not None


def fix_special_name(title: Title) -> Title:
    """Mirrors Title::fixSpecialName(): Special:recentchanges is Special:RecentChanges."""
    if title.namespace != NS_SPECIAL:
        return title
    real, par = resolve_alias(title.dbkey)
    if real is None:
        return title
    name = local_name(real, par)
    if name == title.dbkey:
        return title
    return Title(NS_SPECIAL, name.replace("_", " "), title.fragment)
