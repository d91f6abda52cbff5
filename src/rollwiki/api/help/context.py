"""Rendering help messages in one language (the IContextSource that ApiHelp and
ApiParamInfo hand to their messages), plus Html::element()-style helpers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...i18n.messages import Formatter, Message, lookup
from ...render.sanitizer import escape_html, escape_text
from ...render.wikitext import WikitextRenderer, strip_outer_paragraph
from .docs import HelpMsg

if TYPE_CHECKING:
    from ...services.wiki import Wiki

_RAW = "\x7fRAWPARAM\x7f"


def attrs(**values: str | None) -> str:
    """Html::expandAttributes(): ``class_`` stands for ``class``; None drops an attribute."""
    out = []
    for name, value in values.items():
        if value is None:
            continue
        out.append(f' {name.rstrip("_")}="{escape_html(value)}"')
    return "".join(out)


def element(tag: str, text: str, **attributes: str | None) -> str:
    """Html::element(): escaped text content."""
    return f"<{tag}{attrs(**attributes)}>{escape_text(text)}</{tag}>"


def raw_element(tag: str, html: str, **attributes: str | None) -> str:
    """Html::rawElement()."""
    return f"<{tag}{attrs(**attributes)}>{html}</{tag}>"


class HelpContext:
    """Formats and parses help messages for one language."""

    def __init__(self, wiki: Wiki, lang: str) -> None:
        self.wiki = wiki
        self.lang = lang
        self.formatter: Formatter = wiki.formatter(lang)

    def _msg(self, msg: HelpMsg | str, params: tuple[Any, ...]) -> HelpMsg:
        return HelpMsg((msg,), params) if isinstance(msg, str) else msg

    def text(self, msg: HelpMsg | str, *params: Any) -> str:
        """Message::text()."""
        return self._msg(msg, params).text(self.formatter)

    def disabled(self, msg: HelpMsg | str) -> bool:
        return self._msg(msg, ()).is_disabled(self.lang)

    def parse_wikitext(self, wikitext: str, *, block: bool) -> str:
        return WikitextRenderer(self.wiki, self.lang).parse(wikitext, block=block)

    def parse(self, msg: HelpMsg | str, *params: Any) -> str:
        """Message::parse()."""
        return self.parse_wikitext(self.text(msg, *params), block=False)

    def parse_block(self, msg: HelpMsg | str, *params: Any) -> str:
        """Message::parseAsBlock()."""
        text = self.text(msg, *params)
        return self.parse_wikitext(text, block=True) if text else ""

    def parse_raw(self, key: str, raw_html: str) -> str:
        """A message with one rawParams() value: parsed around it, inserted afterwards."""
        template = lookup(self.lang, key) or "$1"
        text = self.formatter.render_text(template.replace("$1", _RAW), ())
        return self.parse_wikitext(text, block=False).replace(_RAW, raw_html)

    def plain(self, key: str, *params: Any) -> str:
        """Message::plain() of a message without markup (page titles)."""
        return self.formatter.text(Message(key, params))

    def strip_outer(self, html: str) -> str:
        return strip_outer_paragraph(html)
