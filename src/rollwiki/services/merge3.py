"""Line-based three-way merge (Mirrors TextContentHandler::merge3() / wfMerge(), which run
GNU diff3 and give up on any overlapping change)."""

from __future__ import annotations

from difflib import SequenceMatcher


def _changes(base: list[str], other: list[str]) -> list[tuple[int, int, list[str]]]:
    """Hunks turning base into other: (base_start, base_end, replacement lines)."""
    out: list[tuple[int, int, list[str]]] = []
    matcher = SequenceMatcher(None, base, other, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            out.append((i1, i2, other[j1:j2]))
    return out


def _overlaps(a: tuple[int, int, list[str]], b: tuple[int, int, list[str]]) -> bool:
    a1, a2, _ = a
    b1, b2, _ = b
    if a1 == a2 and b1 == b2:
        return a1 == b1  # two insertions at the same place
    if a1 == a2:
        return b1 < a1 < b2 or a1 == b1
    if b1 == b2:
        return a1 < b1 < a2 or a1 == b1
    return a1 < b2 and b1 < a2


def merge3(base: str, mine: str, theirs: str) -> str | None:
    """Merge the changes base->mine and base->theirs; None on a conflict.

    Identical changes on both sides are taken once (diff3's "changed identically").
    """
    if mine == theirs:
        return mine
    if base == mine:
        return theirs
    if base == theirs:
        return mine
    # wfMerge() appends a newline to each text so that the last line compares cleanly.
    b = (base + "\n").splitlines(keepends=True)
    m = (mine + "\n").splitlines(keepends=True)
    t = (theirs + "\n").splitlines(keepends=True)
    hunks_m = _changes(b, m)
    hunks_t = _changes(b, t)
    merged: list[tuple[int, int, list[str]]] = []
    for hm in hunks_m:
        clash = [ht for ht in hunks_t if _overlaps(hm, ht)]
        if any(ht != hm for ht in clash):
            return None
        merged.append(hm)
    for ht in hunks_t:
        if ht not in merged:
            merged.append(ht)
    merged.sort(key=lambda h: (h[0], h[1]))
    out: list[str] = []
    pos = 0
    for start, end, lines in merged:
        if start < pos:
            return None
        out.extend(b[pos:start])
        out.extend(lines)
        pos = end
    out.extend(b[pos:])
    text = "".join(out)
    return text[:-1] if text.endswith("\n") else text
