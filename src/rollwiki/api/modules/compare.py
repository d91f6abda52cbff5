"""action=compare (Mirrors ApiComparePages, with wikidiff2's table diff)."""

from __future__ import annotations

import html
import importlib
from typing import TYPE_CHECKING, Any, ClassVar

from ...i18n.messages import ListParam, Message, Num
from ...render.diff import add_move_titles, table_diff
from ...services import comparing, revdel, timestamps
from ...services.comparing import Side
from ...services.titles import MalformedTitle, Title
from ...storage.queries import pages as pq
from ..errors import ApiMessage, ApiUsageError, die, escape_wikitext
from ..module import ApiModule
from ..params import Param
from ..result import content

if TYPE_CHECKING:
    from ..request import ApiRequest

SLOT_ROLES = ("main",)
CONTENT_FORMATS = (
    "application/json",
    "application/octet-stream",
    "application/unknown",
    "application/x-binary",
    "text/css",
    "text/javascript",
    "text/plain",
    "text/unknown",
    "text/x-wiki",
    "unknown/unknown",
)
CONTENT_MODELS = ("css", "javascript", "json", "text", "unknown", "wikitext")
PROPS = (
    "diff",
    "diffsize",
    "rel",
    "ids",
    "title",
    "user",
    "comment",
    "parsedcomment",
    "size",
    "timestamp",
)


def _side_params(prefix: str, req: ApiRequest | None) -> tuple[Param, ...]:
    """from*/to* parameters; the templated ``text-{slot}`` ones follow ``slots`` (TEMPLATE_VARS)."""
    head: tuple[Param, ...] = (
        Param(f"{prefix}title", "string"),
        Param(f"{prefix}id", "integer"),
        Param(f"{prefix}rev", "integer"),
    )
    if prefix == "to":
        head += (Param("torelative", "enum", values=("prev", "next", "cur")),)
    slots = (Param(f"{prefix}slots", "enum", values=SLOT_ROLES, multi=True),)
    templated: tuple[Param, ...] = ()
    if req is not None:
        raw = req.params.peek(f"{prefix}slots") or ""
        for role in (r for r in SLOT_ROLES if r in raw.split("|")):
            help_key = f"apihelp-compare-param-{prefix}"
            templated += (
                Param(f"{prefix}text-{role}", "text", help=help_key + "text-{slot}"),
                Param(f"{prefix}section-{role}", "string", help=help_key + "section-{slot}"),
                Param(
                    f"{prefix}contentformat-{role}",
                    "enum",
                    values=CONTENT_FORMATS,
                    help=help_key + "contentformat-{slot}",
                ),
                Param(
                    f"{prefix}contentmodel-{role}",
                    "enum",
                    values=CONTENT_MODELS,
                    help=help_key + "contentmodel-{slot}",
                ),
            )
    tail = (
        Param(f"{prefix}pst", "boolean"),
        Param(f"{prefix}text", "text", deprecated=True),
        Param(f"{prefix}contentformat", "enum", values=CONTENT_FORMATS, deprecated=True),
        Param(f"{prefix}contentmodel", "enum", values=CONTENT_MODELS, deprecated=True),
        Param(f"{prefix}section", "string", deprecated=True),
    )
    return head + slots + templated + tail


def format_comment(req: ApiRequest, comment: str, title: Title | None) -> str:
    """Linker::formatComment(), from the shared comment renderer once it is merged."""
    try:
        renderer = importlib.import_module("rollwiki.render.comments")
    except ImportError:  # pragma: no cover - until render/comments.py lands
        return html.escape(comment, quote=False)
    return str(renderer.format_comment(req.wiki, comment, title))


