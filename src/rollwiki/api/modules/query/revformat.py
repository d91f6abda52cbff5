"""Revision records as the API shows them (Mirrors ApiQueryRevisionsBase::extractRevisionInfo()
and its slot/content helpers), shared by the revision-listing modules."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ....services import timestamps
from ....services.titles import Title
from ...errors import die, escape_wikitext
from ...result import content
from .revisions_common import (
    DELETED_COMMENT,
    DELETED_RESTRICTED,
    DELETED_TEXT,
    DELETED_USER,
    can_view,
    parsed_comment,
)

if TYPE_CHECKING:
    from ...request import ApiRequest

IS_DELETED = 1
CANNOT_VIEW = 2
# ContentHandler formats: wikitext is text/x-wiki; the code models have their own.
MODEL_FORMATS = {
    "wikitext": "text/x-wiki",
    "javascript": "text/javascript",
    "css": "text/css",
    "json": "application/json",
    "text": "text/plain",
}
_HEADING = re.compile(r"^(={1,6})(.+?)\1[ \t]*$", re.MULTILINE)


@dataclass
class RevisionFields:
    """The ``rvprop`` flags and content options (ApiQueryRevisionsBase::parseParameters)."""

    props: frozenset[str]
    slots: list[str] | None = None
    fetch_content: bool = False
    section: str | None = None
    content_format: str | None = None
    expand_templates: bool = False
    generate_xml: bool = False
    parse: bool = False
    diff: bool = False

    def has(self, name: str) -> bool:
        return name in self.props

    @property
    def need_slots(self) -> bool:
        return self.fetch_content or bool(self.props & {"contentmodel", "slotsize", "slotsha1"})


def wikitext_section(text: str, section: str) -> str | None:
    """Mirrors Parser::getSection() for plain headings: section 0 is the lead, N the Nth
    heading up to the next heading of the same or a higher level; None if absent."""
    if not section.isdigit():
        return None
    wanted = int(section)
    headings = list(_HEADING.finditer(text))
    if wanted == 0:
        return text[: headings[0].start()].rstrip("\n") if headings else text
    if wanted > len(headings):
        return None
    start = headings[wanted - 1]
    level = len(start.group(1))
    end = len(text)
    for later in headings[wanted:]:
        if len(later.group(1)) <= level:
            end = later.start()
            break
    return text[start.start() : end].rstrip("\n")


class RevisionFormatter:
    """Turns revision rows (with actor and page columns) into API revision objects."""

    def __init__(self, req: ApiRequest, fields: RevisionFields, prefix: str) -> None:
        self.req = req
        self.fields = fields
        self.prefix = prefix

    def _rev_del(self, bits: int, field: int) -> int:
        """Mirrors ApiQueryRevisionsBase::checkRevDel()."""
        if not bits & field:
            return 0
        return IS_DELETED | (0 if can_view(self.req.performer, bits, field) else CANNOT_VIEW)

    def format(
        self,
        row: dict[str, Any],
        tags: list[str] | None,
        contents: dict[int, dict[str, Any]],
        title: Title,
    ) -> dict[str, Any]:
        """Mirrors extractRevisionInfo()."""
        f = self.fields
        bits = int(row["rev_deleted"])
        vals: dict[str, Any] = {}
        any_hidden = False
        if f.has("ids"):
            vals["revid"] = int(row["rev_id"])
            vals["parentid"] = int(row["rev_parent_id"])
        if f.has("flags"):
            vals["minor"] = bool(row["rev_minor_edit"])
        if f.has("user") or f.has("userid"):
            rev_del = self._rev_del(bits, DELETED_USER)
            if rev_del & IS_DELETED:
                vals["userhidden"] = True
                any_hidden = True
            if not rev_del & CANNOT_VIEW:
                if f.has("user"):
                    vals["user"] = row["actor_name"]
                if not row["actor_user"]:
                    vals["anon"] = True
                if f.has("userid"):
                    vals["userid"] = int(row["actor_user"] or 0)
        if f.has("timestamp"):
            vals["timestamp"] = timestamps.to_iso(row["rev_timestamp"])
        if f.has("size"):
            vals["size"] = int(row["rev_len"])
        if f.has("sha1"):
            rev_del = self._rev_del(bits, DELETED_TEXT)
            if rev_del & IS_DELETED:
                vals["sha1hidden"] = True
                any_hidden = True
            if not rev_del & CANNOT_VIEW:
                vals["sha1"] = row["rev_sha1"] or ""
        if f.has("roles"):
            vals["roles"] = ["main"]
        if f.need_slots:
            rev_del = self._rev_del(bits, DELETED_TEXT)
            if (f.has("slotsha1") or f.fetch_content) and rev_del & IS_DELETED:
                any_hidden = True
            self._slots(vals, row, rev_del, contents.get(int(row["rev_content"])), title)
        if f.has("comment") or f.has("parsedcomment"):
            rev_del = self._rev_del(bits, DELETED_COMMENT)
            if rev_del & IS_DELETED:
                vals["commenthidden"] = True
                any_hidden = True
            if not rev_del & CANNOT_VIEW:
                comment = row["rev_comment"] or ""
                if f.has("comment"):
                    vals["comment"] = comment
                if f.has("parsedcomment"):
                    vals["parsedcomment"] = parsed_comment(self.req, comment, title)
        if f.has("tags"):
            vals["tags"] = list(tags or [])
        if any_hidden and bits & DELETED_RESTRICTED:
            vals["suppressed"] = True
        return vals

    # -- slots and content -------------------------------------------------------------------

    def _slots(
        self,
        vals: dict[str, Any],
        row: dict[str, Any],
        rev_del: int,
        stored: dict[str, Any] | None,
        title: Title,
    ) -> None:
        """Mirrors extractAllSlotInfo(): the legacy layout, or ``slots`` by role."""
        f = self.fields
        if f.slots is None:
            text: list[str | None] = [None]
            for key, value in self._slot_info(row, rev_del, stored, text).items():
                vals.setdefault(key, value)
            if vals.get("nosuchsection"):
                die(
                    "apierror-nosuchsection-what",
                    escape_wikitext(f.section or ""),
                    self.req.wiki.formatter(self.req.lang).text("revid", int(row["rev_id"])),
                    code="nosuchsection",
                )
            if text[0] is not None and stored is not None:
                for key, value in self._deprecated_content(text[0], stored, title).items():
                    vals.setdefault(key, value)
            return
        slots: dict[str, Any] = {"_kvpmerge": True, "_type": "kvp", "_kvpkeyname": "role"}
        if "main" in f.slots:
            text = [None]
            info = self._slot_info(row, rev_del, stored, text)
            if text[0] is not None and stored is not None and self.req.performer.allowed("read"):
                model = str(stored["content_model"])
                info["contentmodel"] = model
                info["contentformat"] = MODEL_FORMATS.get(model, "text/x-wiki")
                content(info, "content", text[0])
            slots["main"] = info
        vals["slots"] = slots

    def _slot_info(
        self,
        row: dict[str, Any],
        rev_del: int,
        stored: dict[str, Any] | None,
        text: list[str | None],
    ) -> dict[str, Any]:
        """Mirrors extractSlotInfo(); the (section of the) text goes to ``text[0]``."""
        f = self.fields
        vals: dict[str, Any] = {"_type": "assoc"}
        if f.has("slotsize"):
            vals["size"] = int(row["rev_len"])
        if f.has("slotsha1"):
            if rev_del & IS_DELETED:
                vals["sha1hidden"] = True
            if not rev_del & CANNOT_VIEW:
                vals["sha1"] = row["rev_sha1"] or ""
        if f.has("contentmodel"):
            vals["contentmodel"] = stored["content_model"] if stored else "wikitext"
        if f.fetch_content:
            if rev_del & IS_DELETED:
                vals["texthidden"] = True
            if not rev_del & CANNOT_VIEW:
                if stored is None:
                    vals["textmissing"] = True
                else:
                    value: str | None = str(stored["content_text"])
                    if f.section is not None and value is not None:
                        value = wikitext_section(value, f.section)
                        if value is None:
                            vals["nosuchsection"] = True
                    text[0] = value
        return vals

    def _deprecated_content(
        self, text: str, stored: dict[str, Any], title: Title
    ) -> dict[str, Any]:
        """Mirrors extractDeprecatedContent(): content (and parse tree, diff) on the revision."""
        f = self.fields
        vals: dict[str, Any] = {}
        if not self.req.performer.allowed("read"):
            return vals
        model = str(stored["content_model"])
        if f.has("parsetree") or (f.has("content") and f.generate_xml):
            if model == "wikitext":
                vals["parsetree"] = f"<root>{html.escape(text, quote=False)}</root>"
            else:
                vals["badcontentformatforparsetree"] = True
                self.req.warn(
                    "apierror-parsetree-notwikitext-title",
                    escape_wikitext(self.req.wiki.titles.prefixed_text(title)),
                    model,
                )
        if f.has("content"):
            out: str | None = None
            if f.expand_templates and not f.parse and model != "wikitext":
                self.req.warn(
                    "apierror-templateexpansion-notwikitext",
                    escape_wikitext(self.req.wiki.titles.prefixed_text(title)),
                    model,
                )
                vals["badcontentformat"] = True
                out = None
            elif f.parse:
                out = _render_fallback(text)
            else:
                fmt = f.content_format or MODEL_FORMATS.get(model, "text/x-wiki")
                if fmt != MODEL_FORMATS.get(model, "text/x-wiki"):
                    self.req.warn(
                        "apierror-badformat",
                        f.content_format or "",
                        model,
                        escape_wikitext(self.req.wiki.titles.prefixed_text(title)),
                    )
                    vals["badcontentformat"] = True
                else:
                    vals["contentformat"] = fmt
                    vals["contentmodel"] = model
                    out = text
            if out is not None:
                content(vals, "content", out)
        if f.diff:
            # Diffs are not rendered: MediaWiki's answer once $wgAPIMaxUncachedDiffs is used up.
            vals["diff"] = {"notcached": True}
        return vals


def _render_fallback(text: str) -> str:
    """A stand-in for the parser (rvparse is deprecated): paragraphs of escaped text."""
    paragraphs = [p for p in re.split(r"\n{2,}", text.strip()) if p]
    body = "".join(f"<p>{html.escape(p, quote=False)}\n</p>" for p in paragraphs)
    return f'<div class="mw-parser-output">{body}</div>'
