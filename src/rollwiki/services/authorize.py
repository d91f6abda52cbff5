"""Page-level authorization: may this performer do this action on this page?

Mirrors PermissionManager::getPermissionErrors() of MediaWiki 1.39 for the actions rollwiki
serves (edit, create, rollback, protect, patrol, delete, move, move-target, upload): the same
checks in the same order, the same message keys and parameters.  The result is an ordered
list of :class:`ApiMessage` (never an exception), so that api.php can ``die`` with all of
them and the web UI can render them; blocks are already expressed the way the API reports
them (``apierror-blocked`` + ``blockinfo``, ApiBase::$blockMsgMap).

Order of checks (getPermissionErrorsInternal)::

    create:  quick, page restrictions, cascading sources, action checks, block
    others:  quick, special/namespace, site config, user config, page restrictions,
             cascading sources, action checks, block

``rigor="quick"`` (PermissionManager::RIGOR_QUICK) skips cascading protection and blocks;
it is what the web UI uses for "probably can" decisions such as showing a rollback link.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from ..api.errors import ApiMessage
from ..config import SiteConfig
from ..i18n.messages import Message
from ..storage.queries import links as lq
from ..storage.queries import pages as pq
from ..storage.queries import restrictions as rq
from . import blocks as blockservice
from . import configpages, timestamps
from .namespaces import (
    NS_CATEGORY,
    NS_FILE,
    NS_MAIN,
    NS_MEDIAWIKI,
    NS_SPECIAL,
    NS_USER,
    NS_USER_TALK,
)
from .performer import Performer
from .titles import Title
from .wiki import Wiki

RIGOR_QUICK = "quick"
RIGOR_SECURE = "secure"

# Actions that cannot change the content of user CSS/JS/JSON pages (T21818, T200176).
_SKIP_USER_CONFIG = frozenset(
    {"patrol", "delete", "deleterevision", "suppressrevision", "deletedhistory", "deletedtext"}
)
_BLOCK_CODES = {
    "apierror-blocked": "blocked",
    "apierror-blocked-partial": "blocked",
    "apierror-autoblocked": "autoblocked",
    "apierror-systemblocked": "blocked",
}
_CODE_PAGE = re.compile(r"\.(css|js|json)$")
_USER_CODE_PAGE = re.compile(r"/.*\.(js|css|json)$")
_MODEL_BY_EXT = {"js": "javascript", "css": "css", "json": "json"}


def default_content_model(title: Title) -> str:
    """Mirrors MainSlotRoleHandler::getDefaultModel() for the default namespaces."""
    if title.namespace == NS_MEDIAWIKI:
        m = _CODE_PAGE.search(title.text)
        if m:
            return _MODEL_BY_EXT[m.group(1)]
    if title.namespace == NS_USER:
        m = _USER_CODE_PAGE.search(title.text)
        if m:
            return _MODEL_BY_EXT[m.group(1)]
    return "wikitext"


def restriction_right(level: str) -> str:
    """Backwards compatibility of protection levels: sysop/autoconfirmed are rights now."""
    if level == "sysop":
        return "editprotected"
    if level == "autoconfirmed":
        return "editsemiprotected"
    return level


def read_only_message(config: SiteConfig) -> ApiMessage | None:
    """``readonlytext`` (code ``readonly``) when the wiki is read-only, else None."""
    if not config.read_only:
        return None
    return ApiMessage.of(
        "readonlytext", config.read_only, data={"readonlyreason": config.read_only}
    )


@dataclass
class _Target:
    """What the checks need to know about the page, loaded once per title."""

    title: Title
    page: dict[str, Any] | None
    restrictions: list[dict[str, Any]] = field(default_factory=list)
    protection: dict[str, Any] | None = None
    cascade: tuple[list[dict[str, Any]], dict[str, list[str]]] | None = None

    @property
    def exists(self) -> bool:
        return self.page is not None

    @property
    def model(self) -> str:
        if self.page is not None:
            return str(self.page["page_content_model"])
        return default_content_model(self.title)


class Authorizer:
    """Permission checks for one performer, on one connection, in one language."""

    def __init__(
        self,
        conn: Connection,
        wiki: Wiki,
        performer: Performer,
        lang: str = "en",
        rigor: str = RIGOR_SECURE,
    ) -> None:
        self.conn = conn
        self.wiki = wiki
        self.performer = performer
        self.lang = lang
        self.rigor = rigor
        self.now_ts = timestamps.mw_now()
        self._targets: dict[tuple[int, str], _Target] = {}
        self._block: blockservice.Block | None | bool = False  # False: not loaded yet

    # -- public --------------------------------------------------------------------------

    def errors(self, action: str, title: Title) -> list[ApiMessage]:
        """Mirrors PermissionManager::getPermissionErrors(): every reason, in order."""
        return self._errors(action, self._target(title), short=False)

    def errors_for(self, actions: Iterable[str], title: Title) -> list[ApiMessage]:
        """Several actions into one status (ApiBase::checkTitleUserPermissions): duplicates
        are dropped as StatusValue::fatal() drops them."""
        out: list[ApiMessage] = []
        for action in actions:
            for msg in self.errors(action, title):
                if msg not in out:
                    out.append(msg)
        return out

    def can(self, action: str, title: Title) -> bool:
        """Mirrors PermissionManager::userCan(): stops at the first reason."""
        return not self._errors(action, self._target(title), short=True)

    def preload(self, pages: Iterable[tuple[Title, int]]) -> None:
        """Load what the checks need for many existing pages in two queries (a listing's
        rollback links), instead of two per page."""
        wanted = {
            (t.namespace, t.dbkey): (t, pid)
            for t, pid in pages
            if pid and (t.namespace, t.dbkey) not in self._targets
        }
        if not wanted:
            return
        ids = [pid for _, pid in wanted.values()]
        rows = pq.pages_by_ids(self.conn, ids)
        restrictions = rq.restrictions_for_pages(self.conn, ids, self.now_ts)
        for key, (title, pid) in wanted.items():
            if pid in rows:
                target = _Target(title, rows[pid])
                target.restrictions = restrictions.get(pid, [])
                self._targets[key] = target

    # -- the pipeline ------------------------------------------------------------------------

    def _target(self, title: Title) -> _Target:
        key = (title.namespace, title.dbkey)
        target = self._targets.get(key)
        if target is None:
            page = None
            if title.namespace >= 0:
                page = pq.page_by_title(self.conn, title.namespace, title.dbkey)
            target = _Target(title, page)
            if page is not None:
                target.restrictions = rq.page_restrictions_of(
                    self.conn, page["page_id"], self.now_ts
                )
            elif title.namespace >= 0:
                target.protection = rq.title_protection(
                    self.conn, title.namespace, title.dbkey, self.now_ts
                )
            self._targets[key] = target
        return target

    def _errors(self, action: str, target: _Target, *, short: bool) -> list[ApiMessage]:
        if action == "create":
            checks = [
                self._quick,
                self._page_restrictions,
                self._cascading_sources,
                self._action_checks,
                self._block_check,
            ]
        else:
            checks = [
                self._quick,
                self._specials_and_namespaces,
                self._site_config,
                self._user_config,
                self._page_restrictions,
                self._cascading_sources,
                self._action_checks,
                self._block_check,
            ]
            if action in _SKIP_USER_CONFIG:
                checks.remove(self._user_config)
        errors: list[ApiMessage] = []
        for check in checks:
            check(action, target, errors, short)
            if short and errors:
                break
        unique: list[ApiMessage] = []
        for msg in errors:
            if msg not in unique:
                unique.append(msg)
        return unique

    def _has(self, *rights: str) -> bool:
        return self.performer.allowed(*rights)

    def _missing_right(self, action: str, short: bool) -> ApiMessage:
        if short:
            return ApiMessage.of("badaccess-group0")
        return ApiMessage.wrap(self.wiki.permissions.missing_right_message(action, self.lang))

    # -- checkQuickPermissions ------------------------------------------------------------------

    def _quick(self, action: str, target: _Target, errors: list[ApiMessage], short: bool) -> None:
        title = target.title
        namespaces = self.wiki.namespaces
        ns = title.namespace
        is_subpage = namespaces.has_subpages(ns) and "/" in title.text if ns >= 0 else False
        if action == "create":
            is_talk = ns >= 0 and namespaces.is_talk(ns)
            if (is_talk and not self._has("createtalk")) or (
                not is_talk and not self._has("createpage")
            ):
                key = "nocreate-loggedin" if self.performer.is_registered else "nocreatetext"
                errors.append(ApiMessage.of(key))
        elif action == "move":
            if not self._has("move-rootuserpages") and ns == NS_USER and not is_subpage:
                errors.append(ApiMessage.of("cant-move-user-page"))
            if ns == NS_FILE and not self._has("movefile"):
                errors.append(ApiMessage.of("movenotallowedfile"))
            if ns == NS_CATEGORY and not self._has("move-categorypages"):
                errors.append(ApiMessage.of("cant-move-category-page"))
            if not self._has("move"):
                perms = self.wiki.config.group_permissions
                logged_in_can = any("move" in perms.get(g, ()) for g in ("user", "autoconfirmed"))
                if self.performer.is_anon and logged_in_can:
                    errors.append(ApiMessage.of("movenologintext"))
                else:
                    errors.append(ApiMessage.of("movenotallowed"))
        elif action == "move-target":
            if not self._has("move"):
                errors.append(ApiMessage.of("movenotallowed"))
            elif not self._has("move-rootuserpages") and ns == NS_USER and not is_subpage:
                errors.append(ApiMessage.of("cant-move-to-user-page"))
            elif not self._has("move-categorypages") and ns == NS_CATEGORY:
                errors.append(ApiMessage.of("cant-move-to-category-page"))
        elif not self._has(action):
            errors.append(self._missing_right(action, short))

    # -- checkSpecialsAndNSPermissions -------------------------------------------------------

    def _specials_and_namespaces(
        self, action: str, target: _Target, errors: list[ApiMessage], short: bool
    ) -> None:
        ns = target.title.namespace
        if ns == NS_SPECIAL and action != "createaccount":
            errors.append(ApiMessage.of("ns-specialprotected"))
        required = self.wiki.config.namespace_protection.get(str(ns))
        if required is None:
            return
        rights = [required] if isinstance(required, str) else list(required)
        if self._has(*rights):
            return
        if ns == NS_MEDIAWIKI:
            errors.append(ApiMessage.of("protectedinterface", action))
        else:
            if ns == NS_MAIN:
                ns_text = self.wiki.formatter(self.lang).text(Message("nstab-main"))
            else:
                ns_text = self.wiki.namespaces.name(ns)
            errors.append(ApiMessage.of("namespaceprotected", ns_text, action))

    # -- checkSiteConfigPermissions / checkUserConfigPermissions ------------------------------

    def _site_config(
        self, action: str, target: _Target, errors: list[ApiMessage], short: bool
    ) -> None:
        errors.extend(
            configpages.site_config_errors(self.performer, action, target.title, target.model)
        )

    def _user_config(
        self, action: str, target: _Target, errors: list[ApiMessage], short: bool
    ) -> None:
        errors.extend(
            configpages.user_config_errors(
                self.conn,
                self.wiki,
                self.performer,
                action,
                target.title,
                target.page,
                target.model,
            )
        )

    # -- checkPageRestrictions / checkCascadingSourcesRestrictions -----------------------------

    def _levels(self, target: _Target, action: str) -> list[str]:
        """RestrictionStore::getRestrictions(): create protection for missing titles."""
        if target.page is None:
            if action == "create" and target.protection is not None:
                return [p for p in str(target.protection["pt_create_perm"]).strip().split(",")]
            return []
        return [r["pr_level"] for r in target.restrictions if r["pr_type"] == action]

    def _page_restrictions(
        self, action: str, target: _Target, errors: list[ApiMessage], short: bool
    ) -> None:
        cascading = any(r["pr_cascade"] for r in target.restrictions)
        for level in self._levels(target, action):
            right = restriction_right(level)
            if right == "":
                continue
            if not self._has(right):
                errors.append(ApiMessage.of("protectedpagetext", right, action))
            elif cascading and not self._has("protect"):
                errors.append(ApiMessage.of("protectedpagetext", "protect", action))

    def _cascade(self, target: _Target) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
        if target.cascade is None:
            title = target.title
            rows = lq.cascading_sources(self.conn, title.namespace, title.dbkey, self.now_ts)
            sources: dict[int, dict[str, Any]] = {}
            levels: dict[str, list[str]] = {}
            for row in rows:
                sources.setdefault(int(str(row["page_id"])), row)
                kind_levels = levels.setdefault(str(row["pr_type"]), [])
                if row["pr_level"] not in kind_levels:
                    kind_levels.append(str(row["pr_level"]))
            target.cascade = (list(sources.values()), levels)
        return target.cascade

    def _cascading_sources(
        self, action: str, target: _Target, errors: list[ApiMessage], short: bool
    ) -> None:
        if self.rigor == RIGOR_QUICK or target.title.namespace < 0:
            return
        if target.title.namespace == NS_USER and _is_user_config(target):
            return
        sources, levels = self._cascade(target)
        for level in levels.get(action, []):
            right = restriction_right(level)
            if right != "" and not self._has("protect", right):
                pages = "".join(
                    "* [[:"
                    + self.wiki.titles.format(int(str(s["page_namespace"])), _text(s))
                    + "]]\n"
                    for s in sources
                )
                errors.append(ApiMessage.of("cascadeprotected", len(sources), pages, action))

    # -- checkActionPermissions ---------------------------------------------------------------

    def _action_checks(
        self, action: str, target: _Target, errors: list[ApiMessage], short: bool
    ) -> None:
        title = target.title
        if action == "protect":
            if self._errors("edit", target, short=True):
                errors.append(ApiMessage.of("protect-cantedit"))
        elif action == "create":
            protection = target.protection
            if protection is not None:
                right = restriction_right(str(protection["pt_create_perm"]))
                if right == "" or not self._has(right):
                    errors.append(
                        ApiMessage.of(
                            "titleprotected",
                            str(protection["actor_name"] or ""),
                            str(protection["pt_reason"]),
                        )
                    )
        elif action in ("move", "move-target"):
            if title.namespace < 0:
                ns_text = self.wiki.namespaces.name(title.namespace)
                kind = "source" if action == "move" else "target"
                errors.append(ApiMessage.of(f"immobile-{kind}-namespace", ns_text))
        elif action in ("delete", "delete-redirect"):
            temp: list[ApiMessage] = []
            self._page_restrictions("edit", target, temp, True)
            if not temp:
                self._cascading_sources("edit", target, temp, True)
            if temp:
                errors.append(ApiMessage.of("deleteprotected"))
        elif action == "edit":
            if not target.exists:
                errors.extend(self._errors("create", target, short=True))

    # -- checkUserBlock --------------------------------------------------------------------------

    def block(self) -> blockservice.Block | None:
        """The performer's applicable block (loaded once)."""
        if self._block is False:
            self._block = blockservice.find_block(self.conn, self.performer)
        assert self._block is not True
        return self._block

    def _block_check(
        self, action: str, target: _Target, errors: list[ApiMessage], short: bool
    ) -> None:
        if self.rigor == RIGOR_QUICK or action in ("unblock", "read"):
            return
        block = self.block()
        if block is None or not _applies_to_right(block, action):
            return
        if not self._blocked_from(block, target):
            return
        key = blockservice.block_message_key(block)
        errors.append(
            ApiMessage.of(
                key,
                code=_BLOCK_CODES.get(key, "blocked"),
                data={"blockinfo": blockservice.blockinfo(block, self.lang)},
            )
        )

    def _blocked_from(self, block: blockservice.Block, target: _Target) -> bool:
        """Mirrors PermissionManager::isBlockedFrom(), own talk page included."""
        title = target.title
        page_id = target.page["page_id"] if target.page is not None else None
        if (
            self.performer.is_registered
            and title.namespace == NS_USER_TALK
            and title.text == self.performer.name
        ):
            if not block.sitewide:
                return block.applies_to_page(page_id, title.namespace)
            return not bool(block.row.get("ipb_allow_usertalk"))
        return block.applies_to_page(page_id, title.namespace)


