"""Tests for the namespace table (NamespaceInfo and Language's namespace names)."""

from __future__ import annotations

from typing import Any

import pytest

from rollwiki.services.namespaces import Namespace, NamespaceTable

# fixtures.json "namespaces" section, as recorded from the MediaWiki 1.39.17 oracle.
ORACLE_NAMESPACES: list[dict[str, Any]] = [
    {"id": -2, "name": "Media", "case": "first-letter"},
    {"id": -1, "name": "Special", "case": "first-letter"},
    {"id": 0, "name": "", "case": "first-letter", "content": True},
    {"id": 1, "name": "Talk", "case": "first-letter", "subpages": True},
    {"id": 2, "name": "User", "case": "first-letter", "subpages": True},
    {"id": 3, "name": "User talk", "case": "first-letter", "subpages": True},
    {
        "id": 4,
        "name": "OracleWiki",
        "canonical": "Project",
        "case": "first-letter",
        "subpages": True,
    },
    {
        "id": 5,
        "name": "OracleWiki talk",
        "canonical": "Project talk",
        "case": "first-letter",
        "subpages": True,
    },
    {"id": 6, "name": "File", "case": "first-letter"},
    {"id": 7, "name": "File talk", "case": "first-letter", "subpages": True},
    {"id": 8, "name": "MediaWiki", "case": "first-letter", "subpages": True},
    {"id": 9, "name": "MediaWiki talk", "case": "first-letter", "subpages": True},
    {"id": 10, "name": "Template", "case": "first-letter", "subpages": True},
    {"id": 11, "name": "Template talk", "case": "first-letter", "subpages": True},
    {"id": 12, "name": "Help", "case": "first-letter", "subpages": True},
    {"id": 13, "name": "Help talk", "case": "first-letter", "subpages": True},
    {"id": 14, "name": "Category", "case": "first-letter"},
    {"id": 15, "name": "Category talk", "case": "first-letter", "subpages": True},
]
ORACLE_ALIASES: list[dict[str, Any]] = [
    {"alias": "Image", "id": 6},
    {"alias": "Image talk", "id": 7},
]


@pytest.fixture
def table() -> NamespaceTable:
    return NamespaceTable.default("OracleWiki")


def test_default_table_matches_the_oracle_configuration() -> None:
    from_config = NamespaceTable.from_config(ORACLE_NAMESPACES, ORACLE_ALIASES)
    default = NamespaceTable.default("OracleWiki")
    assert list(default) == list(from_config)
    assert default.aliases == from_config.aliases == {"Image": 6, "Image talk": 7}


def test_iteration_is_in_id_order(table: NamespaceTable) -> None:
    assert table.ids() == list(range(-2, 16))
    assert [ns.id for ns in table] == table.ids()
    assert len(table) == 18


def test_table_is_sorted_whatever_the_input_order() -> None:
    table = NamespaceTable([Namespace(1, "Talk"), Namespace(0, "")], {})
    assert table.ids() == [0, 1]


def test_project_namespaces_are_named_after_the_meta_namespace() -> None:
    table = NamespaceTable.default("My Wiki")
    assert table.name(4) == "My Wiki"
    assert table.name(5) == "My Wiki talk"
    assert table.canonical_name(4) == "Project"
    assert table.canonical_name(5) == "Project talk"
    assert table.lookup("my_wiki_talk") == 5
    assert table.lookup("project_talk") == 5


def test_default_meta_namespace_is_project() -> None:
    assert NamespaceTable.default().name(4) == "Project"


