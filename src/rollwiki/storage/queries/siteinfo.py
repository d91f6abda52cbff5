"""Site statistics for meta=siteinfo (what MediaWiki keeps in site_stats), computed."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, distinct, exists, func, or_, select

from ..schema import actor, archive, page, pagelinks, recentchanges, revision, user, user_groups

RC_EXTERNAL = 5


def statistics(
    conn: Connection, content_namespaces: Sequence[int], active_since: str, now_ts: str
) -> dict[str, int]:
    """pages, articles ($wgArticleCountMethod "link"), edits, users, active users, admins."""
    pages = conn.execute(select(func.count()).select_from(page)).scalar_one()
    has_link = exists().where(pagelinks.c.pl_from == page.c.page_id)
    articles = conn.execute(
        select(func.count())
        .select_from(page)
        .where(
            page.c.page_namespace.in_(list(content_namespaces)),
            page.c.page_is_redirect.is_(False),
            has_link,
        )
    ).scalar_one()
    edits = conn.execute(select(func.count()).select_from(revision)).scalar_one()
    edits += conn.execute(select(func.count()).select_from(archive)).scalar_one()
    users = conn.execute(select(func.count()).select_from(user)).scalar_one()
    active = conn.execute(
        select(func.count(distinct(recentchanges.c.rc_actor)))
        .join(actor, actor.c.actor_id == recentchanges.c.rc_actor)
        .where(
            actor.c.actor_user.is_not(None),
            recentchanges.c.rc_timestamp >= active_since,
            recentchanges.c.rc_type != RC_EXTERNAL,
            recentchanges.c.rc_bot.is_(False),
            or_(recentchanges.c.rc_log_type.is_(None), recentchanges.c.rc_log_type != "newusers"),
        )
    ).scalar_one()
    return {
        "pages": int(pages),
        "articles": int(articles),
        "edits": int(edits),
        "users": int(users),
        "activeusers": int(active),
    }


def group_sizes(conn: Connection, groups: Sequence[str], now_ts: str) -> dict[str, int]:
    """Members of each group (unexpired memberships)."""
    if not groups:
        return {}
    rows = conn.execute(
        select(user_groups.c.ug_group, func.count())
        .where(
            user_groups.c.ug_group.in_(list(groups)),
            or_(user_groups.c.ug_expiry.is_(None), user_groups.c.ug_expiry > now_ts),
        )
        .group_by(user_groups.c.ug_group)
    )
    counts = {str(g): int(n) for g, n in rows}
    return {g: counts.get(g, 0) for g in groups}