def _applies_to_right(block: blockservice.Block, right: str) -> bool:
    """AbstractBlock::appliesToRight(): False only for rights a block never covers."""
    if right == "createaccount":
        return bool(block.row.get("ipb_create_account"))
    if right == "sendemail":
        return bool(block.row.get("ipb_block_email"))
    if right in ("read", "purge"):
        return False
    return True


def _is_user_config(target: _Target) -> bool:
    return "/" in target.title.text and target.model in ("css", "json", "javascript")


def _text(row: dict[str, Any]) -> str:
    return str(row["page_title"]).replace("_", " ")


# -- conveniences for callers ---------------------------------------------------------------


def permission_errors(
    conn: Connection,
    wiki: Wiki,
    performer: Performer,
    actions: str | Sequence[str],
    title: Title,
    *,
    lang: str = "en",
) -> list[ApiMessage]:
    """All reasons the performer may not do the action(s) on the title, in 1.39's order.

    ``authorize(conn, wiki, performer, ["edit", "rollback"], title, lang=...)`` is what
    ApiRollback's two authorizeWrite() calls collect into one status.
    """
    authorizer = Authorizer(conn, wiki, performer, lang)
    if isinstance(actions, str):
        return authorizer.errors(actions, title)
    return authorizer.errors_for(actions, title)


authorize = permission_errors


def probably_can(
    conn: Connection, wiki: Wiki, performer: Performer, action: str, title: Title
) -> bool:
    """Mirrors Authority::probablyCan(): quick rigor (no blocks, no cascading protection)."""
    return Authorizer(conn, wiki, performer, rigor=RIGOR_QUICK).can(action, title)
