"""The ``rollwiki`` pytest plugin: live test wikis as fixtures (entry point ``pytest11``).

Fixtures:

* ``rollwiki`` -- a fresh wiki for one test, on its own loopback port and database;
* ``rollwiki_session`` -- one wiki shared by the whole session (per pytest-xdist worker);
  tests that use it should pick page titles of their own.

Both are :class:`rollwiki.testing.RollWiki` objects.  ``@pytest.mark.rollwiki(site={...})``
overrides site settings of the function-scoped wiki.  Nothing of rollwiki is imported until a
test asks for one of them, so suites that do not use the plugin pay nothing for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .harness import RollWiki

MARKER = (
    "rollwiki(site=None, db_url=None): site settings ($wg... equivalents) for the rollwiki fixture"
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", MARKER)


def _marker_options(request: pytest.FixtureRequest) -> dict[str, Any]:
    marker = request.node.get_closest_marker("rollwiki")
    if marker is None:
        return {}
    if marker.args:
        raise pytest.UsageError("@pytest.mark.rollwiki takes keyword arguments only")
    unknown = set(marker.kwargs) - {"site", "db_url"}
    if unknown:
        raise pytest.UsageError(f"@pytest.mark.rollwiki: unknown option(s) {sorted(unknown)}")
    return dict(marker.kwargs)


@pytest.fixture
def rollwiki(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RollWiki]:
    """A fresh rollwiki for this test, serving at ``rollwiki.api_url``."""
    from .harness import RollWiki

    options = _marker_options(request)
    with RollWiki.running(tmp_path_factory.mktemp("rollwiki"), **options) as wiki:
        yield wiki


@pytest.fixture(scope="session")
def rollwiki_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RollWiki]:
    """One rollwiki for the whole session (one per xdist worker): cheaper, but shared."""
    from .harness import RollWiki

    with RollWiki.running(tmp_path_factory.mktemp("rollwiki-session")) as wiki:
        yield wiki
