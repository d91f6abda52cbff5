"""Page protection rows (page_restrictions) and create protection (protected_titles)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from ..schema import actor, page_restrictions, protected_titles


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
