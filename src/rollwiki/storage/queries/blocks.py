"""Block rows (ipblocks, ipblocks_restrictions)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, delete, insert, or_, select, update

from ..schema import actor, ipblocks, ipblocks_restrictions
from . import new_id

RESTRICTION_PAGE = 1
RESTRICTION_NAMESPACE = 2


def _live(now_ts: str) -> Any:
    return or_(ipblocks.c.ipb_expiry == "infinity", ipblocks.c.ipb_expiry > now_ts)


def blocks_for(
    conn: Connection, user_id: int, ip: str | None, ip_hex: str | None, now_ts: str
) -> list[dict[str, Any]]:
    """Unexpired blocks on an account and/or an IP (single or inside a range), newest first."""
    conds = []
    if user_id:
        conds.append(ipblocks.c.ipb_user == user_id)
    if ip:
        conds.append(and_(ipblocks.c.ipb_address == ip, ipblocks.c.ipb_user == 0))
    if ip_hex:
        conds.append(
            and_(
                ipblocks.c.ipb_range_start != "",
                ipblocks.c.ipb_range_start <= ip_hex,
                ipblocks.c.ipb_range_end >= ip_hex,
                ipblocks.c.ipb_user == 0,
            )
        )
    if not conds:
        return []
    rows = conn.execute(
        select(ipblocks, actor.c.actor_name.label("by_name"), actor.c.actor_user.label("by_id"))
        .join(actor, actor.c.actor_id == ipblocks.c.ipb_by_actor)
        .where(or_(*conds), _live(now_ts))
        .order_by(ipblocks.c.ipb_timestamp.desc(), ipblocks.c.ipb_id.desc())
    ).mappings()
    return [dict(r) for r in rows]


def restrictions_of(conn: Connection, block_ids: list[int]) -> dict[int, list[tuple[int, int]]]:
    out: dict[int, list[tuple[int, int]]] = {i: [] for i in block_ids}
    if not block_ids:
        return out
    rows = conn.execute(
        select(ipblocks_restrictions)
        .where(ipblocks_restrictions.c.ir_ipb_id.in_(block_ids))
        .order_by(
            ipblocks_restrictions.c.ir_ipb_id,
            ipblocks_restrictions.c.ir_type,
            ipblocks_restrictions.c.ir_value,
        )
    )
    for r in rows:
        out[r.ir_ipb_id].append((r.ir_type, r.ir_value))
    return out


# -- writing blocks (DatabaseBlockStore) ----------------------------------------------------


def live_block_on(
    conn: Connection, address: str, user_id: int, now_ts: str
) -> dict[str, Any] | None:
    """The unexpired manual block on exactly this target (DatabaseBlock::newFromTarget)."""
    cond = ipblocks.c.ipb_user == user_id if user_id else ipblocks.c.ipb_address == address
    row = (
        conn.execute(
            select(ipblocks, actor.c.actor_name.label("by_name"), actor.c.actor_user.label("by_id"))
            .join(actor, actor.c.actor_id == ipblocks.c.ipb_by_actor)
            .where(cond, ipblocks.c.ipb_user == user_id, ipblocks.c.ipb_auto.is_(False))
            .where(_live(now_ts))
            .order_by(ipblocks.c.ipb_id.desc())
        )
        .mappings()
        .first()
    )
    return dict(row) if row else None


def block_by_id(conn: Connection, block_id: int, now_ts: str) -> dict[str, Any] | None:
    """An unexpired block (manual or automatic) by id, with its blocker."""
    row = (
        conn.execute(
            select(ipblocks, actor.c.actor_name.label("by_name"), actor.c.actor_user.label("by_id"))
            .join(actor, actor.c.actor_id == ipblocks.c.ipb_by_actor)
            .where(ipblocks.c.ipb_id == block_id, _live(now_ts))
        )
        .mappings()
        .first()
    )
    return dict(row) if row else None


def purge_expired_on(conn: Connection, address: str, user_id: int, now_ts: str) -> None:
    """DatabaseBlockStore::insertBlock(): expired rows of the same target make way."""
    expired = [
        r[0]
        for r in conn.execute(
            select(ipblocks.c.ipb_id).where(
                ipblocks.c.ipb_address == address,
                ipblocks.c.ipb_user == user_id,
                ipblocks.c.ipb_expiry != "infinity",
                ipblocks.c.ipb_expiry < now_ts,
            )
        )
    ]
    if expired:
        delete_blocks(conn, expired)


def insert_block(conn: Connection, values: dict[str, Any]) -> int:
    return new_id(conn.execute(insert(ipblocks).values(**values)))


def update_block(conn: Connection, block_id: int, values: dict[str, Any]) -> None:
    conn.execute(update(ipblocks).where(ipblocks.c.ipb_id == block_id).values(**values))


def delete_blocks(conn: Connection, block_ids: list[int]) -> None:
    """Remove blocks, their restrictions and the autoblocks they spawned."""
    children = [
        r[0]
        for r in conn.execute(
            select(ipblocks.c.ipb_id).where(ipblocks.c.ipb_parent_block_id.in_(block_ids))
        )
    ]
    ids = block_ids + children
    conn.execute(delete(ipblocks_restrictions).where(ipblocks_restrictions.c.ir_ipb_id.in_(ids)))
    conn.execute(delete(ipblocks).where(ipblocks.c.ipb_id.in_(ids)))


def set_restrictions(conn: Connection, block_id: int, items: list[tuple[int, int]]) -> None:
    """BlockRestrictionStore::setBlockId(): replace a block's page/namespace restrictions."""
    conn.execute(delete(ipblocks_restrictions).where(ipblocks_restrictions.c.ir_ipb_id == block_id))
    for kind, value in dict.fromkeys(items):
        conn.execute(
            insert(ipblocks_restrictions).values(ir_ipb_id=block_id, ir_type=kind, ir_value=value)
        )


