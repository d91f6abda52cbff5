"""Password policies and the common-password list (1.39 defaults)."""

from __future__ import annotations

import pytest

from rollwiki.config import SiteConfig
from rollwiki.services.passwordpolicy import check_password, is_common_password, policy_for_groups


@pytest.mark.parametrize(
    ("password", "common"),
    [
        ("password", True),
        ("123456", True),
        ("iloveyou", True),
        ("Good-Pass-987", False),
        ("AdminPass-1234", False),
    ],
)
def test_common_password_list_matches_mediawiki(password: str, common: bool) -> None:
    assert is_common_password(password) is common


@pytest.mark.parametrize(
    ("name", "password", "groups", "keys", "fatal", "suggest"),
    [
        ("HelperAccX1", "a", ["*"], ["password-substring-username-match"], False, True),
        (
            "Passwordqq",
            "password",
            ["*"],
            ["password-substring-username-match", "passwordincommonlist"],
            False,
            True,
        ),
        ("Short", "Qx7-pwd9", ["sysop", "*", "user"], ["passwordtooshort"], False, True),
        ("Short", "Qx7-pwd9", ["*", "user"], [], False, False),
        ("Long", "x" * 4097, ["*"], ["passwordtoolong"], True, False),
        ("Useruser", "Passpass", ["*"], ["password-login-forbidden"], False, True),
    ],
)
def test_policy_checks(
    name: str, password: str, groups: list[str], keys: list[str], fatal: bool, suggest: bool
) -> None:
    status = check_password(SiteConfig(), name, password, groups)
    assert [m.key for m in status.errors] == keys
    assert status.fatal is fatal
    assert status.suggest_change is suggest


def test_privileged_groups_take_the_stricter_length() -> None:
    policy = policy_for_groups(SiteConfig(privileged_min_password_length=12), ["bot"])
    assert policy["MinimalPasswordLength"] == {"value": 12, "suggestChangeOnLogin": True}
    assert policy["MinimumPasswordLengthToLogin"] == 1
