"""Page titles: MediaWiki's title parser (normalisation, validity rules) and formatter."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from rollwiki.services.ip import sanitize_ip
from rollwiki.services.namespaces import (
    NS_FILE,
    NS_MAIN,
    NS_MEDIA,
    NS_MEDIAWIKI,
    NS_SPECIAL,
    NS_TALK,
    NS_USER,
    NS_USER_TALK,
    NamespaceTable,
)
from rollwiki.services.textnormal import REPLACEMENT, decode_char_references_and_normalize

# Bidi marks and overrides that slip into copy-pasted titles (T4408); removed, not folded.
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e]+")
# Every Unicode space MediaWiki folds into "_" (title whitespace).
_SPACES = re.compile("[ _\u00a0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
# `.` does not match a newline and `$` also matches before a final newline, in PCRE and in
# Python alike; "Talk:Foo\n" therefore loses its newline here exactly as in MediaWiki.
_PREFIX = re.compile(r"^(.+?)_*:_*(.*)$")
# Default $wgLegalTitleChars. PCRE matches it against bytes, so its \x80-\xFF admits every
# non-ASCII character.
LEGAL_TITLE_CHARS = " %!\"$&'()*,\\-./0-9:;=?@A-Z\\\\^_`a-z~\u0080-\U0010ffff+"
# MediaWikiTitleCodec::getTitleInvalidRegex(): illegal characters, percent-encodings (they
# break round-tripping through URLs) and character references that survived decoding.
_INVALID = re.compile(f"[^{LEGAL_TITLE_CHARS}]|%[0-9A-Fa-f]{{2}}|&[A-Za-z0-9\u0080-\U0010ffff]+;")
_SURROGATES = re.compile("[\ud800-\udfff]")
# TitleValue::assertValidSpec().
_UNSPEC_TEXT = re.compile(r"^[_ ]|[\r\n\t]|[_ ]$")
_ASCII_LOWER = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}
# NamespaceInfo::$alwaysCapitalizedNamespaces: capitalised even when $wgCapitalLinks is false.
_ALWAYS_CAPITALIZED = frozenset({NS_SPECIAL, NS_USER, NS_MEDIAWIKI})
MAX_TITLE_BYTES = 255
MAX_SPECIAL_TITLE_BYTES = 512


@dataclass(frozen=True)
class Title:
    """Mirrors TitleValue: namespace, main text (with spaces), fragment and interwiki."""

    namespace: int
    text: str
    fragment: str = ""
    interwiki: str = ""

    @property
    def dbkey(self) -> str:
        return self.text.replace(" ", "_")

    @property
    def is_external(self) -> bool:
        """Mirrors TitleValue::isExternal()."""
        return self.interwiki != ""


class MalformedTitle(ValueError):
    """Mirrors MalformedTitleException: MediaWiki's message key, its params and the input."""

    def __init__(self, key: str, text: str, params: tuple[str | int, ...] = ()) -> None:
        super().__init__(f"{key}: {text!r}")
        self.key = key
        self.text = text
        self.params = params


def ucfirst(text: str) -> str:
    """Mirrors Language::ucfirst() for English: full upper-casing of the first character.

    PHP's mb_strtoupper() does full case mapping like str.upper() ("ß" gives "SS",
    "ǆ" gives "Ǆ"; checked against MediaWiki 1.39.17).
    """
    return text[:1].upper() + text[1:]


