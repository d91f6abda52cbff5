"""Interwiki prefixes and their URL patterns (the interwiki table)."""

from __future__ import annotations

from sqlalchemy import Connection, select

from ..schema import interwiki


def interwiki_urls(conn: Connection) -> dict[str, str]:
    """Every prefix (lower-cased) with its URL pattern (``$1`` stands for the page)."""
    rows = conn.execute(select(interwiki.c.iw_prefix, interwiki.c.iw_url))
    return {prefix.lower(): url for prefix, url in rows}
