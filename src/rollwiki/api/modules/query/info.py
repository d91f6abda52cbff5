"""prop=info (Mirrors ApiQueryInfo): basic page information and the optional ``inprop``s."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from ....services import timestamps
from ....services.namespaces import NS_FILE
from ....services.titles import Title, TitleParser
from ....storage.queries import info as iq
from ....storage.queries import pageset as psq
from ...params import Param
from .base import LIMIT_SML1, LIMIT_SML2, QuerySubmodule, php_int
from .page_actions import test_actions
from .page_urls import canonical_url, edit_url, full_url, page_language, title_content_model

if TYPE_CHECKING:
    from ...request import ApiRequest

PROPS = (
    "protection",
    "talkid",
    "watched",
    "watchers",
    "visitingwatchers",
    "notificationtimestamp",
    "subjectid",
    "associatedpage",
    "url",
    "readable",
    "preload",
    "displaytitle",
    "varianttitles",
    "linkclasses",
)
# $wgRestrictionTypes (1.39 default).
RESTRICTION_TYPES = ("create", "edit", "move", "upload")
# $wgWatchersMaxAge: watchers who have not visited for this long are not "visiting".
WATCHERS_MAX_AGE = 180 * 86400
Key = tuple[int, str]


def applicable_restriction_types(title: Title, exists: bool) -> list[str]:
    """Mirrors RestrictionStore::listApplicableRestrictionTypes()."""
    if title.namespace < 0:
        return []
    if exists:
        types = [t for t in RESTRICTION_TYPES if t != "create"]
    else:
        types = [t for t in RESTRICTION_TYPES if t == "create"]
    if title.namespace != NS_FILE:
        types = [t for t in types if t != "upload"]
    return types


def format_expiry(expiry: str | None) -> str:
    """Mirrors ApiResult::formatExpiry()."""
    if expiry is None or expiry == "infinity":
        return "infinity"
    return timestamps.to_iso(expiry)


def _key(title: Title) -> Key:
    return (title.namespace, title.dbkey)


def _order(title: Title) -> tuple[int, bytes]:
    """Title::compare(): namespace, then the DB key byte-wise."""
    return (title.namespace, title.dbkey.encode("utf-8"))


@dataclass
class _Lookups:
    """What the optional properties need, loaded in batches before the pages are built."""

    protections: dict[Key, list[dict[str, Any]]] = field(default_factory=dict)
    watched: dict[Key, dict[str, Any]] | None = None
    watchers: dict[Key, int] | None = None
    visiting: dict[Key, int] | None = None
    show_zero_watchers: bool = False
    talk_ids: dict[Key, int] = field(default_factory=dict)
    subject_ids: dict[Key, int] = field(default_factory=dict)
    actions: dict[int, dict[str, Any]] = field(default_factory=dict)


class InfoModule(QuerySubmodule):
    name = "info"
    group = "prop"
    prefix = "in"
    classname = "ApiQueryInfo"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Info",)
    examples = (
        ("action=query&prop=info&titles=Main%20Page", "apihelp-query+info-example-simple"),
        (
            "action=query&prop=info&inprop=protection&titles=Main%20Page",
            "apihelp-query+info-example-protection",
        ),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param("prop", "enum", multi=True, values=PROPS, deprecated_values=frozenset({"readable"})),
        Param("linkcontext", "title", default="Main Page"),
        Param("testactions", "string", multi=True),
        Param("testactionsdetail", "enum", values=("boolean", "full", "quick"), default="boolean"),
        Param("continue", "string", help="api-help-param-continue"),
    )

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        props = set(params["prop"] or [])
        pageset = self.page_set(req)
        good = dict(pageset.good_titles)
        missing = dict(pageset.missing_titles)
        everything = dict(sorted({**good, **missing}.items(), key=lambda kv: _order(kv[1])))
        if params["continue"] is not None:
            parts = str(params["continue"]).split("|")
            self.die_continue_if(len(parts) != 2)
            start = req.wiki.titles.make(php_int(parts[0]), parts[1])
            self.die_continue_if(start is None)
            assert start is not None
            for page_id, title in list(everything.items()):
                if _order(title) >= _order(start):
                    break
                good.pop(page_id, None)
                missing.pop(page_id, None)
                del everything[page_id]
        looked_up = self._lookups(req, props, good, missing, everything)
        if params["testactions"]:
            limit = LIMIT_SML2 if req.use_high_limits() else LIMIT_SML1
            looked_up.actions = test_actions(
                req,
                list(everything.items()),
                params["testactions"],
                params["testactionsdetail"],
                limit,
            )
        for page_id, title in everything.items():
            info = self._page_info(req, params, props, pageset.page_rows, page_id, title, looked_up)
            if info is None:
                self.set_continue(req, "continue", f"{title.namespace}|{title.text}")
                break
            # Created with the first page: no pages (an empty generator) means no "pages"
            # key at all, as ApiResult::addValue() per page gives on 1.39.
            pages = req.result.container("query").setdefault("pages", {"_type": "BCarray"})
            pages.setdefault(page_id, {}).update(info)

    # -- batched lookups ---------------------------------------------------------------------

    def _lookups(
        self,
        req: ApiRequest,
        props: set[str],
        good: dict[int, Title],
        missing: dict[int, Title],
        everything: dict[int, Title],
    ) -> _Lookups:
        out = _Lookups()
        now_ts = timestamps.mw_now()
        db = req.wiki.db
        if "protection" in props:
            parser = req.wiki.titles
            out.protections = db.read(
                lambda c: _protections(c, parser, good, missing, everything, now_ts)
            )
        performer = req.performer
        if (
            ("watched" in props or "notificationtimestamp" in props)
            and performer.is_registered
            and everything
            and performer.allowed("viewmywatchlist")
        ):
            keys = [_key(t) for t in everything.values()]
            rows = db.read(lambda c: iq.watched_items(c, performer.user_id, keys, now_ts))
            out.watched = {(r["wl_namespace"], r["wl_title"]): r for r in rows}
        can_unwatched = performer.allowed("unwatchedpages")
        if everything and can_unwatched and ("watchers" in props or "visitingwatchers" in props):
            # Without "unwatchedpages" nothing is shown ($wgUnwatchedPageThreshold = false).
            out.show_zero_watchers = True
            if "watchers" in props:
                keys = [_key(t) for t in everything.values()]
                out.watchers = db.read(lambda c: iq.watcher_counts(c, keys, now_ts))
            if "visitingwatchers" in props:
                out.visiting = db.read(lambda c: _visiting(c, good, missing, now_ts))
        if "talkid" in props or "subjectid" in props:
            self._talk_subject_ids(req, props, everything, out)
        return out

    def _talk_subject_ids(
        self, req: ApiRequest, props: set[str], everything: dict[int, Title], out: _Lookups
    ) -> None:
        """Mirrors ApiQueryInfo::getTSIDs()."""
        namespaces = req.wiki.namespaces
        wanted: list[Key] = []
        for title in everything.values():
            if namespaces.is_talk(title.namespace):
                if "subjectid" in props:
                    wanted.append((namespaces.subject(title.namespace), title.dbkey))
            elif "talkid" in props:
                wanted.append((namespaces.talk(title.namespace), title.dbkey))
        if not wanted:
            return
        rows = req.wiki.db.read(lambda c: psq.pages_by_keys(c, wanted))
        for row in rows:
            ns, dbkey = row["page_namespace"], row["page_title"]
            if namespaces.is_talk(ns):
                out.talk_ids[(namespaces.subject(ns), dbkey)] = int(row["page_id"])
            else:
                out.subject_ids[(namespaces.talk(ns), dbkey)] = int(row["page_id"])

    # -- one page ----------------------------------------------------------------------------

    def _page_info(
        self,
        req: ApiRequest,
        params: dict[str, Any],
        props: set[str],
        rows: dict[int, dict[str, Any]],
        page_id: int,
        title: Title,
        looked_up: _Lookups,
    ) -> dict[str, Any] | None:
        """Mirrors ApiQueryInfo::extractPageInfo(); None forces a continuation."""
        wiki = req.wiki
        exists = page_id > 0
        row = rows.get(page_id) if exists else None
        key = _key(title)
        info: dict[str, Any] = {}
        info["contentmodel"] = row["page_content_model"] if row else title_content_model(title)
        code, html_code, direction = page_language(wiki, title, row["page_lang"] if row else None)
        info.update(pagelanguage=code, pagelanguagehtmlcode=html_code, pagelanguagedir=direction)
        if row is not None:
            info["touched"] = timestamps.to_iso(row["page_touched"])
            info["lastrevid"] = int(row["page_latest"])
            info["length"] = int(row["page_len"])
            if not self.page_set(req).resolve_redirects and row["page_is_redirect"]:
                info["redirect"] = True
            if row["page_is_new"]:
                info["new"] = True
        if "protection" in props:
            info["protection"] = looked_up.protections.get(key, [])
            info["restrictiontypes"] = applicable_restriction_types(title, exists)
        if "watched" in props:
            item = (looked_up.watched or {}).get(key)
            info["watched"] = item is not None
            if item is not None and item["wl_expiry"] not in (None, "infinity"):
                info["watchlistexpiry"] = timestamps.to_iso(item["wl_expiry"])
        counted = (("watchers", looked_up.watchers), ("visitingwatchers", looked_up.visiting))
        for prop, counts in counted:
            if prop in props:
                count = (counts or {}).get(key, 0)
                if counts is not None and count:
                    info[prop] = count
                elif looked_up.show_zero_watchers:
                    info[prop] = 0
        if "notificationtimestamp" in props:
            item = (looked_up.watched or {}).get(key)
            stamp = item["wl_notificationtimestamp"] if item is not None else None
            info["notificationtimestamp"] = timestamps.to_iso(stamp) if stamp else ""
        if "talkid" in props and key in looked_up.talk_ids:
            info["talkid"] = looked_up.talk_ids[key]
        if "subjectid" in props and key in looked_up.subject_ids:
            info["subjectid"] = looked_up.subject_ids[key]
        if "associatedpage" in props and title.namespace >= 0:
            info["associatedpage"] = wiki.titles.prefixed_text(self._associated(req, title))
        if "url" in props:
            info["fullurl"] = full_url(wiki, title)
            info["editurl"] = edit_url(wiki, title)
            info["canonicalurl"] = canonical_url(wiki, title)
        if "readable" in props:
            info["readable"] = req.performer.allowed("read")
        if "preload" in props:
            info["preload"] = "" if exists else None
        if "displaytitle" in props:
            info["displaytitle"] = html.escape(wiki.titles.prefixed_text(title), quote=False)
        if "varianttitles" in props and exists:
            info["varianttitles"] = {wiki.config.language: wiki.titles.prefixed_text(title)}
        if "linkclasses" in props and exists and row is not None:
            info["linkclasses"] = ["mw-redirect"] if row["page_is_redirect"] else []
        if params["testactions"]:
            if page_id not in looked_up.actions:
                return None  # the tested-actions limit is used up: continue from here
            info["actions"] = looked_up.actions[page_id]
        return info

    @staticmethod
    def _associated(req: ApiRequest, title: Title) -> Title:
        """Mirrors NamespaceInfo::getAssociatedPage()."""
        namespaces = req.wiki.namespaces
        if namespaces.is_talk(title.namespace):
            return Title(namespaces.subject(title.namespace), title.text)
        return Title(namespaces.talk(title.namespace), title.text)


def _protections(
    conn: Any,
    parser: TitleParser,
    good: dict[int, Title],
    missing: dict[int, Title],
    everything: dict[int, Title],
    now_ts: str,
) -> dict[Key, list[dict[str, Any]]]:
    """Mirrors ApiQueryInfo::getProtectionInfo(): own, create and cascading protections."""
    out: dict[Key, list[dict[str, Any]]] = {}
    for row in iq.restrictions_of_pages(conn, list(good), now_ts):
        item: dict[str, Any] = {
            "type": row["pr_type"],
            "level": row["pr_level"],
            "expiry": format_expiry(row["pr_expiry"]),
        }
        if row["pr_cascade"]:
            item["cascade"] = True
        out.setdefault(_key(good[row["pr_page"]]), []).append(item)
    for row in iq.title_protections(conn, [_key(t) for t in missing.values()], now_ts):
        out.setdefault((row["pt_namespace"], row["pt_title"]), []).append(
            {
                "type": "create",
                "level": row["pt_create_perm"],
                "expiry": format_expiry(row["pt_expiry"]),
            }
        )
    others = [_key(t) for t in everything.values() if t.namespace != NS_FILE]
    for row in iq.cascading_protections(conn, others, now_ts):
        source = Title(row["page_namespace"], row["page_title"].replace("_", " "))
        out.setdefault((row["tl_namespace"], row["tl_title"]), []).append(
            {
                "type": row["pr_type"],
                "level": row["pr_level"],
                "expiry": format_expiry(row["pr_expiry"]),
                "source": parser.prefixed_text(source),
            }
        )
    return out


def _visiting(
    conn: Any, good: dict[int, Title], missing: dict[int, Title], now_ts: str
) -> dict[Key, int]:
    """Mirrors ApiQueryInfo::getVisitingWatcherInfo()."""
    latest = iq.latest_timestamps(conn, list(good))
    thresholds: dict[Key, str | None] = {}
    for page_id, title in good.items():
        stamp = latest.get(page_id)
        if stamp is None:
            continue
        since = timestamps.from_mw(stamp) - timedelta(seconds=WATCHERS_MAX_AGE)
        thresholds[_key(title)] = timestamps.to_mw(since)
    for title in missing.values():
        thresholds[_key(title)] = None
    return iq.visiting_watcher_counts(conn, thresholds, now_ts)
