"""Link tables of a page's current revision (templatelinks, pagelinks)."""

from __future__ import annotations

from sqlalchemy import Connection, delete, insert, select

from ..schema import page, page_restrictions, pagelinks, templatelinks


def set_links(
    conn: Connection, page_id: int, templates: set[tuple[int, str]], links: set[tuple[int, str]]
) -> None:
    conn.execute(delete(templatelinks).where(templatelinks.c.tl_from == page_id))
    conn.execute(delete(pagelinks).where(pagelinks.c.pl_from == page_id))
    for ns, title in sorted(templates):
        conn.execute(insert(templatelinks).values(tl_from=page_id, tl_namespace=ns, tl_title=title))
    for ns, title in sorted(links):
        conn.execute(insert(pagelinks).values(pl_from=page_id, pl_namespace=ns, pl_title=title))


def cascading_sources(
    conn: Connection, namespace: int, dbkey: str, now_ts: str
) -> list[dict[str, object]]:
    """Cascade-protected pages transcluding this title (Title::getCascadeProtectionSources)."""
    rows = conn.execute(
        select(
            page.c.page_id,
            page.c.page_namespace,
            page.c.page_title,
            page_restrictions.c.pr_type,
            page_restrictions.c.pr_level,
            page_restrictions.c.pr_expiry,
        )
        .join(templatelinks, templatelinks.c.tl_from == page.c.page_id)
        .join(page_restrictions, page_restrictions.c.pr_page == page.c.page_id)
        .where(
            templatelinks.c.tl_namespace == namespace,
            templatelinks.c.tl_title == dbkey,
            page_restrictions.c.pr_cascade.is_(True),
        )
    ).mappings()
    out = []
    for r in rows:
        expiry = r["pr_expiry"]
        if expiry not in (None, "infinity") and expiry <= now_ts:
            continue
        out.append(dict(r))
    return out
