"""Paragraphs, lists and indented pre-formatting (Mirrors BlockLevelPass::doBlockLevels())."""

from __future__ import annotations

import re

_BLOCK_ELEMS = "table|h1|h2|h3|h4|h5|h6|pre|p|ul|ol|dl"
_ANTI_BLOCK_ELEMS = "td|th"
_OPEN_MATCH = re.compile(
    rf"<(({_BLOCK_ELEMS})|\/({_ANTI_BLOCK_ELEMS})|\/?(tr|caption|dt|dd|li))\b", re.I
)
_CLOSE_MATCH = re.compile(
    rf"<(\/({_BLOCK_ELEMS})|({_ANTI_BLOCK_ELEMS})|\/?(center|blockquote|div|hr|mw:|aside|figure))\b",
    re.I,
)
_PRE_OPEN = re.compile(r"<pre", re.I)
_PRE_CLOSE = re.compile(r"<\/pre", re.I)
_BLOCKQUOTE = re.compile(r"<(\/?)blockquote[\s>]", re.I)
_STYLE_OR_LINK = re.compile(r"^(?:<style\b[^>]*>.*?<\/style>\s*|<link\b[^>]*>\s*)+$", re.I)
_INTERESTING = re.compile(r":|<|-\{")


def find_colon_no_links(text: str) -> tuple[str, str] | None:
    """BlockLevelPass::findColonNoLinks(): split ``; term : definition`` outside of tags."""
    m = _INTERESTING.search(text)
    if not m:
        return None
    if m.group(0) == ":":
        return text[: m.start()], text[m.start() + 1 :]
    state = "text"
    lt_level = lc_level = 0
    i = m.start()
    n = len(text)
    while i < n:
        c = text[i]
        if state == "text":
            if c == "<":
                state = "tagstart"
            elif c == ":":
                if lt_level == 0:
                    return text[:i], text[i + 1 :]
            else:
                m = _INTERESTING.search(text, i)
                if not m:
                    return None
                if m.group(0) == "-{":
                    state = "lc"
                    lc_level += 1
                    i = m.start() + 1
                else:
                    i = m.start() - 1
        elif state == "lc":
            m = re.compile(r"-\{|\}-").search(text, i)
            if not m:
                break
            i = m.start() + 1
            if m.group(0) == "-{":
                lc_level += 1
            else:
                lc_level -= 1
                if lc_level == 0:
                    state = "text"
        elif state == "tag":
            if c == ">":
                lt_level += 1
                state = "text"
            elif c == "/":
                state = "tagslash"
        elif state == "tagstart":
            state = {"/": "closetag", "!": "comment", ">": "text"}.get(c, "tag")
        elif state == "closetag":
            if c == ">":
                lt_level = max(0, lt_level - 1)
                state = "text"
        elif state == "tagslash":
            state = "text" if c == ">" else "tag"
        elif state == "comment":
            if c == "-":
                state = "commentdash"
        elif state == "commentdash":
            state = "commentdashdash" if c == "-" else "comment"
        elif state == "commentdashdash":
            state = "text" if c == ">" else "comment"
        i += 1
    return None


