"""The line/word diff engine of wikidiff2 (Mirrors its DiffEngine.h, after Dairiki's).

:func:`diff_sequences` turns two sequences into copy/del/add/change operations the way
wikidiff2 does: common prefix and suffix skipped, elements present on one side only set
aside, the longest common subsequence of the rest, then GNU diff's ``shift_boundaries``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

COPY, DEL, ADD, CHANGE = "copy", "del", "add", "change"


class _Lcs:
    """The LCS search of wikidiff2's DiffEngine (Dairiki's, after Algorithm::Diff).

    A port rather than :mod:`difflib`: when several longest common subsequences exist,
    difflib picks another one than MediaWiki, and the rendered diffs then differ (a moved
    line shown on the other side, a word attributed to its neighbour).
    """

    MAX_CHUNKS = 8

    def __init__(self, xv: Sequence[T], yv: Sequence[T], xchanged: list[bool],
                 ychanged: list[bool], xind: list[int], yind: list[int]) -> None:  # fmt: skip
        self.xv, self.yv = xv, yv
        self.xchanged, self.ychanged = xchanged, ychanged
        self.xind, self.yind = xind, yind
        self.seq: dict[int, int] = {}
        self.in_seq: set[int] = set()
        self.lcs = 0

    def lcs_pos(self, ypos: int) -> int:
        end = self.lcs
        if end == 0 or ypos > self.seq[end]:
            self.lcs += 1
            self.seq[self.lcs] = ypos
            self.in_seq.add(ypos)
            return self.lcs
        beg = 1
        while beg < end:
            mid = (beg + end) // 2
            if ypos > self.seq[mid]:
                beg = mid + 1
            else:
                end = mid
        self.in_seq.discard(self.seq[end])
        self.seq[end] = ypos
        self.in_seq.add(ypos)
        return end

    def diag(self, xoff: int, xlim: int, yoff: int, ylim: int, nchunks: int
             ) -> tuple[int, list[tuple[int, int]]]:  # fmt: skip
        """Split the LCS of the ranges into ``nchunks`` parts; returns (length, separators)."""
        flip = xlim - xoff > ylim - yoff
        if flip:
            xoff, yoff, xlim, ylim = yoff, xoff, ylim, xlim
        xs, ys = (self.yv, self.xv) if flip else (self.xv, self.yv)
        ymatches: dict[object, list[int]] = {}
        for i in range(ylim - 1, yoff - 1, -1):
            ymatches.setdefault(ys[i], []).append(i)
        nlines = ylim - yoff
        self.lcs = 0
        self.seq = {0: yoff - 1}
        self.in_seq = set()
        ymids = [0] * ((nlines + 1) * nchunks)
        numer = xlim - xoff + nchunks - 1
        x = xoff
        for chunk in range(nchunks):
            if chunk > 0:
                for i in range(self.lcs + 1):
                    ymids[i * nchunks + chunk - 1] = self.seq[i]
            x1 = xoff + (numer + (xlim - xoff) * chunk) // nchunks
            while x < x1:
                matches = ymatches.get(xs[x], [])
                x += 1
                k = 0
                idx = 0
                while idx < len(matches):
                    y = matches[idx]
                    idx += 1
                    if y not in self.in_seq:
                        k = self.lcs_pos(y)
                        ymids[k * nchunks : (k + 1) * nchunks] = ymids[
                            (k - 1) * nchunks : k * nchunks
                        ]
                        break
                while idx < len(matches):
                    y = matches[idx]
                    idx += 1
                    if y > self.seq[k - 1]:
                        # Common case: the next match just replaces the previous one.
                        self.in_seq.discard(self.seq[k])
                        self.seq[k] = y
                        self.in_seq.add(y)
                    elif y not in self.in_seq:
                        k = self.lcs_pos(y)
                        ymids[k * nchunks : (k + 1) * nchunks] = ymids[
                            (k - 1) * nchunks : k * nchunks
                        ]
        seps = [(yoff, xoff) if flip else (xoff, yoff)]
        base = self.lcs * nchunks
        for n in range(nchunks - 1):
            x1 = xoff + (numer + (xlim - xoff) * n) // nchunks
            y1 = ymids[base + n] + 1
            seps.append((y1, x1) if flip else (x1, y1))
        seps.append((ylim, xlim) if flip else (xlim, ylim))
        return self.lcs, seps

    def compareseq(self, xoff: int, xlim: int, yoff: int, ylim: int) -> None:
        """Mark the lines outside the LCS of [xoff, xlim) x [yoff, ylim) as changed."""
        stack = [(xoff, xlim, yoff, ylim)]
        xv, yv = self.xv, self.yv
        while stack:
            xoff, xlim, yoff, ylim = stack.pop()
            while xoff < xlim and yoff < ylim and xv[xoff] == yv[yoff]:
                xoff += 1
                yoff += 1
            while xlim > xoff and ylim > yoff and xv[xlim - 1] == yv[ylim - 1]:
                xlim -= 1
                ylim -= 1
            lcs = 0
            seps: list[tuple[int, int]] = []
            if xoff != xlim and yoff != ylim:
                nchunks = min(self.MAX_CHUNKS - 1, xlim - xoff, ylim - yoff) + 1
                lcs, seps = self.diag(xoff, xlim, yoff, ylim, nchunks)
            if lcs == 0:
                for y in range(yoff, ylim):
                    self.ychanged[self.yind[y]] = True
                for x in range(xoff, xlim):
                    self.xchanged[self.xind[x]] = True
                continue
            for a, b in zip(seps, seps[1:], strict=False):
                stack.append((a[0], b[0], a[1], b[1]))


def _shift_boundaries(lines: Sequence[T], changed: list[bool], other: list[bool]) -> None:
    """GNU diffutils' shift_boundaries(): slide runs of changes to merge them."""
    i = j = 0
    length, other_len = len(lines), len(other)
    while True:
        while j < other_len and other[j]:
            j += 1
        while i < length and not changed[i]:
            i += 1
            j += 1
            while j < other_len and other[j]:
                j += 1
        if i == length:
            break
        start = i
        i += 1
        while i < length and changed[i]:
            i += 1
        while True:
            runlength = i - start
            while start > 0 and lines[start - 1] == lines[i - 1]:
                start -= 1
                changed[start] = True
                i -= 1
                changed[i] = False
                while start > 0 and changed[start - 1]:
                    start -= 1
                j -= 1
                while other[j]:
                    j -= 1
            corresponding = i if j < other_len else length
            while i < length and lines[start] == lines[i]:
                changed[start] = False
                start += 1
                changed[i] = True
                i += 1
                while i < length and changed[i]:
                    i += 1
                j += 1
                if j < other_len and other[j]:
                    corresponding = i
                    while j < other_len and other[j]:
                        j += 1
            if runlength == i - start:
                break
        while corresponding < i:
            start -= 1
            changed[start] = True
            i -= 1
            changed[i] = False
            j -= 1
            while other[j]:
                j -= 1


