"""Users, actors, groups, preferences and bot passwords."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, delete, func, insert, or_, select, update

from ..schema import (
    actor,
    bot_passwords,
    recentchanges,
    user,
    user_former_groups,
    user_groups,
    user_properties,
)
from . import new_id


def user_by_name(conn: Connection, name: str) -> dict[str, Any] | None:
    row = conn.execute(select(user).where(user.c.user_name == name)).mappings().first()
    return dict(row) if row else None


def user_by_id(conn: Connection, user_id: int) -> dict[str, Any] | None:
    row = conn.execute(select(user).where(user.c.user_id == user_id)).mappings().first()
    return dict(row) if row else None


def users_by_names(conn: Connection, names: Iterable[str]) -> dict[str, dict[str, Any]]:
    names = list(names)
    if not names:
        return {}
    rows = conn.execute(select(user).where(user.c.user_name.in_(names))).mappings()
    return {r["user_name"]: dict(r) for r in rows}


def insert_user(
    conn: Connection, name: str, password_hash: str, now_ts: str, *, is_system: bool = False
) -> int:
    result = conn.execute(
        insert(user).values(
            user_name=name,
            user_password=password_hash,
            user_registration=now_ts,
            user_touched=now_ts,
            user_editcount=0,
            user_is_system=is_system,
        )
    )
    user_id = new_id(result)
    ensure_actor(conn, name, user_id)
    return user_id


def set_password(conn: Connection, user_id: int, password_hash: str, now_ts: str) -> None:
    conn.execute(
        update(user)
        .where(user.c.user_id == user_id)
        .values(user_password=password_hash, user_touched=now_ts)
    )


def increment_editcount(conn: Connection, user_id: int) -> None:
    conn.execute(
        update(user)
        .where(user.c.user_id == user_id)
        .values(user_editcount=user.c.user_editcount + 1)
    )


def touch_user(conn: Connection, user_id: int, now_ts: str) -> None:
    conn.execute(update(user).where(user.c.user_id == user_id).values(user_touched=now_ts))


def count_users(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(user)).scalar_one())


# -- actors ------------------------------------------------------------------------


def actor_by_name(conn: Connection, name: str) -> dict[str, Any] | None:
    row = conn.execute(select(actor).where(actor.c.actor_name == name)).mappings().first()
    return dict(row) if row else None


def actor_id_for(conn: Connection, name: str) -> int | None:
    return conn.execute(select(actor.c.actor_id).where(actor.c.actor_name == name)).scalar()


def ensure_actor(conn: Connection, name: str, user_id: int | None) -> int:
    """The actor id of a name, created on first use (Mirrors ActorStore::acquireActorId())."""
    existing = conn.execute(
        select(actor.c.actor_id, actor.c.actor_user).where(actor.c.actor_name == name)
    ).first()
    if existing is not None:
        if user_id and existing.actor_user is None:
            conn.execute(
                update(actor)
                .where(actor.c.actor_id == existing.actor_id)
                .values(actor_user=user_id)
            )
        return int(existing.actor_id)
    result = conn.execute(insert(actor).values(actor_name=name, actor_user=user_id or None))
    return new_id(result)


def actors_by_ids(conn: Connection, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    ids = list(set(ids))
    if not ids:
        return {}
    rows = conn.execute(select(actor).where(actor.c.actor_id.in_(ids))).mappings()
    return {r["actor_id"]: dict(r) for r in rows}


# -- groups --------------------------------------------------------------------------


def groups_of(conn: Connection, user_id: int, now_ts: str) -> list[tuple[str, str | None]]:
    """Unexpired explicit groups as (group, expiry) pairs, sorted by group name."""
    rows = conn.execute(
        select(user_groups.c.ug_group, user_groups.c.ug_expiry)
        .where(user_groups.c.ug_user == user_id)
        .where(or_(user_groups.c.ug_expiry.is_(None), user_groups.c.ug_expiry > now_ts))
        .order_by(user_groups.c.ug_group)
    )
    return [(r.ug_group, r.ug_expiry) for r in rows]


def add_group(conn: Connection, user_id: int, group: str, expiry: str | None) -> None:
    conn.execute(
        delete(user_groups)
        .where(user_groups.c.ug_user == user_id)
        .where(user_groups.c.ug_group == group)
    )
    conn.execute(insert(user_groups).values(ug_user=user_id, ug_group=group, ug_expiry=expiry))


def remove_group(conn: Connection, user_id: int, group: str) -> bool:
    result = conn.execute(
        delete(user_groups)
        .where(user_groups.c.ug_user == user_id)
        .where(user_groups.c.ug_group == group)
    )
    if result.rowcount:
        exists = conn.execute(
            select(user_former_groups).where(
                user_former_groups.c.ufg_user == user_id, user_former_groups.c.ufg_group == group
            )
        ).first()
        if exists is None:
            conn.execute(insert(user_former_groups).values(ufg_user=user_id, ufg_group=group))
        return True
    return False


# -- preferences ----------------------------------------------------------------------


def options_of(conn: Connection, user_id: int) -> dict[str, str | None]:
    rows = conn.execute(
        select(user_properties.c.up_property, user_properties.c.up_value).where(
            user_properties.c.up_user == user_id
        )
    )
    return {r.up_property: r.up_value for r in rows}


def set_option(conn: Connection, user_id: int, name: str, value: str | None) -> None:
    conn.execute(
        delete(user_properties)
        .where(user_properties.c.up_user == user_id)
        .where(user_properties.c.up_property == name)
    )
    if value is not None:
        conn.execute(
            insert(user_properties).values(up_user=user_id, up_property=name, up_value=value)
        )


# -- bot passwords ----------------------------------------------------------------------


def bot_password(conn: Connection, user_id: int, app_id: str) -> dict[str, Any] | None:
    row = (
        conn.execute(
            select(bot_passwords)
            .where(bot_passwords.c.bp_user == user_id)
            .where(bot_passwords.c.bp_app_id == app_id)
        )
        .mappings()
        .first()
    )
    return dict(row) if row else None


def bot_passwords_of(conn: Connection, user_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(bot_passwords)
        .where(bot_passwords.c.bp_user == user_id)
        .order_by(bot_passwords.c.bp_app_id)
    ).mappings()
    return [dict(r) for r in rows]


def upsert_bot_password(conn: Connection, values: dict[str, Any]) -> None:
    conn.execute(
        delete(bot_passwords)
        .where(bot_passwords.c.bp_user == values["bp_user"])
        .where(bot_passwords.c.bp_app_id == values["bp_app_id"])
    )
    conn.execute(insert(bot_passwords).values(**values))


def delete_bot_password(conn: Connection, user_id: int, app_id: str) -> bool:
    result = conn.execute(
        delete(bot_passwords)
        .where(bot_passwords.c.bp_user == user_id)
        .where(bot_passwords.c.bp_app_id == app_id)
    )
    return bool(result.rowcount)


def set_user_details(conn: Connection, user_id: int, real_name: str, email: str) -> None:
    conn.execute(
        update(user)
        .where(user.c.user_id == user_id)
        .values(user_real_name=real_name, user_email=email)
    )


def list_users(
    conn: Connection,
    *,
    descending: bool = False,
    start: str | None = None,
    end: str | None = None,
    prefix: str | None = None,
    groups: list[str] | None = None,
    exclude_groups: list[str] | None = None,
    with_edits_only: bool = False,
    active_since: str | None = None,
    now_ts: str = "",
    limit: int = 10,
) -> list[dict[str, Any]]:
    """Accounts by name for list=allusers; ``recentactions`` counted when ``active_since``."""
    live = or_(user_groups.c.ug_expiry.is_(None), user_groups.c.ug_expiry >= now_ts)
    columns: list[Any] = [user]
    actions: Any = None
    if active_since is not None:
        actions = (
            select(func.count())
            .select_from(recentchanges.join(actor, actor.c.actor_id == recentchanges.c.rc_actor))
            .where(
                actor.c.actor_user == user.c.user_id,
                or_(
                    recentchanges.c.rc_log_type.is_(None), recentchanges.c.rc_log_type != "newusers"
                ),
                recentchanges.c.rc_timestamp >= active_since,
            )
            .scalar_subquery()
        )
        columns.append(actions.label("recentactions"))
    stmt = select(*columns)
    if descending:
        if start is not None:
            stmt = stmt.where(user.c.user_name <= start)
        if end is not None:
            stmt = stmt.where(user.c.user_name >= end)
        stmt = stmt.order_by(user.c.user_name.desc())
    else:
        if start is not None:
            stmt = stmt.where(user.c.user_name >= start)
        if end is not None:
            stmt = stmt.where(user.c.user_name <= end)
        stmt = stmt.order_by(user.c.user_name)
    if prefix is not None:
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(user.c.user_name.like(escaped + "%", escape="\\"))
    if groups:
        member = select(user_groups.c.ug_user).where(
            user_groups.c.ug_user == user.c.user_id, user_groups.c.ug_group.in_(groups), live
        )
        stmt = stmt.where(member.exists())
    if exclude_groups:
        member = select(user_groups.c.ug_user).where(
            user_groups.c.ug_user == user.c.user_id,
            user_groups.c.ug_group.in_(exclude_groups),
            live,
        )
        stmt = stmt.where(~member.exists())
    if with_edits_only:
        stmt = stmt.where(user.c.user_editcount > 0)
    if actions is not None:
        stmt = stmt.where(actions > 0)
    rows = conn.execute(stmt.limit(limit)).mappings()
    return [dict(r) for r in rows]
