"""The site-settings half of a fixtures file: its sections as SiteConfig overrides.

The file's sections are the oracle's ``$wg...`` settings in readable form (see the
"description" member of tests/data/conformance/fixtures.json); this module maps each one
to the SiteConfig field that plays that global, and computes group rights the way
MediaWiki does: its default ``$wgGroupPermissions`` with LocalSettings' changes applied in
order (so rights keep MediaWiki's order), then SetupDynamicConfig's adjustments.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..config import (
    DEFAULT_GRANT_PERMISSIONS,
    DEFAULT_GROUP_PERMISSIONS,
    DEFAULT_USER_OPTIONS,
    SOFTWARE_TAGS,
)


class FixtureError(ValueError):
    """The fixtures file asks for something rollwiki cannot represent, or contradicts itself."""


# Our defaults carry one group MediaWiki does not define ("rollbacker"); a fixture that
# wants it says so in its delta, like the oracle's LocalSettings.
_NOT_MEDIAWIKI_DEFAULTS = ("rollbacker",)

# site member -> SiteConfig field, for the plain values.
_PLAIN = {
    "sitename": "sitename",
    "server": "server",
    "canonical_server": "canonical_server",
    "servername": "servername",
    "script_path": "script_path",
    "article_path": "article_path",
    "main_page": "main_page",
    "content_language": "language",
    "timezone": "timezone",
    "wikiid": "wikiid",
    "meta_namespace": "meta_namespace",
    "capital_links": "capital_links",
    "max_article_size_kib": "max_article_size_kib",
    "bot_passwords_enabled": "bot_passwords_enabled",
    "email_enabled": "email_enabled",
    "uploads_enabled": "enable_uploads",
}
# Informational members, or ones rollwiki has no switch for (it serves one skin, runs
# jobs synchronously and always supports path-info URLs).
_IGNORED = {
    "script",
    "api_path",
    "use_path_info",
    "user_languages_used",
    "time_offset_minutes",
    "jobs",
    "skin",
    "extensions",
    "about",
}


def _section(data: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, Mapping):
        raise FixtureError(f'"{name}" must be an object')
    return value


def site_overrides(data: Mapping[str, Any]) -> dict[str, Any]:
    """Every SiteConfig override the file implies (site, namespaces, rights, grants ...)."""
    out: dict[str, Any] = {}
    out.update(_site(_section(data, "site")))
    namespaces = _section(data, "namespaces")
    if namespaces:
        out["namespaces"] = list(namespaces.get("list", []))
        out["namespace_aliases"] = list(namespaces.get("aliases", []))
    rights = _section(data, "group_permissions")
    if rights:
        out.update(group_settings(rights, email_enabled=bool(out.get("email_enabled", False))))
    if "grants" in data:
        out["grant_permissions"] = grant_permissions(_section(data, "grants"))
    if "default_user_options" in data:
        options = dict(DEFAULT_USER_OPTIONS)
        options.update(_section(data, "default_user_options"))
        out["default_user_options"] = options
    return out


def _site(site: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    unknown = sorted(set(site) - set(_PLAIN) - _IGNORED - _NESTED)
    if unknown:
        raise FixtureError(f"unknown site setting(s): {', '.join(unknown)}")
    for key, field_name in _PLAIN.items():
        if key in site:
            out[field_name] = site[key]
    script_path = str(site.get("script_path", "/w"))
    for key, script in (("script", "index.php"), ("api_path", "api.php")):
        if key in site and site[key] != f"{script_path}/{script}":
            raise FixtureError(f'site "{key}" must be "{script_path}/{script}"')
    if "watchlist_expiry" in site:
        expiry = site["watchlist_expiry"]
        out["watchlist_expiry"] = bool(expiry.get("enabled", False))
        if "max_duration" in expiry:
            out["watchlist_expiry_max_duration"] = str(expiry["max_duration"])
    if "recent_changes" in site:
        rc = site["recent_changes"]
        for key in ("use_rc_patrol", "use_np_patrol", "use_file_patrol"):
            if key in rc:
                out[key] = bool(rc[key])
        if "rc_max_age_seconds" in rc:
            out["rc_max_age"] = int(rc["rc_max_age_seconds"])
    if "rate_limits" in site:
        out.update(_rate_limits(site["rate_limits"]))
    if "trusted_proxies" in site:
        proxies = site["trusted_proxies"]
        out["trusted_proxies"] = list(proxies.get("cdn_servers_no_purge", []))
        out["use_private_ips"] = bool(proxies.get("use_private_ips", False))
    if "restrictions" in site:
        r = site["restrictions"]
        for key, field_name in (
            ("types", "restriction_types"),
            ("levels", "restriction_levels"),
            ("cascadinglevels", "cascading_restriction_levels"),
            ("semiprotectedlevels", "semiprotected_restriction_levels"),
        ):
            if key in r:
                out[field_name] = list(r[key])
    return out


_NESTED = {"watchlist_expiry", "recent_changes", "rate_limits", "trusted_proxies", "restrictions"}


def _rate_limits(section: Mapping[str, Any]) -> dict[str, Any]:
    """$wgRateLimits and the throttles; PHP's empty array (``[]``) means "off"."""
    out: dict[str, Any] = {}
    if "rate_limits" in section:
        limits = section["rate_limits"]
        out["rate_limits"] = {} if limits in ([], None) else dict(limits)
    for key in ("password_attempt_throttle", "account_creation_throttle"):
        if key in section:
            value = section[key]
            out[key] = [] if value in ({}, None) else list(value)
    return out


