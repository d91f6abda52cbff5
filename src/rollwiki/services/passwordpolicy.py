"""Password policies (Mirrors UserPasswordPolicy and PasswordPolicyChecks, 1.39 defaults).

The effective policy of an account is the strictest of the ``default`` policy and the
policies of its groups.  A check that fails adds its message; ``passwordtoolong`` and
``MinimumPasswordLengthToLogin`` are fatal, the rest are errors that refuse a new
password and, on login, suggest a change (``resetpass-validity-soft``).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..config import SiteConfig
from ..i18n.messages import Message, Num

# A password policy value: a number or flag, or {"value": ..., "forceChange"/"suggest...": ...}.
Policy = dict[str, Any]

PRIVILEGED_GROUPS = ("bureaucrat", "sysop", "interface-admin", "bot")


def policies(config: SiteConfig) -> dict[str, Policy]:
    """$wgPasswordPolicy['policies'] with the lengths taken from the site settings."""
    privileged = {
        "MinimalPasswordLength": config.privileged_min_password_length,
        "MinimumPasswordLengthToLogin": 1,
    }
    out: dict[str, Policy] = {g: dict(privileged) for g in PRIVILEGED_GROUPS}
    out["default"] = {
        "MinimalPasswordLength": {
            "value": config.min_password_length,
            "suggestChangeOnLogin": True,
        },
        "PasswordCannotBeSubstringInUsername": {"value": True, "suggestChangeOnLogin": True},
        "PasswordCannotMatchDefaults": {"value": True, "suggestChangeOnLogin": True},
        "MaximalPasswordLength": {"value": 4096, "suggestChangeOnLogin": True},
        "PasswordNotInCommonList": {"value": True, "suggestChangeOnLogin": True},
    }
    return out


def max_of_policies(p1: Policy, p2: Policy) -> Policy:
    """Mirrors UserPasswordPolicy::maxOfPolicies(): the stricter value of each setting."""
    out: Policy = {}
    for key in list(p1) + [k for k in p2 if k not in p1]:
        if key not in p1:
            out[key] = p2[key]
        elif key not in p2:
            out[key] = p1[key]
        elif not isinstance(p1[key], dict) and not isinstance(p2[key], dict):
            out[key] = max(p1[key], p2[key])
        else:
            a = p1[key] if isinstance(p1[key], dict) else {"value": p1[key]}
            b = p2[key] if isinstance(p2[key], dict) else {"value": p2[key]}
            out[key] = max_of_policies(a, b)
    return out


def policy_for_groups(config: SiteConfig, groups: Iterable[str]) -> Policy:
    """Mirrors UserPasswordPolicy::getPoliciesForGroups()."""
    table = policies(config)
    effective = dict(table["default"])
    group_set = set(groups)
    for group, policy in table.items():
        if group in group_set:
            effective = max_of_policies(effective, policy)
    return effective


@dataclass
class PolicyStatus:
    """The outcome of the checks (a StatusValue): messages, fatal or not, what to suggest."""

    errors: list[Message] = field(default_factory=list)
    fatal: bool = False
    force_change: bool = False
    suggest_change: bool = False

    @property
    def ok(self) -> bool:
        return not self.fatal

    @property
    def good(self) -> bool:
        return not self.fatal and not self.errors


def check_password(
    config: SiteConfig, name: str, password: str, groups: Iterable[str]
) -> PolicyStatus:
    """Mirrors UserPasswordPolicy::checkUserPasswordForGroups()."""
    status = PolicyStatus()
    for policy, settings in policy_for_groups(config, groups).items():
        if not isinstance(settings, dict):
            settings = {"value": settings}
        messages, fatal = _CHECKS[policy](settings["value"], name, password)
        if messages:
            if settings.get("forceChange"):
                status.force_change = True
            if settings.get("suggestChangeOnLogin"):
                status.suggest_change = True
        status.errors.extend(messages)
        status.fatal = status.fatal or fatal
    if status.fatal:
        status.force_change = status.suggest_change = False
    elif status.force_change:
        status.suggest_change = False
    return status


# -- the checks (Mirrors PasswordPolicyChecks) -------------------------------------------

CheckResult = tuple[list[Message], bool]


def _byte_len(text: str) -> int:
    return len(text.encode("utf-8"))


def _minimal_length(value: Any, name: str, password: str) -> CheckResult:
    if int(value) > _byte_len(password):
        return [Message("passwordtooshort", (Num(int(value)),))], False
    return [], False


def _minimum_length_to_login(value: Any, name: str, password: str) -> CheckResult:
    if int(value) > _byte_len(password):
        return [Message("passwordtooshort", (Num(int(value)),))], True
    return [], False


def _maximal_length(value: Any, name: str, password: str) -> CheckResult:
    if int(value) < _byte_len(password):
        return [Message("passwordtoolong", (Num(int(value)),))], True
    return [], False


def _not_substring_of_username(value: Any, name: str, password: str) -> CheckResult:
    # stripos(): an empty password is "found" at position 0 as well.
    if value and password.lower() in name.lower():
        return [Message("password-substring-username-match")], False
    return [], False


_BLOCKED_LOGINS = {
    "Useruser": "Passpass",
    "Useruser1": "Passpass1",
    "Apitestsysop": "testpass",
    "Apitestuser": "testpass",
}


def _cannot_match_defaults(value: Any, name: str, password: str) -> CheckResult:
    errors: list[Message] = []
    if value:
        blocked = _BLOCKED_LOGINS.get(name)
        if blocked is not None and hmac.compare_digest(blocked, password):
            errors.append(Message("password-login-forbidden"))
        if hmac.compare_digest("ExamplePassword", password):
            errors.append(Message("password-login-forbidden"))
    return errors, False


def _not_in_common_list(value: Any, name: str, password: str) -> CheckResult:
    if value and is_common_password(password):
        return [Message("passwordincommonlist")], False
    return [], False


_CHECKS = {
    "MinimalPasswordLength": _minimal_length,
    "MinimumPasswordLengthToLogin": _minimum_length_to_login,
    "PasswordCannotBeSubstringInUsername": _not_substring_of_username,
    "PasswordCannotMatchDefaults": _cannot_match_defaults,
    "MaximalPasswordLength": _maximal_length,
    "PasswordNotInCommonList": _not_in_common_list,
}


# -- the common-password list (Mirrors Wikimedia\CommonPasswords) --------------------------
#
# MediaWiki ships the 100,000 most common passwords as a Bloom filter (pleonasm/bloom-filter,
# 20 HMAC-SHA1 hashes over 2,875,518 bits).  data/common-passwords.bin is that bit array
# (MIT licence, see data/common-passwords.LICENSE), so the same passwords are refused.

_BLOOM_BITS = 2875518
_BLOOM_HASHES = 20


@cache
def _bloom() -> bytes:
    return (Path(__file__).parent / "data" / "common-passwords.bin").read_bytes()


def is_common_password(password: str) -> bool:
    """BloomFilter::exists(): every hashed bit is set."""
    bits = _bloom()
    data = password.encode("utf-8")
    for i in range(_BLOOM_HASHES):
        digest = hmac.new(str(i).encode(), data, hashlib.sha1).digest()
        # The first 8 bytes as a big-endian integer with the top bit cleared (PHP ints).
        number = int.from_bytes(digest[:8], "big") & 0x7FFF_FFFF_FFFF_FFFF
        bit = number % _BLOOM_BITS
        if not bits[bit // 8] & (1 << (bit % 8)):
            return False
    return True
