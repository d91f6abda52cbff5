"""Stand-in for the diff renderer being written in parallel (render.diff).

Same name and signature as the real one (``table_diff``) so that switching the import is
the whole consolidation.  Minimal on purpose.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Callable


def _cell(text: str) -> str:
    return f"<div>{html.escape(text, quote=False)}</div>" if text else "<br />"


def _words(line: str) -> list[str]:
    return re.findall(r"\w+|\s+|[^\w\s]", line)


def _word_diff(old: str, new: str) -> tuple[str, str]:
    a, b = _words(old), _words(new)
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        old_part = html.escape("".join(a[i1:i2]), quote=False)
        new_part = html.escape("".join(b[j1:j2]), quote=False)
        if op == "equal":
            left.append(old_part)
            right.append(new_part)
            continue
        if old_part:
            left.append(f'<del class="diffchange diffchange-inline">{old_part}</del>')
        if new_part:
            right.append(f'<ins class="diffchange diffchange-inline">{new_part}</ins>')
    return "".join(left), "".join(right)


def table_diff(old_text: str, new_text: str, line_label: Callable[[int], str]) -> str:
    """Diff table rows (no ``<table>``), wikidiff2-style markup, word-level changes."""
    a = old_text.replace("\r\n", "\n").split("\n")
    b = new_text.replace("\r\n", "\n").split("\n")
    rows: list[str] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for group in matcher.get_grouped_opcodes(2):
        first = group[0]
        rows.append(
            "<tr>\n"
            f'  <td colspan="2" class="diff-lineno">{line_label(first[1] + 1)}</td>\n'
            f'  <td colspan="2" class="diff-lineno">{line_label(first[3] + 1)}</td>\n'
            "</tr>\n"
        )
        for op, i1, i2, j1, j2 in group:
            if op == "equal":
                for line in a[i1:i2]:
                    rows.append(
                        '<tr>\n  <td class="diff-marker"></td>\n'
                        f'  <td class="diff-context diff-side-deleted">{_cell(line)}</td>\n'
                        '  <td class="diff-marker"></td>\n'
                        f'  <td class="diff-context diff-side-added">{_cell(line)}</td>\n</tr>\n'
                    )
                continue
            old_lines, new_lines = a[i1:i2], b[j1:j2]
            pairs = min(len(old_lines), len(new_lines)) if op == "replace" else 0
            for k in range(pairs):
                left, right = _word_diff(old_lines[k], new_lines[k])
                rows.append(
                    '<tr>\n  <td class="diff-marker" data-marker="\u2212"></td>\n'
                    f'  <td class="diff-deletedline diff-side-deleted"><div>{left}</div></td>\n'
                    '  <td class="diff-marker" data-marker="+"></td>\n'
                    f'  <td class="diff-addedline diff-side-added"><div>{right}</div></td>\n'
                    "</tr>\n"
                )
            for line in old_lines[pairs:]:
                rows.append(
                    '<tr>\n  <td class="diff-marker" data-marker="\u2212"></td>\n'
                    f'  <td class="diff-deletedline diff-side-deleted">{_cell(line)}</td>\n'
                    '  <td colspan="2" class="diff-empty diff-side-added"></td>\n</tr>\n'
                )
            for line in new_lines[pairs:]:
                rows.append(
                    '<tr>\n  <td colspan="2" class="diff-empty diff-side-deleted"></td>\n'
                    '  <td class="diff-marker" data-marker="+"></td>\n'
                    f'  <td class="diff-addedline diff-side-added">{_cell(line)}</td>\n</tr>\n'
                )
    return "".join(rows)
