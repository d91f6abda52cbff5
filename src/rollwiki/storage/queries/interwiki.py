"""The interwiki table (interwiki prefixes and their URLs)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from ..schema import interwiki


def interwiki_row(conn: Connection, prefix: str) -> dict[str, Any] | None:
    row = (
        conn.execute(select(interwiki).where(func.lower(interwiki.c.iw_prefix) == prefix.lower()))
        .mappings()
        .first()
    )
    return dict(row) if row else None


def all_interwikis(conn: Connection, local: bool | None = None) -> list[dict[str, Any]]:
    """Mirrors InterwikiLookup::getAllPrefixes(): sorted by prefix, optionally by iw_local."""
    stmt = select(interwiki).order_by(interwiki.c.iw_prefix)
    if local is not None:
        stmt = stmt.where(interwiki.c.iw_local.is_(local))
    return [dict(r) for r in conn.execute(stmt).mappings()]
