"""One index.php request as the web views see it (Mirrors RequestContext + WebRequest).

The session and performer are loaded exactly as api.php loads them (the same cookie, the
same table), so a login through either is valid on both.
"""

from __future__ import annotations

import html as htmllib
import secrets
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import quote, urlencode

from markupsafe import Markup
from sqlalchemy import Connection

from ..api.request import RequestParams
from ..i18n.messages import Formatter, Message, Raw, normalize_language
from ..services.performer import Performer, anonymous, load_performer
from ..services.sessions import Session
from ..services.titles import Title
from ..services.wiki import Wiki
from .messages import parse_message

_FALSE_VALUES = ("", "0", "false")


@dataclass
class WebContext:
    """Request state for the views: parameters, session, performer, language, output helpers."""

    wiki: Wiki
    params: RequestParams
    session: Session
    performer: Performer
    ip: str
    lang: str = "en"
    headers: dict[str, str] = field(default_factory=dict)
    # Markers for HTML parameters of parsed messages; random so user text cannot forge them.
    nonce: str = field(default_factory=lambda: secrets.token_hex(6))

    @classmethod
    def load(
        cls,
        wiki: Wiki,
        params: RequestParams,
        ip: str,
        session_id: str | None,
        headers: dict[str, str] | None = None,
    ) -> WebContext:
        """Load the session and its performer (same as ApiMain._identify), pick the language."""

        def load(conn: Connection) -> tuple[Session, Performer]:
            session = wiki.sessions.load(conn, session_id)
            performer = load_performer(
                conn, session, ip, wiki.permissions, wiki.config.default_user_options
            )
            return session, performer

        session, performer = wiki.db.read(load)
        ctx = cls(wiki, params, session, performer, ip, headers=dict(headers or {}))
        ctx.lang = ctx.user_language()
        return ctx

    def user_language(self) -> str:
        """Mirrors RequestContext::getLanguage(): ``uselang``, else the user's preference."""
        uselang = self.params.peek("uselang")
        if uselang and uselang not in ("user", "content"):
            return normalize_language(uselang)
        if uselang == "content":
            return normalize_language(self.wiki.config.language)
        pref = self.performer.option("language") or self.wiki.config.language
        return normalize_language(str(pref))

    def relog(self, performer: Performer) -> None:
        """After a login or logout within this request: the new performer and language."""
        self.performer = performer
        self.lang = self.user_language()
        self.__dict__.pop("formatter", None)

    def reload_performer(self) -> None:
        wiki = self.wiki

        def load(conn: Connection) -> Performer:
            return load_performer(
                conn, self.session, self.ip, wiki.permissions, wiki.config.default_user_options
            )

        self.relog(
            wiki.db.read(load) if self.session.user_id else anonymous(self.ip, wiki.permissions)
        )

    # -- parameters (WebRequest) ------------------------------------------------------------

    def get(self, name: str, default: str | None = None) -> str | None:
        value = self.params.get(name)
        return default if value is None else value

    def text(self, name: str, default: str = "") -> str:
        """WebRequest::getText(): the value with CR/LF normalised."""
        value = self.params.get(name)
        return default if value is None else value.replace("\r\n", "\n")

    def get_bool(self, name: str, default: bool = False) -> bool:
        """WebRequest::getBool(): PHP truthiness of the value."""
        value = self.params.get(name)
        if value is None:
            return default
        return value not in ("", "0")

    def get_fuzzy_bool(self, name: str, default: bool = False) -> bool:
        """WebRequest::getFuzzyBool(): "false" is false too."""
        value = self.params.get(name)
        if value is None:
            return default
        return value.lower() not in _FALSE_VALUES

    def get_check(self, name: str) -> bool:
        return self.params.has(name)

    def get_int(self, name: str, default: int = 0) -> int:
        """WebRequest::getInt(): PHP's intval() of the value."""
        value = self.params.get(name)
        if value is None:
            return default
        digits = ""
        stripped = value.strip()
        for i, ch in enumerate(stripped):
            if ch.isdigit() or (i == 0 and ch in "+-"):
                digits += ch
            else:
                break
        try:
            return int(digits)
        except ValueError:
            return 0

    @property
    def posted(self) -> bool:
        return self.params.was_posted

    # -- messages ---------------------------------------------------------------------------

    @cached_property
    def formatter(self) -> Formatter:
        return self.wiki.formatter(self.lang)

    def msg(self, key: str, *params: Any) -> str:
        """Message::text() in the user language (plain text; the templates escape it)."""
        # Message::escaped() leaves character references as they are (double_encode off).
        return htmllib.unescape(self.formatter.text(Message(key, params)))

    def msg_html(self, key: str, *params: Any, block: bool = False) -> Markup:
        """Message::parse() (or parseAsBlock()); ``Markup`` parameters are raw HTML."""
        return self.parse(Message(key, params), block=block)

    def parse(self, message: Message, *, block: bool = False) -> Markup:
        raw: dict[str, str] = {}

        def swap(value: Any) -> Any:
            if isinstance(value, Markup):
                marker = f"QXRAW{self.nonce}N{len(raw)}XQ"
                raw[marker] = str(value)
                return Raw(marker)
            if isinstance(value, Message):
                return type(value)(value.key, tuple(swap(p) for p in value.params))
            return value

        swapped = type(message)(message.key, tuple(swap(p) for p in message.params))
        wikitext = self.formatter.text(swapped)
        html = parse_message(self.wiki, wikitext, self.lang, block=block)
        for marker, value in raw.items():
            html = html.replace(marker, value)
        return Markup(html)

    # -- tokens -----------------------------------------------------------------------------

    def token(self, token_type: str = "csrf") -> str:
        return self.session.token(token_type, anonymous=self.performer.is_anon)

    def match_token(self, token_type: str, value: str | None) -> bool:
        if value is None:
            return False
        return self.session.match(token_type, value, anonymous=self.performer.is_anon)

    # -- URLs -------------------------------------------------------------------------------

    def url(self, title: Title | str, query: dict[str, Any] | None = None) -> str:
        """Title::getLocalURL(): the article path, or index.php with a query."""
        wiki = self.wiki
        if isinstance(title, str):
            name = title.replace(" ", "_")
        else:
            name = wiki.titles.prefixed_dbkey(title)
        fragment = ""
        if isinstance(title, Title) and title.fragment:
            fragment = "#" + quote(title.fragment.replace(" ", "_"), safe="/:@!$()*,;~'.")
        if not query:
            key = wf_urlencode(name)
            return wiki.config.article_path.replace("$1", key) + fragment
        rest = urlencode({k: ("" if v is None else str(v)) for k, v in query.items()})
        return f"{wiki.script_url()}?title={wf_urlencode(name)}&{rest}{fragment}"

    def special_url(self, name: str, sub: str | None = None, **query: Any) -> str:
        page = f"Special:{name}" + (f"/{sub}" if sub else "")
        return self.url(page, query or None)

    def full_url(self, local: str) -> str:
        return self.wiki.config.base_url + local


def wf_urlencode(text: str) -> str:
    """wfUrlencode(): titles in URLs keep ``:/`` and friends readable."""
    return quote(text, safe=";@$!*(),/~:")