def group_settings(section: Mapping[str, Any], *, email_enabled: bool) -> dict[str, Any]:
    """group_permissions (checked against ``effective``), implicit groups, autopromotion."""
    out: dict[str, Any] = {}
    rights = apply_group_delta(section.get("delta_from_mediawiki_defaults", {}))
    if not email_enabled:
        # SetupDynamicConfig.php: without e-mail, users lose "sendemail" (T65678).
        rights["user"] = [r for r in rights.get("user", []) if r != "sendemail"]
    effective = section.get("effective")
    if effective is not None:
        check_effective(rights, effective)
    out["group_permissions"] = rights
    if "implicit_groups" in section:
        out["implicit_groups"] = list(section["implicit_groups"])
    autoconfirmed = section.get("autopromote", {}).get("autoconfirmed")
    if autoconfirmed is not None:
        out["autoconfirm_count"] = int(autoconfirmed.get("min_edits", 0))
        out["autoconfirm_age"] = int(autoconfirmed.get("min_age_seconds", 0))
    return out


def apply_group_delta(delta: Mapping[str, Mapping[str, bool]]) -> dict[str, list[str]]:
    """MediaWiki's default rights with ``$wgGroupPermissions[g][r] = true|false`` applied in
    order: a granted right is appended to its group (a new group goes last), a revoked one
    is removed, so the result lists rights in the order MediaWiki reports them."""
    rights = {
        group: list(values)
        for group, values in DEFAULT_GROUP_PERMISSIONS.items()
        if group not in _NOT_MEDIAWIKI_DEFAULTS
    }
    for group, changes in delta.items():
        current = rights.setdefault(group, [])
        for right, granted in changes.items():
            if granted and right not in current:
                current.append(right)
            elif not granted and right in current:
                current.remove(right)
    return rights


def check_effective(rights: Mapping[str, list[str]], effective: Mapping[str, list[str]]) -> None:
    """The computed rights must be exactly what the oracle reports (in any order)."""
    problems = []
    for group in sorted(set(rights) | set(effective)):
        ours, theirs = set(rights.get(group, [])), set(effective.get(group, []))
        if ours != theirs:
            extra, missing = sorted(ours - theirs), sorted(theirs - ours)
            problems.append(f"{group}: extra {extra}, missing {missing}")
    if problems:
        raise FixtureError(
            "group rights after the delta differ from 'effective': " + "; ".join(problems)
        )


def grant_permissions(section: Mapping[str, Any]) -> dict[str, list[str]]:
    """MediaWiki's grants, with the rights the file lists for some of them.

    A listed grant whose rights equal ours keeps our (MediaWiki's) order.
    """
    grants = {name: list(rights) for name, rights in DEFAULT_GRANT_PERMISSIONS.items()}
    for name, rights in section.items():
        if name == "about":
            continue
        if set(grants.get(name, [])) != set(rights):
            grants[name] = list(rights)
    return grants


def software_tags(entries: list[Mapping[str, Any]]) -> list[str]:
    """Names of the software tags a file lists; each must be one rollwiki defines."""
    names = [str(e["name"]) for e in entries]
    unknown = sorted(set(names) - set(SOFTWARE_TAGS))
    if unknown:
        raise FixtureError(f"unknown software tag(s): {', '.join(unknown)}")
    inactive = [str(e["name"]) for e in entries if not e.get("active", True)]
    if inactive:
        raise FixtureError(f"software tags cannot be deactivated: {', '.join(inactive)}")
    return names
