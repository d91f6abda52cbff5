"""Tests for user-name rules (UserNameUtils) and the API "user" parameter (UserDef)."""

from __future__ import annotations

import pytest

from rollwiki.services.namespaces import NamespaceTable
from rollwiki.services.textnormal import clean_up
from rollwiki.services.titles import TitleParser
from rollwiki.services.usernames import UserNameUtils, UserRef

ROLLBACK_TYPES = ("name", "ip", "id", "interwiki")
ALL_TYPES = ("name", "ip", "cidr", "id", "interwiki")


@pytest.fixture
def users() -> UserNameUtils:
    titles = TitleParser(NamespaceTable.default("OracleWiki"), {"wikipedia", "mw", "commons"})
    return UserNameUtils(titles)


# Checked against MediaWiki 1.39.17: action=query&list=users&ususers=... (getCanonical() with
# RIGOR_VALID; None where the oracle says "invalid") and usprop=cancreate for creatability.
# (input, canonical valid name, creatable)
CANONICAL: list[tuple[str, str | None, bool]] = [
    (" editor2 ", "Editor2", True),
    ("editor2", "Editor2", True),
    ("User:Vandal", "Vandal", True),
    ("user:vandal", "Vandal", True),
    ("USER:Vandal", "Vandal", True),
    ("foo_bar", "Foo bar", True),
    ("  Foo   bar  ", "Foo bar", True),
    ("Foo\u00a0bar", "Foo bar", True),
    ("Foo\u00adbar", "Foo\u00adbar", True),
    ("ß", "SS", True),
    ("ǆx", "Ǆx", True),
    ("Foo&amp;bar", "Foo&bar", True),
    ("Foo.", "Foo.", True),
    ("Foo=bar", "Foo=bar", True),
    ("1.2.3.4 - 1.2.3.9", "1.2.3.4 - 1.2.3.9", True),
    ("Admin@rb", "Admin@rb", False),
    ("Foo:Bar", "Foo:Bar", False),
    ("Unknown user", "Unknown user", False),
    ("Redirect fixer", "Redirect fixer", False),
    ("x" * 236, "X" + "x" * 235, False),
    ("User talk:Vandal", None, False),
    ("Talk:Vandal", None, False),
    ("User:User:Foo", None, False),
    ("wikipedia:Foo", None, False),
    ("User:wikipedia:Foo", None, False),
    (":Foo", None, False),
    ("User:", None, False),
    ("Foo|Bar", None, False),
    ("Foo#bar", None, False),
    ("a/b", None, False),
    ("Foo<", None, False),
    ("Foo>Bar", None, False),
    ("Foo\tbar", None, False),
    ("Foo%41", None, False),
    ("Foo&#124;bar", None, False),
    ("Foo\u200bbar", None, False),
    ("Foo\ue000", None, False),
    ("~~~", None, False),
    ("..", None, False),
    ("", None, False),
    ("_", None, False),
    ("x" * 256, None, False),
    ("é" * 128, None, False),
    ("1.2.3.4", None, False),
    ("User:1.2.3.4", None, False),
    ("300.300.300.300", None, False),
    ("1.2.3.xxx", None, False),
    ("2001:db8::1", None, False),
    ("127.0.0.0/24", None, False),
]


@pytest.mark.parametrize(("name", "canonical", "creatable"), CANONICAL)
def test_canonical_names_match_list_users(
    users: UserNameUtils, name: str, canonical: str | None, creatable: bool
) -> None:
    assert users.get_canonical(clean_up(name)) == canonical
    created = users.get_canonical(clean_up(name), "creatable")
    assert created == (canonical if creatable else None)


