"""Two-column diff tables as MediaWiki 1.39 renders them with wikidiff2 1.13.

The oracle runs MediaWiki with the wikidiff2 extension, so ``action=compare`` and the diff
pages print wikidiff2's table rows.  This module reproduces that output:

* lines are compared as wikidiff2's DiffEngine does it: common prefix and suffix skipped,
  lines present on one side only set aside, the longest common subsequence of the rest,
  then GNU diff's ``shift_boundaries`` to merge runs;
* changed line pairs that are too dissimilar (character similarity of their word diff at
  most 0.2) become an added plus a deleted line (``LineDiffProcessor``);
* added/deleted lines similar to a line on the other side (> 0.4) are shown as moved
  paragraphs with anchors, as long as there are at most 100 add/delete blocks;
* changed lines get a word-level diff (words are runs of letters and digits, every other
  character is a word of its own);
* two lines of context around each block, with ``Line N:`` headers.

Entry point: :func:`table_diff`.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from .diffengine import ADD, CHANGE, COPY, DEL, diff_sequences
from .diffwords import DiffOp, Word, WordDiff, process_changes, word_diff

CONTEXT_LINES = 2
MOVED_LINE_THRESHOLD = 0.4  # wikidiff2.moved_line_threshold
MAX_MOVED_LINES = 100  # wikidiff2.moved_paragraph_detection_cutoff


def _encode(text: str) -> str:
    """wikidiff2's printHtmlEncodedText(): only <, > and & are escaped."""
    return html.escape(text, quote=False)


def _text_with_div(text: str) -> str:
    return f"<div>{_encode(text)}</div>" if text else "<br />"


def _joined(words: list[Word]) -> str:
    return _encode("".join(w.whole for w in words))


def _word_side(diff: WordDiff, added: bool) -> str:
    """TableFormatter::printWordDiffSide()."""
    parts = []
    for op, a, b in diff.ops:
        if op == COPY:
            parts.append(_joined(b if added else a))
        elif not added and op in (DEL, CHANGE):
            parts.append(f'<del class="diffchange diffchange-inline">{_joined(a)}</del>')
        elif added and op in (ADD, CHANGE):
            parts.append(f'<ins class="diffchange diffchange-inline">{_joined(b)}</ins>')
    return "".join(parts)


@dataclass
class _MapEntry:
    similarity: float
    index_from: int
    line_from: int
    index_to: int
    line_to: int
    lhs_displayed: bool = False
    rhs_displayed: bool = False


