"""Special:Tags (Mirrors SpecialTags::showTagList()): every software-defined and
user-defined tag with its display name, description, source, activity and hits."""

from __future__ import annotations

from ...config import SOFTWARE_TAGS
from ...i18n.messages import Num
from ...storage.queries.web_changes import tag_statistics
from ..context import WebContext
from ..output import PageOutput, render_template


def tags(ctx: WebContext, sub: str | None) -> PageOutput:
    stats = {r["ctd_name"]: r for r in ctx.wiki.db.read(tag_statistics)}
    names = sorted(set(SOFTWARE_TAGS) | set(stats))
    rows = []
    for name in names:
        stat = stats.get(name)
        software = name in SOFTWARE_TAGS
        hits = int(stat["ctd_count"]) if stat else 0
        description_key = f"tag-{name}-description"
        rows.append(
            {
                "name": name,
                "display": ctx.msg_html(f"tag-{name}")
                if ctx.formatter.exists(f"tag-{name}")
                else name,
                "description": ctx.msg_html(description_key)
                if ctx.formatter.exists(description_key)
                else "",
                "source": ctx.msg("tags-source-extension")
                if software
                else ctx.msg("tags-source-manual")
                if stat and stat["ctd_user_defined"]
                else ctx.msg("tags-source-none"),
                "active": ctx.msg("tags-active-yes")
                if software or (stat and stat["ctd_user_defined"])
                else ctx.msg("tags-active-no"),
                "hits": ctx.msg("tags-hitcount", Num(hits)),
                "hits_url": ctx.url("Special:RecentChanges", {"tagfilter": name}),
            }
        )
    body = ctx.msg_html("tags-intro", block=True) + render_template("tags.html", ctx=ctx, rows=rows)
    return PageOutput(title=ctx.msg("tags-title"), body=body)
