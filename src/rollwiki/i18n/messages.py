"""Localised messages: MediaWiki-format JSON catalogs and the message formatter.

Mirrors MediaWiki's ``Message`` class closely enough for API clients that match on texts:
``text()`` (parameters substituted, ``{{...}}`` expanded, links left as wikitext), the
API's ``stripMarkup`` plain text, and the ``raw`` key/params form.  HTML rendering of
wikitext lives in :mod:`rollwiki.render.messages`.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Union

from babel import Locale

CATALOG_DIR = Path(__file__).parent
FALLBACK = "en"
SUPPORTED_LANGUAGES = ("en", "uk")


@dataclass(frozen=True)
class Plaintext:
    """Inserted after expansion, HTML-escaped when parsed (Message::plaintextParam)."""

    value: str


@dataclass(frozen=True)
class Raw:
    """A parameter inserted after expansion and never escaped (Message::rawParam)."""

    value: str


@dataclass(frozen=True)
class Num:
    """A number formatted with the language's separators (Message::numParam)."""

    value: int | float


@dataclass(frozen=True)
class ListParam:
    """A list joined with the language's "a, b and c" rules (Message::listParam)."""

    items: tuple[Any, ...]
    type: str = "text"


Param = Union[str, int, Plaintext, Raw, Num, ListParam, "Message"]


@dataclass(frozen=True)
class Message:
    """A message key with parameters, rendered lazily in whatever language is asked for."""

    key: str
    params: tuple[Any, ...] = field(default=())

    @classmethod
    def of(cls, key: str, *params: Any) -> Message:
        return cls(key, tuple(params))

    def raw_params(self) -> list[Any]:
        """The ``params`` array of errorformat=raw."""
        return [_raw_param(p) for p in self.params]


@dataclass(frozen=True)
class RawMessage(Message):
    """Mirrors RawMessage: the key is the message text itself (Status::getMessage() lists)."""


def _raw_param(p: Any) -> Any:
    if isinstance(p, Plaintext):
        return {"plaintext": p.value}
    if isinstance(p, Raw):
        return {"raw": p.value}
    if isinstance(p, Num):
        return {"num": p.value}
    if isinstance(p, ListParam):
        return {"list": [_raw_param(i) for i in p.items], "type": p.type}
    if isinstance(p, Message):
        return {"key": p.key, "params": p.raw_params()}
    return p


# --------------------------------------------------------------------------- catalogs