class Bailout(Exception):
    """The diff is too complex: show everything as changed (DiffEngine's bailout)."""


def diff_sequences(
    old: Sequence[T], new: Sequence[T], bailout_complexity: int = 0
) -> list[tuple[str, list[T], list[T]]]:
    """Mirrors wikidiff2's DiffEngine::diff(): copy/del/add/change operations."""
    n_old, n_new = len(old), len(new)
    xchanged = [False] * n_old
    ychanged = [False] * n_new
    skip = 0
    while skip < n_old and skip < n_new and old[skip] == new[skip]:
        skip += 1
    endskip = 0
    while (
        n_old - endskip - 1 > skip
        and n_new - endskip - 1 > skip
        and old[n_old - endskip - 1] == new[n_new - endskip - 1]
    ):
        endskip += 1
    complexity = (n_old - skip - endskip) * (n_new - skip - endskip)
    if bailout_complexity and complexity > bailout_complexity:
        raise Bailout
    old_set = set(old[skip : n_old - endskip])
    yv: list[T] = []
    yind: list[int] = []
    new_set: set[T] = set()
    for y in range(skip, n_new - endskip):
        if new[y] not in old_set:
            ychanged[y] = True
            continue
        new_set.add(new[y])
        yv.append(new[y])
        yind.append(y)
    xv: list[T] = []
    xind: list[int] = []
    for x in range(skip, n_old - endskip):
        if old[x] not in new_set:
            xchanged[x] = True
            continue
        xv.append(old[x])
        xind.append(x)
    _Lcs(xv, yv, xchanged, ychanged, xind, yind).compareseq(0, len(xv), 0, len(yv))
    _shift_boundaries(old, xchanged, ychanged)
    _shift_boundaries(new, ychanged, xchanged)

    ops: list[tuple[str, list[T], list[T]]] = []
    xi = yi = 0
    while xi < n_old or yi < n_new:
        copy_old: list[T] = []
        copy_new: list[T] = []
        while xi < n_old and yi < n_new and not xchanged[xi] and not ychanged[yi]:
            copy_old.append(old[xi])
            copy_new.append(new[yi])
            xi += 1
            yi += 1
        if copy_old:
            ops.append((COPY, copy_old, copy_new))
        deleted: list[T] = []
        added: list[T] = []
        while xi < n_old and xchanged[xi]:
            deleted.append(old[xi])
            xi += 1
        while yi < n_new and ychanged[yi]:
            added.append(new[yi])
            yi += 1
        if deleted and added:
            ops.append((CHANGE, deleted, added))
        elif deleted:
            ops.append((DEL, deleted, []))
        elif added:
            ops.append((ADD, [], added))
    return ops
