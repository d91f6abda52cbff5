"""The wiki's namespaces: ids, local and canonical names, aliases and per-namespace flags."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

NS_MEDIA = -2
NS_SPECIAL = -1
NS_MAIN = 0
NS_TALK = 1
NS_USER = 2
NS_USER_TALK = 3
NS_PROJECT = 4
NS_PROJECT_TALK = 5
NS_FILE = 6
NS_FILE_TALK = 7
NS_MEDIAWIKI = 8
NS_MEDIAWIKI_TALK = 9
NS_TEMPLATE = 10
NS_TEMPLATE_TALK = 11
NS_HELP = 12
NS_HELP_TALK = 13
NS_CATEGORY = 14
NS_CATEGORY_TALK = 15


@dataclass(frozen=True)
class Namespace:
    """One namespace as meta=siteinfo&siprop=namespaces reports it.

    ``name`` is the local name with spaces ("" for the main namespace); ``canonical`` is the
    language-independent name, None when it equals the local name.
    """

    id: int
    name: str
    canonical: str | None = None
    case: str = "first-letter"
    subpages: bool = False
    content: bool = False


def _key(name: str) -> str:
    """Lookup key: MediaWiki compares lower-cased names in their underscore (dbkey) form."""
    return name.replace(" ", "_").lower()


# MessagesEn.php names plus 1.39's $wgNamespacesWithSubpages and $wgContentNamespaces.
_DEFAULTS: tuple[tuple[int, str, bool], ...] = (
    (NS_MEDIA, "Media", False),
    (NS_SPECIAL, "Special", False),
    (NS_MAIN, "", False),
    (NS_TALK, "Talk", True),
    (NS_USER, "User", True),
    (NS_USER_TALK, "User talk", True),
    (NS_PROJECT, "Project", True),
    (NS_PROJECT_TALK, "Project talk", True),
    (NS_FILE, "File", False),
    (NS_FILE_TALK, "File talk", True),
    (NS_MEDIAWIKI, "MediaWiki", True),
    (NS_MEDIAWIKI_TALK, "MediaWiki talk", True),
    (NS_TEMPLATE, "Template", True),
    (NS_TEMPLATE_TALK, "Template talk", True),
    (NS_HELP, "Help", True),
    (NS_HELP_TALK, "Help talk", True),
    (NS_CATEGORY, "Category", False),
    (NS_CATEGORY_TALK, "Category talk", True),
)
_DEFAULT_ALIASES: Mapping[str, int] = {"Image": NS_FILE, "Image talk": NS_FILE_TALK}


class NamespaceTable:
    """Mirrors NamespaceInfo plus Language's namespace name tables (getNsText, getNsIndex)."""

    def __init__(self, namespaces: Iterable[Namespace], aliases: Mapping[str, int]) -> None:
        self._by_id: dict[int, Namespace] = {ns.id: ns for ns in sorted(namespaces, key=_id)}
        self._aliases = dict(aliases)
        self._index: dict[str, int] = {}
        # Same precedence as Language::getNsIndex(): aliases override local names, and
        # canonical names override both.
        for ns in self._by_id.values():
            self._index[_key(ns.name)] = ns.id
        for alias, ns_id in self._aliases.items():
            self._index[_key(alias)] = ns_id
        for ns in self._by_id.values():
            self._index[_key(ns.canonical if ns.canonical is not None else ns.name)] = ns.id

    @classmethod
    def default(cls, meta_namespace: str = "Project") -> NamespaceTable:
        """MediaWiki 1.39's default namespaces for an English wiki named ``meta_namespace``."""
        namespaces = []
        for ns_id, name, subpages in _DEFAULTS:
            canonical: str | None = None
            if ns_id == NS_PROJECT:
                canonical, name = name, meta_namespace
            elif ns_id == NS_PROJECT_TALK:
                # MessagesEn.php names it '$1_talk', $1 being $wgMetaNamespace.
                canonical, name = name, f"{meta_namespace} talk"
            namespaces.append(
                Namespace(ns_id, name, canonical, subpages=subpages, content=ns_id == NS_MAIN)
            )
        return cls(namespaces, _DEFAULT_ALIASES)

    @classmethod
    def from_config(
        cls, namespaces: Sequence[Mapping[str, Any]], aliases: Sequence[Mapping[str, Any]]
    ) -> NamespaceTable:
        """Build from the "list" and "aliases" members of fixtures.json's "namespaces"."""
        table = [
            Namespace(
                id=int(entry["id"]),
                name=str(entry["name"]),
                canonical=None if entry.get("canonical") is None else str(entry["canonical"]),
                case=str(entry.get("case", "first-letter")),
                subpages=bool(entry.get("subpages", False)),
                content=bool(entry.get("content", False)),
            )
            for entry in namespaces
        ]
        return cls(table, {str(a["alias"]): int(a["id"]) for a in aliases})

    def __iter__(self) -> Iterator[Namespace]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, ns_id: object) -> bool:
        return ns_id in self._by_id

    @property
    def aliases(self) -> Mapping[str, int]:
        return dict(self._aliases)

    def ids(self) -> list[int]:
        return list(self._by_id)

    def get(self, ns_id: int) -> Namespace:
        """The namespace with this id; KeyError when the wiki has none."""
        return self._by_id[ns_id]

    def lookup(self, name: str) -> int | None:
        """Mirrors Language::getNsIndex(): canonical, local or alias name, any case.

        Spaces and underscores are interchangeable; None when no namespace has the name.
        """
        return self._index.get(_key(name))

    def name(self, ns_id: int) -> str:
        """Mirrors Language::getNsText() with spaces: the local name, "" for the main one."""
        return self._by_id[ns_id].name

    def canonical_name(self, ns_id: int) -> str | None:
        """Mirrors NamespaceInfo::getCanonicalName(); None for an unknown id."""
        ns = self._by_id.get(ns_id)
        if ns is None:
            return None
        return ns.canonical if ns.canonical is not None else ns.name

    def is_talk(self, ns_id: int) -> bool:
        """Mirrors NamespaceInfo::isTalk()."""
        return ns_id > NS_MAIN and ns_id % 2 == 1

    def subject(self, ns_id: int) -> int:
        """Mirrors NamespaceInfo::getSubject(); virtual namespaces are their own subject."""
        if ns_id < NS_MAIN:
            return ns_id
        return ns_id & ~1

    def talk(self, ns_id: int) -> int:
        """Mirrors NamespaceInfo::getTalk(); Special and Media have no talk namespace."""
        if ns_id < NS_MAIN:
            raise ValueError(f"namespace {ns_id} cannot have a talk namespace")
        return ns_id | 1

    def has_subpages(self, ns_id: int) -> bool:
        """Mirrors NamespaceInfo::hasSubpages()."""
        ns = self._by_id.get(ns_id)
        return ns is not None and ns.subpages

    def is_content(self, ns_id: int) -> bool:
        """Mirrors NamespaceInfo::isContent()."""
        ns = self._by_id.get(ns_id)
        return ns is not None and ns.content

    def is_capitalized(self, ns_id: int) -> bool:
        """Whether titles in the namespace get an upper-case first letter (siteinfo "case")."""
        ns = self._by_id.get(ns_id)
        return ns is not None and ns.case == "first-letter"


def _id(ns: Namespace) -> int:
    return ns.id
