"""Page protection rows (page_restrictions, protected_titles)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, or_, select

from ..schema import page_restrictions, protected_titles


def _live_pr(now_ts: str) -> Any:
    return or_(
        page_restrictions.c.pr_expiry.is_(None),
        page_restrictions.c.pr_expiry == "infinity",
        page_restrictions.c.pr_expiry > now_ts,
    )


def restrictions_of_page(conn: Connection, page_id: int, now_ts: str) -> list[dict[str, Any]]:
    """The page's unexpired restrictions, one row per action (RestrictionStore)."""
    rows = conn.execute(
        select(page_restrictions)
        .where(page_restrictions.c.pr_page == page_id, _live_pr(now_ts))
        .order_by(page_restrictions.c.pr_id)
    ).mappings()
    return [dict(r) for r in rows]


def restrictions_of_pages(
    conn: Connection, page_ids: Iterable[int], now_ts: str
) -> dict[int, list[dict[str, Any]]]:
    ids = list(set(page_ids))
    out: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    if not ids:
        return out
    rows = conn.execute(
        select(page_restrictions)
        .where(page_restrictions.c.pr_page.in_(ids), _live_pr(now_ts))
        .order_by(page_restrictions.c.pr_id)
    ).mappings()
    for r in rows:
        out[r["pr_page"]].append(dict(r))
    return out


def title_protection(
    conn: Connection, namespace: int, dbkey: str, now_ts: str
) -> dict[str, Any] | None:
    """The unexpired create protection of a missing title (protected_titles)."""
    row = (
        conn.execute(
            select(protected_titles).where(
                protected_titles.c.pt_namespace == namespace,
                protected_titles.c.pt_title == dbkey,
                or_(
                    protected_titles.c.pt_expiry == "infinity",
                    protected_titles.c.pt_expiry > now_ts,
                ),
            )
        )
        .mappings()
        .first()
    )
    return dict(row) if row else None


def purge_expired(conn: Connection, now_ts: str) -> None:
    """Title::purgeExpiredRestrictions()."""
    conn.execute(
        delete(page_restrictions).where(
            page_restrictions.c.pr_expiry.is_not(None),
            page_restrictions.c.pr_expiry != "infinity",
            page_restrictions.c.pr_expiry <= now_ts,
        )
    )
    conn.execute(
        delete(protected_titles).where(
            protected_titles.c.pt_expiry != "infinity", protected_titles.c.pt_expiry <= now_ts
        )
    )


def replace_page_restrictions(
    conn: Connection, page_id: int, actions: Iterable[str], rows: list[dict[str, Any]]
) -> list[int]:
    """Delete the page's rows for ``actions`` and insert ``rows``; returns the new pr_ids."""
    actions = list(actions)
    if actions:
        conn.execute(
            delete(page_restrictions).where(
                and_(
                    page_restrictions.c.pr_page == page_id, page_restrictions.c.pr_type.in_(actions)
                )
            )
        )
    ids = []
    for row in rows:
        key = conn.execute(
            insert(page_restrictions).values(pr_page=page_id, **row)
        ).inserted_primary_key
        assert key is not None
        ids.append(int(key[0]))
    return ids


def set_title_protection(
    conn: Connection, namespace: int, dbkey: str, values: dict[str, Any]
) -> None:
    """Insert or replace the create protection of a missing title."""
    clear_title_protection(conn, namespace, dbkey)
    conn.execute(insert(protected_titles).values(pt_namespace=namespace, pt_title=dbkey, **values))


def clear_title_protection(conn: Connection, namespace: int, dbkey: str) -> None:
    conn.execute(
        delete(protected_titles).where(
            protected_titles.c.pt_namespace == namespace, protected_titles.c.pt_title == dbkey
        )
    )