class TableFormatter:
    """Mirrors Wikidiff2::printDiff() with TableFormatter and moved-paragraph detection."""

    def __init__(self, ops: list[DiffOp], line_label: Callable[[int], str]) -> None:
        self.ops = ops
        self.line_label = line_label
        self.out: list[str] = []
        self.moves: dict[tuple[int, int], _MapEntry] = {}
        blocks = sum(1 for op in ops if op.op in (ADD, DEL))
        self.detect_moves = blocks <= MAX_MOVED_LINES

    # -- rows ----------------------------------------------------------------------------

    def block_header(self, left: int, right: int) -> None:
        self.out.append(
            "<tr>\n"
            f'  <td colspan="2" class="diff-lineno">{self.line_label(left)}</td>\n'
            f'  <td colspan="2" class="diff-lineno">{self.line_label(right)}</td>\n'
            "</tr>\n"
        )

    def context(self, line: str) -> None:
        self.out.append(
            "<tr>\n"
            '  <td class="diff-marker"></td>\n'
            f'  <td class="diff-context diff-side-deleted">{_text_with_div(line)}</td>\n'
            '  <td class="diff-marker"></td>\n'
            f'  <td class="diff-context diff-side-added">{_text_with_div(line)}</td>\n'
            "</tr>\n"
        )

    def added(self, line: str) -> None:
        self.out.append(
            "<tr>\n"
            '  <td colspan="2" class="diff-empty diff-side-deleted"></td>\n'
            '  <td class="diff-marker" data-marker="+"></td>\n'
            f'  <td class="diff-addedline diff-side-added">{_text_with_div(line)}</td>\n'
            "</tr>\n"
        )

    def deleted(self, line: str) -> None:
        self.out.append(
            "<tr>\n"
            '  <td class="diff-marker" data-marker="−"></td>\n'
            f'  <td class="diff-deletedline diff-side-deleted">{_text_with_div(line)}</td>\n'
            '  <td colspan="2" class="diff-empty diff-side-added"></td>\n'
            "</tr>\n"
        )

    def word_row(
        self,
        old: str,
        new: str,
        *,
        left: bool = True,
        right: bool = True,
        src: str = "",
        dst: str = "",
    ) -> None:
        diff = word_diff(old, new)
        row = ["<tr>\n"]
        anchor = f'<a name="{src}"></a>' if src else ""
        if left:
            if dst:
                row.append(
                    '  <td class="diff-marker"><a class="mw-diff-movedpara-left" '
                    f'href="#{dst}">&#x26AB;</a></td>\n'
                )
            else:
                row.append('  <td class="diff-marker" data-marker="−"></td>\n')
            row.append(
                '  <td class="diff-deletedline diff-side-deleted"><div>'
                f"{anchor}{_word_side(diff, False)}</div></td>\n"
            )
        else:
            row.append('  <td colspan="2" class="diff-empty diff-side-deleted"></td>\n')
        if right:
            if dst:
                row.append(
                    '  <td class="diff-marker"><a class="mw-diff-movedpara-right" '
                    f'href="#{dst}">&#x26AB;</a></td>\n'
                )
            else:
                row.append('  <td class="diff-marker" data-marker="+"></td>\n')
            row.append(
                '  <td class="diff-addedline diff-side-added"><div>'
                f"{anchor}{_word_side(diff, True)}</div></td>\n</tr>\n"
            )
        else:
            row.append('  <td colspan="2" class="diff-empty diff-side-added"></td>\n</tr>\n')
        self.out.append("".join(row))

    # -- moved paragraphs ----------------------------------------------------------------------

    def _entry_matches(self, index: int, line: int, left: bool, other: tuple[int, int]) -> bool:
        """cmpDiffMapEntries(): the other line's entry (if any) must point back here."""
        entry = self.moves.get(other)
        if entry is None:
            return True
        same = (
            (entry.index_from, entry.line_from) == (index, line)
            if left
            else (entry.index_to, entry.line_to) == (index, line)
        )
        return same or not (entry.lhs_displayed if left else entry.rhs_displayed)

    def _print_move(self, entry: _MapEntry, index: int, line: int, left: bool,
                    other: tuple[int, int]) -> None:  # fmt: skip
        side = "lhs" if left else "rhs"
        other_side = "rhs" if left else "lhs"
        self.word_row(
            self.ops[entry.index_from].old[entry.line_from],
            self.ops[entry.index_to].new[entry.line_to],
            left=left,
            right=not left,
            src=f"movedpara_{index}_{line}_{side}",
            dst=f"movedpara_{other[0]}_{other[1]}_{other_side}",
        )

    def moved_line(self, index: int, line: int) -> bool:
        """Mirrors Wikidiff2::printMovedLineDiff(): True when the line was printed."""
        if not self.detect_moves:
            return False
        op = self.ops[index]
        left = op.op == DEL
        key = (index, line)
        entry = self.moves.get(key)
        if entry is not None:
            other = (
                (entry.index_from, entry.line_from) if not left else (entry.index_to, entry.line_to)
            )
            if not self._entry_matches(index, line, left, other):
                return False
            if not _is_next(other, key):
                self._print_move(entry, index, line, left, other)
            if left:
                entry.lhs_displayed = True
            else:
                entry.rhs_displayed = True
            return True

        other_op = DEL if op.op == ADD else ADD
        found: _MapEntry | None = None
        for i, candidate in enumerate(self.ops):
            if candidate.op != other_op:
                continue
            lines = candidate.old if op.op == ADD else candidate.new
            for k in range(len(lines)):
                existing = self.moves.get((i, k))
                if existing is not None and (
                    (left and existing.lhs_displayed) or (not left and existing.rhs_displayed)
                ):
                    continue
                if other_op == DEL:
                    sim = word_diff(lines[k], op.new[line]).similarity
                    tmp = _MapEntry(sim, i, k, index, line)
                    potential = self._entry_matches(index, line, left, (i, k))
                else:
                    sim = word_diff(op.old[line], lines[k]).similarity
                    tmp = _MapEntry(sim, index, line, i, k)
                    potential = self._entry_matches(index, line, left, (i, k))
                if found is None or (tmp.similarity > found.similarity and potential):
                    found = tmp
        if found is None or found.similarity <= MOVED_LINE_THRESHOLD:
            return False
        other = (
            (found.index_from, found.line_from) if op.op == ADD else (found.index_to, found.line_to)
        )
        if not self._entry_matches(index, line, left, other) or other in self.moves:
            return False
        if left:
            found.lhs_displayed = True
        else:
            found.rhs_displayed = True
        self.moves[key] = found
        self.moves[other] = found
        if _is_next(key, other):
            self.word_row(
                self.ops[found.index_from].old[found.line_from],
                self.ops[found.index_to].new[found.line_to],
            )
            found.lhs_displayed = found.rhs_displayed = True
        else:
            self._print_move(found, index, line, left, other)
        return True

    # -- the whole table ----------------------------------------------------------------------

    def render(self) -> str:
        from_index = to_index = 1
        show_line_number = True
        last = len(self.ops) - 1
        for i, op in enumerate(self.ops):
            if op.op != COPY and i == 0:
                self.block_header(1, 1)
            if op.op == ADD:
                for j, line in enumerate(op.new):
                    if not self.moved_line(i, j):
                        self.added(line)
                to_index += len(op.new)
            elif op.op == DEL:
                for j, line in enumerate(op.old):
                    if not self.moved_line(i, j):
                        self.deleted(line)
                from_index += len(op.old)
            elif op.op == COPY:
                n = len(op.old)
                for j, line in enumerate(op.old):
                    trailing = i != 0 and j < CONTEXT_LINES
                    leading = i != last and j >= n - CONTEXT_LINES
                    if trailing or leading:
                        if show_line_number:
                            self.block_header(from_index, to_index)
                            show_line_number = False
                        self.context(line)
                    else:
                        show_line_number = True
                    from_index += 1
                    to_index += 1
            else:
                for old, new in zip(op.old, op.new, strict=False):
                    self.word_row(old, new)
                n = min(len(op.old), len(op.new))
                from_index += n
                to_index += n
            show_line_number = False
        return "".join(self.out)


