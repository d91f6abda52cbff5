"""Test helpers for the administrative actions: logged-in API clients and page fixtures."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

from rollwiki.services import pageupdater, timestamps
from rollwiki.services.pageupdater import Author, NewRevision, SaveResult
from rollwiki.services.sessions import Session
from rollwiki.services.wiki import Wiki
from rollwiki.storage.queries import users as uq

API = "/w/api.php"


class ApiClient:
    """One session against the test app: log in as an account, fetch tokens, call modules."""

    def __init__(self, client: TestClient, wiki: Wiki) -> None:
        self.client = client
        self.wiki = wiki

    def login(self, user_id: int, *, app_id: str | None = None) -> ApiClient:
        """Start a session for the account (as a successful login would leave it)."""
        session = Session()
        session.log_in(user_id, app_id)
        if app_id is not None:
            row = self.wiki.db.read(lambda c: uq.bot_password(c, user_id, app_id))
            assert row is not None
            session.data["bp_token"] = row["bp_token"]
        self.wiki.db.write(lambda c: self.wiki.sessions.save(c, session))
        assert session.raw_id is not None
        self.client.cookies.set(f"{self.wiki.config.wikiid}_session", session.raw_id)
        return self

    def token(self, kind: str = "csrf") -> str:
        data = self.get(action="query", meta="tokens", type=kind)
        token: str = data["query"]["tokens"][f"{kind}token"]
        return token

    def get(self, **params: Any) -> Any:
        params.setdefault("format", "json")
        params.setdefault("formatversion", "2")
        return self.client.get(API, params=params).json()

    def post(self, **params: Any) -> Any:
        return self.post_raw(**params).json()

    def post_raw(self, **params: Any) -> Any:
        params.setdefault("format", "json")
        params.setdefault("formatversion", "2")
        return self.client.post(API, data={k: str(v) for k, v in params.items()})

    def act(self, action: str, token_type: str = "csrf", **params: Any) -> Any:
        """POST a write module with a fresh token of the given type."""
        return self.post(action=action, token=self.token(token_type), **params)


def save(
    wiki: Wiki,
    title_text: str,
    text: str,
    user_name: str,
    *,
    comment: str = "",
    tags: list[str] | None = None,
    tag_params: dict[str, dict[str, Any]] | None = None,
    patrolled: int = 0,
    minor: bool = False,
) -> SaveResult:
    """Save a revision as ``user_name`` (an account or an IP) through the page updater."""
    title = wiki.titles.parse(title_text)

    def run(conn: Any) -> SaveResult:
        user = uq.user_by_name(conn, user_name)
        user_id = user["user_id"] if user else 0
        actor = uq.ensure_actor(conn, user_name, user_id or None)
        spec = NewRevision(
            title=title,
            author=Author(actor, user_name, user_id),
            comment=comment,
            text=text,
            tags=list(tags or []),
            tag_params=dict(tag_params or {}),
            patrolled=patrolled,
            minor=minor,
            timestamp=timestamps.mw_now(),
        )
        return pageupdater.save_revision(conn, spec, wiki.titles)

    return wiki.db.write(run)
