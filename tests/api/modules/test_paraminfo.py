"""action=paraminfo documents every discovered module as MediaWiki 1.39 does."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from rollwiki.api.module import query_modules
from rollwiki.api.params import Param
from rollwiki.app import create_app
from rollwiki.services.wiki import Wiki
from rollwiki.storage.queries.pages import insert_page
from rollwiki.storage.queries.tags import define_tag
from rollwiki.storage.schema import interwiki
from rollwiki.testing.wikis import make_wiki

DATA = Path(__file__).parents[2] / "data" / "help"
TRANSCRIPT = json.loads((DATA / "help_and_paraminfo.json").read_text(encoding="utf-8"))
CORE = json.loads((DATA / "paraminfo_core.json").read_text(encoding="utf-8"))
CORE_MODULES = "query+tokens|paraminfo|help|json|jsonfm|xml|xmlfm|php|phpfm|rawfm|none"
# The user-defined change tags of the conformance fixtures.
FIXTURE_TAGS = ("AWB", "convenient-discussions", "possible vandalism", "repeating characters")


def oracle_wiki(path: Path) -> Wiki:
    """A wiki configured like the oracle: name, server, "mw" interwiki, Main Page, tags."""
    wiki = make_wiki(
        path, sitename="OracleWiki", server="http://127.0.0.1:8080", watchlist_expiry=True
    )

    def setup(conn: Any) -> None:
        conn.execute(
            interwiki.insert().values(iw_prefix="mw", iw_url="https://www.mediawiki.org/wiki/$1")
        )
        insert_page(conn, 0, "Main_Page", "20260101000000", "wikitext")
        for tag in FIXTURE_TAGS:
            define_tag(conn, tag)

    wiki.db.write(setup)
    return wiki


@pytest.fixture
def oracle(tmp_path: Path) -> Iterator[TestClient]:
    wiki = oracle_wiki(tmp_path)
    with TestClient(create_app(wiki=wiki)) as client:
        yield client
    wiki.db.close()


def transcript(seq: int) -> dict[str, Any]:
    return next(r for r in TRANSCRIPT["requests"] if r["seq"] == seq)


def get(client: TestClient, query: dict[str, str]) -> Any:
    response = client.get("/w/api.php", params=query)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    return response.json()


@pytest.mark.parametrize("seq", [1185, 1186, 1187], ids=["fv1", "fv2", "uk-wikitext"])
def test_rollback_entry_equals_the_oracle(oracle: TestClient, seq: int) -> None:
    # Transcript help_and_paraminfo: the oracle's exact rollback entry.
    record = transcript(seq)
    assert get(oracle, record["query"]) == record["json"]


@pytest.mark.parametrize("variant", list(CORE["variants"]))
def test_core_modules_equal_the_oracle(oracle: TestClient, variant: str) -> None:
    # Recorded from the oracle (tests/data/help/paraminfo_core.json).
    query = {"action": "paraminfo", "modules": CORE_MODULES, "format": "json"}
    query.update(dict(pair.split("=") for pair in variant.split("&")))
    data = get(oracle, query)
    for module in data["paraminfo"]["modules"]:
        for param in module["parameters"]:
            if param["name"] == "querymodules":
                assert param["type"] == sorted(
                    name for group in ("prop", "list", "meta") for name in query_modules(group)
                )
                del param["type"]
    assert data == CORE["variants"][variant]


def test_pywikibot_startup_batch_is_answered(oracle: TestClient) -> None:
    # pywikibot's ParamInfo._init() asks for main|paraminfo|query, then reads the action
    # values, prop/list/meta submodules and limits, and query's generator parameter.
    data = get(
        oracle,
        {"action": "paraminfo", "modules": "main|paraminfo|query", "format": "json"},
    )
    modules = {m["path"]: m for m in data["paraminfo"]["modules"]}
    assert set(modules) == {"main", "paraminfo", "query"}
    action = next(p for p in modules["main"]["parameters"] if p["name"] == "action")
    assert {"help", "paraminfo", "query", "rollback"} <= set(action["type"])
    assert set(action["submodules"]) == set(action["type"])
    query_params = {p["name"]: p for p in modules["query"]["parameters"]}
    for group in ("prop", "list", "meta"):
        assert query_params[group]["limit"] == 50
        expected = {name: f"query+{name}" for name in query_modules(group)}
        assert query_params[group]["submodules"] == expected
    assert query_params["generator"]["submoduleparamprefix"] == "g"
    assert "mustbeposted" not in modules["query"]


def test_token_types_and_mustbeposted_for_clients(oracle: TestClient) -> None:
    data = get(
        oracle, {"action": "paraminfo", "modules": "query+tokens|rollback", "format": "json"}
    )
    tokens, rollback = data["paraminfo"]["modules"]
    assert tokens["parameters"][0]["type"] == [
        "createaccount", "csrf", "login", "patrol", "rollback", "userrights", "watch"
    ]  # fmt: skip
    assert rollback["mustbeposted"] == ""
    assert "mustbeposted" not in tokens


@pytest.mark.parametrize(
    ("modules", "warning"),
    [
        ("nosuch", 'The module "main" does not have a submodule "nosuch".'),
        ("query+nosuch", 'The module "query" does not have a submodule "nosuch".'),
        ("rollback+x", 'The module "rollback" has no submodules.'),
        ("rollback+*", 'The module "rollback" has no submodules.'),
        ("nosuch+*", 'The module "main" does not have a submodule "nosuch".'),
    ],
)
def test_unknown_modules_are_warnings_not_errors(
    oracle: TestClient, modules: str, warning: str
) -> None:
    data = get(oracle, {"action": "paraminfo", "modules": modules, "format": "json"})
    assert data == {"warnings": {"paraminfo": {"*": warning}}, "paraminfo": {"helpformat": "none"}}


def test_wildcards_list_submodules(oracle: TestClient) -> None:
    data = get(oracle, {"action": "paraminfo", "modules": "query+*", "format": "json"})
    paths = [m["path"] for m in data["paraminfo"]["modules"]]
    assert paths == [f"query+{name}" for name in sorted(_query_names())]
    data = get(oracle, {"action": "paraminfo", "modules": "*", "format": "json"})
    paths = [m["path"] for m in data["paraminfo"]["modules"]]
    assert "query" in paths and "json" in paths and "query+tokens" not in paths
    data = get(oracle, {"action": "paraminfo", "modules": "**", "format": "json"})
    assert "query+tokens" in [m["path"] for m in data["paraminfo"]["modules"]]


def _query_names() -> list[str]:
    return [name for group in ("prop", "list", "meta") for name in query_modules(group)]


def test_deprecated_parameters_warn_and_fill_their_own_keys(oracle: TestClient) -> None:
    data = get(
        oracle,
        {
            "action": "paraminfo",
            "querymodules": "tokens",
            "formatmodules": "json",
            "mainmodule": "1",
            "pagesetmodule": "1",
            "format": "json",
            "formatversion": "2",
        },
    )
    # Observed on the oracle: one warning per parameter plus the announcements-list hint.
    assert data["warnings"]["paraminfo"]["warnings"] == "\n".join(
        f'The parameter "{name}" has been deprecated.'
        for name in ("querymodules", "mainmodule", "pagesetmodule", "formatmodules")
    )
    assert "mediawiki-api-announce" in data["warnings"]["main"]["warnings"]
    info = data["paraminfo"]
    assert info["querymodules"][0]["querytype"] == "meta"
    assert info["formatmodules"][0]["name"] == "json"
    assert info["mainmodule"]["path"] == "main" and "group" not in info["mainmodule"]
    pageset = info["pagesetmodule"]
    assert pageset["classname"] == "ApiPageSet" and "name" not in pageset
    assert [p["name"] for p in pageset["parameters"]] == [
        "titles", "pageids", "revids", "generator", "redirects", "converttitles"
    ]  # fmt: skip


def test_mainmodule_zero_is_false_as_in_php(oracle: TestClient) -> None:
    data = get(oracle, {"action": "paraminfo", "mainmodule": "0", "format": "json"})
    assert "mainmodule" not in data["paraminfo"]


def test_bad_helpformat_is_an_error(oracle: TestClient) -> None:
    response = oracle.get(
        "/w/api.php", params={"action": "paraminfo", "helpformat": "pdf", "format": "json"}
    )
    assert response.headers["mediawiki-api-error"] == "badvalue"
    assert response.json()["error"]["info"] == (
        'Unrecognized value for parameter "helpformat": pdf.'
    )


class _HighLimitRequest:
    def use_high_limits(self) -> bool:
        return True


def test_limit_is_the_high_limit_for_users_allowed_higher_limits() -> None:
    # ParamValidator::getParamInfo(): "limit" is what the asking user may send.
    from rollwiki.api.help.paramdocs import param_info
    from rollwiki.api.modules.query.tokens import TokensModule

    info = param_info(TokensModule, TokensModule.params[0], _HighLimitRequest())  # type: ignore[arg-type]
    assert (info["lowlimit"], info["highlimit"], info["limit"]) == (50, 500, 500)


def test_warnings_in_errorformat_html_are_parsed_messages(oracle: TestClient) -> None:
    # Observed on the oracle with uselang=uk.
    data = get(
        oracle,
        {
            "action": "paraminfo",
            "modules": "nosuch|rollback+x",
            "format": "json",
            "formatversion": "2",
            "errorformat": "html",
            "uselang": "uk",
        },
    )
    assert data == {
        "warnings": [
            {
                "code": "badmodule",
                "html": "Модуль <kbd>main</kbd> не має підмодуля «nosuch».",
                "module": "paraminfo",
            },
            {
                "code": "badmodule",
                "html": "Модуль <kbd>rollback</kbd> не має підмодулів.",
                "module": "paraminfo",
            },
        ],
        "paraminfo": {"helpformat": "none"},
    }


@pytest.mark.parametrize(
    ("param", "expected"),
    [
        # ApiQueryAllPages as the oracle reports it: numeric defaults are numbers.
        (Param("namespace", "namespace", default="0"), {"type": "namespace", "default": 0}),
        (
            Param("limit", "limit", default="10", min=1, max=500, max2=5000),
            {"type": "limit", "default": 10, "min": 1, "max": 500, "highmax": 5000},
        ),
        (Param("markbot", "boolean", default=False), {"type": "boolean"}),
        (
            Param("prlevel", "enum", multi=True, values=("", "sysop", "autoconfirmed")),
            {"type": ["", "autoconfirmed", "sysop"], "lowlimit": 50, "highlimit": 500},
        ),
        (
            Param("user", "user", multi=True, user_types=("name", "ip")),
            {"type": "user", "subtypes": ["name", "ip"], "limit": 50},
        ),
    ],
    ids=["namespace", "limit", "boolean", "enum-with-empty", "user"],
)
def test_param_info_by_type(param: Param, expected: dict[str, Any]) -> None:
    from rollwiki.api.help.paramdocs import param_info
    from rollwiki.api.modules.query.tokens import TokensModule

    class _Request:
        def use_high_limits(self) -> bool:
            return False

    info = param_info(TokensModule, param, _Request())  # type: ignore[arg-type]
    assert {k: info[k] for k in expected} == expected
    assert "default" in info or "default" not in expected