class CompareModule(ApiModule):
    name = "compare"
    classname = "ApiComparePages"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Compare",)
    examples = (("action=compare&fromrev=1&torev=2", "apihelp-compare-example-1"),)
    tail: ClassVar[tuple[Param, ...]] = (
        Param(
            "prop",
            "enum",
            values=PROPS,
            multi=True,
            default="diff|ids|title",
            help_per_value={p: f"apihelp-compare-paramvalue-prop-{p}" for p in PROPS},
        ),
        Param("slots", "enum", values=SLOT_ROLES, multi=True, all="*"),
        # Present because the oracle has wikidiff2; only the table layout is produced.
        Param("difftype", "enum", values=("table", "inline"), default="table"),
    )
    params = _side_params("from", None) + _side_params("to", None) + tail

    @classmethod
    def dynamic_params(cls, req: ApiRequest | None) -> tuple[Param, ...]:
        return _side_params("from", req) + _side_params("to", req) + cls.tail

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        _require_at_least_one(params, "fromtitle", "fromid", "fromrev", "fromtext", "fromslots")
        _require_at_least_one(params, "totitle", "toid", "torev", "totext", "torelative", "toslots")
        props = set(params["prop"] or [])
        wiki = req.wiki
        builder = _SideBuilder(req, params)
        from_side, from_rel, from_vals = builder.side("from")
        relative = params["torelative"]
        if relative is not None:
            if from_rel is None:
                die("apierror-compare-relative-to-nothing")
            to_side, to_rel, to_vals = builder.relative(relative, from_side, from_rel, from_vals)
            if relative == "prev":
                from_side, from_rel, from_vals = to_side, to_rel, to_vals
                to_side, to_rel, to_vals = builder.swapped
        else:
            to_side, to_rel, to_vals = builder.side("to")
        for side in (from_side, to_side):
            if not revdel.user_can(side.deleted, revdel.DELETED_TEXT, req.performer):
                die("apierror-missingcontent-revid", side.rev_id, code="missingcontent")

        body = self.body(req, from_side, to_side)
        vals: dict[str, Any] = {}
        self.set_vals(req, vals, "from", from_vals, props)
        self.set_vals(req, vals, "to", to_vals, props)
        if "rel" in props:
            if from_side.row is not None:
                prev = wiki.db.read(lambda c: comparing.neighbour_id(c, from_side, newer=False))
                if prev is not None:
                    vals["prev"] = prev
            if to_side.row is not None:
                nxt = wiki.db.read(lambda c: comparing.neighbour_id(c, to_side, newer=True))
                if nxt is not None:
                    vals["next"] = nxt
        bodies: dict[str, Any] | None = None
        if params["slots"] is not None:
            bodies = {role: (body or False) for role in params["slots"]}
        if "diffsize" in props:
            texts = bodies.values() if bodies is not None else [body]
            vals["diffsize"] = sum(len(t.encode("utf-8")) for t in texts if isinstance(t, str))
        if "diff" in props:
            if bodies is not None:
                vals["bodies"] = {**bodies, "_type": "kvp", "_kvpkeyname": "diff"}
            else:
                content(vals, "body", body)
        req.result.data["compare"] = vals

    @staticmethod
    def body(req: ApiRequest, old: Side, new: Side) -> str:
        """DifferenceEngine::getDiffBody() of the main slot, localised."""
        if old.rev_id is not None and old.rev_id == new.rev_id:
            return ""
        fmt = req.wiki.formatter(req.lang)

        def label(n: int) -> str:
            return html.escape(fmt.text(Message("lineno", (Num(n),))), quote=False)

        diff = table_diff(old.text, new.text, label)
        if "mw-diff-movedpara" not in diff:
            return diff
        return add_move_titles(
            diff,
            html.escape(fmt.text("diff-paragraph-moved-tonew")),
            html.escape(fmt.text("diff-paragraph-moved-toold")),
        )

    @staticmethod
    def set_vals(
        req: ApiRequest, vals: dict[str, Any], prefix: str, side: Side | None, props: set[str]
    ) -> None:
        """Mirrors ApiComparePages::setVals()."""
        if side is None:
            return
        title = side.title
        row = side.row
        if "ids" in props:
            vals[f"{prefix}id"] = side.page["page_id"] if side.page else 0
            vals[f"{prefix}revid"] = side.rev_id
        if "title" in props and title is not None:
            vals[f"{prefix}ns"] = title.namespace
            vals[f"{prefix}title"] = req.wiki.titles.prefixed_text(title)
        if "size" in props:
            vals[f"{prefix}size"] = row["rev_len"] if row else len(side.text.encode("utf-8"))
        if "timestamp" in props and row is not None:
            vals[f"{prefix}timestamp"] = timestamps.to_iso(row["rev_timestamp"])
        bits = side.deleted
        if bits & revdel.DELETED_TEXT:
            vals[f"{prefix}texthidden"] = True
        if bits & revdel.DELETED_USER:
            vals[f"{prefix}userhidden"] = True
        if "user" in props and row is not None:
            if revdel.user_can(bits, revdel.DELETED_USER, req.performer):
                vals[f"{prefix}user"] = row["actor_name"]
                vals[f"{prefix}userid"] = row["actor_user"] or 0
        if bits & revdel.DELETED_COMMENT:
            vals[f"{prefix}commenthidden"] = True
        if ("comment" in props or "parsedcomment" in props) and row is not None:
            if revdel.user_can(bits, revdel.DELETED_COMMENT, req.performer):
                if "comment" in props:
                    vals[f"{prefix}comment"] = row["rev_comment"]
                # 1.39 adds parsedcomment whenever either prop is asked for.
                vals[f"{prefix}parsedcomment"] = format_comment(req, row["rev_comment"], title)
        if bits & (revdel.DELETED_TEXT | revdel.DELETED_USER | revdel.DELETED_COMMENT):
            if bits & revdel.DELETED_RESTRICTED:
                vals[f"{prefix}suppressed"] = True


