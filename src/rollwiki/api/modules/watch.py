"""action=watch (Mirrors ApiWatch): add pages to, or remove them from, one's watchlist.

The pages come from ``titles``/``pageids``/``revids`` (a small page set: invalid titles,
special pages, missing ids, missing titles, then existing pages, as ApiPageSet orders
them), or from the deprecated single ``title``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import Connection

from ...i18n.messages import Message
from ...services import watchlist as wl
from ...services.titles import MalformedTitle, Title
from ...storage.queries import pages as pq
from ..errors import die
from ..module import ApiModule
from ..params import Param

if TYPE_CHECKING:
    from ..request import ApiRequest

PAGESET_PARAMS = ("titles", "pageids", "revids", "generator", "redirects", "converttitles")


class WatchModule(ApiModule):
    name = "watch"
    classname = "ApiWatch"
    is_write = True
    must_be_posted = True
    token_type = "watch"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Watch",)
    examples = (
        ("action=watch&titles=Main_Page&token=123ABC", "apihelp-watch-example-watch"),
        (
            "action=watch&titles=Main_Page|Foo|Bar&expiry=1%20month&token=123ABC",
            "apihelp-watch-example-watch-expiry",
        ),
        ("action=watch&titles=Main_Page&unwatch=&token=123ABC", "apihelp-watch-example-unwatch"),
        (
            "action=watch&generator=allpages&gapnamespace=0&token=123ABC",
            "apihelp-watch-example-generator",
        ),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param("title", deprecated=True),
        Param("unwatch", "boolean"),
        Param("continue", help="api-help-param-continue"),
    )
    pageset_params: ClassVar[tuple[Param, ...]] = (
        Param("titles", multi=True, help="api-pageset-param-titles"),
        Param("pageids", "integer", multi=True, help="api-pageset-param-pageids"),
        Param("revids", "integer", multi=True, help="api-pageset-param-revids"),
        Param("redirects", "boolean", help="api-pageset-param-redirects-nogenerator"),
        Param("converttitles", "boolean", help="api-pageset-param-converttitles"),
    )

    @classmethod
    def dynamic_params(cls, req: ApiRequest | None) -> tuple[Param, ...]:
        params: tuple[Param, ...] = cls.params[:1]
        if req is not None and req.wiki.config.watchlist_expiry:
            max_duration = req.wiki.config.watchlist_expiry_max_duration
            params += (Param("expiry", "expiry", expiry_max=max_duration),)
        return params + cls.params[1:] + cls.pageset_params

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        performer = req.performer
        if not performer.is_registered:
            die("watchlistanontext", code="notloggedin")
        if not performer.allowed("editmywatchlist"):
            die("apierror-permissiondenied", Message("action-editmywatchlist"))
        wiki = req.wiki
        if params["title"] is not None:
            used = [
                n
                for n in ("titles", "pageids", "revids", "redirects", "converttitles")
                if params.get(n) not in (None, False, [])
            ]
            if used:
                die(
                    "apierror-invalidparammix-cannotusewith",
                    "<var>title</var>",
                    f"<var>{used[0]}</var>",
                    code="invalidparammix",
                )
            try:
                title = wiki.titles.parse(params["title"])
            except MalformedTitle:
                title = None
            if title is None or not wl.is_watchable(title):
                die("invalidtitle", params["title"])
            plain = Title(title.namespace, title.text)
            req.result.data["watch"] = wiki.db.write(
                lambda conn: self._watch_title(conn, req, plain, params)
            )
            return
        entries = wiki.db.write(lambda conn: self._watch_pageset(conn, req, params))
        req.result.data["batchcomplete"] = True
        req.result.data["watch"] = entries

    def _watch_pageset(
        self, conn: Connection, req: ApiRequest, params: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """ApiPageSet::execute() + ApiWatch's loops: problems first, then pages."""
        wiki = req.wiki
        # ApiPageSet::getInvalidTitlesAndRevisions() lists problems grouped by kind.
        invalid: list[dict[str, Any]] = []
        special: list[dict[str, Any]] = []
        missing_ids: list[dict[str, Any]] = []
        missing_revs: list[dict[str, Any]] = []
        interwiki: list[dict[str, Any]] = []
        missing: list[Title] = []
        good: dict[int, Title] = {}
        for raw in params.get("titles") or []:
            try:
                title = wiki.titles.parse(raw)
            except MalformedTitle as exc:
                reason = wiki.formatter(req.lang).text(Message(exc.key, tuple(exc.params)))
                invalid.append({"title": raw, "invalidreason": reason, "invalid": True})
                continue
            if title.interwiki:
                interwiki.append({"title": wiki.titles.full_text(title), "iw": title.interwiki})
                continue
            plain = Title(title.namespace, title.text)
            if plain.namespace < 0:
                special.append(
                    {
                        "ns": plain.namespace,
                        "title": wiki.prefixed(plain),
                        "special": True,
                        "missing": True,
                    }
                )
                continue
            page = pq.page_by_title(conn, plain.namespace, plain.dbkey)
            if page is None:
                if plain not in missing:
                    missing.append(plain)
            else:
                good[int(page["page_id"])] = plain
        for page_id in params.get("pageids") or []:
            page = pq.page_by_id(conn, page_id)
            if page is None:
                missing_ids.append({"pageid": page_id, "missing": True})
            else:
                good[page_id] = Title(page["page_namespace"], _text(page))
        for rev_id in params.get("revids") or []:
            rev = pq.revision_by_id(conn, rev_id)
            page = pq.page_by_id(conn, rev["rev_page"]) if rev is not None else None
            if page is None:
                missing_revs.append({"revid": rev_id, "missing": True})
            else:
                good[int(page["page_id"])] = Title(page["page_namespace"], _text(page))
        out = invalid + special + missing_ids + missing_revs + interwiki
        for title in missing:
            entry = self._watch_title(conn, req, title, params)
            entry["missing"] = True
            out.append(entry)
        for page_id in sorted(good):
            out.append(self._watch_title(conn, req, good[page_id], params))
        return out

    def _watch_title(
        self, conn: Connection, req: ApiRequest, title: Title, params: dict[str, Any]
    ) -> dict[str, Any]:
        """Mirrors ApiWatch::watchTitle()."""
        wiki = req.wiki
        entry: dict[str, Any] = {"title": wiki.prefixed(title), "ns": title.namespace}
        if not wl.is_watchable(title):
            entry["watchable"] = 0
            return entry
        user_id = req.performer.user_id
        if params["unwatch"]:
            wl.remove_watch(conn, wiki, user_id, title)
            entry["unwatched"] = True
        else:
            expiry = params.get("expiry")
            if wiki.config.watchlist_expiry and expiry is not None:
                normalized = wl.normalize_expiry(wiki, expiry)
                entry["expiry"] = wl.format_expiry(normalized)
            wl.add_watch(conn, wiki, user_id, title, expiry)
            entry["watched"] = True
        return entry


def _text(page: dict[str, Any]) -> str:
    return str(page["page_title"]).replace("_", " ")
