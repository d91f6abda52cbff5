"""The README's example test (pywikibot against the fixture) runs as written."""

from __future__ import annotations

import importlib.util
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

InnerPytest = Callable[..., subprocess.CompletedProcess[str]]
README = Path(__file__).resolve().parents[2] / "README.md"


def readme_example() -> str:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Testing your bot against rollwiki", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    assert len(blocks) == 1, "the plugin section has one example"
    return blocks[0]


def test_the_readme_section_has_a_complete_pywikibot_test() -> None:
    example = readme_example()
    assert example.startswith("# test_patrol_bot.py\n")
    assert "import pywikibot" in example or 'import_module("pywikibot")' in example
    assert "def test_" in example


@pytest.mark.skipif(
    importlib.util.find_spec("pywikibot") is None, reason="pywikibot is in the test extras"
)
def test_the_readme_example_passes(inner_pytest: InnerPytest) -> None:
    done = inner_pytest({"test_patrol_bot.py": readme_example()}, "-W", "error")

    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout
