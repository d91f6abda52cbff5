"""Stored site settings (the site_config table: one JSON value per SiteConfig field)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from ..schema import site_config


def load_overrides(conn: Connection) -> dict[str, Any]:
    rows = conn.execute(select(site_config.c.sc_name, site_config.c.sc_value)).all()
    return {name: json.loads(value) for name, value in rows}


def save_site_config(
    conn: Connection, overrides: dict[str, Any], *, only_missing: bool = False
) -> None:
    """Store overrides; with ``only_missing`` existing settings are left alone."""
    existing = set(load_overrides(conn)) if only_missing else set()
    for name, value in overrides.items():
        if name in existing:
            continue
        conn.execute(delete(site_config).where(site_config.c.sc_name == name))
        conn.execute(
            insert(site_config).values(sc_name=name, sc_value=json.dumps(value, ensure_ascii=False))
        )
