"""Who is making a request: account or IP, groups, rights (Mirrors User + Authority)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from ..storage.queries import users as uq
from . import timestamps
from .permissions import PermissionService
from .sessions import Session


@dataclass
class Performer:
    """The account (or anonymous IP) behind a request, with its effective rights."""

    user_id: int
    name: str
    ip: str
    explicit_groups: list[str] = field(default_factory=list)
    group_expiries: dict[str, str | None] = field(default_factory=dict)
    groups: list[str] = field(default_factory=lambda: ["*"])
    rights: list[str] = field(default_factory=list)
    editcount: int = 0
    registration: str | None = None
    bp_app_id: str | None = None
    grants: list[str] | None = None
    options: dict[str, Any] = field(default_factory=dict)
    actor_id: int | None = None

    def __post_init__(self) -> None:
        self._rightset = frozenset(self.rights)

    @property
    def is_registered(self) -> bool:
        return self.user_id > 0

    @property
    def is_anon(self) -> bool:
        return self.user_id == 0

    def allowed(self, *rights: str) -> bool:
        """True when every one of the rights is held (Authority::isAllowedAll)."""
        return all(r in self._rightset for r in rights)

    def allowed_any(self, *rights: str) -> bool:
        return any(r in self._rightset for r in rights)

    def option(self, name: str, default: Any = None) -> Any:
        return self.options.get(name, default)


def anonymous(ip: str, permissions: PermissionService) -> Performer:
    groups = permissions.effective_groups([], registered=False)
    return Performer(
        user_id=0, name=ip, ip=ip, groups=groups, rights=permissions.rights_for_groups(groups)
    )


def load_performer(
    conn: Connection,
    session: Session,
    ip: str,
    permissions: PermissionService,
    default_options: dict[str, Any],
) -> Performer:
    """The performer of a session; a vanished account or bot password means anonymous."""
    if not session.user_id:
        return anonymous(ip, permissions)
    row = uq.user_by_id(conn, session.user_id)
    if row is None:
        session.log_out()
        return anonymous(ip, permissions)
    grants: list[str] | None = None
    if session.bp_app_id is not None:
        bp = uq.bot_password(conn, session.user_id, session.bp_app_id)
        # A changed or deleted bot password ends its sessions (BotPassword::invalidate).
        if bp is None or bp["bp_token"] != session.data.get("bp_token"):
            session.log_out()
            return anonymous(ip, permissions)
        grants = json.loads(bp["bp_grants"])
    return performer_from_row(
        conn, row, ip, permissions, default_options, session.bp_app_id, grants
    )


def performer_from_row(
    conn: Connection,
    row: dict[str, Any],
    ip: str,
    permissions: PermissionService,
    default_options: dict[str, Any],
    bp_app_id: str | None = None,
    grants: list[str] | None = None,
) -> Performer:
    now = timestamps.now()
    group_rows = uq.groups_of(conn, row["user_id"], timestamps.to_mw(now))
    explicit = [g for g, _ in group_rows]
    registration = row["user_registration"]
    age = (now - timestamps.from_mw(registration)).total_seconds() if registration else 0.0
    groups = permissions.effective_groups(
        explicit, registered=True, editcount=row["user_editcount"], age_seconds=age
    )
    rights = permissions.rights_for_groups(groups)
    if grants is not None:
        rights = permissions.restrict_to_grants(rights, grants)
    options = dict(default_options)
    options.update(_decode_options(uq.options_of(conn, row["user_id"])))
    return Performer(
        user_id=row["user_id"],
        name=row["user_name"],
        ip=ip,
        explicit_groups=explicit,
        group_expiries=dict(group_rows),
        groups=groups,
        rights=rights,
        editcount=row["user_editcount"],
        registration=registration,
        bp_app_id=bp_app_id,
        grants=grants,
        options=options,
        actor_id=uq.actor_id_for(conn, row["user_name"]),
    )


def _decode_options(raw: dict[str, str | None]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if value is not None and value.lstrip("-").isdigit():
            out[key] = int(value)
        else:
            out[key] = value
    return out
