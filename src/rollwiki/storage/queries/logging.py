"""Log entries (the logging table)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert

from ..schema import logging
from . import new_id


def insert_log(conn: Connection, values: dict[str, Any]) -> int:
    result = conn.execute(insert(logging).values(**values))
    return new_id(result)
