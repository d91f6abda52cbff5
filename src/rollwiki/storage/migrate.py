"""Schema creation and upgrades through Alembic (migrations live in storage/migrations)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect

from .database import Database

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(db: Database) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", db.url.render_as_string(hide_password=False))
    cfg.attributes["engine"] = db.engine
    return cfg


def ensure_schema(db: Database) -> None:
    """Bring the database to the newest schema (creating it on first use)."""
    command.upgrade(alembic_config(db), "head")


def has_schema(db: Database) -> bool:
    return "page" in inspect(db.engine).get_table_names()
