"""The pages an action=query works on (Mirrors ApiPageSet).

Pages come from ``titles``, ``pageids`` or ``revids`` (at most one of them), or from a
generator.  Titles are normalised (``normalized``), interwiki titles set aside
(``interwiki``), redirects optionally followed (``redirects``), and every input ends up
good (an existing page, keyed by page id), missing (a negative "fake" id), invalid,
special or a missing page/revision id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ....i18n.messages import Message
from ....services import specialpages
from ....services.namespaces import NS_MAIN, NS_SPECIAL
from ....services.redirects import redirect_target
from ....services.titles import MalformedTitle, Title
from ....storage.queries import pageset as psq
from ...errorformat import format_message
from ...errors import ApiMessage, die
from .special_redirects import special_redirect

if TYPE_CHECKING:
    from ...request import ApiRequest

Data = dict[str, Any]


def title_info(title: Title, prefixed: str) -> Data:
    """Mirrors ApiQueryBase::addTitleInfo()."""
    return {"ns": title.namespace, "title": prefixed}


class PageSet:
    """Mirrors ApiPageSet; ``execute()`` fills it, the getters read it."""

    def __init__(
        self,
        req: ApiRequest,
        params: dict[str, Any],
        *,
        allow_generator: bool = True,
        default_namespace: int = NS_MAIN,
    ) -> None:
        self.req = req
        self.params = params
        self.allow_generator = allow_generator
        self.default_namespace = default_namespace
        self.resolve_redirects: bool = bool(params.get("redirects"))
        self.convert_titles: bool = bool(params.get("converttitles"))
        self.parser = req.wiki.titles
        self.fake_page_id = -1
        self.all_pages: dict[int, dict[str, int]] = {}
        self.titles: list[Title] = []
        self.good_and_missing_pages: dict[int, dict[str, int]] = {}
        self.good_pages: dict[int, dict[str, int]] = {}
        self.good_titles: dict[int, Title] = {}
        self.missing_pages: dict[int, dict[str, int]] = {}
        self.missing_titles: dict[int, Title] = {}
        self.invalid_titles: dict[int, Data] = {}
        self.missing_page_ids: list[int] = []
        self.redirect_titles: dict[str, Title] = {}
        self.special_titles: dict[int, Title] = {}
        self.all_specials: dict[int, dict[str, int]] = {}
        self.normalized_titles: dict[str, str] = {}
        self.interwiki_titles: dict[str, str] = {}
        self.pending_redirect_ids: dict[int, Title] = {}
        self.pending_redirect_specials: dict[str, tuple[Title, Title]] = {}
        self.resolved_redirect_titles: dict[str, Title] = {}
        self.converted_titles: dict[str, str] = {}
        self.good_rev_ids: dict[int, int] = {}
        self.live_rev_ids: dict[int, int] = {}
        self.deleted_rev_ids: dict[int, int] = {}
        self.missing_rev_ids: list[int] = []
        self.generator_data: dict[int, dict[str, Data]] = {}
        self.page_rows: dict[int, Data] = {}
        self.redirect_merge_policy: Callable[[Data, Data], Data] | None = None

    # -- running -------------------------------------------------------------------------

    def execute(self, *, dry_run: bool = False) -> None:
        """Mirrors ApiPageSet::executeInternal()."""
        generator = self.params.get("generator") if self.allow_generator else None
        if generator is not None:
            self._run_generator(str(generator), dry_run)
            return
        sources = [n for n in ("titles", "pageids", "revids") if self.params.get(n) is not None]
        for later in sources[1:]:
            die(
                "apierror-invalidparammix-cannotusewith",
                later,
                sources[0],
                code="multisource",
            )
        if dry_run or not sources:
            return
        source = sources[0]
        if source == "titles":
            self.populate_from_titles(self.params["titles"])
        elif source == "pageids":
            self.populate_from_page_ids(self.params["pageids"])
        else:
            if self.resolve_redirects:
                self.req.warn("apiwarn-redirectsandrevids", path="query")
            self.resolve_redirects = False
            self.populate_from_revision_ids(self.params["revids"])

    def _run_generator(self, name: str, dry_run: bool) -> None:
        from .base import QueryGenerator, find_submodule

        module = find_submodule(name)
        if module is None:
            die("apierror-badgenerator-unknown", name, code="badgenerator")
        if not issubclass(module, QueryGenerator):
            die("apierror-badgenerator-notgenerator", name, code="badgenerator")
        state = self.req.extra["query_state"]
        input_pages = PageSet(self.req, self.params, allow_generator=False)
        generator = module()
        generator.generator_input = input_pages
        saved = self.req.module_path
        self.req.module_path = module.path()
        gen_params = self.req.extract(module, prefix="g" + module.prefix)
        if not dry_run:
            generator.request_extra_data(self.req, input_pages)
        input_pages.execute(dry_run=dry_run)
        if not dry_run:
            state.continuation.generator_running = module.name
            try:
                generator.execute_generator(self.req, gen_params, self)
            finally:
                state.continuation.generator_running = None
            self.resolve_pending_redirects()
        self.req.module_path = saved

    # -- population ----------------------------------------------------------------------

    def populate_from_titles(self, titles: Sequence[str | Title]) -> None:
        """Mirrors ApiPageSet::initFromTitles()."""
        batch = self._process_titles(titles)
        if batch:
            rows = self._read_pages(_keys(batch))
            self._init_from_rows(rows, titles_batch=batch)
        self.resolve_pending_redirects()

    def populate_from_page_ids(self, page_ids: Iterable[int]) -> None:
        """Mirrors ApiPageSet::initFromPageIds()."""
        remaining = list(dict.fromkeys(int(i) for i in page_ids))
        if not remaining:
            return
        wanted = [i for i in remaining if i > 0]
        rows = self.req.wiki.db.read(lambda c: psq.pages_by_ids(c, wanted)) if wanted else []
        self._init_from_rows(rows, page_ids=remaining)
        self.resolve_pending_redirects()

    def populate_from_revision_ids(self, rev_ids: Iterable[int]) -> None:
        """Mirrors ApiPageSet::initFromRevIDs()."""
        remaining = list(dict.fromkeys(int(i) for i in rev_ids))
        if not remaining:
            return
        wanted = [i for i in remaining if i > 0]
        found = self.req.wiki.db.read(lambda c: psq.pages_of_revisions(c, wanted))
        page_ids: dict[int, None] = {}
        for rev_id, page_id in found.items():
            self.good_rev_ids[rev_id] = page_id
            self.live_rev_ids[rev_id] = page_id
            page_ids[page_id] = None
        left = [i for i in remaining if i not in found]
        if page_ids:
            rows = self.req.wiki.db.read(lambda c: psq.pages_by_ids(c, list(page_ids)))
            self._init_from_rows(rows, page_ids=list(page_ids))
            self.resolve_pending_redirects()
        good_left = [i for i in left if i > 0]
        if good_left and self.req.performer.allowed("deletedhistory"):
            archived = self.req.wiki.db.read(lambda c: psq.archived_titles(c, good_left))
            titles = {rev: Title(ns, key.replace("_", " ")) for rev, (ns, key) in archived.items()}
            self.populate_from_titles(list(titles.values()))
            for rev_id, title in titles.items():
                found_id = self.all_pages.get(title.namespace, {}).get(title.dbkey)
                if found_id is not None:
                    self.good_rev_ids[rev_id] = found_id
                    self.deleted_rev_ids[rev_id] = found_id
                    left.remove(rev_id)
        self.missing_rev_ids = left

    def populate_from_rows(self, rows: Iterable[Data]) -> None:
        """Mirrors ApiPageSet::populateFromQueryResult(): page rows found by a generator."""
        self._init_from_rows(list(rows))

    def process_db_row(self, row: Data) -> None:
        """Mirrors ApiPageSet::processDbRow()."""
        title = Title(row["page_namespace"], row["page_title"].replace("_", " "))
        page_id = int(row["page_id"])
        ns, dbkey = title.namespace, title.dbkey
        self.all_pages.setdefault(ns, {})[dbkey] = page_id
        self.titles.append(title)
        if self.resolve_redirects and row["page_is_redirect"]:
            self.pending_redirect_ids[page_id] = title
        else:
            self.good_pages.setdefault(ns, {})[dbkey] = page_id
            self.good_and_missing_pages.setdefault(ns, {})[dbkey] = page_id
            self.good_titles[page_id] = title
        self.page_rows[page_id] = row

    def _init_from_rows(
        self,
        rows: list[Data],
        *,
        titles_batch: dict[int, dict[str, None]] | None = None,
        page_ids: list[int] | None = None,
    ) -> None:
        """Mirrors ApiPageSet::initFromQueryResult(): found rows, then the rest as missing."""
        remaining_titles = {ns: dict(keys) for ns, keys in (titles_batch or {}).items()}
        remaining_ids = dict.fromkeys(page_ids or [])
        for row in rows:
            remaining_titles.get(row["page_namespace"], {}).pop(row["page_title"], None)
            remaining_ids.pop(int(row["page_id"]), None)
            self.process_db_row(row)
        if titles_batch is not None:
            for ns, keys in remaining_titles.items():
                for dbkey in keys:
                    title = Title(ns, dbkey.replace("_", " "))
                    fake = self._next_fake_id()
                    self.all_pages.setdefault(ns, {})[dbkey] = fake
                    self.missing_pages.setdefault(ns, {})[dbkey] = fake
                    self.good_and_missing_pages.setdefault(ns, {})[dbkey] = fake
                    self.missing_titles[fake] = title
                    self.titles.append(title)
        elif page_ids is not None:
            self.missing_page_ids.extend(remaining_ids)

    def _next_fake_id(self) -> int:
        fake = self.fake_page_id
        self.fake_page_id -= 1
        return fake

    def _process_titles(self, titles: Sequence[str | Title]) -> dict[int, dict[str, None]]:
        """Mirrors ApiPageSet::processTitlesArray(); returns the link batch to look up."""
        batch: dict[int, dict[str, None]] = {}
        parsed: list[tuple[str | None, Title]] = []
        for raw in titles:
            if isinstance(raw, Title):
                parsed.append((None, raw))
                continue
            try:
                parsed.append((raw, self.parser.parse(raw, self.default_namespace)))
            except MalformedTitle as exc:
                main = self.all_pages.setdefault(NS_MAIN, {})
                if raw not in main:
                    fake = self._next_fake_id()
                    main[raw] = fake
                    self.invalid_titles[fake] = {
                        "title": raw,
                        "invalidreason": self._invalid_reason(exc),
                    }
        for given, title in parsed:
            unconverted = self.prefixed(title)
            if title.interwiki:
                self.interwiki_titles[unconverted] = title.interwiki
            elif title.namespace < 0:
                title = specialpages.fix_special_name(title)
                specials = self.all_specials.setdefault(title.namespace, {})
                if title.dbkey not in specials:
                    specials[title.dbkey] = self.fake_page_id
                    target = None
                    if title.namespace == NS_SPECIAL and self.resolve_redirects:
                        target = special_redirect(self.req, title)
                    if target is not None:
                        self.pending_redirect_specials[title.dbkey] = (title, target)
                    else:
                        self.special_titles[self._next_fake_id()] = title
            else:
                batch.setdefault(title.namespace, {})[title.dbkey] = None
            if given is not None and given != self.prefixed(title):
                self.normalized_titles[given] = self.prefixed(title)
        return batch

    def _invalid_reason(self, exc: MalformedTitle) -> Any:
        """ApiErrorFormatter::formatException(..., ['bc' => true])."""
        msg = Message(exc.key, tuple(exc.params))
        req = self.req
        if req.errorformat == "bc":
            return req.wiki.formatter("en").text(msg)
        return format_message(req, req.wiki.formatter(req.errorlang), ApiMessage.wrap(msg))

    # -- redirects -----------------------------------------------------------------------

    def resolve_pending_redirects(self) -> None:
        """Mirrors ApiPageSet::resolvePendingRedirects()."""
        if not self.resolve_redirects:
            return
        while self.pending_redirect_ids or self.pending_redirect_specials:
            batch = self._load_redirect_targets()
            if not batch:
                break
            rows = self._read_pages(_keys(batch))
            self._init_from_rows(rows, titles_batch=batch)

    def _read_pages(self, keys: list[tuple[int, str]]) -> list[Data]:
        return self.req.wiki.db.read(lambda c: psq.pages_by_keys(c, keys))

    def _load_redirect_targets(self) -> dict[int, dict[str, None]]:
        """Mirrors ApiPageSet::loadRedirectTargets()."""
        to_resolve: list[Title] = []
        pending = dict(self.pending_redirect_ids)
        if pending:
            texts = self.req.wiki.db.read(lambda c: psq.latest_texts(c, list(pending)))
            for page_id, title in pending.items():
                del self.pending_redirect_ids[page_id]
                target = redirect_target(texts.get(page_id, ""), self.parser)
                if target is None:
                    # Not a usable redirect after all: the page itself is the result.
                    self._add_good(page_id, title)
                    continue
                self._add_redirect(title, target, to_resolve)
        if self.pending_redirect_specials:
            for source, target in self.pending_redirect_specials.values():
                self._add_redirect(source, target, to_resolve)
            self.pending_redirect_specials = {}
        return self._process_titles(to_resolve)

    def _add_redirect(self, source: Title, target: Title, to_resolve: list[Title]) -> None:
        key = self.prefixed(source)
        self.resolved_redirect_titles[key] = source
        if target.interwiki:
            self.interwiki_titles[self.prefixed(target)] = target.interwiki
        elif target.dbkey not in self.all_pages.get(target.namespace, {}):
            to_resolve.append(target)
        self.redirect_titles[key] = target

    def _add_good(self, page_id: int, title: Title) -> None:
        self.good_pages.setdefault(title.namespace, {})[title.dbkey] = page_id
        self.good_and_missing_pages.setdefault(title.namespace, {})[title.dbkey] = page_id
        self.good_titles[page_id] = title

    # -- reading -------------------------------------------------------------------------

    def prefixed(self, title: Title) -> str:
        return self.parser.prefixed_text(title)

    def data_source(self) -> str | None:
        """Mirrors ApiPageSet::getDataSource()."""
        if self.allow_generator and self.params.get("generator") is not None:
            return "generator"
        for name in ("titles", "pageids", "revids"):
            if self.params.get(name) is not None:
                return name
        return None

    def good_and_missing_titles(self) -> dict[int, Title]:
        return {**self.good_titles, **self.missing_titles}

    def custom_field(self, name: str) -> dict[int, Any]:
        """Mirrors ApiPageSet::getCustomField(): a page-table column of the good pages."""
        return {pid: row.get(name) for pid, row in self.page_rows.items()}

    def revision_count(self) -> int:
        return len(self.good_rev_ids)

    def set_generator_data(self, title: Title, data: Data) -> None:
        """Mirrors ApiPageSet::setGeneratorData()."""
        self.generator_data.setdefault(title.namespace, {})[title.dbkey] = data

    def populate_generator_data(self, pages: dict[int, Data]) -> None:
        """Mirrors ApiPageSet::populateGeneratorData() on the ``pages`` array."""
        for ns, by_key in self.generator_data.items():
            if ns == NS_SPECIAL:
                ids = {t.dbkey: fake for fake, t in self.special_titles.items()}
            else:
                ids = self.all_pages.get(ns, {})
            for dbkey, data in by_key.items():
                page_id = ids.get(dbkey)
                if page_id is not None and page_id in pages:
                    pages[page_id].update(data)
        if self.redirect_merge_policy is None:
            return
        for source in self.resolved_redirect_titles.values():
            dest = self._redirect_destination(source)
            dest_id = self.all_pages.get(dest.namespace, {}).get(dest.dbkey)
            extra = self.generator_data.get(source.namespace, {}).get(source.dbkey)
            if dest_id is not None and dest_id in pages and extra is not None:
                pages[dest_id] = self.redirect_merge_policy(pages[dest_id], extra)

    def _redirect_destination(self, source: Title) -> Title:
        seen: set[str] = set()
        dest = source
        while self.prefixed(dest) in self.redirect_titles:
            dest = self.redirect_titles[self.prefixed(dest)]
            key = self.prefixed(dest)
            if key in seen:
                return source
            seen.add(key)
        return dest

    # -- result parts (ApiPageSet::get*AsResult) -------------------------------------------

    def normalized_result(self) -> list[Data]:
        # WebRequest already gave us NFC text, so nothing arrives un-normalised here.
        return [
            {"fromencoded": False, "from": raw, "to": to}
            for raw, to in self.normalized_titles.items()
        ]

    def converted_result(self) -> list[Data]:
        return [{"from": raw, "to": to} for raw, to in self.converted_titles.items()]

    def interwiki_result(self, iwurl: bool) -> list[Data]:
        out = []
        for raw, prefix in self.interwiki_titles.items():
            item: Data = {"title": raw, "iw": prefix}
            if iwurl:
                item["url"] = self._interwiki_url(raw)
            out.append(item)
        return out

    def _interwiki_url(self, raw: str) -> str:
        from ....storage.queries import interwiki as iwq

        title = self.parser.parse(raw)
        row = self.req.wiki.db.read(lambda c: iwq.interwiki_row(c, title.interwiki))
        if row is None:
            return ""
        from urllib.parse import quote

        key = self.parser.prefixed_dbkey(Title(title.namespace, title.text))
        url = str(row["iw_url"]).replace("$1", quote(key, safe="/:@!$()*,;~'"))
        if title.fragment:
            url += "#" + quote(title.fragment.replace(" ", "_"), safe="/:@!$()*,;~'.")
        return url

    def redirects_result(self) -> list[Data]:
        out = []
        for source, target in self.redirect_titles.items():
            item: Data = {"from": source, "to": self.prefixed(target)}
            if target.fragment:
                item["tofragment"] = target.fragment
            if target.interwiki:
                item["tointerwiki"] = target.interwiki
            resolved = self.resolved_redirect_titles.get(source)
            if resolved is not None:
                data = self.generator_data.get(resolved.namespace, {}).get(resolved.dbkey)
                if data:
                    item = {**data, **item}
            out.append(item)
        return out

    def bad_revids_result(self) -> Any:
        """``badrevids`` keyed by revision id; a PHP list when the keys are 0..n-1."""
        items = {rev: {"revid": rev, "missing": True} for rev in self.missing_rev_ids}
        if list(items) == list(range(len(items))):
            return list(items.values())
        return {str(rev): value for rev, value in items.items()}


def _keys(batch: dict[int, dict[str, None]]) -> list[tuple[int, str]]:
    return [(ns, key) for ns, keys in batch.items() for key in keys]
