"""Server-side sessions shared by api.php and index.php (Mirrors SessionManager/Session).

A session is persisted only when it has something worth keeping (a login, a login-token
secret): anonymous readers never cause a database write.  The cookie carries a random id;
the database stores its SHA-256.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection

from ..storage.queries import sessions as q
from . import timestamps
from .tokens import ANON_CONSTANT_TYPES, ANON_TOKEN, TOKEN_TYPES, make_token, match_token

SESSION_LIFETIME = timedelta(days=30)
# Refresh the expiry at most this often, so busy clients do not cost a write per request.
REFRESH_AFTER = timedelta(hours=1)


def hash_id(raw_id: str) -> str:
    return hashlib.sha256(raw_id.encode()).hexdigest()


def new_id() -> str:
    return secrets.token_hex(16)


@dataclass
class Session:
    """One client's session; ``raw_id`` is None until it is persisted."""

    raw_id: str | None = None
    user_id: int = 0
    bp_app_id: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    seen: str = ""
    dirty: bool = False
    new_id_issued: bool = False
    deleted: bool = False

    @property
    def persisted(self) -> bool:
        return self.raw_id is not None

    # -- token secrets (Mirrors Session::getToken) ------------------------------------

    def secret(self, key: str) -> str:
        secrets_map: dict[str, str] = self.data.setdefault("wsTokenSecrets", {})
        if key not in secrets_map:
            secrets_map[key] = secrets.token_hex(16)
            self.dirty = True
        return secrets_map[key]

    def has_secret(self, key: str) -> bool:
        return key in self.data.get("wsTokenSecrets", {})

    def token(self, token_type: str, *, anonymous: bool) -> str:
        """The token of a type as meta=tokens hands it out."""
        salt, key = TOKEN_TYPES[token_type]
        if anonymous and token_type in ANON_CONSTANT_TYPES:
            return ANON_TOKEN
        return make_token(self.secret(key), salt)

    def match(self, token_type: str, token: str, *, anonymous: bool) -> bool:
        """Mirrors ApiBase::validateToken(): the right salt, any timestamp."""
        salt, key = TOKEN_TYPES[token_type]
        if anonymous and token_type in ANON_CONSTANT_TYPES:
            return token == ANON_TOKEN
        if not self.has_secret(key):
            return False
        return match_token(self.secret(key), salt, token)

    # -- login state -----------------------------------------------------------------------

    def log_in(self, user_id: int, bp_app_id: str | None = None) -> None:
        """A login gets a fresh session id (no fixation) and fresh token secrets."""
        self.user_id = user_id
        self.bp_app_id = bp_app_id
        self.data.pop("wsTokenSecrets", None)
        self.new_id_issued = True
        self.dirty = True

    def log_out(self) -> None:
        self.user_id = 0
        self.bp_app_id = None
        self.data = {}
        self.deleted = True
        self.dirty = True


class SessionService:
    """Loads and saves sessions."""

    def load(self, conn: Connection, raw_id: str | None) -> Session:
        """The session of a cookie value, or a fresh anonymous one."""
        if not raw_id or len(raw_id) > 128:
            return Session()
        row = q.load_session(conn, hash_id(raw_id))
        if row is None or row["sess_expires"] < timestamps.mw_now():
            return Session()
        return Session(
            raw_id=raw_id,
            user_id=int(row["sess_user"]),
            bp_app_id=row["sess_bp_app_id"],
            data=json.loads(row["sess_data"]),
            seen=row["sess_seen"],
        )

    def needs_save(self, session: Session) -> bool:
        if session.dirty:
            return session.persisted or not session.deleted
        if not session.persisted or not session.seen:
            return False
        seen = timestamps.from_mw(session.seen)
        return timestamps.now() - seen > REFRESH_AFTER

    def save(self, conn: Connection, session: Session) -> None:
        """Persist changes; issues a new id after login, deletes the row after logout."""
        now = timestamps.now()
        now_ts = timestamps.to_mw(now)
        if session.deleted:
            if session.raw_id:
                q.delete_session(conn, hash_id(session.raw_id))
            session.raw_id = None
            session.dirty = False
            return
        values = {
            "sess_user": session.user_id,
            "sess_bp_app_id": session.bp_app_id,
            "sess_data": json.dumps(session.data),
            "sess_seen": now_ts,
            "sess_expires": timestamps.to_mw(now + SESSION_LIFETIME),
        }
        if session.raw_id and session.new_id_issued:
            q.delete_session(conn, hash_id(session.raw_id))
            session.raw_id = None
        if session.raw_id is None:
            session.raw_id = new_id()
            q.insert_session(
                conn, {"sess_id_hash": hash_id(session.raw_id), "sess_created": now_ts, **values}
            )
        else:
            q.update_session(conn, hash_id(session.raw_id), values)
        session.seen = now_ts
        session.dirty = False
        session.new_id_issued = False
