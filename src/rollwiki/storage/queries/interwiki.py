"""The interwiki table (prefix -> URL), as maintenance/interwiki.list fills it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from ..schema import interwiki


def interwiki_urls(conn: Connection) -> dict[str, str]:
    """Every prefix (lower-cased) with its URL pattern (``$1`` stands for the page)."""
    rows = conn.execute(select(interwiki.c.iw_prefix, interwiki.c.iw_url))
    return {prefix.lower(): url for prefix, url in rows}


def interwiki_map(conn: Connection) -> dict[str, dict[str, Any]]:
    rows = conn.execute(select(interwiki).order_by(interwiki.c.iw_prefix)).mappings()
    return {r["iw_prefix"]: dict(r) for r in rows}


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


def upsert_interwiki(conn: Connection, values: dict[str, Any]) -> bool:
    """Insert or update one prefix; returns True when something changed."""
    prefix = values["iw_prefix"]
    row = conn.execute(select(interwiki).where(interwiki.c.iw_prefix == prefix)).mappings().first()
    if row is None:
        conn.execute(insert(interwiki).values(**values))
        return True
    if all(row[k] == v for k, v in values.items()):
        return False
    conn.execute(update(interwiki).where(interwiki.c.iw_prefix == prefix).values(**values))
    return True