# Checked against MediaWiki 1.39.17: action=feedcontributions&user=... (a user parameter
# allowing every type; its feed links to the resolved name) and spec/rollback.md §2.2.
# (input, kind, name); kind None means "baduser". For "#<id>" the name is the fallback the
# caller uses when no account has the id (the oracle showed account 3's name for "#3").
USER_PARAM: list[tuple[str, str | None, str]] = [
    (" editor2 ", "name", "Editor2"),
    ("User:Vandal", "name", "Vandal"),
    ("user:foo_bar", "name", "Foo bar"),
    ("Admin@rb", "name", "Admin@rb"),
    ("Foo:Bar", "name", "Foo:Bar"),
    ("Nonexistent User", "name", "Nonexistent User"),
    ("Unknown user", "name", "Unknown user"),
    ("1.2.3.4", "ip", "1.2.3.4"),
    ("01.002.3.004", "ip", "1.2.3.4"),
    ("User:1.2.3.4", "ip", "1.2.3.4"),
    ("2001:db8::1", "ip", "2001:DB8:0:0:0:0:0:1"),
    ("User:2001:db8::1", "ip", "2001:DB8:0:0:0:0:0:1"),
    ("::1", "ip", "0:0:0:0:0:0:0:1"),
    ("User:::1", "ip", "0:0:0:0:0:0:0:1"),
    ("1.2.3.xxx", "ip", "1.2.3.xxx"),
    ("127.0.0.0/24", "cidr", "127.0.0.0/24"),
    ("2001:db8::/32", "cidr", "2001:DB8:0:0:0:0:0:0/32"),
    ("imported>Vandal", "interwiki", "imported>Vandal"),
    ("imported>foo_bar", "interwiki", "imported>foo_bar"),
    ("Foo>Bar", "interwiki", "Foo>Bar"),
    (">Foo", "interwiki", ">Foo"),
    ("Foo>", "interwiki", "Foo>"),
    (">", "interwiki", ">"),
    ("#3", "id", "Unknown user"),
    ("#03", "id", "Unknown user"),
    ("#0", "id", "Unknown user"),
    ("imported>Foo#1", None, ""),
    ("Foo|Bar", None, ""),
    ("Foo#bar", None, ""),
    ("#", None, ""),
    ("#-1", None, ""),
    ("#3 ", None, ""),
    ("# 3", None, ""),
    ("a/b", None, ""),
    ("Foo<", None, ""),
    ("", None, ""),
    (" ", None, ""),
    ("Talk:Vandal", None, ""),
    ("User talk:Vandal", None, ""),
    ("wikipedia:Foo", None, ""),
    ("User:wikipedia:Foo", None, ""),
    ("300.300.300.300", None, ""),
    ("Foo\u200bbar", None, ""),
    ("x" * 256, None, ""),
]


@pytest.mark.parametrize(("value", "kind", "name"), USER_PARAM)
def test_user_parameter_resolves_like_userdef(
    users: UserNameUtils, value: str, kind: str | None, name: str
) -> None:
    ref = users.resolve_user_param(clean_up(value), ALL_TYPES)
    if kind is None:
        assert ref is None
    else:
        assert ref is not None
        assert (ref.kind, ref.name) == (kind, name)


def test_user_ids_are_returned_for_the_caller_to_look_up(users: UserNameUtils) -> None:
    assert users.resolve_user_param("#3", ROLLBACK_TYPES) == UserRef("id", "Unknown user", 3)
    assert users.resolve_user_param("#0", ROLLBACK_TYPES) == UserRef("id", "Unknown user", 0)
    # PHP's (int) saturates: such an id exists nowhere, hence "Unknown user".
    huge = users.resolve_user_param("#" + "9" * 30, ROLLBACK_TYPES)
    assert huge == UserRef("id", "Unknown user", 2**63 - 1)


@pytest.mark.parametrize("value", ["127.0.0.0/24", "2001:db8::/32", "User:1.2.3.0/24"])
def test_rollback_rejects_ranges(users: UserNameUtils, value: str) -> None:
    # Observed 1.39 rollback: baduser for 127.0.0.0/24 (spec/rollback.md §2.2).
    assert users.resolve_user_param(value, ROLLBACK_TYPES) is None


