"""ApiRollback's declaration, for documentation tests written before the module lands.

Mirrors ApiRollback::getAllowedParams() and getExamplesMessages() in 1.39.  When the real
``action=rollback`` module is discovered, :func:`use_rollback` returns it instead, so the
tests then check the real declaration against the oracle.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pytest

from rollwiki.api import module as api_module
from rollwiki.api.module import ApiModule
from rollwiki.api.params import Param


def _tags(req: Any) -> list[str]:
    return list(req.applicable_tags())


class StandInRollback(ApiModule):
    name = "rollback"
    classname = "ApiRollback"
    is_write = True
    must_be_posted = True
    token_type = "rollback"
    token_help_append = ("api-help-param-token-webui",)
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Rollback",)
    examples = (
        (
            "action=rollback&title=Main%20Page&user=Example&token=123ABC",
            "apihelp-rollback-example-simple",
        ),
        (
            "action=rollback&title=Main%20Page&user=192.0.2.5&token=123ABC"
            "&summary=Reverting%20vandalism&markbot=1",
            "apihelp-rollback-example-summary",
        ),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param("title"),
        Param("pageid", "integer"),
        Param("tags", "tags", multi=True, values=_tags),
        Param("user", "user", required=True),
        Param("summary", default=""),
        Param("markbot", "boolean"),
        Param(
            "watchlist",
            "enum",
            values=("watch", "unwatch", "preferences", "nochange"),
            default="preferences",
        ),
        Param("watchlistexpiry", "expiry", expiry_max="6 months"),
    )


def use_rollback(monkeypatch: pytest.MonkeyPatch) -> type[ApiModule]:
    """The discovered rollback module, or the stand-in registered for this test."""
    found = api_module._discover("rollwiki.api.modules")
    if "action:rollback" in found:
        return found["action:rollback"]
    monkeypatch.setitem(found, "action:rollback", StandInRollback)
    return StandInRollback
