"""Out-of-range integers: clamped with a warning unless the parameter enforces its range."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from rollwiki.services.wiki import Wiki
from rollwiki.storage.queries import pages as pq

# Observed on the 1.39 oracle as an anonymous user (pywikibot sends gtllimit=5000 before
# every save): the value is clamped and the module warns, the query still runs.
CLAMPED = [
    (
        {"prop": "templates", "titles": "Main Page", "tllimit": "5000"},
        "templates",
        'The value "5000" for parameter "tllimit" must be between 1 and 500.',
    ),
    (
        {"generator": "templates", "titles": "Main Page", "gtllimit": "5000"},
        "templates",
        'The value "5000" for parameter "gtllimit" must be between 1 and 500.',
    ),
    (
        {"list": "allpages", "aplimit": "5000"},
        "allpages",
        'The value "5000" for parameter "aplimit" must be between 1 and 500.',
    ),
    (
        {"list": "allpages", "aplimit": "0"},
        "allpages",
        'The value "0" for parameter "aplimit" must be between 1 and 500.',
    ),
    (
        {"list": "recentchanges", "rclimit": "0"},
        "recentchanges",
        'The value "0" for parameter "rclimit" must be between 1 and 500.',
    ),
]


@pytest.mark.parametrize(("params", "module", "warning"), CLAMPED)
def test_out_of_range_limit_is_clamped_with_a_warning(
    client: TestClient, params: dict[str, str], module: str, warning: str
) -> None:
    r = client.get("/w/api.php", params={"action": "query", "format": "json", **params})
    assert r.status_code == 200
    assert "MediaWiki-API-Error" not in r.headers
    body = r.json()
    assert "error" not in body
    assert body["warnings"][module] == {"*": warning}
    assert body["batchcomplete"] == ""


def test_clamped_limit_is_used_as_the_maximum(
    client: TestClient, wiki: Wiki, edit_as: object
) -> None:
    for i in range(3):
        edit_as("Editor", f"Page {i}", "text")  # type: ignore[operator]
    r = client.get(
        "/w/api.php",
        params={"action": "query", "format": "json", "list": "allpages", "aplimit": "0"},
    )
    body = r.json()
    # Clamped to the minimum (1): one page and a continuation to the next.
    assert [p["title"] for p in body["query"]["allpages"]] == ["Page 0"]
    assert body["continue"]["apcontinue"] == "Page_1"
    assert wiki.db.read(lambda c: pq.page_by_title(c, 0, "Page_2")) is not None


@pytest.mark.parametrize("name", ["undo", "undoafter"])
def test_edit_undo_enforces_its_range(client: TestClient, wiki: Wiki, name: str) -> None:
    # ApiEditPage sets PARAM_RANGE_ENFORCE on undo/undoafter; the oracle answers outofrange.
    r = client.post(
        "/w/api.php",
        data={"action": "edit", "title": "Foo", name: "-1", "token": "+\\", "format": "json"},
    )
    assert r.headers["MediaWiki-API-Error"] == "outofrange"
    error = r.json()["error"]
    assert error["code"] == "outofrange"
    assert error["info"] == f'The value "-1" for parameter "{name}" must be no less than 0.'
    assert (error["min"], error["curmax"], error["max"], error["highmax"]) == (0, None, None, None)
    assert wiki.db.read(lambda c: pq.page_by_title(c, 0, "Foo")) is None
