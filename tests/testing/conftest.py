"""Running pytest in a child process over generated test files, with this checkout's plugin."""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import rollwiki

SRC = Path(rollwiki.__file__).resolve().parents[1]

InnerPytest = Callable[..., subprocess.CompletedProcess[str]]


def plugin_entry_point() -> importlib.metadata.EntryPoint | None:
    """The ``pytest11`` entry point named ``rollwiki`` that the installed metadata declares."""
    for ep in importlib.metadata.entry_points(group="pytest11"):
        if ep.name == "rollwiki":
            return ep
    return None


@pytest.fixture
def rollwiki_entry_point() -> importlib.metadata.EntryPoint | None:
    return plugin_entry_point()


@pytest.fixture
def inner_pytest(tmp_path: Path) -> InnerPytest:
    """inner_pytest({"test_x.py": "..."}, "-n", "2") runs pytest on those files in a child.

    The child imports rollwiki from this checkout.  When the installed metadata has no
    entry point for the plugin (a virtualenv installed from an older checkout), the child
    loads it with ``-p`` so that the fixtures are there all the same.
    """

    def run(
        files: dict[str, str], *args: str, timeout: float = 300
    ) -> subprocess.CompletedProcess[str]:
        for name, text in files.items():
            (tmp_path / name).write_text(text)
        env = {**os.environ, "PYTHONPATH": str(SRC)}
        env.pop("PYTEST_XDIST_WORKER", None)
        env.pop("PYTEST_ADDOPTS", None)
        extra = [] if plugin_entry_point() is not None else ["-p", "rollwiki.testing.plugin"]
        return subprocess.run(
            [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *extra, *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    return run
