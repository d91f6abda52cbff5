"""Reads of the API page set (ApiPageSet): pages by title/id, revisions to pages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, and_, or_, select

from ..schema import archive, content, page, revision

_CHUNK = 200


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def pages_by_keys(conn: Connection, keys: Iterable[tuple[int, str]]) -> list[dict[str, Any]]:
    """Page rows for (namespace, dbkey) pairs, in (namespace, title) order as the unique
    index returns them."""
    wanted = list(dict.fromkeys(keys))
    rows: list[dict[str, Any]] = []
    for chunk in _chunks(wanted):
        by_ns: dict[int, list[str]] = {}
        for ns, dbkey in chunk:
            by_ns.setdefault(ns, []).append(dbkey)
        cond = or_(
            *[
                and_(page.c.page_namespace == ns, page.c.page_title.in_(titles))
                for ns, titles in by_ns.items()
            ]
        )
        rows.extend(dict(r) for r in conn.execute(select(page).where(cond)).mappings())
    rows.sort(key=lambda r: (r["page_namespace"], r["page_title"].encode("utf-8")))
    return rows


def pages_by_ids(conn: Connection, ids: Iterable[int]) -> list[dict[str, Any]]:
    """Page rows for ids, in page_id order (the primary key)."""
    wanted = sorted(set(ids))
    rows: list[dict[str, Any]] = []
    for chunk in _chunks(wanted):
        rows.extend(
            dict(r) for r in conn.execute(select(page).where(page.c.page_id.in_(chunk))).mappings()
        )
    rows.sort(key=lambda r: r["page_id"])
    return rows


def pages_of_revisions(conn: Connection, rev_ids: Iterable[int]) -> dict[int, int]:
    """rev_id -> rev_page for the live revisions among the ids, in rev_id order."""
    wanted = sorted(set(rev_ids))
    out: dict[int, int] = {}
    for chunk in _chunks(wanted):
        stmt = (
            select(revision.c.rev_id, revision.c.rev_page)
            .join(page, page.c.page_id == revision.c.rev_page)
            .where(revision.c.rev_id.in_(chunk))
        )
        for rev_id, page_id in conn.execute(stmt):
            out[int(rev_id)] = int(page_id)
    return dict(sorted(out.items()))


def archived_titles(conn: Connection, rev_ids: Iterable[int]) -> dict[int, tuple[int, str]]:
    """ar_rev_id -> (namespace, dbkey) of deleted revisions among the ids."""
    wanted = sorted(set(rev_ids))
    out: dict[int, tuple[int, str]] = {}
    for chunk in _chunks(wanted):
        stmt = select(archive.c.ar_rev_id, archive.c.ar_namespace, archive.c.ar_title).where(
            archive.c.ar_rev_id.in_(chunk)
        )
        for rev_id, ns, title in conn.execute(stmt):
            out[int(rev_id)] = (int(ns), str(title))
    return out


def latest_texts(conn: Connection, page_ids: Iterable[int]) -> dict[int, str]:
    """page_id -> text of the current revision (for redirect targets)."""
    wanted = sorted(set(page_ids))
    out: dict[int, str] = {}
    for chunk in _chunks(wanted):
        stmt = (
            select(page.c.page_id, content.c.content_text)
            .join(revision, revision.c.rev_id == page.c.page_latest)
            .join(content, content.c.content_id == revision.c.rev_content)
            .where(page.c.page_id.in_(chunk))
        )
        for page_id, text in conn.execute(stmt):
            out[int(page_id)] = str(text)
    return out
