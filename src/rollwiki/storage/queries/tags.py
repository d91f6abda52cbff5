"""Change tag definitions and assignments (change_tag_def, change_tag)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from ..schema import change_tag, change_tag_def
from . import new_id


def explicitly_defined_tags(conn: Connection) -> list[str]:
    """Mirrors ChangeTags::listExplicitlyDefinedTags(): active user-defined tags, sorted."""
    rows = conn.execute(
        select(change_tag_def.c.ctd_name)
        .where(change_tag_def.c.ctd_user_defined.is_(True))
        .order_by(change_tag_def.c.ctd_name)
    )
    return [r[0] for r in rows]


def tag_ids(conn: Connection, names: Iterable[str], *, create: bool = True) -> dict[str, int]:
    """Ids of tag definitions, acquiring rows for new (software) tags like NameTableStore."""
    names = list(dict.fromkeys(names))
    if not names:
        return {}
    rows = conn.execute(
        select(change_tag_def.c.ctd_name, change_tag_def.c.ctd_id).where(
            change_tag_def.c.ctd_name.in_(names)
        )
    )
    found = {r[0]: int(r[1]) for r in rows}
    if create:
        for name in names:
            if name not in found:
                result = conn.execute(
                    insert(change_tag_def).values(
                        ctd_name=name, ctd_user_defined=False, ctd_count=0
                    )
                )
                found[name] = new_id(result)
    return found


def define_tag(conn: Connection, name: str, *, user_defined: bool = True) -> int:
    """Create or (re)activate a user-defined tag (ChangeTags::defineTag)."""
    existing = conn.execute(
        select(change_tag_def.c.ctd_id).where(change_tag_def.c.ctd_name == name)
    ).scalar()
    if existing is not None:
        conn.execute(
            update(change_tag_def)
            .where(change_tag_def.c.ctd_id == existing)
            .values(ctd_user_defined=user_defined)
        )
        return int(existing)
    result = conn.execute(
        insert(change_tag_def).values(ctd_name=name, ctd_user_defined=user_defined, ctd_count=0)
    )
    return new_id(result)


def add_tags(
    conn: Connection,
    tags: Iterable[str],
    *,
    rc_id: int | None = None,
    rev_id: int | None = None,
    log_id: int | None = None,
    params: dict[str, Any] | None = None,
) -> list[str]:
    """Attach tags to a revision/RC row/log entry, skipping ones already there.

    Mirrors ChangeTags::updateTags(): returns the tags actually added and bumps counts.
    """
    tags = list(dict.fromkeys(tags))
    if not tags:
        return []
    ids = tag_ids(conn, tags)
    cond = []
    if rc_id is not None:
        cond.append(change_tag.c.ct_rc_id == rc_id)
    if rev_id is not None:
        cond.append(change_tag.c.ct_rev_id == rev_id)
    if log_id is not None:
        cond.append(change_tag.c.ct_log_id == log_id)
    existing: set[int] = set()
    if cond:
        existing = {
            r[0]
            for r in conn.execute(
                select(change_tag.c.ct_tag_id)
                .where(*cond)
                .where(change_tag.c.ct_tag_id.in_(list(ids.values())))
            )
        }
    added: list[str] = []
    payload = json.dumps(params, separators=(",", ":")) if params is not None else None
    for tag in tags:
        tag_id = ids[tag]
        if tag_id in existing:
            continue
        conn.execute(
            insert(change_tag).values(
                ct_rc_id=rc_id,
                ct_rev_id=rev_id,
                ct_log_id=log_id,
                ct_params=payload,
                ct_tag_id=tag_id,
            )
        )
        conn.execute(
            update(change_tag_def)
            .where(change_tag_def.c.ctd_id == tag_id)
            .values(ctd_count=change_tag_def.c.ctd_count + 1)
        )
        added.append(tag)
    return added


def tags_for_revisions(conn: Connection, rev_ids: Iterable[int]) -> dict[int, list[str]]:
    """Tag names per revision, in tag-id order as MediaWiki's GROUP_CONCAT lists them."""
    return _tags_for(conn, change_tag.c.ct_rev_id, rev_ids)


def tags_for_rc(conn: Connection, rc_ids: Iterable[int]) -> dict[int, list[str]]:
    return _tags_for(conn, change_tag.c.ct_rc_id, rc_ids)


def tags_for_logs(conn: Connection, log_ids: Iterable[int]) -> dict[int, list[str]]:
    return _tags_for(conn, change_tag.c.ct_log_id, log_ids)


def _tags_for(conn: Connection, column: Any, ids: Iterable[int]) -> dict[int, list[str]]:
    ids = list(set(ids))
    out: dict[int, list[str]] = {i: [] for i in ids}
    if not ids:
        return out
    rows = conn.execute(
        select(column, change_tag_def.c.ctd_name)
        .join(change_tag_def, change_tag_def.c.ctd_id == change_tag.c.ct_tag_id)
        .where(column.in_(ids))
        .order_by(column, change_tag_def.c.ctd_name)
    )
    for owner, name in rows:
        out[int(owner)].append(name)
    return out


def tag_params_for_revision(conn: Connection, rev_id: int, tag: str) -> dict[str, Any] | None:
    row = conn.execute(
        select(change_tag.c.ct_params)
        .join(change_tag_def, change_tag_def.c.ctd_id == change_tag.c.ct_tag_id)
        .where(change_tag.c.ct_rev_id == rev_id, change_tag_def.c.ctd_name == tag)
    ).first()
    if row is None or row[0] is None:
        return None
    value: dict[str, Any] = json.loads(row[0])
    return value


# -- tag management (ChangeTags::undefineTag, deleteTagEverywhere, tagUsageStatistics) -------


def tag_usage(conn: Connection) -> dict[str, int]:
    """Mirrors ChangeTags::tagUsageStatistics(): every tag definition with its hit count."""
    rows = conn.execute(
        select(change_tag_def.c.ctd_name, change_tag_def.c.ctd_count).order_by(
            change_tag_def.c.ctd_count.desc()
        )
    )
    return {r[0]: int(r[1]) for r in rows}


def undefine_tag(conn: Connection, name: str) -> None:
    """A deactivated tag keeps its row only while it is still applied somewhere."""
    conn.execute(
        update(change_tag_def)
        .where(change_tag_def.c.ctd_name == name)
        .values(ctd_user_defined=False)
    )
    conn.execute(
        delete(change_tag_def).where(
            change_tag_def.c.ctd_name == name, change_tag_def.c.ctd_count == 0
        )
    )


def delete_tag_everywhere(conn: Connection, name: str) -> None:
    tag_id = conn.execute(
        select(change_tag_def.c.ctd_id).where(change_tag_def.c.ctd_name == name)
    ).scalar()
    if tag_id is None:
        return
    conn.execute(delete(change_tag).where(change_tag.c.ct_tag_id == tag_id))
    conn.execute(delete(change_tag_def).where(change_tag_def.c.ctd_id == tag_id))
