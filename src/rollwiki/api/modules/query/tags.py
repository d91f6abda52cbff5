"""list=tags (Mirrors ApiQueryTags)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any, ClassVar

from ....i18n.messages import lookup
from ....services import changetags
from ....storage.queries import tags as tq
from ...params import Param
from .base import QuerySubmodule

if TYPE_CHECKING:
    from ...request import ApiRequest

PROPS = ("displayname", "description", "hitcount", "defined", "source", "active")


class TagsModule(QuerySubmodule):
    name = "tags"
    group = "list"
    prefix = "tg"
    classname = "ApiQueryTags"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Tags",)
    examples = (
        (
            "action=query&list=tags&tgprop=displayname|description|hitcount|defined",
            "apihelp-query+tags-example-simple",
        ),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param("continue", "string", help="api-help-param-continue"),
        Param("limit", "limit", default="10", min=1, max=500, max2=5000),
        Param(
            "prop",
            "enum",
            values=PROPS,
            multi=True,
            default="",
            help_per_value={p: f"apihelp-query+tags-paramvalue-prop-{p}" for p in PROPS},
        ),
    )

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        props = set(params["prop"] or [])
        software = changetags.software_defined_tags()
        activated = set(changetags.software_activated_tags())

        def load(conn: Any) -> tuple[list[str], dict[str, int]]:
            return tq.explicitly_defined_tags(conn), tq.tag_usage(conn)

        explicit, usage = req.wiki.db.read(load)
        # array_merge( software, explicit, usage ): hit counts win, every name once.
        hitcounts: dict[str, int] = {name: 0 for name in software}
        hitcounts.update({name: 0 for name in explicit})
        hitcounts.update(usage)
        names = sorted(hitcounts)
        if params["continue"] is not None:
            names = [n for n in names if n >= params["continue"]]
        explicit_set = set(explicit)
        software_set = set(software)
        rows = []
        for count, name in enumerate(names, start=1):
            if count > params["limit"]:
                self.set_continue(req, "continue", name)
                break
            row: dict[str, Any] = {"name": name}
            if "displayname" in props:
                row["displayname"] = self.display_name(req, name)
            if "description" in props:
                row["description"] = self.description(req, name)
            if "hitcount" in props:
                row["hitcount"] = hitcounts[name]
            is_software, is_explicit = name in software_set, name in explicit_set
            if "defined" in props:
                row["defined"] = is_software or is_explicit
            if "source" in props:
                # 1.39 still calls core's own tags "extension" tags.
                row["source"] = (["extension"] if is_software else []) + (
                    ["manual"] if is_explicit else []
                )
            if "active" in props:
                row["active"] = is_explicit or name in activated
            rows.append(row)
        self.output(req)["tags"] = rows

    @staticmethod
    def display_name(req: ApiRequest, name: str) -> str | bool:
        """ChangeTags::tagDescription(): the parsed tag-<name> message, or the name."""
        text = lookup(req.lang, f"tag-{name}")
        if text is None:
            return html.escape(name, quote=False)
        if text == "-":
            return False  # a disabled message hides the tag
        return html.escape(req.wiki.formatter(req.lang).text(f"tag-{name}"), quote=False)

    @staticmethod
    def description(req: ApiRequest, name: str) -> str:
        key = f"tag-{name}-description"
        if lookup(req.lang, key) is None:
            return ""
        return req.wiki.formatter(req.lang).text(key)
