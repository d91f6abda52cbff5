"""action=query (Mirrors ApiQuery): the page set, prop/list/meta modules, continuation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ...i18n.messages import ListParam, Message
from ...services import specialpages
from ...services.namespaces import NS_FILE, NS_MEDIA, NS_MEDIAWIKI, NS_SPECIAL
from ...services.titles import Title
from ..errors import die
from ..module import ApiModule, query_modules
from ..params import Param
from ..result import bc_array
from .query.base import QueryState, QuerySubmodule
from .query.continuation import ContinuationManager
from .query.export import SCHEMAS, export_xml
from .query.pageset import PageSet, title_info

if TYPE_CHECKING:
    from ..request import ApiRequest


def _names(group: str) -> Any:
    def values(req: ApiRequest) -> list[str]:
        return list(query_modules(group))

    return values


# LanguageConverter::$languagesWithVariants (1.39), named in the converttitles help.
LANGUAGES_WITH_VARIANTS = (
    "ban",
    "en",
    "crh",
    "gan",
    "iu",
    "kk",
    "ku",
    "shi",
    "sr",
    "tg",
    "uz",
    "zh",
)


def generator_map(req: ApiRequest | None = None) -> dict[str, str]:
    """ApiPageSet::getGenerators(): generator name -> module path, sorted."""
    found = {
        name: module.path()
        for group in ("prop", "list", "meta")
        for name, module in query_modules(group).items()
        if module.generator
    }
    return dict(sorted(found.items()))


PAGESET_PARAMS: tuple[Param, ...] = (
    Param("titles", "string", multi=True, help="api-pageset-param-titles"),
    Param("pageids", "integer", multi=True, help="api-pageset-param-pageids"),
    Param("revids", "integer", multi=True, help="api-pageset-param-revids"),
    # Validated as a string (an unknown generator is "badgenerator" when the page set
    # runs); help and paraminfo show it as a submodule through submodule_map.
    Param(
        "generator",
        "string",
        help="api-pageset-param-generator",
        submodule_param_prefix="g",
        submodule_map=generator_map,
    ),
    Param("redirects", "boolean", help="api-pageset-param-redirects-generator"),
    Param(
        "converttitles",
        "boolean",
        help=Message(
            "api-pageset-param-converttitles", (ListParam(LANGUAGES_WITH_VARIANTS, "text"),)
        ),
    ),
)


class QueryModule(ApiModule):
    name = "query"
    classname = "ApiQuery"
    help_urls = (
        "https://www.mediawiki.org/wiki/Special:MyLanguage/API:Query",
        "https://www.mediawiki.org/wiki/Special:MyLanguage/API:Meta",
        "https://www.mediawiki.org/wiki/Special:MyLanguage/API:Properties",
        "https://www.mediawiki.org/wiki/Special:MyLanguage/API:Lists",
    )
    examples = (
        (
            "action=query&prop=revisions&meta=siteinfo&titles=Main%20Page"
            "&rvprop=user|comment&continue=",
            "apihelp-query-example-revisions",
        ),
        (
            "action=query&generator=allpages&gapprefix=API/&prop=revisions&continue=",
            "apihelp-query-example-allpages",
        ),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param("prop", "submodule", multi=True, values=_names("prop")),
        Param("list", "submodule", multi=True, values=_names("list")),
        Param("meta", "submodule", multi=True, values=_names("meta")),
        Param("indexpageids", "boolean"),
        Param("export", "boolean"),
        Param("exportnowrap", "boolean"),
        Param("exportschema", "enum", values=SCHEMAS, default="0.11"),
        Param("iwurl", "boolean"),
        Param("continue", "string", help="api-help-param-continue"),
        Param("rawcontinue", "boolean"),
        *PAGESET_PARAMS,
    )

    @classmethod
    def extraction_params(cls, req: ApiRequest) -> tuple[Param, ...]:
        """ApiPageSet reads its parameters in ApiQuery's constructor, before ApiQuery's own."""
        own = tuple(p for p in cls.params if p not in PAGESET_PARAMS)
        return PAGESET_PARAMS + own

    @classmethod
    def is_read_mode(cls, req: ApiRequest) -> bool:
        """Mirrors ApiQuery::isReadMode(): only a bare ``meta=`` of modules that need no
        read right (tokens) is exempt; rawcontinue and indexpageids are tolerated."""
        allowed = {"rawcontinue", "indexpageids"}
        for p in cls.params:
            present = req.params.peek(p.name) is not None
            if p.name not in allowed and present != (p.name == "meta"):
                return True
        modules = query_modules("meta")
        for name in (req.params.peek("meta") or "").split("|"):
            module = modules.get(name)
            if module is not None and module.is_read_mode(req):
                return True
        return False

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        modules, prop_names = self._instantiate(req, params)
        manager = ContinuationManager(req.params, list(modules), prop_names)
        pageset = PageSet(req, params)
        req.extra["query_state"] = QueryState(pageset, manager, params)
        for name in manager.skipped_modules():
            # Finished modules still read their parameters (no "unrecognized" warnings).
            self._extract(req, modules[name])
        run = [modules[name]() for name in manager.run_modules()]
        if not manager.generator_done:
            for module in run:
                if isinstance(module, QuerySubmodule):
                    module.request_extra_data(req, pageset)
            pageset.execute()
            req.module_path = self.path()
            self._output_general_page_info(req, pageset, params)
        else:
            pageset.execute(dry_run=True)
            req.module_path = self.path()
        for module in run:
            values = self._extract(req, type(module))
            # Left set on failure so that the error names the module, as MediaWiki's does.
            req.module_path = module.path()
            module.execute(req, values)
            req.module_path = self.path()
        self._write_continuation(req, manager, params["rawcontinue"])

    def _instantiate(
        self, req: ApiRequest, params: dict[str, Any]
    ) -> tuple[dict[str, type[ApiModule]], list[str]]:
        """Mirrors ApiQuery::instantiateModules() for prop, list and meta."""
        modules: dict[str, type[ApiModule]] = {}
        prop_names: list[str] = []
        for group in ("prop", "list", "meta"):
            available = query_modules(group)
            for name in params.get(group) or []:
                module = available[name]
                if not req.params.was_posted and module.must_be_posted:
                    die("apierror-mustbeposted", name)
                modules.setdefault(name, module)
            if group == "prop":
                prop_names = list(modules)
        return modules, prop_names

    def _extract(self, req: ApiRequest, module: type[ApiModule]) -> dict[str, Any]:
        req.module_path = module.path()
        parse_limit = bool(getattr(module, "parse_limit", True))
        values = req.extract(module, parse_limit=parse_limit)
        req.module_path = self.path()
        return values

    # -- output ------------------------------------------------------------------------------

    def _output_general_page_info(
        self, req: ApiRequest, pageset: PageSet, params: dict[str, Any]
    ) -> None:
        """Mirrors ApiQuery::outputGeneralPageInfo()."""
        parts: list[tuple[str, Any]] = [
            ("normalized", pageset.normalized_result()),
            ("converted", pageset.converted_result()),
            ("interwiki", pageset.interwiki_result(params["iwurl"])),
            ("redirects", pageset.redirects_result()),
            ("badrevids", pageset.bad_revids_result()),
        ]
        for key, value in parts:
            if value:
                req.result.container("query")[key] = value
        pages: dict[int, dict[str, Any]] = {}
        for fake, title in pageset.missing_titles.items():
            vals = title_info(title, pageset.prefixed(title))
            vals["missing"] = True
            if _is_known(req, title):
                vals["known"] = True
            pages[fake] = vals
        for fake, data in pageset.invalid_titles.items():
            pages[fake] = {**data, "invalid": True}
        for page_id in pageset.missing_page_ids:
            pages[page_id] = {"pageid": page_id, "missing": True}
        for fake, title in pageset.special_titles.items():
            vals = title_info(title, pageset.prefixed(title))
            vals["special"] = True
            if not _is_known(req, title):
                vals["missing"] = True
            pages[fake] = vals
        for page_id, title in pageset.good_titles.items():
            pages[page_id] = {"pageid": page_id, **title_info(title, pageset.prefixed(title))}
        if pages:
            pageset.populate_generator_data(pages)
            query = req.result.container("query")
            if params["indexpageids"]:
                query["pageids"] = [str(page_id) for page_id in pages]
            query["pages"] = bc_array(dict(pages.items()))
        if params["export"]:
            self._export(req, pageset, params)

    def _export(self, req: ApiRequest, pageset: PageSet, params: dict[str, Any]) -> None:
        """Mirrors ApiQuery::doExport()."""
        readable = pageset.good_titles if req.performer.allowed("read") else {}
        xml = export_xml(req, readable, params["exportschema"])
        if params["exportnowrap"]:
            req.result.data = {}
            req.extra["raw_output"] = {"text": xml, "mime": "text/xml", "filename": "export.xml"}
        else:
            query = req.result.container("query")
            query["export"] = xml
            query["_BC_subelements"] = ["export"]

    def _write_continuation(
        self, req: ApiRequest, manager: ContinuationManager, rawcontinue: bool
    ) -> None:
        """ApiQuery::execute()'s last step: continuation data added on top of the result."""
        if rawcontinue:
            non_continue = manager.raw_non_continuation()
            if non_continue:
                _add_on_top(req, "query-noncontinue", non_continue)
            continuation = manager.raw_continuation()
            if continuation:
                _add_on_top(req, "query-continue", continuation)
            return
        data, batchcomplete = manager.continuation_data()
        if data:
            _add_on_top(req, "continue", data)
        if batchcomplete:
            _add_on_top(req, "batchcomplete", True)


def _add_on_top(req: ApiRequest, key: str, value: Any) -> None:
    """ApiResult::ADD_ON_TOP."""
    rest = {k: v for k, v in req.result.data.items() if k != key}
    req.result.data = {key: value, **rest}


def _is_known(req: ApiRequest, title: Title) -> bool:
    """Mirrors Title::isAlwaysKnown() for titles without a page."""
    if title.interwiki:
        return True
    if title.namespace == NS_SPECIAL:
        return specialpages.exists(title.dbkey)
    if title.namespace in (NS_MEDIA, NS_FILE):
        return False  # no files are stored
    if title.namespace == NS_MEDIAWIKI:
        key = title.text[:1].lower() + title.text[1:]
        return req.wiki.formatter(req.wiki.config.language).exists(key.replace(" ", "_"))
    return False