def _require_at_least_one(params: dict[str, Any], *names: str) -> None:
    """Mirrors ApiBase::requireAtLeastOneParameter()."""
    if any(params.get(n) not in (None, False, [], "") for n in names):
        return
    shown = tuple(f"<var>{n}</var>" for n in names)
    raise ApiUsageError(
        ApiMessage.of(
            "apierror-missingparam-at-least-one-of",
            ListParam(shown, "text"),
            len(shown),
            code="missingparam",
        )
    )


class _SideBuilder:
    """ApiComparePages::getDiffRevision() and the torelative handling."""

    def __init__(self, req: ApiRequest, params: dict[str, Any]) -> None:
        self.req = req
        self.params = params
        self.swapped: tuple[Side, Side | None, Side | None] = (Side(""), None, None)

    def read(self, fn: Any) -> Any:
        return self.req.wiki.db.read(fn)

    def _max_one(self, prefix: str, a: str, b: str) -> None:
        """Mirrors ApiBase::requireMaxOneParameter()."""
        given = [n for n in (a, b) if self.params.get(f"{prefix}{n}") not in (None, False)]
        if len(given) > 1:
            shown = tuple(f"<var>{prefix}{n}</var>" for n in given)
            die("apierror-invalidparammix", ListParam(shown, "text"), len(shown))

    def side(self, prefix: str) -> tuple[Side, Side | None, Side | None]:
        p = self.params
        self._max_one(prefix, "text", "slots")
        self._max_one(prefix, "section", "slots")
        slots = p.get(f"{prefix}slots")
        texts: dict[str, str | None] = {}
        sections: dict[str, str | None] = {}
        if p.get(f"{prefix}text") is not None:
            slots = ["main"]
            texts["main"] = p[f"{prefix}text"]
            sections["main"] = None
        else:
            for role in slots or []:
                texts[role] = p.get(f"{prefix}text-{role}")
                sections[role] = p.get(f"{prefix}section-{role}")
        supplied = slots is not None
        rev_id = p.get(f"{prefix}rev")
        title: Title | None = None
        if rev_id is None and (
            p.get(f"{prefix}title") is not None or p.get(f"{prefix}id") is not None
        ):
            page = self._page(prefix)
            title = comparing.page_title(page) if page.get("page_id") else page["_title"]
            rev_id = page.get("page_latest") or None
            if rev_id is None and not supplied:
                name = escape_wikitext(self.req.wiki.titles.prefixed_text(title))
                if page.get("page_id"):
                    die("apierror-missingrev-title", name, code="nosuchrevid")
                die("apierror-missingtitle-byname", name, code="missingtitle")
        rev: Side | None = None
        if rev_id is not None:
            rev = self.read(lambda c: comparing.load_side(c, rev_id))
            if rev is None:
                die("apierror-nosuchrevid", rev_id)
            title = rev.title
            if not supplied:
                new = rev
                section = p.get(f"{prefix}section")
                if section is not None:
                    text = comparing.get_section(rev.text, section)
                    if text is None:
                        die(f"apierror-compare-nosuch{prefix}section", escape_wikitext(section),
                            code=f"nosuch{prefix}section")  # fmt: skip
                    new = Side(text, None, rev.page, rev.title)
                return new, rev, rev
        return self._supplied(prefix, rev, title, texts, sections), rev, None

    def _page(self, prefix: str) -> dict[str, Any]:
        p = self.params
        wiki = self.req.wiki
        if p.get(f"{prefix}title") is not None:
            raw = p[f"{prefix}title"]
            try:
                title = wiki.titles.parse(raw)
            except MalformedTitle:
                die("apierror-invalidtitle", escape_wikitext(raw))
            if title.is_external:
                die("apierror-invalidtitle", escape_wikitext(raw))
            page = (
                self.read(lambda c: pq.page_by_title(c, title.namespace, title.dbkey))
                if title.namespace >= 0
                else None
            )
            return page if page is not None else {"_title": title}
        by_id: dict[str, Any] | None = self.read(lambda c: pq.page_by_id(c, p[f"{prefix}id"]))
        if by_id is None:
            die("apierror-nosuchpageid", p[f"{prefix}id"])
        return by_id

    def _supplied(
        self,
        prefix: str,
        rev: Side | None,
        title: Title | None,
        texts: dict[str, str | None],
        sections: dict[str, str | None],
    ) -> Side:
        """Supplied text (``fromtext``/``fromslots``) over the revision, if any."""
        p = self.params
        new = Side(rev.text if rev else "", None, rev.page if rev else None, title)
        for role, text in texts.items():
            if text is None:
                die("apierror-compare-maintextrequired", prefix)
            model = p.get(f"{prefix}contentmodel-{role}") or p.get(f"{prefix}contentmodel")
            guessable = any(
                p.get(f"{side}{what}") is not None
                for side in ("from", "to")
                for what in ("rev", "title", "id")
            )
            if model is None and rev is None and title is None and not guessable:
                self.req.warn("apiwarn-compare-nocontentmodel", "wikitext")
            if p.get(f"{prefix}pst"):
                if title is None:
                    die("apierror-compare-no-title")
                # TextContent::preSaveTransform: normalised line ends, trailing space gone.
                text = text.replace("\r\n", "\n").rstrip()
            section = sections.get(role)
            if section is not None and section != "":
                if rev is None:
                    die(f"apierror-compare-no{prefix}revision")
                replaced = comparing.replace_section(rev.text, section, text)
                if replaced is None:
                    die("apierror-sectionreplacefailed")
                text = replaced
            old_style = p.get(f"{prefix}section")
            if old_style is not None:
                picked = comparing.get_section(text, old_style)
                if picked is None:
                    die(
                        f"apierror-compare-nosuch{prefix}section",
                        escape_wikitext(old_style),
                        code=f"nosuch{prefix}section",
                    )
                text = picked
            new.text = text
        return new

    def relative(
        self, relative: str, side: Side, rel: Side, vals: Side | None
    ) -> tuple[Side, Side | None, Side | None]:
        """torelative=prev|next|cur from the 'from' revision."""
        wiki = self.req.wiki
        if relative == "prev":
            self.swapped = (side, rel, vals)
            prev = self.read(lambda c: comparing.previous_side(c, rel))
            if prev is None:
                assert rel.title is not None
                self.req.warn(
                    "apiwarn-compare-no-prev",
                    escape_wikitext(wiki.titles.prefixed_text(rel.title)),
                    rel.rev_id,
                )
                return Side("", None, rel.page, rel.title), None, None
            return prev, prev, prev
        if relative == "next":
            nxt = self.read(lambda c: comparing.next_side(c, rel))
            if nxt is None:
                assert rel.title is not None
                self.req.warn(
                    "apiwarn-compare-no-next",
                    escape_wikitext(wiki.titles.prefixed_text(rel.title)),
                    rel.rev_id,
                )
                return Side(rel.text, None, rel.page, rel.title), None, None
            return nxt, nxt, nxt
        latest = rel.page["page_latest"] if rel.page else None
        cur = self.read(lambda c: comparing.load_side(c, latest)) if latest else None
        if cur is None:
            assert rel.title is not None
            die(
                "apierror-missingrev-title",
                escape_wikitext(wiki.titles.prefixed_text(rel.title)),
                code="nosuchrevid",
            )
        return cur, cur, cur
