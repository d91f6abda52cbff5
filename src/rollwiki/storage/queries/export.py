"""Current revisions of pages with their text and author (action=query&export)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, select

from ..schema import actor, content, page, revision


def current_revisions(conn: Connection, page_ids: Iterable[int]) -> list[dict[str, Any]]:
    """One row per page: page, latest revision, its actor and content, in page order."""
    ids = sorted(set(page_ids))
    if not ids:
        return []
    stmt = (
        select(
            page.c.page_id,
            page.c.page_namespace,
            page.c.page_title,
            revision.c.rev_id,
            revision.c.rev_parent_id,
            revision.c.rev_timestamp,
            revision.c.rev_comment,
            revision.c.rev_minor_edit,
            revision.c.rev_deleted,
            revision.c.rev_sha1,
            revision.c.rev_content_origin,
            actor.c.actor_name,
            actor.c.actor_user,
            content.c.content_text,
            content.c.content_size,
            content.c.content_model,
        )
        .join(revision, revision.c.rev_id == page.c.page_latest)
        .join(actor, actor.c.actor_id == revision.c.rev_actor)
        .join(content, content.c.content_id == revision.c.rev_content)
        .where(page.c.page_id.in_(ids))
        .order_by(page.c.page_id)
    )
    return [dict(r) for r in conn.execute(stmt).mappings()]
