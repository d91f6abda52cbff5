"""prop=templates (Mirrors ApiQueryLinks for templatelinks): what the pages transclude."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ....services.titles import MalformedTitle, Title
from ....storage.queries import allpages as apq
from ...errors import escape_wikitext
from ...params import Param
from .base import LIMIT_BIG1, LIMIT_BIG2, QueryGenerator, php_int

if TYPE_CHECKING:
    from ...request import ApiRequest
    from .pageset import PageSet


class TemplatesModule(QueryGenerator):
    name = "templates"
    group = "prop"
    prefix = "tl"
    classname = "ApiQueryLinks"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Templates",)
    examples = (
        (
            "action=query&prop=templates&titles=Main%20Page",
            "apihelp-query+templates-example-simple",
        ),
        (
            "action=query&generator=templates&titles=Main%20Page&prop=info",
            "apihelp-query+templates-example-generator",
        ),
        (
            "action=query&prop=templates&titles=Main%20Page&tlnamespace=2|10",
            "apihelp-query+templates-example-namespaces",
        ),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param("namespace", "namespace", multi=True, extra={"extra_namespaces": (-2, -1)}),
        Param("limit", "limit", default="10", min=1, max=LIMIT_BIG1, max2=LIMIT_BIG2),
        Param("continue", "string", help="api-help-param-continue"),
        Param("templates", "string", multi=True),
        Param("dir", "enum", values=("ascending", "descending"), default="ascending"),
    )

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        self._run(req, params, None)

    def execute_generator(self, req: ApiRequest, params: dict[str, Any], result: PageSet) -> None:
        self._run(req, params, result)

    def _run(self, req: ApiRequest, params: dict[str, Any], result: PageSet | None) -> None:
        """Mirrors ApiQueryLinks::run()."""
        pages = list(self.page_set(req).good_titles)
        if not pages:
            return
        limit = int(params["limit"])
        q = apq.LinksQuery(page_ids=pages, limit=limit, descending=params["dir"] == "descending")
        if params["templates"]:
            wanted_ns = set(params["namespace"] or [])
            targets: dict[tuple[int, str], None] = {}
            for text in params["templates"]:
                try:
                    title: Title | None = req.wiki.titles.parse(text)
                except MalformedTitle:
                    title = None
                if title is None or title.interwiki:
                    req.warn("apiwarn-invalidtitle", escape_wikitext(text))
                elif not wanted_ns or title.namespace in wanted_ns:
                    targets[(title.namespace, title.dbkey)] = None
            if not targets:
                return
            q.targets = list(targets)
            q.order_ns = len({ns for ns, _ in targets}) != 1
            q.order_title = len(targets) != 1
        elif params["namespace"]:
            q.namespaces = list(params["namespace"])
            q.order_ns = len(q.namespaces) != 1
        if params["continue"] is not None:
            parts = str(params["continue"]).split("|")
            self.die_continue_if(len(parts) != 3)
            q.cont = (php_int(parts[0]), php_int(parts[1]), parts[2])
        q.order_from = len(pages) != 1
        rows = req.wiki.db.read(lambda c: apq.template_links(c, q))
        cont = None
        if len(rows) > limit:
            extra = rows[limit]
            cont = f"{extra['tl_from']}|{extra['tl_namespace']}|{extra['tl_title']}"
            rows = rows[:limit]
        if cont is not None:
            self.set_continue(req, "continue", cont)
        titles = [Title(r["tl_namespace"], r["tl_title"].replace("_", " ")) for r in rows]
        if result is not None:
            result.populate_from_titles(titles)
            return
        for row, title in zip(rows, titles, strict=True):
            item = {"ns": title.namespace, "title": req.wiki.titles.prefixed_text(title)}
            self.add_page_sub_item(req, int(row["tl_from"]), item)