class _BlockLevelPass:
    def __init__(self, text: str, line_start: bool) -> None:
        self.text = text
        self.line_start = line_start
        self.dt_open = False
        self.in_pre = False
        self.last_paragraph = ""

    def close_paragraph(self, at_end: bool = False) -> str:
        result = ""
        if self.last_paragraph:
            result = f"</{self.last_paragraph}>" + ("" if at_end else "\n")
        self.in_pre = False
        self.last_paragraph = ""
        return result

    def open_list(self, char: str) -> str:
        result = self.close_paragraph()
        if char == "*":
            return result + "<ul><li>"
        if char == "#":
            return result + "<ol><li>"
        if char == ":":
            return result + "<dl><dd>"
        self.dt_open = True
        return result + "<dl><dt>"

    def next_item(self, char: str) -> str:
        if char in "*#":
            return "</li>\n<li>"
        close = "</dt>\n" if self.dt_open else "</dd>\n"
        self.dt_open = char == ";"
        return close + ("<dt>" if char == ";" else "<dd>")

    def close_list(self, char: str) -> str:
        if char == "*":
            return "</li></ul>"
        if char == "#":
            return "</li></ol>"
        if self.dt_open:
            self.dt_open = False
            return "</dt></dl>"
        return "</dd></dl>"

    def _definition(self, t: str) -> tuple[str, str]:
        """Split "; term : definition" on a dt line; returns (output, remaining text)."""
        split = find_colon_no_links(t)
        if split is None:
            return "", t
        term, rest = split
        return term.strip() + self.next_item(":"), rest

    def execute(self) -> str:
        lines = self.text.split("\n")
        last_prefix = ""
        output: list[str] = []
        in_block_elem = False
        prefix_length = 0
        prefix2 = ""
        pending_p: str | None = None
        in_blockquote = False
        for index, input_line in enumerate(lines):
            not_last_line = index < len(lines) - 1
            if not self.line_start:
                output.append(input_line)
                self.line_start = True
                continue
            last_prefix_length = len(last_prefix)
            pre_close = bool(_PRE_CLOSE.search(input_line))
            pre_open = bool(_PRE_OPEN.search(input_line))
            if not self.in_pre:
                prefix_length = len(input_line) - len(input_line.lstrip("*#:;"))
                prefix = input_line[:prefix_length]
                prefix2 = prefix.replace(";", ":")
                t = input_line[prefix_length:]
                self.in_pre = pre_open
            else:
                prefix_length = 0
                prefix = prefix2 = ""
                t = input_line
            if prefix_length and last_prefix == prefix2:
                output.append(self.next_item(prefix[-1]))
                pending_p = None
                if prefix[-1] == ";":
                    head, t = self._definition(t)
                    output.append(head)
            elif prefix_length or last_prefix_length:
                common = 0
                while (
                    common < min(len(prefix), len(last_prefix))
                    and prefix[common] == last_prefix[common]
                ):
                    common += 1
                pending_p = None
                while common < last_prefix_length:
                    output.append(self.close_list(last_prefix[last_prefix_length - 1]))
                    last_prefix_length -= 1
                if prefix_length <= common and common > 0:
                    output.append(self.next_item(prefix[common - 1]))
                if self.dt_open and common > 0 and prefix[common - 1] == ":":
                    output.append(self.next_item(":"))
                if last_prefix and prefix_length > common:
                    output.append("\n")
                while prefix_length > common:
                    char = prefix[common]
                    output.append(self.open_list(char))
                    if char == ";":
                        head, t = self._definition(t)
                        output.append(head)
                    common += 1
                if not prefix_length and last_prefix:
                    output.append("\n")
                last_prefix = prefix2
            if prefix_length == 0:
                open_match = _OPEN_MATCH.search(t)
                close_match = _CLOSE_MATCH.search(t)
                if open_match or close_match:
                    pending_p = None
                    if not self.in_pre or pre_open:
                        output.append(self.close_paragraph())
                    if pre_open and not pre_close:
                        self.in_pre = True
                    for bq in _BLOCKQUOTE.finditer(t):
                        in_blockquote = not bq.group(1)
                    in_block_elem = not close_match
                elif not in_block_elem and not self.in_pre:
                    if (
                        t.startswith(" ")
                        and (self.last_paragraph == "pre" or t.strip() != "")
                        and not in_blockquote
                    ):
                        if self.last_paragraph != "pre":
                            pending_p = None
                            output.append(self.close_paragraph() + "<pre>")
                            self.last_paragraph = "pre"
                        t = t[1:]
                    elif _STYLE_OR_LINK.match(t):
                        if pending_p is not None:
                            output.append(self.close_paragraph())
                            pending_p = None
                    elif t.strip() == "":
                        if pending_p is not None:
                            output.append(pending_p + "<br />")
                            pending_p = None
                            self.last_paragraph = "p"
                        elif self.last_paragraph != "p":
                            output.append(self.close_paragraph())
                            pending_p = "<p>"
                        else:
                            pending_p = "</p><p>"
                    elif pending_p is not None:
                        output.append(pending_p)
                        pending_p = None
                        self.last_paragraph = "p"
                    elif self.last_paragraph != "p":
                        output.append(self.close_paragraph() + "<p>")
                        self.last_paragraph = "p"
            if pre_close and self.in_pre:
                self.in_pre = False
            if pending_p is None:
                if prefix_length == 0:
                    output.append(t)
                    if not_last_line or self.last_paragraph:
                        output.append("\n")
                else:
                    output.append(t.strip())
        while prefix_length:
            output.append(self.close_list(prefix2[prefix_length - 1]))
            prefix_length -= 1
            if not prefix_length and self.last_paragraph:
                output.append("\n")
        output.append(self.close_paragraph(at_end=True))
        return "".join(output)


def do_block_levels(text: str, line_start: bool = True) -> str:
    """BlockLevelPass::doBlockLevels()."""
    return _BlockLevelPass(text, line_start).execute()
