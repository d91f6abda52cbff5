"""prop=categoryinfo (Mirrors ApiQueryCategoryInfo): member counts of category pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ....services.namespaces import NS_CATEGORY
from ...params import Param
from .base import QuerySubmodule

if TYPE_CHECKING:
    from ...request import ApiRequest


class CategoryInfoModule(QuerySubmodule):
    """MediaWiki reports the counts of the ``category`` table's rows.  rollwiki tracks no
    category membership (there is no categorylinks or category table), so every category
    is one without a row, for which MediaWiki outputs nothing either.  The module exists so
    that clients asking for it (pywikibot does before every save) get 1.39's answer, not an
    "Unrecognized value" warning."""

    name = "categoryinfo"
    group = "prop"
    prefix = "ci"
    classname = "ApiQueryCategoryInfo"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Categoryinfo",)
    examples = (
        (
            "action=query&prop=categoryinfo&titles=Category:Foo|Category:Bar",
            "apihelp-query+categoryinfo-example-simple",
        ),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param("continue", "string", help="api-help-param-continue"),
    )

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        """Mirrors ApiQueryCategoryInfo::execute(): ``cicontinue`` only filters titles
        (``cat_title >= value``), so any value is accepted (observed on 1.39)."""
        categories = [
            t
            for t in self.page_set(req).good_and_missing_titles().values()
            if t.namespace == NS_CATEGORY
        ]
        if not categories:
            return
        # No category rows exist: nothing to add (see the class docstring).
