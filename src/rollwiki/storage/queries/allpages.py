"""Page enumerations: list=allpages (by title within a namespace) and the template links of
pages (prop=templates), through uq_page_name_title and the templatelinks primary key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, or_, select

from ..schema import page, page_restrictions, templatelinks


@dataclass
class AllPagesQuery:
    namespace: int
    limit: int
    descending: bool = False
    cont: str | None = None
    start: str | None = None
    end: str | None = None
    prefix: str | None = None
    redirects: bool | None = None  # True: only redirects, False: no redirects
    min_size: int | None = None
    max_size: int | None = None
    protection: bool = False  # join page_restrictions (prtype or prexpiry given)
    pr_types: list[str] | None = None
    pr_levels: list[str] | None = None
    pr_cascade: bool | None = None
    pr_expiry: str = "all"  # all | indefinite | definite
    now_ts: str = ""
    no_results: bool = False


def all_pages(conn: Connection, q: AllPagesQuery) -> list[dict[str, Any]]:
    """Up to limit + 1 page rows in title order."""
    if q.no_results:
        return []
    title = page.c.page_title
    stmt = select(page).where(page.c.page_namespace == q.namespace)
    if q.cont is not None:
        stmt = stmt.where(title <= q.cont if q.descending else title >= q.cont)
    if q.redirects is not None:
        stmt = stmt.where(page.c.page_is_redirect.is_(q.redirects))
    if q.start is not None:
        stmt = stmt.where(title <= q.start if q.descending else title >= q.start)
    if q.end is not None:
        stmt = stmt.where(title >= q.end if q.descending else title <= q.end)
    if q.prefix is not None:
        escaped = q.prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(title.like(escaped + "%", escape="\\"))
    if q.min_size is not None:
        stmt = stmt.where(page.c.page_len >= q.min_size)
    if q.max_size is not None:
        stmt = stmt.where(page.c.page_len <= q.max_size)
    if q.protection:
        expiry = page_restrictions.c.pr_expiry
        stmt = stmt.join(page_restrictions, page_restrictions.c.pr_page == page.c.page_id).where(
            or_(expiry > q.now_ts, expiry.is_(None), expiry == "infinity")
        )
        if q.pr_types:
            stmt = stmt.where(page_restrictions.c.pr_type.in_(q.pr_types))
            if q.pr_levels:
                stmt = stmt.where(page_restrictions.c.pr_level.in_(q.pr_levels))
            if q.pr_cascade is not None:
                stmt = stmt.where(page_restrictions.c.pr_cascade.is_(q.pr_cascade))
        if q.pr_expiry == "indefinite":
            stmt = stmt.where(or_(expiry == "infinity", expiry.is_(None)))
        elif q.pr_expiry == "definite":
            stmt = stmt.where(and_(expiry != "infinity", expiry.is_not(None)))
        stmt = stmt.distinct()
    stmt = stmt.order_by(title.desc() if q.descending else title.asc()).limit(q.limit + 1)
    return [dict(r) for r in conn.execute(stmt).mappings()]


@dataclass
class LinksQuery:
    """prop=templates: template links of the pages (ApiQueryLinks)."""

    page_ids: list[int]
    limit: int
    descending: bool = False
    namespaces: list[int] | None = None
    targets: list[tuple[int, str]] | None = None
    cont: tuple[int, int, str] | None = None
    order_from: bool = True
    order_ns: bool = True
    order_title: bool = True


def template_links(conn: Connection, q: LinksQuery) -> list[dict[str, Any]]:
    """Up to limit + 1 (tl_from, tl_namespace, tl_title) rows."""
    if not q.page_ids:
        return []
    src, ns, title = templatelinks.c.tl_from, templatelinks.c.tl_namespace, templatelinks.c.tl_title
    stmt = select(src, ns, title).where(src.in_(q.page_ids))
    if q.targets is not None:
        if not q.targets:
            return []
        by_ns: dict[int, list[str]] = {}
        for t_ns, t_key in q.targets:
            by_ns.setdefault(t_ns, []).append(t_key)
        stmt = stmt.where(or_(*[and_(ns == n, title.in_(keys)) for n, keys in by_ns.items()]))
    elif q.namespaces:
        stmt = stmt.where(ns.in_(q.namespaces))
    if q.cont is not None:
        c_from, c_ns, c_title = q.cont
        if q.descending:
            cond = or_(
                src < c_from,
                and_(src == c_from, or_(ns < c_ns, and_(ns == c_ns, title <= c_title))),
            )
        else:
            cond = or_(
                src > c_from,
                and_(src == c_from, or_(ns > c_ns, and_(ns == c_ns, title >= c_title))),
            )
        stmt = stmt.where(cond)
    order: list[Any] = []
    for wanted, col in ((q.order_from, src), (q.order_ns, ns), (q.order_title, title)):
        if wanted:
            order.append(col.desc() if q.descending else col.asc())
    if order:
        stmt = stmt.order_by(*order)
    return [dict(r) for r in conn.execute(stmt.limit(q.limit + 1)).mappings()]