# Checked against MediaWiki 1.39.17 (action=query&titles=<name>:Foo).
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Talk", 1),
        ("talk", 1),
        ("TALK", 1),
        ("tAlK", 1),
        ("User talk", 3),
        ("user_talk", 3),
        ("USER TALK", 3),
        ("OracleWiki", 4),
        ("oraclewiki", 4),
        ("oraclewiki_talk", 5),
        ("Project", 4),
        ("project talk", 5),
        ("PROJECT_TALK", 5),
        ("Image", 6),
        ("image_talk", 7),
        ("File talk", 7),
        ("media", -2),
        ("SPECIAL", -1),
        ("MediaWiki", 8),
        ("mediawiki_talk", 9),
        ("Template", 10),
        ("help_TALK", 13),
        ("category", 14),
        ("Category talk", 15),
        ("Foo", None),
        ("Imported", None),
        ("wikipedia", None),
    ],
)
def test_lookup_is_case_insensitive_over_local_canonical_and_alias_names(
    table: NamespaceTable, name: str, expected: int | None
) -> None:
    assert table.lookup(name) == expected


@pytest.mark.parametrize(("name", "expected"), [("", 0), ("User  talk", None), ("Talk ", None)])
def test_lookup_does_not_collapse_whitespace(
    table: NamespaceTable, name: str, expected: int | None
) -> None:
    # Language::getNsIndex() gets prefixes the title parser has already cleaned up.
    assert table.lookup(name) == expected


def test_canonical_names_win_over_conflicting_aliases() -> None:
    table = NamespaceTable([Namespace(1, "Talk"), Namespace(2, "User")], {"Talk": 2})
    assert table.lookup("talk") == 1


def test_aliases_win_over_conflicting_local_names() -> None:
    table = NamespaceTable(
        [Namespace(1, "Diskussion", canonical="Talk"), Namespace(2, "Benutzer", "User")],
        {"Diskussion": 2},
    )
    assert table.lookup("Diskussion") == 2
    assert table.lookup("Talk") == 1


def test_name_and_canonical_name(table: NamespaceTable) -> None:
    assert table.name(0) == ""
    assert table.name(3) == "User talk"
    assert table.canonical_name(3) == "User talk"
    assert table.canonical_name(99) is None
    with pytest.raises(KeyError):
        table.name(99)
    with pytest.raises(KeyError):
        table.get(99)


@pytest.mark.parametrize(
    ("ns_id", "talk", "subject", "is_talk"),
    [
        (0, 1, 0, False),
        (1, 1, 0, True),
        (2, 3, 2, False),
        (3, 3, 2, True),
        (4, 5, 4, False),
        (15, 15, 14, True),
        (100, 101, 100, False),
    ],
)
def test_talk_and_subject_namespaces(
    table: NamespaceTable, ns_id: int, talk: int, subject: int, is_talk: bool
) -> None:
    assert table.talk(ns_id) == talk
    assert table.subject(ns_id) == subject
    assert table.is_talk(ns_id) is is_talk


@pytest.mark.parametrize("ns_id", [-1, -2])
def test_virtual_namespaces_have_no_talk_namespace(table: NamespaceTable, ns_id: int) -> None:
    assert table.subject(ns_id) == ns_id
    assert not table.is_talk(ns_id)
    with pytest.raises(ValueError):
        table.talk(ns_id)


# 1.39's $wgNamespacesWithSubpages, as the oracle's siteinfo reports it.
@pytest.mark.parametrize(
    ("ns_id", "expected"),
    [(-2, False), (-1, False), (0, False), (1, True), (2, True), (4, True), (5, True)]
    + [(6, False), (7, True), (8, True), (10, True), (12, True), (14, False), (15, True)]
    + [(99, False)],
)
def test_subpages_follow_the_1_39_defaults(
    table: NamespaceTable, ns_id: int, expected: bool
) -> None:
    assert table.has_subpages(ns_id) is expected


def test_only_the_main_namespace_is_content(table: NamespaceTable) -> None:
    assert [ns.id for ns in table if table.is_content(ns.id)] == [0]


def test_case_comes_from_the_configuration() -> None:
    table = NamespaceTable.from_config(
        [{"id": 0, "name": "", "case": "case-sensitive"}, {"id": 1, "name": "Talk"}], []
    )
    assert not table.is_capitalized(0)
    assert table.is_capitalized(1)
    assert not table.is_capitalized(99)


def test_membership(table: NamespaceTable) -> None:
    assert 4 in table
    assert 16 not in table
    assert table.get(4) == Namespace(4, "OracleWiki", "Project", subpages=True)
