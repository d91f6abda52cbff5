"""``action=raw``: a page's source as text (Mirrors RawAction).

User scripts load their ``User:<name>/common.js`` this way.  A page is served as
JavaScript or CSS only when that is its content model, so no wikitext page can ever be
loaded as a script from this origin.
"""

from __future__ import annotations

from sqlalchemy import Connection

from ...services.titles import Title
from ...storage.queries import pages as pq
from ..context import WebContext
from ..output import RawOutput
from ..pages import load_page, revision_text

_MODEL_TYPES = {"javascript": "text/javascript", "css": "text/css", "json": "application/json"}
_ALLOWED_CTYPES = {"text/x-wiki", "text/javascript", "text/css", "application/json"}


def raw(ctx: WebContext, title: Title) -> RawOutput:
    wiki = ctx.wiki
    oldid = ctx.get_int("oldid")

    def load(conn: Connection) -> tuple[str, str] | None:
        if oldid:
            rev = pq.revision_by_id(conn, oldid)
            if rev is None or rev["rev_deleted"] & 1:
                return None
            return revision_text(conn, rev)
        state = load_page(conn, title)
        if state.latest is None:
            return None
        return revision_text(conn, state.latest)

    found = wiki.db.read(load)
    wanted = ctx.get("ctype") or "text/x-wiki"
    if wanted not in _ALLOWED_CTYPES:
        wanted = "text/x-wiki"
    if found is None:
        return RawOutput("", f"{wanted}; charset=UTF-8", status=404)
    text, model = found
    if wanted != "text/x-wiki" and _MODEL_TYPES.get(model) != wanted:
        wanted = "text/x-wiki"
    return RawOutput(
        text,
        f"{wanted}; charset=UTF-8",
        headers={"Cache-Control": "private, s-maxage=0, max-age=0, must-revalidate"},
    )
