"""Block rows (ipblocks, ipblocks_restrictions)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, delete, insert, or_, select, update

from ..schema import actor, ipblocks, ipblocks_restrictions

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
        select(ipblocks_restrictions).where(ipblocks_restrictions.c.ir_ipb_id.in_(block_ids))
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
    key = conn.execute(insert(ipblocks).values(**values)).inserted_primary_key
    assert key is not None
    return int(key[0])


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
