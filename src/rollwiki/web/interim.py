"""Stand-ins for renderers being written in parallel (render.comments, render.diff).

Same names and signatures as the real ones (``format_comments``, ``table_diff``) so that
switching the imports is the whole consolidation.  Minimal on purpose.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..services.titles import MalformedTitle, Title
from ..storage.queries.pages import pages_by_titles

if TYPE_CHECKING:
    from ..services.wiki import Wiki

_LINK = re.compile(r"\[\[\s*:?([^\[\]|]+)(?:\|([^\]]*))?\]\]")


def format_comments(wiki: Wiki, comments: list[tuple[str, Title | None]]) -> list[str]:
    """Comments to HTML: escaped text with ``[[links]]`` (one existence lookup)."""
    parsed: list[list[tuple[str, Title | None, str]]] = []
    keys: set[tuple[int, str]] = set()
    for comment, _ in comments:
        parts: list[tuple[str, Title | None, str]] = []
        pos = 0
        text = comment.replace("\n", " ")
        for m in _LINK.finditer(text):
            try:
                target = wiki.titles.parse(m.group(1))
            except MalformedTitle:
                continue
            parts.append((text[pos : m.start()], None, ""))
            parts.append(("", target, m.group(2) or m.group(1).lstrip(":")))
            if target.namespace >= 0 and not target.interwiki:
                keys.add((target.namespace, target.dbkey))
            pos = m.end()
        parts.append((text[pos:], None, ""))
        parsed.append(parts)
    existing = wiki.db.read(lambda conn: set(pages_by_titles(conn, keys))) if keys else set()
    out = []
    for parts in parsed:
        chunks = []
        for plain, target, label in parts:
            if target is None:
                chunks.append(html.escape(plain, quote=False))
                continue
            name = wiki.prefixed(target)
            key = wiki.titles.prefixed_dbkey(target)
            if target.namespace < 0 or (target.namespace, target.dbkey) in existing:
                href = wiki.config.article_path.replace("$1", key)
                chunks.append(
                    f'<a href="{html.escape(href)}" title="{html.escape(name)}">'
                    f"{html.escape(label, quote=False)}</a>"
                )
            else:
                href = f"{wiki.script_url()}?title={key}&action=edit&redlink=1"
                chunks.append(
                    f'<a href="{html.escape(href)}" class="new" '
                    f'title="{html.escape(name)} (page does not exist)">'
                    f"{html.escape(label, quote=False)}</a>"
                )
        out.append("".join(chunks))
    return out


def format_comment(wiki: Wiki, comment: str, title: Title | None = None) -> str:
    return format_comments(wiki, [(comment, title)])[0]


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
