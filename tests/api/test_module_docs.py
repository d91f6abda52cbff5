"""Every discovered module documents itself: the declarations drive action=help and
action=paraminfo, so each needs MediaWiki's help messages (en and qqq) for its summary,
every parameter, every documented value and every example."""

from __future__ import annotations

import pytest

from rollwiki.api.module import ApiModule, action_modules, format_modules, query_modules
from rollwiki.api.modules.main_module import MainModule
from rollwiki.i18n.messages import Message, catalog


def discovered() -> dict[str, type[ApiModule]]:
    modules: dict[str, type[ApiModule]] = {"main": MainModule}
    for module in action_modules().values():
        modules[module.path()] = module
    for group in ("prop", "list", "meta"):
        for module in query_modules(group).values():
            modules[module.path()] = module
    for module in format_modules().values():
        modules[module.path()] = module
    return modules


MODULES = discovered()


def _key(msg: str | Message) -> str:
    return msg.key if isinstance(msg, Message) else msg


def required_keys(module: type[ApiModule]) -> list[str]:
    """The messages ApiBase's help generation reads for a module."""
    path = module.path()
    keys = [f"apihelp-{path}-summary"]
    for p in module.declared_params(None):
        keys.append(_key(p.help) if p.help is not None else f"apihelp-{path}-param-{p.name}")
        keys.extend(p.help_extra)
        if p.help_per_value:
            keys.extend(p.help_per_value.values())
    keys.extend(_key(msg) for _, msg in module.examples)
    return keys


def test_the_core_modules_are_discovered() -> None:
    for path in ("main", "help", "paraminfo", "query", "query+tokens", "json", "jsonfm", "none"):
        assert path in MODULES


@pytest.mark.parametrize("lang", ["en", "qqq"])
@pytest.mark.parametrize("path", sorted(MODULES))
def test_every_module_has_its_help_messages(path: str, lang: str) -> None:
    texts = catalog(lang)
    missing = [key for key in required_keys(MODULES[path]) if key not in texts]
    assert missing == [], f"{path}: copy them with tools/i18n_sync.py --prefix apihelp-{path}-"


def test_the_token_parameter_is_documented_by_the_shared_message() -> None:
    for module in MODULES.values():
        if module.token_type:
            token = module.declared_params(None)[-1]
            assert token.name == "token"
            assert _key(token.help) == "api-help-param-token"  # type: ignore[arg-type]
    assert "api-help-param-token" in catalog("en") and "api-help-param-token" in catalog("qqq")
