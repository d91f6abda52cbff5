"""The HTTP-free composition of one wiki: configuration, database and the services on them.

``create_app()`` builds one ``Wiki`` per process; CLI commands and tests build their own.
Everything request-specific lives in :class:`RequestContext`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, select

from ..config import Settings, SiteConfig
from ..i18n.messages import Formatter, MessageContext
from ..storage.database import Database
from ..storage.queries.site import load_overrides
from ..storage.schema import interwiki
from .namespaces import NamespaceTable
from .performer import Performer
from .permissions import PermissionService
from .sessions import Session, SessionService
from .titles import Title, TitleParser
from .usernames import UserNameUtils

if TYPE_CHECKING:
    from .rollback import RollbackService


def load_site_config(conn: Connection, base: SiteConfig | None = None) -> SiteConfig:
    """The stored overrides applied to MediaWiki's defaults."""
    overrides = load_overrides(conn)
    known = set(SiteConfig.field_names())
    return (base or SiteConfig()).with_overrides({k: v for k, v in overrides.items() if k in known})


class Wiki:
    """One wiki's services.  Cheap to build; heavy objects are created lazily."""

    def __init__(self, settings: Settings, db: Database, config: SiteConfig) -> None:
        self.settings = settings
        self.db = db
        self.config = config
        self._interwiki: set[str] | None = None

    @classmethod
    def open(cls, settings: Settings, *, create: bool = True) -> Wiki:
        """Open (and if needed create) the database named by the settings."""
        settings.data.mkdir(parents=True, exist_ok=True)
        db = Database(settings.database_url())
        if create:
            from ..storage.migrate import ensure_schema

            ensure_schema(db)
        config = db.read(load_site_config)
        return cls(settings, db, config)

    def reload_config(self) -> None:
        self.config = self.db.read(load_site_config)
        for name in ("namespaces", "titles", "usernames", "permissions", "message_context"):
            self.__dict__.pop(name, None)
        self._interwiki = None

    # -- naming ---------------------------------------------------------------------

    @cached_property
    def namespaces(self) -> NamespaceTable:
        if self.config.namespaces:
            return NamespaceTable.from_config(
                self.config.namespaces, self.config.namespace_aliases or []
            )
        return NamespaceTable.default(self.config.project_namespace)

    def interwiki_prefixes(self) -> set[str]:
        if self._interwiki is None:
            self._interwiki = self.db.read(
                lambda conn: {r[0].lower() for r in conn.execute(select(interwiki.c.iw_prefix))}
            )
        return self._interwiki

    def is_interwiki(self, prefix: str) -> bool:
        return prefix.lower() in self.interwiki_prefixes()

    @cached_property
    def titles(self) -> TitleParser:
        return TitleParser(
            self.namespaces, self.is_interwiki, capital_links=self.config.capital_links
        )

    @cached_property
    def usernames(self) -> UserNameUtils:
        return UserNameUtils(self.titles)

    @cached_property
    def permissions(self) -> PermissionService:
        return PermissionService(self.config)

    @cached_property
    def sessions(self) -> SessionService:
        return SessionService()

    @cached_property
    def message_context(self) -> MessageContext:
        def ns_name(name: str) -> str | None:
            if name.lstrip("-").isdigit():
                return self.namespaces.name(int(name))
            ns = self.namespaces.lookup(name)
            return self.namespaces.name(ns) if ns is not None else None

        return MessageContext(
            sitename=self.config.sitename,
            namespace_name=ns_name,
            content_language=self.config.language,
        )

    @cached_property
    def rollback(self) -> RollbackService:
        from .rollback import make_rollback_service

        return make_rollback_service(self)

    def formatter(self, lang: str) -> Formatter:
        return Formatter(lang, self.message_context)

    # -- URLs -----------------------------------------------------------------------------

    def prefixed(self, title: Title) -> str:
        return self.titles.prefixed_text(title)

    def api_url(self) -> str:
        return f"{self.config.base_url}{self.config.script_path}/api.php"

    def script_url(self) -> str:
        return f"{self.config.script_path}/index.php"

    def article_url(self, title: Title, *, absolute: bool = False) -> str:
        from urllib.parse import quote

        key = quote(self.titles.prefixed_dbkey(title), safe="/:@!$()*,;~'")
        path = self.config.article_path.replace("$1", key)
        return f"{self.config.base_url}{path}" if absolute else path


@dataclass
class RequestContext:
    """Everything about one request that services may need, without HTTP."""

    wiki: Wiki
    performer: Performer
    session: Session
    ip: str
    lang: str = "en"
    request_id: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def config(self) -> SiteConfig:
        return self.wiki.config