def list_blocks(
    conn: Connection,
    *,
    now_ts: str,
    newer: bool,
    limit: int,
    start: str | None = None,
    end: str | None = None,
    cont: tuple[str, int] | None = None,
    ids: list[int] | None = None,
    addresses: list[str] | None = None,
    ip_range: tuple[str, str, str] | None = None,  # (hex prefix, lower, upper)
    show: frozenset[str] = frozenset(),
    include_hidden: bool = False,
) -> list[dict[str, Any]]:
    """Mirrors ApiQueryBlocks' query: unexpired blocks with their blocker, limit + 1 rows."""
    stmt = (
        select(ipblocks, actor.c.actor_name.label("by_name"), actor.c.actor_user.label("by_id"))
        .join(actor, actor.c.actor_id == ipblocks.c.ipb_by_actor)
        .where(ipblocks.c.ipb_expiry > now_ts)
    )
    ts = ipblocks.c.ipb_timestamp
    if start is not None:
        stmt = stmt.where(ts >= start if newer else ts <= start)
    if end is not None:
        stmt = stmt.where(ts <= end if newer else ts >= end)
    if cont is not None:
        cts, cid = cont
        if newer:
            stmt = stmt.where(or_(ts > cts, and_(ts == cts, ipblocks.c.ipb_id >= cid)))
        else:
            stmt = stmt.where(or_(ts < cts, and_(ts == cts, ipblocks.c.ipb_id <= cid)))
    if ids:
        stmt = stmt.where(ipblocks.c.ipb_id.in_(ids))
    if addresses:
        stmt = stmt.where(ipblocks.c.ipb_address.in_(addresses), ipblocks.c.ipb_auto.is_(False))
    if ip_range is not None:
        prefix, lower, upper = ip_range
        stmt = stmt.where(
            ipblocks.c.ipb_range_start.like(prefix + "%"),
            ipblocks.c.ipb_range_start <= lower,
            ipblocks.c.ipb_range_end >= upper,
            ipblocks.c.ipb_auto.is_(False),
        )
    start_col, end_col = ipblocks.c.ipb_range_start, ipblocks.c.ipb_range_end
    conditions = {
        "!account": ipblocks.c.ipb_user == 0,
        "account": ipblocks.c.ipb_user != 0,
        "!ip": or_(ipblocks.c.ipb_user != 0, end_col > start_col),
        "ip": and_(ipblocks.c.ipb_user == 0, end_col == start_col),
        "!temp": ipblocks.c.ipb_expiry == "infinity",
        "temp": ipblocks.c.ipb_expiry != "infinity",
        "!range": end_col == start_col,
        "range": end_col > start_col,
    }
    for flag in show:
        stmt = stmt.where(conditions[flag])
    if not include_hidden:
        stmt = stmt.where(ipblocks.c.ipb_deleted.is_(False))
    order = (ts.asc(), ipblocks.c.ipb_id.asc()) if newer else (ts.desc(), ipblocks.c.ipb_id.desc())
    rows = conn.execute(stmt.order_by(*order).limit(limit + 1)).mappings()
    return [dict(r) for r in rows]
