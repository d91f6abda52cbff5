"""The base of query submodules (Mirrors ApiQueryBase / ApiQueryGeneratorBase)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from ....i18n.messages import ListParam
from ....services.titles import MalformedTitle, Title
from ...errors import die, escape_wikitext
from ...module import ApiModule, query_modules

if TYPE_CHECKING:
    from ...request import ApiRequest
    from .continuation import ContinuationManager
    from .pageset import PageSet

# ApiBase::LIMIT_* (the usual limits of list modules and multi-value parameters).
LIMIT_BIG1 = 500
LIMIT_BIG2 = 5000
LIMIT_SML1 = 50
LIMIT_SML2 = 500


def php_int(text: str) -> int:
    """PHP's ``(int)`` cast of a string: its leading integer, 0 when there is none (the way
    continuation values are read)."""
    m = re.match(r"\s*([+-]?\d+)", text)
    return int(m.group(1)) if m else 0


@dataclass
class QueryState:
    """What action=query shares with its submodules during one request."""

    pageset: PageSet
    continuation: ContinuationManager
    params: dict[str, Any]


def query_state(req: ApiRequest) -> QueryState | None:
    state = req.extra.get("query_state")
    return state if isinstance(state, QueryState) else None


def find_submodule(name: str) -> type[QuerySubmodule] | None:
    """A prop, list or meta module by name (ApiModuleManager::getModule($name, null))."""
    for group in ("prop", "list", "meta"):
        module = query_modules(group).get(name)
        if module is not None and issubclass(module, QuerySubmodule):
            return module
    return None


class QuerySubmodule(ApiModule):
    """A prop/list/meta module run by action=query (Mirrors ApiQueryBase).

    ``execute(req, params)`` adds its output under ``query``: list and meta modules with
    ``self.output(req)[name] = ...`` (``req.result.container("query")``), prop modules
    with :meth:`add_page_sub_item` or into ``query.pages``.  When more results exist,
    call ``self.set_continue(req, "continue", value)`` (unprefixed parameter name);
    action=query turns that into ``continue``/``query-continue`` as MediaWiki does.
    """

    # ApiQueryRevisions validates its own limit (extractRequestParams(false)).
    parse_limit: ClassVar[bool] = True

    def __init__(self) -> None:
        # In generator mode: the pages the generator works from (its getPageSet()).
        self.generator_input: PageSet | None = None

    def output(self, req: ApiRequest) -> dict[str, Any]:
        return req.result.container("query")

    def page_set(self, req: ApiRequest) -> PageSet:
        """Mirrors ApiQueryBase::getPageSet() (the generator's input in generator mode)."""
        if self.generator_input is not None:
            return self.generator_input
        state = query_state(req)
        if state is None:
            raise RuntimeError(f"{self.name} needs action=query's page set")
        return state.pageset

    def request_extra_data(self, req: ApiRequest, pageset: PageSet) -> None:
        """Mirrors ApiQueryBase::requestExtraData(); the page set loads whole rows."""

    # -- continuation ----------------------------------------------------------------------

    @classmethod
    def in_generator_mode(cls, req: ApiRequest) -> bool:
        state = query_state(req)
        return state is not None and state.continuation.generator_running == cls.name

    @classmethod
    def encode_param(cls, req: ApiRequest, name: str) -> str:
        """Mirrors ApiQueryGeneratorBase::encodeParamName(): ``g`` + prefix as a generator."""
        return ("g" if cls.in_generator_mode(req) else "") + cls.prefix + name

    @classmethod
    def set_continue(cls, req: ApiRequest, param: str, value: Any) -> None:
        """Mirrors ApiQueryBase::setContinueEnumParameter()."""
        state = query_state(req)
        if state is None:
            data: dict[str, dict[str, str]] = req.extra.setdefault("query_continue", {})
            data.setdefault(cls.name, {})[cls.prefix + param] = str(value)
            return
        manager = state.continuation
        if manager.generator_running == cls.name:
            manager.add_generator_continue_param(cls.name, "g" + cls.prefix + param, value)
        else:
            manager.add_continue_param(cls.name, cls.prefix + param, value)

    @classmethod
    def set_generator_non_continue(cls, req: ApiRequest, param: str, value: Any) -> None:
        """Mirrors ApiContinuationManager::addGeneratorNonContinueParam()."""
        state = query_state(req)
        if state is not None:
            state.continuation.add_generator_non_continue_param(
                cls.name, cls.encode_param(req, param), value
            )

    # -- result helpers ----------------------------------------------------------------------

    def add_page_sub_item(self, req: ApiRequest, page_id: int, item: Any) -> None:
        """Mirrors ApiQueryBase::addPageSubItem(): append to ``pages.<id>.<module>``."""
        pages = req.result.container("query").setdefault("pages", {"_type": "BCarray"})
        pages.setdefault(page_id, {}).setdefault(self.name, []).append(item)

    # -- parameter helpers ---------------------------------------------------------------------

    @classmethod
    def die_continue_if(cls, condition: bool) -> None:
        """Mirrors ApiBase::dieContinueUsageIf()."""
        if condition:
            die("apierror-badcontinue")

    @classmethod
    def require_max_one(cls, req: ApiRequest, params: dict[str, Any], *names: str) -> None:
        """Mirrors ApiBase::requireMaxOneParameter()."""
        present = [n for n in names if params.get(n) not in (None, False)]
        if len(present) > 1:
            shown = tuple(f"<var>{cls.encode_param(req, n)}</var>" for n in present)
            die("apierror-invalidparammix", ListParam(shown, "text"), len(shown))

    @classmethod
    def title_part_to_key(cls, req: ApiRequest, part: str, namespace: int) -> str:
        """Mirrors ApiQueryBase::titlePartToKey(): a title prefix as a DB key."""
        title = req.wiki.titles.make(namespace, part + "x")
        if title is None or title.fragment or title.namespace != namespace or title.interwiki:
            die("apierror-invalidtitle", escape_wikitext(part))
        return title.dbkey[:-1]

    @classmethod
    def parse_prefixed_title_part(cls, req: ApiRequest, part: str) -> Title:
        """Mirrors ApiQueryBase::parsePrefixedTitlePart()."""
        try:
            title: Title | None = req.wiki.titles.parse(part + "X")
        except MalformedTitle:
            title = None
        if title is None or title.fragment or title.interwiki or title.dbkey == "X":
            die("apierror-invalidtitle", escape_wikitext(part))
        return Title(title.namespace, title.dbkey[:-1].replace("_", " "))

    @staticmethod
    def user_can_see_revdel(req: ApiRequest) -> bool:
        """Mirrors ApiQueryBase::userCanSeeRevDel()."""
        return req.performer.allowed_any(
            "deletedhistory", "deletedtext", "deleterevision", "suppressrevision", "viewsuppressed"
        )


class QueryGenerator(QuerySubmodule):
    """A submodule usable as ``generator=`` (Mirrors ApiQueryGeneratorBase)."""

    generator = True

    def execute_generator(self, req: ApiRequest, params: dict[str, Any], result: PageSet) -> None:
        """Put the generated pages into ``result`` instead of the output."""
        raise NotImplementedError
