"""list=allpages (Mirrors ApiQueryAllPages): pages of a namespace in title order."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ....services import timestamps
from ....services.titles import Title
from ....storage.queries import allpages as apq
from ...errors import die
from ...params import Param
from .base import LIMIT_BIG1, LIMIT_BIG2, QueryGenerator

if TYPE_CHECKING:
    from ...request import ApiRequest
    from .pageset import PageSet

# RestrictionStore::listAllRestrictionTypes(true) and $wgRestrictionLevels (1.39).
PROTECTION_TYPES = ("edit", "move", "upload")
PROTECTION_LEVELS = ("", "autoconfirmed", "sysop")


class AllPagesModule(QueryGenerator):
    name = "allpages"
    group = "list"
    prefix = "ap"
    classname = "ApiQueryAllPages"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Allpages",)
    examples = (
        ("action=query&list=allpages&apfrom=B", "apihelp-query+allpages-example-b"),
        (
            "action=query&generator=allpages&gaplimit=4&gapfrom=T&prop=info",
            "apihelp-query+allpages-example-generator",
        ),
        (
            "action=query&generator=allpages&gaplimit=2&gapfilterredir=nonredirects"
            "&gapfrom=Re&prop=revisions&rvprop=content",
            "apihelp-query+allpages-example-generator-revisions",
        ),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param("from", "string"),
        Param("continue", "string", help="api-help-param-continue"),
        Param("to", "string"),
        Param("prefix", "string"),
        Param("namespace", "namespace", default="0"),
        Param("filterredir", "enum", values=("all", "redirects", "nonredirects"), default="all"),
        Param("minsize", "integer"),
        Param("maxsize", "integer"),
        Param("prtype", "enum", multi=True, values=PROTECTION_TYPES),
        Param("prlevel", "enum", multi=True, values=PROTECTION_LEVELS),
        Param(
            "prfiltercascade",
            "enum",
            values=("cascading", "noncascading", "all"),
            default="all",
        ),
        Param("limit", "limit", default="10", min=1, max=LIMIT_BIG1, max2=LIMIT_BIG2),
        Param("dir", "enum", values=("ascending", "descending"), default="ascending"),
        Param(
            "filterlanglinks",
            "enum",
            values=("withlanglinks", "withoutlanglinks", "all"),
            default="all",
        ),
        Param("prexpiry", "enum", values=("indefinite", "definite", "all"), default="all"),
    )

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        self._run(req, params, None)

    def execute_generator(self, req: ApiRequest, params: dict[str, Any], result: PageSet) -> None:
        if result.resolve_redirects:
            die("apierror-allpages-generator-redirects", code="params")
        self._run(req, params, result)

    def _run(self, req: ApiRequest, params: dict[str, Any], result: PageSet | None) -> None:
        """Mirrors ApiQueryAllPages::run()."""
        ns = int(params["namespace"])
        limit = int(params["limit"])
        miser = req.wiki.config.miser_mode
        q = apq.AllPagesQuery(
            namespace=ns,
            limit=limit,
            descending=params["dir"] == "descending",
            now_ts=timestamps.mw_now(),
        )
        if params["continue"] is not None:
            parts = str(params["continue"]).split("|")
            self.die_continue_if(len(parts) != 1)
            q.cont = parts[0]
        redirects = {"redirects": True, "nonredirects": False}.get(params["filterredir"])
        if not miser:
            q.redirects = redirects
        if params["from"] is not None:
            q.start = self.title_part_to_key(req, params["from"], ns)
        if params["to"] is not None:
            q.end = self.title_part_to_key(req, params["to"], ns)
        if params["prefix"] is not None:
            q.prefix = self.title_part_to_key(req, params["prefix"], ns)
        q.min_size = params["minsize"]
        if not miser:
            q.max_size = params["maxsize"]
        if params["prtype"] or params["prexpiry"] != "all":
            q.protection = True
            if params["prtype"]:
                q.pr_types = list(params["prtype"])
                levels = [lv for lv in params["prlevel"] or [] if lv not in ("", "*")]
                q.pr_levels = levels or None
                cascade = params["prfiltercascade"]
                q.pr_cascade = {"cascading": True, "noncascading": False}.get(cascade)
            q.pr_expiry = params["prexpiry"]
        elif params["prlevel"] is not None:
            die(
                "apierror-invalidparammix-mustusewith",
                "prlevel",
                "prtype",
                code="invalidparammix",
            )
        if params["filterlanglinks"] == "withlanglinks":
            q.no_results = True  # no interlanguage links are stored
        rows = req.wiki.db.read(lambda c: apq.all_pages(c, q))
        if len(rows) > limit:
            self.set_continue(req, "continue", rows[limit]["page_title"])
            rows = rows[:limit]
        if miser and redirects is not None:
            # $wgMiserMode filters redirects after the query (a page may come up short).
            rows = [r for r in rows if bool(r["page_is_redirect"]) == redirects]
        if result is not None:
            result.populate_from_rows(rows)
            return
        out = self.output(req).setdefault(self.name, [])
        for row in rows:
            title = Title(row["page_namespace"], row["page_title"].replace("_", " "))
            out.append(
                {
                    "pageid": int(row["page_id"]),
                    "ns": title.namespace,
                    "title": req.wiki.titles.prefixed_text(title),
                }
            )