def _is_next(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether line ``b`` immediately follows line ``a`` in the op list."""
    return (b[0] == a[0] and b[1] == a[1] + 1) or (b[0] == a[0] + 1 and b[1] == 0)


def explode_lines(text: str) -> list[str]:
    """Wikidiff2::explodeLines(): a final newline does not start another line."""
    if text == "":
        return []
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    return lines


def table_diff(old_text: str, new_text: str, line_label: Callable[[int], str]) -> str:
    """The diff table rows (no <table>) between two texts, as wikidiff2_do_diff() prints them.

    ``line_label(n)`` renders the "Line n:" header (DifferenceEngine::localiseLineNumbers).
    """
    old_text = old_text.replace("\r\n", "\n")
    new_text = new_text.replace("\r\n", "\n")
    ops = process_changes(diff_sequences(explode_lines(old_text), explode_lines(new_text)))
    return TableFormatter(ops, line_label).render()


def add_move_titles(body: str, to_new: str, to_old: str) -> str:
    """DifferenceEngine::addLocalisedTitleTooltips(): titles on the moved-paragraph links."""
    body = body.replace(
        'class="mw-diff-movedpara-left"', f'class="mw-diff-movedpara-left" title="{to_new}"'
    )
    return body.replace(
        'class="mw-diff-movedpara-right"', f'class="mw-diff-movedpara-right" title="{to_old}"'
    )
