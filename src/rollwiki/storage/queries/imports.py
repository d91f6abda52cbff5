"""Reads and writes of the XML importer (Mirrors the SQL of ImportableOldRevisionImporter)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, bindparam, insert, or_, select, update

from ..schema import content, logging, page_restrictions, protected_titles, revision

# Built once: executing a prepared statement with a parameter dict skips SQLAlchemy's
# per-call statement construction, which dominates the cost of a bulk import.
_INSERT_CONTENT = insert(content)
_INSERT_REVISION = insert(revision)
_SET_ORIGIN = (
    update(revision)
    .where(revision.c.rev_id == bindparam("origin_rev"))
    .values(rev_content_origin=bindparam("origin"))
)


def insert_content(conn: Connection, text: str, sha1: str, size: int, model: str) -> int:
    values = {
        "content_text": text,
        "content_sha1": sha1,
        "content_size": size,
        "content_model": model,
    }
    return _new_id(conn.execute(_INSERT_CONTENT, values).inserted_primary_key)


def insert_revision(conn: Connection, values: dict[str, Any]) -> int:
    return _new_id(conn.execute(_INSERT_REVISION, values).inserted_primary_key)


def _new_id(key: Any) -> int:
    if key is None:
        raise RuntimeError("the insert returned no primary key")
    return int(key[0])


def set_content_origins(conn: Connection, origins: dict[int, int]) -> None:
    """rev_content_origin for many revisions at once (rev_id -> origin)."""
    if origins:
        conn.execute(
            _SET_ORIGIN, [{"origin_rev": rev, "origin": org} for rev, org in origins.items()]
        )


_REVISION_EXISTS = (
    select(revision.c.rev_id)
    .where(
        revision.c.rev_page == bindparam("page"),
        revision.c.rev_timestamp == bindparam("ts"),
        revision.c.rev_sha1.in_(bindparam("sha1s", expanding=True)),
    )
    .limit(1)
)


def revision_exists(conn: Connection, page_id: int, timestamp: str, sha1s: list[str]) -> bool:
    """A revision of the page with this timestamp and one of these SHA-1s (hex) exists."""
    params = {"page": page_id, "ts": timestamp, "sha1s": sha1s}
    return conn.execute(_REVISION_EXISTS, params).first() is not None


_PREVIOUS_REVISION = (
    select(
        revision.c.rev_id,
        revision.c.rev_timestamp,
        revision.c.rev_sha1,
        revision.c.rev_content,
        revision.c.rev_content_origin,
    )
    .where(revision.c.rev_page == bindparam("page"), revision.c.rev_timestamp <= bindparam("ts"))
    .order_by(revision.c.rev_timestamp.desc(), revision.c.rev_id.desc())
    .limit(1)
)


def previous_revision(conn: Connection, page_id: int, timestamp: str) -> dict[str, Any] | None:
    """The newest revision not newer than ``timestamp`` (ties: the highest id): the parent."""
    row = conn.execute(_PREVIOUS_REVISION, {"page": page_id, "ts": timestamp}).mappings().first()
    return dict(row) if row else None


def revision_timestamp(conn: Connection, rev_id: int) -> str | None:
    value = conn.execute(
        select(revision.c.rev_timestamp).where(revision.c.rev_id == rev_id)
    ).scalar()
    return str(value) if value is not None else None


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