@cache
def catalog(lang: str) -> dict[str, str]:
    """All messages of one language, merged from every ``<area>/<lang>.json`` file."""
    merged: dict[str, str] = {}
    for path in sorted(CATALOG_DIR.glob(f"*/{lang}.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for key, value in data.items():
            if key != "@metadata":
                merged[key] = value
    return merged


def lookup(lang: str, key: str) -> str | None:
    """The message text in ``lang``, falling back to English (MediaWiki's fallback chain)."""
    text = catalog(lang).get(key)
    if text is None and lang != FALLBACK:
        text = catalog(FALLBACK).get(key)
    return text


def normalize_language(code: str | None) -> str:
    """Map a requested language code to one we have; unknown codes get English."""
    if not code:
        return FALLBACK
    code = code.lower()
    return code if code in SUPPORTED_LANGUAGES else FALLBACK


# --------------------------------------------------------------------------- language


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def plural_form(lang: str, n: float, forms: Sequence[str]) -> str:
    """Pick a {{PLURAL:}} form by CLDR rules, honouring explicit ``N=`` forms."""
    plain: list[str] = []
    for form in forms:
        m = re.match(r"^\s*(\d+)=(.*)$", form, re.S)
        if m:
            if float(m.group(1)) == n:
                return m.group(2)
            continue
        plain.append(form)
    if not plain:
        return ""
    category = _locale(lang).plural_form(abs(n))
    order = {"en": ["one", "other"], "uk": ["one", "few", "many", "other"]}.get(
        lang, ["one", "other"]
    )
    index = order.index(category) if category in order else len(order) - 1
    return plain[min(index, len(plain) - 1)]


def format_number(lang: str, n: int | float) -> str:
    """Language::formatNum: digit grouping as MediaWiki does it (uk uses a no-break space)."""
    text = f"{n:,}" if isinstance(n, int) else f"{n:,}".rstrip("0").rstrip(".")
    if lang == "uk":
        # Ukrainian groups digits only from five digits up (1000, 10 000).
        integer = str(abs(int(n)))
        if len(integer) < 5:
            text = text.replace(",", "")
        return text.replace(",", "\u00a0").replace(".", ",")
    return text


# --------------------------------------------------------------------------- formatter

_TEMPLATE = re.compile(r"\{\{((?:[^{}]|\{(?!\{)|\}(?!\}))*)\}\}")
_PARAM = re.compile(r"\$(\d+)")
_PIPE = "\x7fPIPE\x7f"


@dataclass
class MessageContext:
    """What the formatter needs from the wiki: its name, namespaces, gender lookups."""

    sitename: str = "rollwiki"
    namespace_name: Callable[[str], str | None] = lambda name: None
    gender_of: Callable[[str], str] = lambda name: "unknown"
    # {{MediaWiki:Foo}} transcludes the page, i.e. the message in the content language.
    content_language: str = FALLBACK


DEFAULT_CONTEXT = MessageContext()


class Formatter:
    """Renders messages in one language (Message::text() and friends)."""

    def __init__(self, lang: str, context: MessageContext = DEFAULT_CONTEXT) -> None:
        self.lang = normalize_language(lang)
        self.context = context

    # -- public API ---------------------------------------------------------------

    def exists(self, key: str) -> bool:
        return lookup(self.lang, key) is not None

    def text(self, msg: Message | str, *params: Any) -> str:
        """Message::text(): parameters substituted and ``{{...}}`` expanded; wikitext kept."""
        if isinstance(msg, str):
            msg = Message(msg, params)
        template = msg.key if isinstance(msg, RawMessage) else lookup(self.lang, msg.key)
        if template is None:
            return f"\u29fc{msg.key}\u29fd"
        return self.render_text(template, msg.params)

    def plain(self, msg: Message | str, *params: Any) -> str:
        """ApiErrorFormatter::stripMarkup( $msg->text() ): the bc/plaintext error text."""
        return strip_markup(self.text(msg, *params))

    def render_text(self, template: str, params: Sequence[Any]) -> str:
        after: dict[str, str] = {}

        def before(m: re.Match[str]) -> str:
            index = int(m.group(1)) - 1
            if index < 0 or index >= len(params):
                return m.group(0)
            value = params[index]
            if isinstance(value, Plaintext | Raw):
                marker = f"\x7fPARAM{len(after)}\x7f"
                after[marker] = value.value
                return marker
            return self.param_text(value)

        text = _PARAM.sub(before, template)
        text = self.expand(text)
        for marker, value in after.items():
            text = text.replace(marker, value)
        return text

    def param_text(self, value: Any) -> str:
        if isinstance(value, Message):
            return self.text(value)
        if isinstance(value, Num):
            return format_number(self.lang, value.value)
        if isinstance(value, ListParam):
            items = [self.param_text(i) for i in value.items]
            if value.type == "comma":
                return self._sep("comma-separator").join(items)
            if value.type == "semicolon":
                return self._sep("semicolon-separator").join(items)
            if value.type == "pipe":
                return self._sep("pipe-separator").join(items)
            return self.list_to_text(items)
        if isinstance(value, Plaintext | Raw):
            return value.value
        return str(value)

    def list_to_text(self, items: Sequence[str]) -> str:
        """Language::listToText: "a, b and c"."""
        if not items:
            return ""
        if len(items) == 1:
            return items[0]
        comma = self._sep("comma-separator")
        and_ = self._sep("and") + self._sep("word-separator")
        return comma.join(items[:-1]) + and_ + items[-1]

    def _sep(self, key: str) -> str:
        return decode_space(lookup(self.lang, key) or "")

    # -- {{...}} expansion ----------------------------------------------------------

    def expand(self, text: str) -> str:
        # {{!}} is a literal pipe that never separates arguments of an enclosing template
        # ({{PLURAL:$1|1=...|2=separate with <kbd>{{!}}</kbd>}}), so it is restored last.
        text = text.replace("{{!}}", _PIPE)
        for _ in range(20):
            new = _TEMPLATE.sub(self._expand_one, text)
            if new == text:
                break
            text = new
        return text.replace(_PIPE, "|")

    def _expand_one(self, m: re.Match[str]) -> str:
        inner = m.group(1)
        name, _, rest = inner.partition(":")
        fn = name.strip().lower()
        args = _split_args(rest) if rest or ":" in inner else []
        if fn == "plural" and args:
            number = _parse_number(args[0])
            return plural_form(self.lang, number, args[1:])
        if fn == "gender" and args:
            gender = self.context.gender_of(args[0].strip())
            forms = args[1:]
            if not forms:
                return ""
            index = {"male": 0, "female": 1}.get(gender, 2)
            return forms[min(index, len(forms) - 1)] if index < len(forms) else forms[0]
        if fn == "int" and args:
            key = args[0].strip()
            key = key[:1].lower() + key[1:]
            inner_text = lookup(self.lang, key)
            if inner_text is None:
                return f"\u29fc{key}\u29fd"
            return decode_space(self.render_text(inner_text, args[1:]))
        if fn == "sitename" and not rest:
            return self.context.sitename
        if fn == "ns" and args:
            resolved = self.context.namespace_name(args[0].strip())
            return resolved if resolved is not None else ""
        if fn == "formatnum" and args:
            try:
                return format_number(self.lang, int(args[0].strip()))
            except ValueError:
                return args[0]
        if fn in ("grammar", "bidi") and args:
            return args[-1]
        if fn == "#language" and args:
            return args[0]
        if fn.startswith("mediawiki") or name.strip().startswith("MediaWiki"):
            key = rest.strip() if rest else ""
            key = key[:1].lower() + key[1:]
            found = lookup(self.context.content_language, key)
            return self.expand(found) if found is not None else m.group(0)
        if fn in ("!",):
            return "|"
        return m.group(0)


def _split_args(text: str) -> list[str]:
    """Split template arguments on top-level pipes (links and nested templates kept whole)."""
    args: list[str] = []
    depth_link = depth_tpl = 0
    current: list[str] = []
    i = 0
    while i < len(text):
        two = text[i : i + 2]
        if two == "[[":
            depth_link += 1
            current.append(two)
            i += 2
            continue
        if two == "]]" and depth_link:
            depth_link -= 1
            current.append(two)
            i += 2
            continue
        if two == "{{":
            depth_tpl += 1
            current.append(two)
            i += 2
            continue
        if two == "}}" and depth_tpl:
            depth_tpl -= 1
            current.append(two)
            i += 2
            continue
        ch = text[i]
        if ch == "|" and not depth_link and not depth_tpl:
            args.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    args.append("".join(current))
    return args


def _parse_number(text: str) -> float:
    cleaned = text.strip().replace(",", "").replace("\u00a0", "")
    try:
        return float(cleaned)
    except ValueError:
        return 0.0


def decode_space(text: str) -> str:
    """Messages use ``&#32;`` for significant spaces; the preprocessor turns them into spaces."""
    return text.replace("&#32;", " ")


_MARKUP_TAGS = re.compile(r"</?(var|kbd|samp|code)>")
_ALL_TAGS = re.compile(r"<!--.*?-->|</?[A-Za-z][^>]*>", re.S)
_WS = re.compile(r"[\x20\r\n\t]+")


def strip_markup(text: str) -> str:
    """ApiErrorFormatter::stripMarkup + Sanitizer::stripAllTags (ASCII whitespace folds)."""
    text = _MARKUP_TAGS.sub('"', text)
    text = _ALL_TAGS.sub("", text)
    text = html.unescape(text)
    return _WS.sub(" ", text).strip()


def keys_in(langs: Iterable[str] = ("en",)) -> set[str]:
    """Every key defined in the given catalogs (used by the documentation tests)."""
    out: set[str] = set()
    for lang in langs:
        out.update(catalog(lang))
    return out
