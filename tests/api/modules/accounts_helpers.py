"""Helpers shared by the accounts tests: API calls through a TestClient with its cookies."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

from rollwiki.app import create_app
from rollwiki.services.wiki import Wiki

API = "/w/api.php"


def new_client(wiki: Wiki) -> TestClient:
    """A fresh browser: its own cookie jar on the same wiki."""
    return TestClient(create_app(wiki=wiki))


def get(client: TestClient, **params: Any) -> Any:
    params.setdefault("format", "json")
    return client.get(API, params=params)


def post(client: TestClient, **data: Any) -> Any:
    data.setdefault("format", "json")
    return client.post(API, data=data)


def token(client: TestClient, kind: str = "csrf") -> str:
    response = get(client, action="query", meta="tokens", type=kind)
    return str(response.json()["query"]["tokens"][f"{kind}token"])


def clientlogin(client: TestClient, name: str, password: str | None = None) -> Any:
    """Log a main account in with action=clientlogin (as the transcripts' recorder does)."""
    response = post(
        client,
        action="clientlogin",
        username=name,
        password=password or f"{name}Pass-1234",
        logintoken=token(client, "login"),
        loginreturnurl="http://127.0.0.1:8080/",
    )
    assert response.json()["clientlogin"]["status"] == "PASS", response.text
    return response


def logged_in(wiki: Wiki, name: str, password: str | None = None) -> TestClient:
    client = new_client(wiki)
    clientlogin(client, name, password)
    return client
