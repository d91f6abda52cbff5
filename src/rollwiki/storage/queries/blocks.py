"""Block rows (ipblocks, ipblocks_restrictions)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, or_, select

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
