"""Which block applies to a performer, and how the API describes it.

Mirrors BlockManager::getUserBlock() (account, IP and range blocks; ``ipblock-exempt``;
anon-only IP blocks sparing logged-in users), AbstractBlock::appliesToPage() for partial
blocks, and ApiBlockInfoTrait::getBlockDetails() for ``blockinfo``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from ..storage.queries import blocks as bq
from . import ip as iputils
from . import timestamps
from .performer import Performer


@dataclass(frozen=True)
class Block:
    """One ipblocks row, with its page/namespace restrictions for partial blocks."""

    row: dict[str, Any]
    restrictions: tuple[tuple[int, int], ...] = field(default_factory=tuple)

    @property
    def id(self) -> int:
        return int(self.row["ipb_id"])

    @property
    def sitewide(self) -> bool:
        return bool(self.row["ipb_sitewide"])

    @property
    def expiry(self) -> str:
        return str(self.row["ipb_expiry"])

    def applies_to_page(self, page_id: int | None, namespace: int) -> bool:
        """AbstractBlock::appliesToTitle(): sitewide, or the page/namespace is restricted."""
        if self.sitewide:
            return True
        for kind, value in self.restrictions:
            if kind == bq.RESTRICTION_PAGE and page_id is not None and value == page_id:
                return True
            if kind == bq.RESTRICTION_NAMESPACE and value == namespace:
                return True
        return False


def find_block(conn: Connection, performer: Performer) -> Block | None:
    """The block that applies to the performer, if any (BlockManager::getUserBlock)."""
    now_ts = timestamps.mw_now()
    ip: str | None = performer.ip
    if performer.is_registered and performer.allowed("ipblock-exempt"):
        ip = None
    rows = bq.blocks_for(conn, performer.user_id, ip, iputils.to_hex(ip) if ip else None, now_ts)
    applicable = []
    for row in rows:
        is_ip_block = not row["ipb_user"]
        if is_ip_block and row["ipb_anon_only"] and performer.is_registered:
            continue
        applicable.append(row)
    if not applicable:
        return None
    # An account block is reported before IP blocks; among equals the newest wins.
    applicable.sort(key=lambda r: 0 if r["ipb_user"] else 1)
    row = applicable[0]
    restrictions = bq.restrictions_of(conn, [row["ipb_id"]])[row["ipb_id"]]
    return Block(row, tuple(restrictions))


def blockinfo(block: Block, lang: str) -> dict[str, Any]:
    """Mirrors ApiBlockInfoTrait::getBlockDetails()."""
    row = block.row
    info: dict[str, Any] = {
        "blockid": block.id,
        "blockedby": row["by_name"],
        "blockedbyid": row["by_id"] or 0,
        "blockreason": row["ipb_reason"],
        "blockedtimestamp": timestamps.to_iso(row["ipb_timestamp"]),
        "blockexpiry": "infinite"
        if block.expiry == "infinity"
        else timestamps.to_iso(block.expiry),
        "blockpartial": not block.sitewide,
        "blocknocreate": bool(row["ipb_create_account"]),
        "blockanononly": bool(row["ipb_anon_only"]),
        "blockedtimestampformatted": timestamps.format_expiry(row["ipb_timestamp"], lang),
    }
    if block.expiry != "infinity":
        info["blockexpiryformatted"] = timestamps.format_expiry(block.expiry, lang)
        info["blockexpiryrelative"] = timestamps.format_relative_expiry(block.expiry, lang)
    return info


def block_message_key(block: Block) -> str:
    """The API message of a block error (ApiBlockInfoTrait / ApiMessage for blocks)."""
    if row_is_autoblock(block.row):
        return "apierror-autoblocked"
    if not block.sitewide:
        return "apierror-blocked-partial"
    return "apierror-blocked"


def row_is_autoblock(row: dict[str, Any]) -> bool:
    return bool(row.get("ipb_auto"))
