"""Groups, rights and grants (Mirrors GroupPermissionsLookup, UserGroupManager, GrantsInfo).

Page-level checks (protection, blocks) build on these in :mod:`rollwiki.services.authorize`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..config import SiteConfig
from ..i18n.messages import Message, lookup


class PermissionService:
    """Rights of groups and sessions, from the site configuration."""

    def __init__(self, config: SiteConfig) -> None:
        self.config = config

    # -- groups ------------------------------------------------------------------------

    def effective_groups(
        self,
        explicit: Sequence[str],
        *,
        registered: bool,
        editcount: int = 0,
        age_seconds: float = 0,
    ) -> list[str]:
        """Mirrors UserGroupManager::getUserEffectiveGroups(): explicit, then implicit."""
        groups = list(explicit)
        groups.append("*")
        if registered:
            groups.append("user")
            if (
                editcount >= self.config.autoconfirm_count
                and age_seconds >= self.config.autoconfirm_age
            ):
                groups.append("autoconfirmed")
        seen: set[str] = set()
        return [g for g in groups if not (g in seen or seen.add(g))]  # type: ignore[func-returns-value]

    def all_groups(self) -> list[str]:
        """Every group that has rights (meta=siteinfo&siprop=usergroups order)."""
        return list(self.config.group_permissions)

    def assignable_groups(self) -> list[str]:
        """Mirrors UserGroupManager::listAllGroups(): groups that can be granted explicitly."""
        implicit = set(self.config.implicit_groups)
        return [g for g in self.config.group_permissions if g not in implicit]

    # -- rights -------------------------------------------------------------------------

    def rights_for_groups(self, groups: Iterable[str]) -> list[str]:
        """Mirrors GroupPermissionsLookup::getGroupPermissions(): ordered, revocations applied."""
        rights: list[str] = []
        seen: set[str] = set()
        groups = list(groups)
        for group in groups:
            for right in self.config.group_permissions.get(group, ()):
                if right not in seen:
                    seen.add(right)
                    rights.append(right)
        revoked = {r for g in groups for r in self.config.revoke_permissions.get(g, ())}
        return [r for r in rights if r not in revoked]

    def grant_rights(self, grants: Iterable[str]) -> set[str]:
        """Mirrors GrantsInfo::getGrantRights()."""
        out: set[str] = set()
        for grant in grants:
            out.update(self.config.grant_permissions.get(grant, ()))
        return out

    def restrict_to_grants(self, rights: Sequence[str], grants: Iterable[str]) -> list[str]:
        """A bot-password session has the account's rights intersected with its grants."""
        allowed = self.grant_rights(grants)
        return [r for r in rights if r in allowed]

    def groups_with_right(self, right: str) -> list[str]:
        """Mirrors GroupPermissionsLookup::getGroupsWithPermission()."""
        return [
            g
            for g, rights in self.config.group_permissions.items()
            if right in rights and right not in self.config.revoke_permissions.get(g, ())
        ]

    def is_everyone_allowed(self, right: str) -> bool:
        return right in self.config.group_permissions.get("*", ())

    def valid_grants(self) -> list[str]:
        return list(self.config.grant_permissions)

    # -- messages --------------------------------------------------------------------------

    def missing_right_message(self, right: str, lang: str) -> Message:
        """Mirrors PermissionManager::missingPermissionError(): badaccess-groups or -group0.

        The group names are rendered in the request's language when the check runs, so
        even the always-English bc errors show them translated (observed on 1.39).
        """
        groups = [self.group_link(g, lang) for g in self.groups_with_right(right)]
        if groups:
            # Language::commaList() already applied: errorformat=raw shows one string.
            separator = (lookup(lang, "comma-separator") or ", ").replace("&#32;", " ")
            return Message("badaccess-groups", (separator.join(groups), len(groups)))
        return Message("badaccess-group0")

    def group_link(self, group: str, lang: str) -> str:
        """Mirrors UserGroupMembership::getLink( ..., 'wiki' ): [[Project:Page|Name]] or name."""
        name = lookup(lang, f"group-{group}") or group
        # The group page title comes from the content language.
        page = lookup(self.config.language, f"grouppage-{group}")
        if page is None:
            return name
        page = page.replace("{{ns:project}}", self.config.project_namespace)
        return f"[[{page}|{name}]]"
