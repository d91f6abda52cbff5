"""Bold and italic wikitext (Mirrors Parser::doAllQuotes() and Parser::doQuotes())."""

from __future__ import annotations

import re

_APOSTROPHES = re.compile(r"(''+)")


def do_all_quotes(text: str) -> str:
    """Parser::doAllQuotes(): quotes are balanced per line."""
    return "\n".join(do_quotes(line) for line in text.split("\n"))


def _balance(arr: list[str]) -> None:
    """Shift surplus apostrophes to text, then fix an odd bold/italic pair (T15227)."""
    bold = italics = 0
    for i in range(1, len(arr), 2):
        size = len(arr[i])
        if size == 4:
            arr[i - 1] += "'"
            arr[i] = "'''"
            size = 3
        elif size > 5:
            arr[i - 1] += "'" * (size - 5)
            arr[i] = "'''''"
            size = 5
        if size == 2:
            italics += 1
        elif size == 3:
            bold += 1
        elif size == 5:
            italics += 1
            bold += 1
    if bold % 2 != 1 or italics % 2 != 1:
        return
    single = multi = space = -1
    for i in range(1, len(arr), 2):
        if len(arr[i]) != 3:
            continue
        x1, x2 = arr[i - 1][-1:], arr[i - 1][-2:-1]
        if x1 == " ":
            if space == -1:
                space = i
        elif x2 == " ":
            single = i
            break
        elif multi == -1:
            multi = i
    for choice in (single, multi, space):
        if choice > -1:
            arr[choice] = "''"
            arr[choice - 1] += "'"
            return


_TWO = {
    "i": ("</i>", ""),
    "bi": ("</i>", "b"),
    "ib": ("</b></i><b>", "b"),
}
_THREE = {
    "b": ("</b>", ""),
    "bi": ("</i></b><i>", "i"),
    "ib": ("</b>", "i"),
}
_FIVE = {
    "b": ("</b><i>", "i"),
    "i": ("</i><b>", "b"),
    "bi": ("</i></b>", ""),
    "ib": ("</b></i>", ""),
}


def do_quotes(text: str) -> str:
    """Parser::doQuotes() for one line."""
    arr = _APOSTROPHES.split(text)
    if len(arr) == 1:
        return text
    _balance(arr)
    out: list[str] = []
    buffer = ""
    state = ""
    for i, part in enumerate(arr):
        if i % 2 == 0:
            if state == "both":
                buffer += part
            else:
                out.append(part)
            continue
        size = len(part)
        if size == 2:
            if state in _TWO:
                html, state = _TWO[state]
                out.append(html)
            elif state == "both":
                out.append(f"<b><i>{buffer}</i>")
                state = "b"
            else:
                out.append("<i>")
                state += "i"
        elif size == 3:
            if state in _THREE:
                html, state = _THREE[state]
                out.append(html)
            elif state == "both":
                out.append(f"<i><b>{buffer}</b>")
                state = "i"
            else:
                out.append("<b>")
                state += "b"
        elif size == 5:
            if state in _FIVE:
                html, state = _FIVE[state]
                out.append(html)
            elif state == "both":
                out.append(f"<i><b>{buffer}</b></i>")
                state = ""
            else:
                buffer = ""
                state = "both"
    if state in ("b", "ib"):
        out.append("</b>")
    if state in ("i", "bi", "ib"):
        out.append("</i>")
    if state == "bi":
        out.append("</b>")
    if state == "both" and buffer:
        out.append(f"<b><i>{buffer}</i></b>")
    return "".join(out)