class TitleParser:
    """Mirrors MediaWikiTitleCodec: parses and formats titles for one wiki's configuration."""

    def __init__(
        self,
        namespaces: NamespaceTable,
        interwiki_prefixes: Callable[[str], bool] | Collection[str] = (),
        capital_links: bool = True,
        local_interwikis: Iterable[str] = (),
        main_page: str = "Main Page",
    ) -> None:
        self.namespaces = namespaces
        if callable(interwiki_prefixes):
            self._is_interwiki: Callable[[str], bool] = interwiki_prefixes
        else:
            known = frozenset(prefix.lower() for prefix in interwiki_prefixes)
            self._is_interwiki = known.__contains__
        self.capital_links = capital_links
        self.local_interwikis = tuple(local_interwikis)
        self.main_page = main_page

    def is_interwiki(self, prefix: str) -> bool:
        """Mirrors InterwikiLookup::isValidInterwiki(): prefixes are matched lower-cased."""
        return prefix != "" and self._is_interwiki(prefix.lower())

    def is_capitalized(self, namespace: int) -> bool:
        """Mirrors NamespaceInfo::isCapitalized(): decided by the subject namespace.

        The table's "case" plays $wgCapitalLinkOverrides; ``capital_links=False`` makes every
        namespace but Special, User and MediaWiki case-sensitive.
        """
        subject = self.namespaces.subject(NS_FILE if namespace == NS_MEDIA else namespace)
        if subject in _ALWAYS_CAPITALIZED:
            return True
        if not self.capital_links:
            return False
        return subject not in self.namespaces or self.namespaces.is_capitalized(subject)

    def parse(self, text: str, default_namespace: int = NS_MAIN) -> Title:
        """Mirrors MediaWikiTitleCodec::parseTitle() (and Title::newFromTextThrow()).

        Character references are decoded first, so "A&amp;B" is the title "A&B".
        Raises MalformedTitle.
        """
        return self.split(decode_char_references_and_normalize(text), default_namespace)

    def make(
        self, namespace: int, text: str, fragment: str = "", interwiki: str = ""
    ) -> Title | None:
        """Mirrors MediaWikiTitleCodec::makeTitleValueSafe(); None if the pair is invalid.

        As in MediaWiki the text is parsed after the canonical namespace name, so
        make(0, "Talk:Foo") is the talk page and make(2, "Talk:Foo") a user page.
        """
        canonical = self.namespaces.canonical_name(namespace)
        if canonical is None:
            return None
        full_text = f"{canonical}:{text}" if canonical else text
        if interwiki:
            full_text = f"{interwiki}:{full_text}"
        if fragment:
            full_text = f"{full_text}#{fragment}"
        try:
            return self.split(full_text)
        except MalformedTitle:
            return None

    def split(self, text: str, default_namespace: int = NS_MAIN) -> Title:
        """Mirrors MediaWikiTitleCodec::splitTitleString(), the source of truth for validity.

        Raises MalformedTitle with MediaWiki's message key.
        """
        if _SURROGATES.search(text):
            raise MalformedTitle("title-invalid-utf8", text)
        dbkey = _BIDI.sub("", text.replace(" ", "_"))
        dbkey = _SPACES.sub("_", dbkey).strip("_")
        if REPLACEMENT in dbkey:
            raise MalformedTitle("title-invalid-utf8", text)

        namespace = default_namespace
        # A leading colon means the main namespace, whatever the default.
        if dbkey.startswith(":"):
            namespace = NS_MAIN
            dbkey = dbkey[1:].strip("_")
        if dbkey == "":
            raise MalformedTitle("title-invalid-empty", text)

        resolved = self._split_prefixes(text, dbkey, namespace)
        if isinstance(resolved, Title):
            return resolved
        namespace, interwiki, dbkey = resolved

        fragment = ""
        dbkey, hash_sign, rest = dbkey.partition("#")
        if hash_sign:
            fragment = rest.replace("_", " ")
            # So that "Foo_bar_#x" does not end in "_".
            dbkey = dbkey.rstrip("_")

        dbkey = self._checked_text(text, dbkey, namespace, interwiki)
        return Title(namespace, dbkey.replace("_", " "), fragment, interwiki)

    def _split_prefixes(
        self, text: str, dbkey: str, namespace: int
    ) -> tuple[int, str, str] | Title:
        """The namespace-or-interwiki step of splitTitleString()."""
        interwiki = ""
        while True:
            match = _PREFIX.match(dbkey)
            if not match:
                break
            prefix = match.group(1)
            ns = self.namespaces.lookup(prefix)
            if ns is not None:
                dbkey = match.group(2)
                namespace = ns
                # Disallow Talk:File:x and Talk:Interwiki:x, which would have no subject page.
                if ns == NS_TALK:
                    inner = _PREFIX.match(dbkey)
                    if inner and (
                        self.namespaces.lookup(inner.group(1)) not in (None, NS_MAIN)
                        or self.is_interwiki(inner.group(1))
                    ):
                        raise MalformedTitle("title-invalid-talk-namespace", text)
            elif self.is_interwiki(prefix):
                dbkey = match.group(2)
                interwiki = prefix.lower()
                if self._is_local_interwiki(interwiki):
                    if dbkey == "":
                        # An empty self-link goes to the main page (cross-wiki transclusion).
                        return self.parse(self.main_page)
                    # Like an initial-colon link: split once more for a namespace.
                    interwiki = ""
                    continue
                if dbkey.startswith(":"):
                    namespace = NS_MAIN
                    dbkey = dbkey[1:].strip("_")
            break
        return namespace, interwiki, dbkey

    def _is_local_interwiki(self, prefix: str) -> bool:
        # strcasecmp(): ASCII-only case folding.
        return any(_ascii_lower(prefix) == _ascii_lower(local) for local in self.local_interwikis)

    def _checked_text(self, text: str, dbkey: str, namespace: int, interwiki: str) -> str:
        """The character, shape and length checks of splitTitleString(); returns the dbkey."""
        invalid = _INVALID.search(dbkey)
        if invalid:
            raise MalformedTitle("title-invalid-characters", text, (invalid.group(0),))
        # "/./" and "/../" break relative URLs and clash with subpage syntax.
        if "." in dbkey and (
            dbkey in (".", "..")
            or dbkey.startswith(("./", "../"))
            or "/./" in dbkey
            or "/../" in dbkey
            or dbkey.endswith(("/.", "/.."))
        ):
            raise MalformedTitle("title-invalid-relative", text)
        if "~~~" in dbkey:
            raise MalformedTitle("title-invalid-magic-tilde", text)
        # Special pages are never stored, and Special:Block/<long name> may exceed 255 bytes.
        max_bytes = MAX_SPECIAL_TITLE_BYTES if namespace == NS_SPECIAL else MAX_TITLE_BYTES
        if len(dbkey.encode("utf-8")) > max_bytes:
            raise MalformedTitle("title-invalid-too-long", text, (max_bytes,))
        # Other wikis may be case-sensitive, so interwiki titles keep their case.
        if interwiki == "" and self.is_capitalized(namespace):
            dbkey = ucfirst(dbkey)
        if dbkey == "" and interwiki == "" and namespace != NS_MAIN:
            raise MalformedTitle("title-invalid-empty", text)
        # One spelling per IP address for user pages, so "User:::1" works and matches edits.
        if namespace in (NS_USER, NS_USER_TALK):
            dbkey = sanitize_ip(dbkey) or ""
        if dbkey.startswith(":"):
            raise MalformedTitle("title-invalid-leading-colon", text)
        # TitleValue::assertValidSpec(), the final consistency check.
        if _UNSPEC_TEXT.search(dbkey):
            raise MalformedTitle("title-invalid", text, (f"invalid name '{dbkey}'",))
        if dbkey == "" and namespace != NS_MAIN:
            raise MalformedTitle(
                "title-invalid", text, ("should not be empty unless namespace is main",)
            )
        return dbkey

    def namespace_text(self, namespace: int) -> str:
        """Mirrors MediaWikiTitleCodec::getNamespaceName(), with spaces."""
        if namespace not in self.namespaces:
            raise ValueError(f"Unknown namespace ID: {namespace}")
        return self.namespaces.name(namespace)

    def format(self, namespace: int, text: str, fragment: str = "", interwiki: str = "") -> str:
        """Mirrors MediaWikiTitleCodec::formatTitle(): "iw:Namespace:Text#fragment"."""
        out = f"{interwiki}:" if interwiki else ""
        if namespace != NS_MAIN:
            if namespace in self.namespaces:
                out += self.namespaces.name(namespace) + ":"
            else:
                # T165149: better than silently linking to the main namespace.
                out += f"{self.namespaces.name(NS_SPECIAL)}:Badtitle/NS{namespace}:"
        out += text
        if fragment:
            out += f"#{fragment}"
        return out.replace("_", " ")

    def prefixed_text(self, title: Title) -> str:
        """Mirrors TitleFormatter::getPrefixedText(): "Talk:Foo bar"."""
        return self.format(title.namespace, title.text, "", title.interwiki)

    def prefixed_dbkey(self, title: Title) -> str:
        """Mirrors TitleFormatter::getPrefixedDBkey(): "Talk:Foo_bar"."""
        return self.prefixed_text(title).replace(" ", "_")

    def full_text(self, title: Title) -> str:
        """Mirrors TitleFormatter::getFullText(): prefixed text plus "#fragment"."""
        return self.format(title.namespace, title.text, title.fragment, title.interwiki)

    def talk(self, title: Title) -> Title:
        """Mirrors NamespaceInfo::getTalkPage(); ValueError where no talk page can exist."""
        if title.text == "":
            raise ValueError("a section-only link has no talk page")
        if title.interwiki:
            raise ValueError("an interwiki link has no talk page")
        if self.namespaces.is_talk(title.namespace):
            return title
        return Title(self.namespaces.talk(title.namespace), title.text)

    def subject(self, title: Title) -> Title:
        """Mirrors NamespaceInfo::getSubjectPage()."""
        if not self.namespaces.is_talk(title.namespace):
            return title
        return Title(self.namespaces.subject(title.namespace), title.text)


def _ascii_lower(text: str) -> str:
    return text.translate(_ASCII_LOWER)
