"""Revision listings for prop=revisions and list=usercontribs (their SELECTs, with actor,
page and optional tag/patrol joins; every branch is served by a revision index)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, and_, or_, select, union

from ..schema import actor, archive, change_tag, change_tag_def, page, recentchanges, revision
from .pages import REVISION_COLUMNS

_COLUMNS = (
    *REVISION_COLUMNS,
    page.c.page_namespace,
    page.c.page_title,
    page.c.page_latest,
)


def _base() -> Any:
    return (
        select(*_COLUMNS)
        .join(actor, actor.c.actor_id == revision.c.rev_actor)
        .join(page, page.c.page_id == revision.c.rev_page)
    )


def tag_id(conn: Connection, name: str) -> int | None:
    """The change_tag_def id of a tag name (NameTableStore::getId), None when unknown."""
    value = conn.execute(
        select(change_tag_def.c.ctd_id).where(change_tag_def.c.ctd_name == name)
    ).scalar()
    return int(value) if value is not None else None


def _after(ts_col: Any, id_col: Any, newer: bool, ts: str, rev_id: int) -> Any:
    """``ts > x OR (ts = x AND id >= n)`` (or the older-first mirror image)."""
    if newer:
        return or_(ts_col > ts, and_(ts_col == ts, id_col >= rev_id))
    return or_(ts_col < ts, and_(ts_col == ts, id_col <= rev_id))


@dataclass
class PageHistoryQuery:
    """prop=revisions on one page (ApiQueryRevisions' "enum mode")."""

    page_id: int
    limit: int
    newer: bool = False
    start: str | None = None
    end: str | None = None
    start_id: int | None = None
    end_id: int | None = None
    cont: tuple[str, int] | None = None
    user: str | None = None
    exclude_user: str | None = None
    hidden_user_mask: int = 0
    tag: int | None = None
    has_tag: bool = True


def page_history(conn: Connection, q: PageHistoryQuery) -> list[dict[str, Any]]:
    """Up to limit + 1 revisions of a page, by (rev_timestamp, rev_id)."""
    if not q.has_tag:
        return []
    stmt = _base().where(revision.c.rev_page == q.page_id)
    ts, rid = revision.c.rev_timestamp, revision.c.rev_id
    if q.cont is not None:
        if q.newer:
            stmt = stmt.where(or_(ts > q.cont[0], and_(ts == q.cont[0], rid >= q.cont[1])))
        else:
            stmt = stmt.where(or_(ts < q.cont[0], and_(ts == q.cont[0], rid <= q.cont[1])))
    if q.start is not None:
        if q.start_id is not None:
            stmt = stmt.where(_after(ts, rid, q.newer, q.start, q.start_id))
        else:
            stmt = stmt.where(ts >= q.start if q.newer else ts <= q.start)
    if q.end is not None:
        if q.end_id is not None:
            stmt = stmt.where(_after(ts, rid, not q.newer, q.end, q.end_id))
        else:
            stmt = stmt.where(ts <= q.end if q.newer else ts >= q.end)
    if q.user is not None:
        stmt = stmt.where(actor.c.actor_name == q.user)
    elif q.exclude_user is not None:
        stmt = stmt.where(actor.c.actor_name != q.exclude_user)
    if (q.user is not None or q.exclude_user is not None) and q.hidden_user_mask:
        mask = q.hidden_user_mask
        stmt = stmt.where(revision.c.rev_deleted.op("&")(mask) != mask)
    if q.tag is not None:
        stmt = stmt.join(change_tag, change_tag.c.ct_rev_id == rid).where(
            change_tag.c.ct_tag_id == q.tag
        )
    order = (ts.asc(), rid.asc()) if q.newer else (ts.desc(), rid.desc())
    return [dict(r) for r in conn.execute(stmt.order_by(*order).limit(q.limit + 1)).mappings()]


def revisions_by_ids(
    conn: Connection,
    rev_ids: Iterable[int],
    limit: int,
    *,
    from_id: int | None = None,
    tag: int | None = None,
) -> list[dict[str, Any]]:
    """Up to limit + 1 of the given revisions, by rev_id."""
    ids = sorted(set(rev_ids))
    if not ids:
        return []
    stmt = _base().where(revision.c.rev_id.in_(ids))
    if from_id is not None:
        stmt = stmt.where(revision.c.rev_id >= from_id)
    if tag is not None:
        stmt = stmt.join(change_tag, change_tag.c.ct_rev_id == revision.c.rev_id).where(
            change_tag.c.ct_tag_id == tag
        )
    stmt = stmt.order_by(revision.c.rev_id).limit(limit + 1)
    return [dict(r) for r in conn.execute(stmt).mappings()]


def latest_revisions(
    conn: Connection,
    page_ids: Iterable[int],
    limit: int,
    *,
    cont: tuple[int, int] | None = None,
    tag: int | None = None,
) -> list[dict[str, Any]]:
    """Up to limit + 1 current revisions of the pages, by (rev_page, rev_id)."""
    ids = sorted(set(page_ids))
    if not ids:
        return []
    stmt = _base().where(
        revision.c.rev_id == page.c.page_latest,
        page.c.page_id.in_(ids),
        revision.c.rev_page.in_(ids),
    )
    if cont is not None:
        stmt = stmt.where(
            or_(
                revision.c.rev_page > cont[0],
                and_(revision.c.rev_page == cont[0], revision.c.rev_id >= cont[1]),
            )
        )
    if tag is not None:
        stmt = stmt.join(change_tag, change_tag.c.ct_rev_id == revision.c.rev_id).where(
            change_tag.c.ct_tag_id == tag
        )
    stmt = stmt.order_by(revision.c.rev_page, revision.c.rev_id).limit(limit + 1)
    return [dict(r) for r in conn.execute(stmt).mappings()]


def revision_timestamps(conn: Connection, rev_ids: Sequence[int]) -> dict[int, str]:
    """rev_id -> timestamp of live or deleted revisions (rvstartid/rvendid)."""
    if not rev_ids:
        return {}
    stmt = union(
        select(revision.c.rev_id.label("id"), revision.c.rev_timestamp.label("ts")).where(
            revision.c.rev_id.in_(list(rev_ids))
        ),
        select(archive.c.ar_rev_id.label("id"), archive.c.ar_timestamp.label("ts")).where(
            archive.c.ar_rev_id.in_(list(rev_ids))
        ),
    )
    return {int(r.id): str(r.ts) for r in conn.execute(stmt)}


def revision_sizes(conn: Connection, rev_ids: Iterable[int]) -> dict[int, int]:
    """rev_id -> rev_len (RevisionStore::getRevisionSizes())."""
    ids = sorted(set(rev_ids))
    if not ids:
        return {}
    rows = conn.execute(
        select(revision.c.rev_id, revision.c.rev_len).where(revision.c.rev_id.in_(ids))
    )
    return {int(i): int(n) for i, n in rows}


@dataclass
class ContribsQuery:
    """list=usercontribs over a set of actors (ApiQueryUserContribs::prepareQuery()).

    ``order_by`` says how several users are ordered before (timestamp, id): by ``name``
    (actor_name), ``id`` (actor_user), ``actor`` (rev_actor) or not at all (``none``).
    MediaWiki runs one query per user in name/id order; one query ordered the same way
    gives the same rows.
    """

    actor_ids: list[int]
    limit: int
    order_by: str = "none"
    newer: bool = False
    start: str | None = None
    end: str | None = None
    # (user ordering key, timestamp, rev_id) to resume from; the key is None for "none".
    cont: tuple[Any, str, int] | None = None
    namespaces: list[int] | None = None
    hidden_user_mask: int = 0
    show: set[str] = field(default_factory=set)
    patrol_join: bool = False
    tag: int | None = None
    has_tag: bool = True


_USER_ORDER = {
    "actor": revision.c.rev_actor,
    "name": actor.c.actor_name,
    "id": actor.c.actor_user,
}


def contributions(conn: Connection, q: ContribsQuery) -> list[dict[str, Any]]:
    """Up to limit + 1 revisions by the actors, newest (or oldest) first."""
    if not q.actor_ids or not q.has_tag:
        return []
    cols: list[Any] = list(_COLUMNS)
    if q.patrol_join:
        cols.append(recentchanges.c.rc_patrolled)
    stmt = (
        select(*cols)
        .join(actor, actor.c.actor_id == revision.c.rev_actor)
        .join(page, page.c.page_id == revision.c.rev_page)
        .where(revision.c.rev_actor.in_(q.actor_ids))
    )
    filtered = bool(q.show & {"patrolled", "!patrolled", "autopatrolled", "!autopatrolled"})
    if q.patrol_join:
        stmt = stmt.join(
            recentchanges,
            recentchanges.c.rc_this_oldid == revision.c.rev_id,
            isouter=not filtered,
        )
    ts, rid = revision.c.rev_timestamp, revision.c.rev_id
    user_col = _USER_ORDER.get(q.order_by)
    if q.cont is not None:
        key, cont_ts, cont_id = q.cont
        inner = (
            or_(ts > cont_ts, and_(ts == cont_ts, rid >= cont_id))
            if q.newer
            else or_(ts < cont_ts, and_(ts == cont_ts, rid <= cont_id))
        )
        if user_col is not None:
            before = user_col > key if q.newer else user_col < key
            stmt = stmt.where(or_(before, and_(user_col == key, inner)))
        else:
            stmt = stmt.where(inner)
    if q.hidden_user_mask:
        stmt = stmt.where(revision.c.rev_deleted.op("&")(q.hidden_user_mask) != q.hidden_user_mask)
    if q.start is not None:
        stmt = stmt.where(ts >= q.start if q.newer else ts <= q.start)
    if q.end is not None:
        stmt = stmt.where(ts <= q.end if q.newer else ts >= q.end)
    if q.namespaces is not None:
        stmt = stmt.where(page.c.page_namespace.in_(q.namespaces))
    conds = {
        "!minor": revision.c.rev_minor_edit.is_(False),
        "minor": revision.c.rev_minor_edit.is_(True),
        "!patrolled": recentchanges.c.rc_patrolled == 0,
        "patrolled": recentchanges.c.rc_patrolled != 0,
        "!autopatrolled": recentchanges.c.rc_patrolled != 2,
        "autopatrolled": recentchanges.c.rc_patrolled == 2,
        "!top": rid != page.c.page_latest,
        "top": rid == page.c.page_latest,
        "!new": revision.c.rev_parent_id != 0,
        "new": revision.c.rev_parent_id == 0,
    }
    for name, cond in conds.items():
        if name in q.show:
            stmt = stmt.where(cond)
    if q.tag is not None:
        stmt = stmt.join(change_tag, change_tag.c.ct_rev_id == rid).where(
            change_tag.c.ct_tag_id == q.tag
        )
    order: list[Any] = []
    if user_col is not None:
        order.append(user_col.asc() if q.newer else user_col.desc())
    order += [ts.asc(), rid.asc()] if q.newer else [ts.desc(), rid.desc()]
    stmt = stmt.order_by(*order).limit(q.limit + 1)
    return [dict(r) for r in conn.execute(stmt).mappings()]


def actors_by_names(conn: Connection, names: Iterable[str]) -> list[dict[str, Any]]:
    """Actor rows of the names (existing ones only), by name."""
    wanted = sorted(set(names))
    if not wanted:
        return []
    rows = conn.execute(
        select(actor).where(actor.c.actor_name.in_(wanted)).order_by(actor.c.actor_name)
    ).mappings()
    return [dict(r) for r in rows]


def actors_by_user_ids(conn: Connection, user_ids: Iterable[int]) -> list[dict[str, Any]]:
    wanted = sorted(set(user_ids))
    if not wanted:
        return []
    rows = conn.execute(
        select(actor).where(actor.c.actor_user.in_(wanted)).order_by(actor.c.actor_user)
    ).mappings()
    return [dict(r) for r in rows]


def actors_by_prefix(
    conn: Connection, prefix: str, limit: int, *, from_name: str | None, newer: bool
) -> list[dict[str, Any]]:
    """Actors whose name starts with the prefix (UserSelectQueryBuilder::whereUserNamePrefix)."""
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    stmt = select(actor).where(actor.c.actor_name.like(escaped + "%", escape="\\"))
    if from_name is not None:
        stmt = stmt.where(
            actor.c.actor_name >= from_name if newer else actor.c.actor_name <= from_name
        )
    order = actor.c.actor_name.asc() if newer else actor.c.actor_name.desc()
    return [dict(r) for r in conn.execute(stmt.order_by(order).limit(limit)).mappings()]


def anonymous_actors(conn: Connection) -> list[dict[str, Any]]:
    """Actors without an account (IP addresses), for IP-range contributions."""
    rows = conn.execute(select(actor).where(actor.c.actor_user.is_(None))).mappings()
    return [dict(r) for r in rows if ">" not in r["actor_name"]]


def tag_summaries(conn: Connection, column: str, ids: Iterable[int]) -> dict[int, list[str]]:
    """Tag names per revision/RC row/log id, in tag-definition order as MediaWiki's
    GROUP_CONCAT lists them (ChangeTags::makeTagSummarySubquery())."""
    wanted = sorted(set(ids))
    out: dict[int, list[str]] = {i: [] for i in wanted}
    if not wanted:
        return out
    owner = {
        "rev": change_tag.c.ct_rev_id,
        "rc": change_tag.c.ct_rc_id,
        "log": change_tag.c.ct_log_id,
    }[column]
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        rows = conn.execute(
            select(owner, change_tag_def.c.ctd_name)
            .join(change_tag_def, change_tag_def.c.ctd_id == change_tag.c.ct_tag_id)
            .where(owner.in_(chunk))
            .order_by(owner, change_tag.c.ct_tag_id)
        )
        for key, name in rows:
            out[int(key)].append(str(name))
    return out
