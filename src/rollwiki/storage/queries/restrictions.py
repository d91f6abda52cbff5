"""Page protection rows (page_restrictions) and create protection (protected_titles)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, select

from ..schema import actor, page_restrictions, protected_titles
from . import new_id


def _live(expiry: str | None, now_ts: str) -> bool:
    return expiry is None or expiry == "infinity" or expiry > now_ts


def page_restrictions_of(conn: Connection, page_id: int, now_ts: str) -> list[dict[str, Any]]:
    """Unexpired restrictions of a page (RestrictionStore::loadRestrictionsFromRows)."""
    rows = conn.execute(
        select(
            page_restrictions.c.pr_type,
            page_restrictions.c.pr_level,
            page_restrictions.c.pr_cascade,
            page_restrictions.c.pr_expiry,
        )
        .where(page_restrictions.c.pr_page == page_id)
        .order_by(page_restrictions.c.pr_id)
    ).mappings()
    return [dict(r) for r in rows if _live(r["pr_expiry"], now_ts)]


def title_protection(
    conn: Connection, namespace: int, dbkey: str, now_ts: str
) -> dict[str, Any] | None:
    """The unexpired create protection of a missing title, with the protecting user's name."""
    row = (
        conn.execute(
            select(protected_titles, actor.c.actor_name)
            .join(actor, actor.c.actor_id == protected_titles.c.pt_actor, isouter=True)
            .where(
                protected_titles.c.pt_namespace == namespace,
                protected_titles.c.pt_title == dbkey,
            )
        )
        .mappings()
        .first()
    )
    if row is None or not _live(row["pt_expiry"], now_ts):
        return None
    return dict(row)


# -- changing protection (WikiPage::doUpdateRestrictions) ----------------------------------


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
    return [
        new_id(conn.execute(insert(page_restrictions).values(pr_page=page_id, **row)))
        for row in rows
    ]


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


def restrictions_for_pages(
    conn: Connection, page_ids: Iterable[int], now_ts: str
) -> dict[int, list[dict[str, Any]]]:
    """Unexpired page_restrictions rows of many pages at once (for "probably can" checks
    of a whole listing)."""
    ids = list(set(page_ids))
    out: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    if not ids:
        return out
    rows = conn.execute(
        select(
            page_restrictions.c.pr_page,
            page_restrictions.c.pr_type,
            page_restrictions.c.pr_level,
            page_restrictions.c.pr_cascade,
            page_restrictions.c.pr_expiry,
        )
        .where(page_restrictions.c.pr_page.in_(ids))
        .order_by(page_restrictions.c.pr_id)
    ).mappings()
    for row in rows:
        expiry = row["pr_expiry"]
        if expiry is None or expiry == "infinity" or expiry > now_ts:
            out[int(row["pr_page"])].append(
                {k: row[k] for k in ("pr_type", "pr_level", "pr_cascade", "pr_expiry")}
            )
    return out
