"""Word diffs and changed-line processing (wikidiff2 TextUtil, WordDiffStats, LineDiffProcessor)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .diffengine import ADD, CHANGE, COPY, DEL, Bailout, diff_sequences

CHANGE_THRESHOLD = 0.2  # wikidiff2.change_threshold
MAX_WORD_DIFF_COMPLEXITY = 40_000_000  # wikidiff2.max_word_level_diff_complexity


@dataclass
class DiffOp:
    """One line-level operation: copy, del, add or change, with its old and new lines."""

    op: str
    old: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)


def _is_letter(ch: str) -> bool:
    """wikidiff2's TextUtil::isLetter(): what belongs inside a word."""
    code = ord(ch)
    if ch.isascii():
        return ch.isalnum() or ch == "_"
    if code < 0xC0:
        return False
    # Chinese and Japanese are compared character by character.
    return not (0x3000 <= code <= 0x9FFF or 0x20000 <= code <= 0x2A000)


@dataclass(frozen=True)
class Word:
    """Mirrors wikidiff2's Word: a body and a whitespace suffix; only bodies are compared."""

    body: str
    suffix: str = ""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Word) and self.body == other.body

    def __hash__(self) -> int:
        return hash(self.body)

    @property
    def whole(self) -> str:
        return self.body + self.suffix


def explode_words(line: str) -> list[Word]:
    """Mirrors wikidiff2's TextUtil::explodeWords() (without libthai's Thai breaks).

    Letter runs are words and every other character is a word of its own.  As in the C
    code, a space becomes the *suffix* of the word before it when it is the character
    right after that word, so the first word of " <b>" has an empty body.
    """
    breaks: list[int] = []
    last: str | None = None
    for index, ch in enumerate(line):
        if _is_letter(ch):
            if last is not None and not _is_letter(last):
                breaks.append(index)
        else:
            breaks.append(index)
        last = ch
    breaks.append(len(line))
    words: list[Word] = []
    next_break = 1 if breaks[0] == 0 else 0
    word_start = 0
    suffix_start: int | None = None
    for index in range(len(line) + 1):
        if index < len(line) and line[index] in " \t":
            suffix_start = index
        if next_break < len(breaks) and index == breaks[next_break]:
            body_end = index if suffix_start is None else suffix_start
            words.append(Word(line[word_start:body_end], line[body_end:index]))
            next_break += 1
            suffix_start = None
            word_start = index
    return words


@dataclass(frozen=True)
class WordDiff:
    ops: list[tuple[str, list[Word], list[Word]]]
    similarity: float
    bailout: bool = False


_word_cache: dict[tuple[str, str], WordDiff] = {}


def word_diff(old: str, new: str) -> WordDiff:
    """The word-level diff of two lines and its WordDiffStats::charSimilarity."""
    key = (old, new)
    cached = _word_cache.get(key)
    if cached is not None:
        return cached
    old_words, new_words = explode_words(old), explode_words(new)
    try:
        ops = diff_sequences(old_words, new_words, MAX_WORD_DIFF_COMPLEXITY)
    except Bailout:
        bailed = WordDiff([(CHANGE, old_words, new_words)], 0.0, bailout=True)
        _word_cache[key] = bailed
        return bailed
    counts = {COPY: 0, DEL: 0, ADD: 0, CHANGE: 0}

    def size(words: list[Word]) -> int:
        return sum(len(w.whole.encode("utf-8")) for w in words)

    for op, a, b in ops:
        if op in (COPY, DEL):
            counts[op] += size(a)
        elif op == ADD:
            counts[op] += size(b)
        else:
            counts[op] += max(size(a), size(b))
    total = sum(counts.values())
    similarity = counts[COPY] / total if counts[COPY] and total else 0.0
    result = WordDiff(ops, similarity)
    if len(_word_cache) > 4096:
        _word_cache.clear()
    _word_cache[key] = result
    return result


# --------------------------------------------------------------------------- line ops


def process_changes(ops: list[tuple[str, list[str], list[str]]]) -> list[DiffOp]:
    """Mirrors LineDiffProcessor::process(): split dissimilar or uneven changes."""
    out: list[DiffOp] = []
    for op, deleted, added in ops:
        if op != CHANGE:
            out.append(DiffOp(op, list(deleted), list(added)))
            continue
        deleted, added = list(deleted), list(added)
        i = 0
        while i < len(deleted) and i < len(added):
            pair = word_diff(deleted[i], added[i])
            if pair.bailout or pair.similarity > CHANGE_THRESHOLD:
                i += 1
                continue
            if i > 0:
                out.append(DiffOp(CHANGE, deleted[:i], added[:i]))
                deleted, added = deleted[i:], added[i:]
                i = 0
            out.append(DiffOp(ADD, [], [added.pop(0)]))
            out.append(DiffOp(DEL, [deleted.pop(0)], []))
        if deleted and added:
            common = min(len(deleted), len(added))
            out.append(DiffOp(CHANGE, deleted[:common], added[:common]))
            if len(deleted) > common:
                out.append(DiffOp(DEL, deleted[common:], []))
            if len(added) > common:
                out.append(DiffOp(ADD, [], added[common:]))
        elif deleted:
            out.append(DiffOp(DEL, deleted, []))
        elif added:
            out.append(DiffOp(ADD, [], added))
    return out
