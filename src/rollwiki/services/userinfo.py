"""What the API tells about accounts (Mirrors the per-user parts of ApiQueryUsers and
ApiQueryAllUsers): groups, memberships, rights, blocks, gender, creatability."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from ..i18n.messages import Message
from ..storage.queries import blocks as bq
from ..storage.queries import users as uq
from . import timestamps
from .blocks import Block, blockinfo

if TYPE_CHECKING:
    from .wiki import Wiki


def implicit_groups(wiki: Wiki, row: dict[str, Any]) -> list[str]:
    """Mirrors UserGroupManager::getUserImplicitGroups()."""
    now = timestamps.now()
    registration = row.get("user_registration")
    age = (now - timestamps.from_mw(registration)).total_seconds() if registration else 0.0
    return wiki.permissions.effective_groups(
        [], registered=True, editcount=row.get("user_editcount") or 0, age_seconds=age
    )


def format_expiry(expiry: str | None) -> str:
    """ApiResult::formatExpiry(): "infinity" or ISO 8601."""
    return "infinity" if expiry in (None, "infinity") else timestamps.to_iso(expiry)


def account_block(conn: Connection, user_id: int) -> Block | None:
    """The live block on an account itself (ApiQueryBase::addBlockInfoToQuery's join)."""
    rows = [
        r for r in bq.blocks_for(conn, user_id, None, None, timestamps.mw_now()) if r["ipb_user"]
    ]
    if not rows:
        return None
    row = rows[0]
    return Block(row, tuple(bq.restrictions_of(conn, [row["ipb_id"]])[row["ipb_id"]]))


def describe(
    wiki: Wiki, conn: Connection, row: dict[str, Any], props: set[str], lang: str
) -> dict[str, Any]:
    """One account as list=users shows it (userid, name, then the asked properties)."""
    user_id = int(row["user_id"])
    data: dict[str, Any] = {"userid": user_id, "name": row["user_name"]}
    if "editcount" in props:
        data["editcount"] = int(row["user_editcount"] or 0)
    if "registration" in props:
        reg = row["user_registration"]
        data["registration"] = timestamps.to_iso(reg) if reg else None
    memberships = uq.groups_of(conn, user_id, timestamps.mw_now())
    explicit = [g for g, _ in memberships]
    implicit = implicit_groups(wiki, row)
    effective = list(dict.fromkeys(explicit + implicit))
    if "groups" in props:
        data["groups"] = effective
    if "groupmemberships" in props:
        data["groupmemberships"] = [
            {"group": g, "expiry": format_expiry(e)} for g, e in memberships
        ]
    if "implicitgroups" in props:
        data["implicitgroups"] = implicit
    if "rights" in props:
        data["rights"] = wiki.permissions.rights_for_groups(effective)
    block = account_block(conn, user_id) if "blockinfo" in props else None
    if block is not None and block.row.get("ipb_deleted"):
        data["hidden"] = True
    if block is not None:
        data.update(blockinfo(block, lang))
    if "emailable" in props:
        data["emailable"] = bool(wiki.config.email_enabled and row.get("user_email"))
    if "gender" in props:
        gender = uq.options_of(conn, user_id).get("gender") or wiki.config.default_user_options.get(
            "gender", "unknown"
        )
        data["gender"] = gender
    if "centralids" in props:
        data["centralids"] = {"local": user_id}
        data["attachedlocal"] = {"local": True}
    return data


def creation_problem(wiki: Wiki, conn: Connection, name: str) -> Message | None:
    """Mirrors AuthManager::canCreateAccount() for a name (None: it can be created)."""
    usable = wiki.usernames.get_canonical(name, "usable")
    if usable and uq.user_by_name(conn, usable) is not None:
        return Message("userexists")
    creatable = wiki.usernames.get_canonical(name, "creatable")
    if not creatable:
        return Message("noname")
    if uq.user_by_name(conn, creatable) is not None:
        return Message("userexists")
    return None
