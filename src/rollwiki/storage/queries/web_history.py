"""Listings of revisions for index.php: page history, user contributions, rollback windows.

Every listing is one indexed query (newest first, ``limit + 1`` rows so the caller knows
whether there is a next page); per-row data (tags, rollback windows, previous sizes) are
fetched in one further query per kind, never per row.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select

from ..schema import actor, page, revision

_COLUMNS = (
    revision.c.rev_id,
    revision.c.rev_page,
    revision.c.rev_parent_id,
    revision.c.rev_timestamp,
    revision.c.rev_comment,
    revision.c.rev_minor_edit,
    revision.c.rev_deleted,
    revision.c.rev_len,
    revision.c.rev_actor,
    actor.c.actor_name,
    actor.c.actor_user,
)


def _before(offset: tuple[str, int] | None) -> Any:
    """Rows strictly older than (timestamp, id): the pager's ``offset``."""
    if offset is None:
        return None
    ts, rev_id = offset
    return or_(
        revision.c.rev_timestamp < ts,
        and_(revision.c.rev_timestamp == ts, revision.c.rev_id < rev_id),
    )


def _after(offset: tuple[str, int]) -> Any:
    ts, rev_id = offset
    return or_(
        revision.c.rev_timestamp > ts,
        and_(revision.c.rev_timestamp == ts, revision.c.rev_id > rev_id),
    )


def page_history(
    conn: Connection,
    page_id: int,
    limit: int,
    offset: tuple[str, int] | None = None,
    *,
    older: bool = True,
) -> list[dict[str, Any]]:
    """Revisions of a page, newest first; ``older=False`` reads the page above the offset
    (``dir=prev``; without an offset: the oldest rows) and still returns it newest first.
    Uses the (rev_page, rev_timestamp, rev_id) index.
    """
    query = select(*_COLUMNS).join(actor, actor.c.actor_id == revision.c.rev_actor)
    query = query.where(revision.c.rev_page == page_id)
    if older:
        cond = _before(offset)
        if cond is not None:
            query = query.where(cond)
        query = query.order_by(revision.c.rev_timestamp.desc(), revision.c.rev_id.desc())
    else:
        if offset is not None:
            query = query.where(_after(offset))
        query = query.order_by(revision.c.rev_timestamp, revision.c.rev_id)
    rows = [dict(r) for r in conn.execute(query.limit(limit)).mappings()]
    return rows if older else rows[::-1]


def user_contributions(
    conn: Connection,
    actor_id: int,
    limit: int,
    offset: tuple[str, int] | None = None,
    *,
    namespace: int | None = None,
    older: bool = True,
) -> list[dict[str, Any]]:
    """Revisions by one actor with their pages, newest first (rev_actor, rev_timestamp)."""
    query = (
        select(
            *_COLUMNS,
            page.c.page_namespace,
            page.c.page_title,
            page.c.page_latest,
            page.c.page_is_new,
        )
        .join(actor, actor.c.actor_id == revision.c.rev_actor)
        .join(page, page.c.page_id == revision.c.rev_page)
        .where(revision.c.rev_actor == actor_id)
    )
    if namespace is not None:
        query = query.where(page.c.page_namespace == namespace)
    if older:
        cond = _before(offset)
        if cond is not None:
            query = query.where(cond)
        query = query.order_by(revision.c.rev_timestamp.desc(), revision.c.rev_id.desc())
    else:
        if offset is not None:
            query = query.where(_after(offset))
        query = query.order_by(revision.c.rev_timestamp, revision.c.rev_id)
    rows = [dict(r) for r in conn.execute(query.limit(limit)).mappings()]
    return rows if older else rows[::-1]


def parent_sizes(conn: Connection, parent_ids: Iterable[int]) -> dict[int, int]:
    """rev_len of the given revisions (the "previous size" of each listed row)."""
    ids = [i for i in set(parent_ids) if i]
    if not ids:
        return {}
    rows = conn.execute(
        select(revision.c.rev_id, revision.c.rev_len).where(revision.c.rev_id.in_(ids))
    )
    return {int(r[0]): int(r[1]) for r in rows}


def rollback_windows(
    conn: Connection, page_ids: Iterable[int], size: int
) -> dict[int, list[dict[str, Any]]]:
    """The newest ``size`` revisions (author name, rev_deleted) of each page, newest first.

    Linker::getRollbackEditCount() reads this window for every rollback link; one query
    with a window function serves a whole listing.
    """
    ids = list(set(page_ids))
    out: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    if not ids or size <= 0:
        return out
    rank = (
        func.row_number()
        .over(
            partition_by=revision.c.rev_page,
            order_by=(revision.c.rev_timestamp.desc(), revision.c.rev_id.desc()),
        )
        .label("rank")
    )
    inner = (
        select(
            revision.c.rev_page,
            revision.c.rev_id,
            revision.c.rev_deleted,
            actor.c.actor_name,
            rank,
        )
        .join(actor, actor.c.actor_id == revision.c.rev_actor)
        .where(revision.c.rev_page.in_(ids))
        .subquery()
    )
    rows = conn.execute(
        select(inner).where(inner.c.rank <= size).order_by(inner.c.rev_page, inner.c.rank)
    ).mappings()
    for row in rows:
        out[int(row["rev_page"])].append(dict(row))
    return out


def revisions_between_summary(
    conn: Connection, page_id: int, old: dict[str, Any], new: dict[str, Any]
) -> tuple[int, int, int | None]:
    """Revisions strictly between two: (how many, how many authors, one author's actor id),
    for the diff's "(N intermediate revisions by M users not shown)"."""
    cond = and_(
        revision.c.rev_page == page_id,
        _after((old["rev_timestamp"], old["rev_id"])),
        _before((new["rev_timestamp"], new["rev_id"])),
    )
    row = conn.execute(
        select(
            func.count(),
            func.count(func.distinct(revision.c.rev_actor)),
            func.min(revision.c.rev_actor),
        ).where(cond)
    ).first()
    assert row is not None
    return int(row[0]), int(row[1]), (int(row[2]) if row[2] is not None else None)


def pages_with_prefix(
    conn: Connection, namespace: int, prefix: str, limit: int
) -> list[tuple[int, str]]:
    """Titles starting with ``prefix`` in a namespace (the unique (ns, title) index)."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = conn.execute(
        select(page.c.page_namespace, page.c.page_title)
        .where(
            page.c.page_namespace == namespace, page.c.page_title.like(escaped + "%", escape="\\")
        )
        .order_by(page.c.page_title)
        .limit(limit)
    )
    return [(int(r[0]), str(r[1])) for r in rows]
