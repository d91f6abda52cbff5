"""Reads and writes of the XML importer (Mirrors the SQL of ImportableOldRevisionImporter)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, or_, select, update

from ..schema import logging, page_restrictions, protected_titles, revision


def revision_exists(conn: Connection, page_id: int, timestamp: str, sha1s: list[str]) -> bool:
    """A revision of the page with this timestamp and one of these SHA-1s (hex) exists."""
    row = conn.execute(
        select(revision.c.rev_id)
        .where(
            revision.c.rev_page == page_id,
            revision.c.rev_timestamp == timestamp,
            revision.c.rev_sha1.in_(sha1s),
        )
        .limit(1)
    ).first()
    return row is not None


def previous_revision(conn: Connection, page_id: int, timestamp: str) -> dict[str, Any] | None:
    """The newest revision not newer than ``timestamp`` (ties: the highest id): the parent."""
    row = (
        conn.execute(
            select(
                revision.c.rev_id,
                revision.c.rev_timestamp,
                revision.c.rev_sha1,
                revision.c.rev_content,
                revision.c.rev_content_origin,
            )
            .where(revision.c.rev_page == page_id, revision.c.rev_timestamp <= timestamp)
            .order_by(revision.c.rev_timestamp.desc(), revision.c.rev_id.desc())
            .limit(1)
        )
        .mappings()
        .first()
    )
    return dict(row) if row else None


def revision_timestamp(conn: Connection, rev_id: int) -> str | None:
    value = conn.execute(
        select(revision.c.rev_timestamp).where(revision.c.rev_id == rev_id)
    ).scalar()
    return str(value) if value is not None else None


def set_content_origin(conn: Connection, rev_id: int, origin: int) -> None:
    conn.execute(
        update(revision).where(revision.c.rev_id == rev_id).values(rev_content_origin=origin)
    )


def log_exists(conn: Connection, values: dict[str, Any]) -> bool:
    """Mirrors WikiRevision::importLogItem()'s duplicate check."""
    row = conn.execute(
        select(logging.c.log_id)
        .where(
            logging.c.log_type == values["log_type"],
            logging.c.log_action == values["log_action"],
            logging.c.log_timestamp == values["log_timestamp"],
            logging.c.log_namespace == values["log_namespace"],
            logging.c.log_title == values["log_title"],
            logging.c.log_params == values["log_params"],
        )
        .limit(1)
    ).first()
    return row is not None


def edit_restriction(conn: Connection, page_id: int, now_ts: str) -> str | None:
    """The unexpired ``edit`` protection level of a page, if any."""
    row = conn.execute(
        select(page_restrictions.c.pr_level).where(
            page_restrictions.c.pr_page == page_id,
            page_restrictions.c.pr_type == "edit",
            or_(
                page_restrictions.c.pr_expiry.is_(None),
                page_restrictions.c.pr_expiry == "infinity",
                page_restrictions.c.pr_expiry > now_ts,
            ),
        )
    ).first()
    return str(row[0]) if row and row[0] else None


def create_restriction(conn: Connection, namespace: int, dbkey: str, now_ts: str) -> str | None:
    """The unexpired creation protection (protected_titles) of a missing page, if any."""
    row = conn.execute(
        select(protected_titles.c.pt_create_perm).where(
            and_(
                protected_titles.c.pt_namespace == namespace,
                protected_titles.c.pt_title == dbkey,
                or_(
                    protected_titles.c.pt_expiry == "infinity",
                    protected_titles.c.pt_expiry > now_ts,
                ),
            )
        )
    ).first()
    return str(row[0]) if row and row[0] else None
