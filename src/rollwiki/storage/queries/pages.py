"""Pages, revisions and content: reads, and the compare-and-set write of a new revision."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, and_, func, insert, or_, select, update

from ..schema import actor, content, page, revision
from . import new_id

# A revision row joined with its actor, as most readers want it.
REVISION_COLUMNS = (
    revision.c.rev_id,
    revision.c.rev_page,
    revision.c.rev_parent_id,
    revision.c.rev_actor,
    revision.c.rev_timestamp,
    revision.c.rev_comment,
    revision.c.rev_minor_edit,
    revision.c.rev_deleted,
    revision.c.rev_len,
    revision.c.rev_sha1,
    revision.c.rev_content,
    revision.c.rev_content_origin,
    actor.c.actor_name,
    actor.c.actor_user,
)


def _revisions() -> Any:
    return select(*REVISION_COLUMNS).join(actor, actor.c.actor_id == revision.c.rev_actor)


# -- pages -------------------------------------------------------------------------------


def page_by_title(conn: Connection, namespace: int, dbkey: str) -> dict[str, Any] | None:
    row = (
        conn.execute(
            select(page).where(page.c.page_namespace == namespace, page.c.page_title == dbkey)
        )
        .mappings()
        .first()
    )
    return dict(row) if row else None


def page_by_id(conn: Connection, page_id: int) -> dict[str, Any] | None:
    row = conn.execute(select(page).where(page.c.page_id == page_id)).mappings().first()
    return dict(row) if row else None


def pages_by_titles(
    conn: Connection, keys: Iterable[tuple[int, str]]
) -> dict[tuple[int, str], dict[str, Any]]:
    keys = list(set(keys))
    if not keys:
        return {}
    out: dict[tuple[int, str], dict[str, Any]] = {}
    # Chunk to stay within every engine's bound-parameter limits.
    for start in range(0, len(keys), 200):
        chunk = keys[start : start + 200]
        cond = or_(*[and_(page.c.page_namespace == ns, page.c.page_title == t) for ns, t in chunk])
        for row in conn.execute(select(page).where(cond)).mappings():
            out[(row["page_namespace"], row["page_title"])] = dict(row)
    return out


def pages_by_ids(conn: Connection, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    ids = list(set(ids))
    if not ids:
        return {}
    rows = conn.execute(select(page).where(page.c.page_id.in_(ids))).mappings()
    return {r["page_id"]: dict(r) for r in rows}


def lock_page(conn: Connection, page_id: int) -> dict[str, Any] | None:
    """The page row under a row lock (FOR UPDATE; SQLite's writer already holds the lock)."""
    row = (
        conn.execute(select(page).where(page.c.page_id == page_id).with_for_update())
        .mappings()
        .first()
    )
    return dict(row) if row else None


def insert_page(conn: Connection, namespace: int, dbkey: str, now_ts: str, model: str) -> int:
    result = conn.execute(
        insert(page).values(
            page_namespace=namespace,
            page_title=dbkey,
            page_is_redirect=False,
            page_is_new=True,
            page_touched=now_ts,
            page_latest=0,
            page_len=0,
            page_content_model=model,
        )
    )
    return new_id(result)


def advance_latest(
    conn: Connection, page_id: int, expected: int, new: int, values: dict[str, Any]
) -> bool:
    """The compare-and-set: point the page at ``new`` only if it still points at ``expected``."""
    result = conn.execute(
        update(page)
        .where(page.c.page_id == page_id, page.c.page_latest == expected)
        .values(page_latest=new, **values)
    )
    return result.rowcount == 1


# -- content -------------------------------------------------------------------------------


def insert_content(conn: Connection, text: str, sha1: str, size: int, model: str) -> int:
    result = conn.execute(
        insert(content).values(
            content_text=text, content_sha1=sha1, content_size=size, content_model=model
        )
    )
    return new_id(result)


def content_text(conn: Connection, content_id: int) -> str:
    return str(
        conn.execute(
            select(content.c.content_text).where(content.c.content_id == content_id)
        ).scalar_one()
    )


def contents_by_ids(conn: Connection, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    ids = list(set(ids))
    if not ids:
        return {}
    rows = conn.execute(select(content).where(content.c.content_id.in_(ids))).mappings()
    return {r["content_id"]: dict(r) for r in rows}


# -- revisions -----------------------------------------------------------------------------


def revision_by_id(conn: Connection, rev_id: int) -> dict[str, Any] | None:
    row = conn.execute(_revisions().where(revision.c.rev_id == rev_id)).mappings().first()
    return dict(row) if row else None


def revisions_by_ids(conn: Connection, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    ids = list(set(ids))
    if not ids:
        return {}
    rows = conn.execute(_revisions().where(revision.c.rev_id.in_(ids))).mappings()
    return {r["rev_id"]: dict(r) for r in rows}


def insert_revision(conn: Connection, values: dict[str, Any]) -> int:
    result = conn.execute(insert(revision).values(**values))
    return new_id(result)


def newest_revision_not_by(conn: Connection, page_id: int, actor_id: int) -> dict[str, Any] | None:
    """The rollback target: the newest revision of the page by anyone but the actor.

    Served by the (rev_page, rev_timestamp, rev_id) index, newest first, as
    RollbackPage does with ORDER BY rev_timestamp DESC, rev_id DESC.
    """
    row = (
        conn.execute(
            _revisions()
            .where(revision.c.rev_page == page_id, revision.c.rev_actor != actor_id)
            .order_by(revision.c.rev_timestamp.desc(), revision.c.rev_id.desc())
            .limit(1)
        )
        .mappings()
        .first()
    )
    return dict(row) if row else None


def revisions_between(
    conn: Connection, page_id: int, after: dict[str, Any], through: dict[str, Any]
) -> list[dict[str, Any]]:
    """Revisions of a page newer than ``after`` up to and including ``through``, oldest first."""
    newer_than = or_(
        revision.c.rev_timestamp > after["rev_timestamp"],
        and_(
            revision.c.rev_timestamp == after["rev_timestamp"], revision.c.rev_id > after["rev_id"]
        ),
    )
    not_newer = or_(
        revision.c.rev_timestamp < through["rev_timestamp"],
        and_(
            revision.c.rev_timestamp == through["rev_timestamp"],
            revision.c.rev_id <= through["rev_id"],
        ),
    )
    rows = conn.execute(
        _revisions()
        .where(revision.c.rev_page == page_id, newer_than, not_newer)
        .order_by(revision.c.rev_timestamp, revision.c.rev_id)
    ).mappings()
    return [dict(r) for r in rows]


def count_revisions(conn: Connection, page_id: int) -> int:
    return int(
        conn.execute(
            select(func.count()).select_from(revision).where(revision.c.rev_page == page_id)
        ).scalar_one()
    )


def recent_revisions(conn: Connection, page_id: int, limit: int) -> list[dict[str, Any]]:
    """The newest ``limit`` revisions of a page, newest first (rollback link counting)."""
    rows = conn.execute(
        _revisions()
        .where(revision.c.rev_page == page_id)
        .order_by(revision.c.rev_timestamp.desc(), revision.c.rev_id.desc())
        .limit(limit)
    ).mappings()
    return [dict(r) for r in rows]


def set_revision_deleted(conn: Connection, rev_id: int, bits: int) -> None:
    conn.execute(update(revision).where(revision.c.rev_id == rev_id).values(rev_deleted=bits))


def revisions_since(
    conn: Connection, page_id: int, since_ts: str, limit: int = 50
) -> list[dict[str, Any]]:
    """Revisions of a page newer than a timestamp, oldest first (userWasLastToEdit)."""
    rows = conn.execute(
        _revisions()
        .where(revision.c.rev_page == page_id, revision.c.rev_timestamp > since_ts)
        .order_by(revision.c.rev_timestamp, revision.c.rev_id)
        .limit(limit)
    ).mappings()
    return [dict(r) for r in rows]


def revision_by_timestamp(conn: Connection, page_id: int, ts: str) -> dict[str, Any] | None:
    """Mirrors RevisionStore::getRevisionByTimestamp(): the revision saved at exactly ``ts``."""
    row = (
        conn.execute(
            _revisions()
            .where(revision.c.rev_page == page_id, revision.c.rev_timestamp == ts)
            .order_by(revision.c.rev_id.desc())
            .limit(1)
        )
        .mappings()
        .first()
    )
    return dict(row) if row else None


def adjacent_revision(
    conn: Connection, rev: dict[str, Any], *, newer: bool
) -> dict[str, Any] | None:
    """Mirrors RevisionStore::getNextRevision() / getPreviousRevision() (timestamp order)."""
    ts, rid = rev["rev_timestamp"], rev["rev_id"]
    order: tuple[Any, Any]
    if newer:
        cond = or_(
            revision.c.rev_timestamp > ts,
            and_(revision.c.rev_timestamp == ts, revision.c.rev_id > rid),
        )
        order = (revision.c.rev_timestamp, revision.c.rev_id)
    else:
        cond = or_(
            revision.c.rev_timestamp < ts,
            and_(revision.c.rev_timestamp == ts, revision.c.rev_id < rid),
        )
        order = (revision.c.rev_timestamp.desc(), revision.c.rev_id.desc())
    row = (
        conn.execute(
            _revisions()
            .where(revision.c.rev_page == rev["rev_page"], cond)
            .order_by(*order)
            .limit(1)
        )
        .mappings()
        .first()
    )
    return dict(row) if row else None