def test_a_type_not_allowed_is_baduser(users: UserNameUtils) -> None:
    assert users.resolve_user_param("imported>Vandal", ("name", "ip")) is None
    assert users.resolve_user_param("#3", ("name", "ip")) is None
    assert users.resolve_user_param("Vandal", ("ip",)) is None


def test_a_trailing_newline_after_an_ip_is_lost_like_in_mediawiki(users: UserNameUtils) -> None:
    # "User:1.2.3.4\n": the title prefix pattern's `$` matches before the final newline.
    assert users.resolve_user_param("1.2.3.4\n", ROLLBACK_TYPES) == UserRef("ip", "1.2.3.4")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Foo", True),
        ("Foo bar", True),
        ("foo", False),
        ("Foo_bar", False),
        (" Foo", False),
        ("User:Foo", False),
        ("Talk:Foo", False),
        ("Foo/bar", False),
        ("1.2.3.4", False),
        ("300.300.300.300", False),
        ("Foo\u0085", False),
        ("Foo\u2009bar", False),
        ("Foo\u3000", False),
        ("", False),
    ],
)
def test_is_valid(users: UserNameUtils, name: str, expected: bool) -> None:
    assert users.is_valid(name) is expected


def test_is_valid_counts_bytes_not_characters() -> None:
    users = UserNameUtils(TitleParser(NamespaceTable.default()), max_length=6)
    assert users.is_valid("Ééé")
    assert not users.is_valid("Éééé")


def test_reserved_names_are_valid_but_not_usable(users: UserNameUtils) -> None:
    for name in ("MediaWiki default", "Maintenance script", "MediaWiki automatic change"):
        assert users.is_valid(name)
        assert not users.is_usable(name)
        assert users.get_canonical(name, "usable") is None
    assert users.is_usable("Editor2")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Editor2", True),
        ("Foo=bar", True),
        ("Admin@rb", False),
        ("Foo:Bar", False),
        ("Unknown user", False),
        ("X" * 235, True),
        ("X" * 236, False),
    ],
)
def test_is_creatable(users: UserNameUtils, name: str, expected: bool) -> None:
    assert users.is_creatable(name) is expected


def test_invalid_characters_are_configurable() -> None:
    users = UserNameUtils(TitleParser(NamespaceTable.default()), invalid_chars="")
    assert users.is_creatable("Admin@rb")
    assert not UserNameUtils(TitleParser(NamespaceTable.default()), invalid_chars="=").is_creatable(
        "Foo=bar"
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("foo_bar", "Foo bar"),
        # The first letter is upper-cased before "User:" goes, never after.
        ("User:foo_bar", "foo bar"),
        ("user:foo", "foo"),
        ("User:Foo User:Bar", "Foo Bar"),
        ("1.2.3.4", "1.2.3.4"),
        ("2001:db8::1", "2001:db8::1"),
        (" foo", " foo"),
        ("imported>foo", "Imported>foo"),
        ("Foo#bar", None),
    ],
)
def test_canonical_without_validation_only_cleans_up(
    users: UserNameUtils, name: str, expected: str | None
) -> None:
    assert users.get_canonical(name, "none") == expected


def test_unknown_rigor_is_an_error(users: UserNameUtils) -> None:
    with pytest.raises(ValueError):
        users.get_canonical("Foo", "bogus")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "expected"),
    [("1.2.3.4", True), ("2001:db8::1", True), ("1.2.3.xxx", True), ("999.1.1.1", True)]
    + [("1.2.3.4/24", False), ("Foo", False), ("1.2.3", False)],
)
def test_is_ip_includes_anything_shaped_like_ipv4(
    users: UserNameUtils, name: str, expected: bool
) -> None:
    assert users.is_ip(name) is expected


def test_ip_ranges_and_temporary_accounts(users: UserNameUtils) -> None:
    assert users.is_valid_ip_range("1.2.3.0/24")
    assert not users.is_valid_ip_range("1.2.3.4")
    assert not users.is_temp("~2025-12345")
