"""Testing tools: live test wikis, throwaway databases and the ``rollwiki`` pytest plugin.

The pytest plugin (:mod:`rollwiki.testing.plugin`, registered through the ``pytest11``
entry point) gives tests a ``rollwiki`` fixture: a :class:`RollWiki` serving on a free
loopback port.  The names below are imported lazily so that loading the plugin costs a
suite that does not use it nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .harness import (
        DEFAULT_GRANTS,
        BotCredentials,
        Credentials,
        Edit,
        Revision,
        RollWiki,
    )

__all__ = ["DEFAULT_GRANTS", "BotCredentials", "Credentials", "Edit", "Revision", "RollWiki"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import harness

        return getattr(harness, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
