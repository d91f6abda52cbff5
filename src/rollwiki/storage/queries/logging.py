"""Log entries (the logging table)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert

from ..schema import logging


def insert_log(conn: Connection, values: dict[str, Any]) -> int:
    result = conn.execute(insert(logging).values(**values))
    return int(result.inserted_primary_key[0])
