"""The block-level pass of page rendering: paragraphs, lists and preformatted lines
(a compact port of BlockLevelPass::doBlockLevels() over already-rendered lines)."""

from __future__ import annotations

from dataclasses import dataclass, field

# Inline placeholder for the ":" that splits "; term : definition" on one line.
DD_SPLIT = "\x00DD\x00"

_OPEN = {"*": "<ul><li>", "#": "<ol><li>", ";": "<dl><dt>", ":": "<dl><dd>"}
_CLOSE = {"*": "</li></ul>", "#": "</li></ol>", ";": "</dt></dl>", ":": "</dd></dl>"}


@dataclass
class Line:
    """One source line: its list prefix, its inline HTML parts, or a whole block."""

    prefix: str = ""
    parts: list[str] = field(default_factory=list)
    block: str | None = None
    source_space: bool = False  # started with a space in the source (preformatted)
    has_block_html: bool = False  # holds <div>, <ul>, ... which a <p> must not wrap

    @property
    def html(self) -> str:
        return "".join(self.parts)


class BlockLevels:
    """Turns lines into paragraphs, nested lists and ``<pre>`` blocks."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.paragraph: list[str] = []
        self.pre: list[str] = []
        self.last_prefix = ""
        self.dt_open = False

    def run(self, lines: list[Line]) -> str:
        for line in lines:
            if line.block is not None:
                self._flush_all()
                self.out.append(line.block)
            elif line.prefix:
                self._flush_paragraph()
                self._flush_pre()
                self._list_line(line.prefix, line.html)
            elif line.source_space and line.html.strip():
                self._flush_paragraph()
                self._close_lists()
                self.pre.append(line.html[1:] if line.html.startswith(" ") else line.html)
            elif not line.html.strip():
                self._flush_all()
            elif line.has_block_html:
                self._flush_all()
                self.out.append(line.html)
            else:
                self._close_lists()
                self._flush_pre()
                self.paragraph.append(line.html)
        self._flush_all()
        return "".join(self.out)

    # -- paragraphs and pre -------------------------------------------------------------

    def _flush_paragraph(self) -> None:
        if self.paragraph:
            self.out.append("<p>" + "\n".join(self.paragraph) + "\n</p>")
            self.paragraph = []

    def _flush_pre(self) -> None:
        if self.pre:
            self.out.append("<pre>" + "\n".join(self.pre) + "\n</pre>")
            self.pre = []

    def _flush_all(self) -> None:
        self._flush_paragraph()
        self._flush_pre()
        self._close_lists()

    # -- lists ---------------------------------------------------------------------------

    def _close_lists(self) -> None:
        for ch in reversed(self.last_prefix):
            self.out.append(self._close(ch))
        if self.last_prefix:
            self.out.append("\n")
        self.last_prefix = ""

    def _close(self, ch: str) -> str:
        if ch in ";:":
            close = "</dt></dl>" if self.dt_open else "</dd></dl>"
            self.dt_open = False
            return close
        return _CLOSE[ch]

    def _next_item(self, ch: str) -> str:
        if ch in "*#":
            return "</li>\n<li>"
        close = "</dt>" if self.dt_open else "</dd>"
        self.dt_open = ch == ";"
        return close + ("\n<dt>" if ch == ";" else "\n<dd>")

    def _open(self, ch: str) -> str:
        if ch in ";:":
            self.dt_open = ch == ";"
        return _OPEN[ch]

    def _list_line(self, prefix: str, html: str) -> None:
        last = self.last_prefix
        common = 0
        while common < min(len(prefix), len(last)) and prefix[common] == last[common]:
            common += 1
        for ch in reversed(last[common:]):
            self.out.append(self._close(ch))
        if len(prefix) <= common and common > 0:
            self.out.append(self._next_item(prefix[common - 1]))
        for ch in prefix[common:]:
            self.out.append(self._open(ch))
        if DD_SPLIT in html:
            term, _, definition = html.partition(DD_SPLIT)
            if prefix.endswith(";"):
                self.out.append(term.strip() + "</dt>\n<dd>" + definition.strip())
                self.dt_open = False
                self.last_prefix = prefix[:-1] + ":"
                return
            html = term + ":" + definition
        self.out.append(html.strip())
        # MediaWiki nests ";" and ":" alike: a following ":" line continues the same <dl>.
        self.last_prefix = prefix.replace(";", ":")
