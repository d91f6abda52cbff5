"""prop=revisions (Mirrors ApiQueryRevisions + ApiQueryRevisionsBase)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from ....services import timestamps
from ....services.titles import Title
from ....storage.queries import pages as pq
from ....storage.queries import revisions_list as rq
from ...errors import ApiMessage, ApiUsageError, die, escape_wikitext
from ...params import Param, direction, validate_limit
from .base import LIMIT_BIG1, LIMIT_BIG2, LIMIT_SML1, LIMIT_SML2, QueryGenerator, php_int
from .revformat import RevisionFields, RevisionFormatter
from .revisions_common import hidden_user_bitmask

if TYPE_CHECKING:
    from ...request import ApiRequest
    from .pageset import PageSet

PROPS = (
    "ids",
    "flags",
    "timestamp",
    "user",
    "userid",
    "size",
    "slotsize",
    "sha1",
    "slotsha1",
    "contentmodel",
    "comment",
    "parsedcomment",
    "content",
    "tags",
    "roles",
    "parsetree",
)
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
_INT = re.compile(r"^\s*[+-]?\d+\s*$")


def _int_equal(text: str) -> int | None:
    """``(int)$x == $x`` in PHP 8: the integer when the string is exactly an integer."""
    return int(text) if _INT.match(text) else None


def parse_continue_timestamp(text: str) -> str | None:
    """IDatabase::timestamp() of a continuation value (None when it is not a timestamp)."""
    parsed = timestamps.parse_api_timestamp(text).value
    return timestamps.to_mw(parsed) if parsed is not None else None


class RevisionsModule(QueryGenerator):
    name = "revisions"
    group = "prop"
    prefix = "rv"
    classname = "ApiQueryRevisions"
    parse_limit = False
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Revisions",)
    examples = (
        (
            "action=query&prop=revisions&titles=API|Main%20Page&rvslots=*"
            "&rvprop=timestamp|user|comment|content",
            "apihelp-query+revisions-example-content",
        ),
        (
            "action=query&prop=revisions&titles=Main%20Page&rvlimit=5"
            "&rvprop=timestamp|user|comment",
            "apihelp-query+revisions-example-last5",
        ),
        (
            "action=query&prop=revisions&titles=Main%20Page&rvlimit=5"
            "&rvprop=timestamp|user|comment&rvdir=newer",
            "apihelp-query+revisions-example-first5",
        ),
        (
            "action=query&prop=revisions&titles=Main%20Page&rvlimit=5"
            "&rvprop=timestamp|user|comment&rvdir=newer&rvstart=2006-05-01T00:00:00Z",
            "apihelp-query+revisions-example-first5-after",
        ),
        (
            "action=query&prop=revisions&titles=Main%20Page&rvlimit=5"
            "&rvprop=timestamp|user|comment&rvexcludeuser=127.0.0.1",
            "apihelp-query+revisions-example-first5-not-localhost",
        ),
        (
            "action=query&prop=revisions&titles=Main%20Page&rvlimit=5"
            "&rvprop=timestamp|user|comment&rvuser=MediaWiki%20default",
            "apihelp-query+revisions-example-first5-user",
        ),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param(
            "prop",
            "enum",
            multi=True,
            values=PROPS,
            default="ids|timestamp|flags|comment|user",
            deprecated_values=frozenset({"parsetree"}),
            help="apihelp-query+revisions+base-param-prop",
            help_per_value={v: f"apihelp-query+revisions+base-paramvalue-prop-{v}" for v in PROPS},
        ),
        Param(
            "slots",
            "enum",
            multi=True,
            values=("main",),
            all="*",
            help="apihelp-query+revisions+base-param-slots",
        ),
        Param(
            "limit",
            "limit",
            min=1,
            max=LIMIT_BIG1,
            max2=LIMIT_BIG2,
            help="apihelp-query+revisions+base-param-limit",
        ),
        Param(
            "expandtemplates",
            "boolean",
            deprecated=True,
            help="apihelp-query+revisions+base-param-expandtemplates",
        ),
        Param(
            "generatexml",
            "boolean",
            deprecated=True,
            help="apihelp-query+revisions+base-param-generatexml",
        ),
        Param("parse", "boolean", deprecated=True, help="apihelp-query+revisions+base-param-parse"),
        Param("section", "string", help="apihelp-query+revisions+base-param-section"),
        Param(
            "diffto", "string", deprecated=True, help="apihelp-query+revisions+base-param-diffto"
        ),
        Param(
            "difftotext",
            "text",
            deprecated=True,
            help="apihelp-query+revisions+base-param-difftotext",
        ),
        Param(
            "difftotextpst",
            "boolean",
            deprecated=True,
            help="apihelp-query+revisions+base-param-difftotextpst",
        ),
        Param(
            "contentformat",
            "enum",
            values=CONTENT_FORMATS,
            deprecated=True,
            help="apihelp-query+revisions+base-param-contentformat",
        ),
        Param("startid", "integer"),
        Param("endid", "integer"),
        Param("start", "timestamp"),
        Param("end", "timestamp"),
        direction(),
        Param("user", "user", user_types=("name", "ip", "id", "interwiki")),
        Param("excludeuser", "user", user_types=("name", "ip", "id", "interwiki")),
        Param("tag", "string"),
        Param("continue", "string", help="api-help-param-continue"),
    )

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        self._run(req, params, None)

    def execute_generator(self, req: ApiRequest, params: dict[str, Any], result: PageSet) -> None:
        self._run(req, params, result)

    def _run(self, req: ApiRequest, params: dict[str, Any], result: PageSet | None) -> None:
        """Mirrors ApiQueryRevisions::run()."""
        enum_mode = params["dir"] == "newer" or any(
            params[k] is not None
            for k in ("user", "excludeuser", "limit", "startid", "endid", "start", "end")
        )
        pageset = self.page_set(req)
        page_count = len(pageset.good_titles)
        rev_count = pageset.revision_count()
        if rev_count == 0 and page_count == 0:
            return
        if rev_count > 0 and not pageset.live_rev_ids:
            return
        if rev_count > 0 and enum_mode:
            die("apierror-revisions-norevids", self.prefix, code="invalidparammix")
        if page_count > 1 and enum_mode:
            die("apierror-revisions-singlepage", self.prefix, code="invalidparammix")
        fields: RevisionFields | None = None
        if result is None:
            raw_limit = params["limit"] if enum_mode else "max"
            fields, limit = self._parse_parameters(req, params, raw_limit, enum_mode)
        else:
            limit = int(params["limit"] or 10)
        tag_id: int | None = None
        if params["tag"] is not None:
            tag_id = req.wiki.db.read(lambda c: rq.tag_id(c, params["tag"]))
            if tag_id is None:
                # An undefined tag matches nothing (1=0).
                return self._finish(req, [], result)
        if result is None and fields is not None and fields.fetch_content:
            self._check_read(req, pageset)
        rows, cont = self._select(req, params, pageset, enum_mode, limit, tag_id)
        if cont is not None:
            self.set_continue(req, "continue", cont)
        if result is not None:
            return self._finish(req, [int(r["rev_id"]) for r in rows], result)
        assert fields is not None
        self._output(req, rows, fields, pageset)

    def _finish(self, req: ApiRequest, rev_ids: list[int], result: PageSet | None) -> None:
        if result is not None:
            result.populate_from_revision_ids(rev_ids)

    # -- parameters ---------------------------------------------------------------------------

    def _parse_parameters(
        self, req: ApiRequest, params: dict[str, Any], raw_limit: str | None, set_parsed: bool
    ) -> tuple[RevisionFields, int]:
        """Mirrors ApiQueryRevisionsBase::parseParameters()."""
        props = frozenset(params["prop"] or [])
        slots = params["slots"]
        if slots is not None:
            if "parsetree" in props:
                die(
                    "apierror-invalidparammix-cannotusewith",
                    "rvprop=parsetree",
                    "rvslots",
                    code="invalidparammix",
                )
            for name in (
                "expandtemplates",
                "generatexml",
                "parse",
                "diffto",
                "difftotext",
                "difftotextpst",
                "contentformat",
            ):
                if params[name] not in (None, False):
                    die(
                        "apierror-invalidparammix-cannotusewith",
                        self.prefix + name,
                        "rvslots",
                        code="invalidparammix",
                    )
        diff = self._check_diffto(req, params)
        fetch = "content" in props or diff or "parsetree" in props
        fields = RevisionFields(
            props=props,
            slots=list(slots) if slots is not None else None,
            fetch_content=fetch,
            section=params["section"] if fetch else None,
            content_format=params["contentformat"] or None,
            expand_templates=bool(params["expandtemplates"]) and fetch,
            generate_xml=bool(params["generatexml"]) and fetch,
            parse=bool(params["parse"]) and fetch,
            diff=diff,
        )
        limit_value = raw_limit
        if fields.parse and limit_value is None:
            limit_value = "1"
        small = fetch
        user_max = 1 if fields.parse else (LIMIT_SML1 if small else LIMIT_BIG1)
        bot_max = 1 if fields.parse else (LIMIT_SML2 if small else LIMIT_BIG2)
        if limit_value == "max":
            limit_value = str(bot_max if req.use_high_limits() else user_max)
            if set_parsed:
                req.add_parsed_limit(self.name, int(limit_value))
        spec = Param("limit", "limit", min=1, max=user_max, max2=bot_max, ignore_range=True)
        limit = validate_limit(spec, self.prefix + "limit", limit_value or "10", req)
        if fields.need_slots and slots is None:
            req.add_deprecation(
                ApiMessage.of(
                    "apiwarn-deprecation-missingparam", self.prefix + "slots", code="deprecation"
                )
            )
        return fields, limit

    def _check_diffto(self, req: ApiRequest, params: dict[str, Any]) -> bool:
        """The validation part of the diff options (diffs themselves are not rendered)."""
        if params["difftotext"] is not None:
            return True
        diffto = params["diffto"]
        if diffto is None:
            return False
        if diffto == "cur":
            diffto = "0"
        if not (diffto.isdigit() or diffto in ("prev", "next")):
            die("apierror-baddiffto", self.prefix, code="diffto")
        if diffto.isdigit() and int(diffto) != 0:
            target = req.wiki.db.read(lambda c: pq.revision_by_id(c, int(diffto)))
            if target is None:
                die("apierror-nosuchrevid", int(diffto))
        return True

    def _check_read(self, req: ApiRequest, pageset: PageSet) -> None:
        """Every title's content must be readable (apierror-cannotviewtitle)."""
        if req.performer.allowed("read"):
            return
        messages = [
            ApiMessage.of(
                "apierror-cannotviewtitle",
                escape_wikitext(pageset.prefixed(title)),
                code="accessdenied",
            )
            for title in pageset.good_titles.values()
        ]
        if messages:
            raise ApiUsageError(messages)

    # -- the query ---------------------------------------------------------------------------

    def _select(
        self,
        req: ApiRequest,
        params: dict[str, Any],
        pageset: PageSet,
        enum_mode: bool,
        limit: int,
        tag_id: int | None,
    ) -> tuple[list[dict[str, Any]], str | None]:
        newer = params["dir"] == "newer"
        cont_raw = params["continue"]
        db = req.wiki.db
        if enum_mode:
            self.require_max_one(req, params, "startid", "start")
            self.require_max_one(req, params, "endid", "end")
            self.require_max_one(req, params, "user", "excludeuser")
            q = rq.PageHistoryQuery(
                page_id=next(iter(pageset.good_titles)),
                limit=limit,
                newer=newer,
                start=params["start"],
                end=params["end"],
                user=params["user"],
                exclude_user=params["excludeuser"],
                hidden_user_mask=hidden_user_bitmask(req.performer),
                tag=tag_id,
            )
            if cont_raw is not None:
                parts = cont_raw.split("|")
                self.die_continue_if(len(parts) != 2)
                cont_ts = parse_continue_timestamp(parts[0])
                cont_id = _int_equal(parts[1])
                self.die_continue_if(cont_ts is None or cont_id is None)
                assert cont_ts is not None and cont_id is not None
                q.cont = (cont_ts, cont_id)
            self._resolve_ids(req, params, q)
            rows = db.read(lambda c: rq.page_history(c, q))
            key = _enum_key
        elif pageset.revision_count() > 0:
            from_id = php_int(cont_raw) if cont_raw is not None else None
            live = list(pageset.live_rev_ids)
            rows = db.read(
                lambda c: rq.revisions_by_ids(c, live, limit, from_id=from_id, tag=tag_id)
            )
            key = _id_key
        else:
            cont: tuple[int, int] | None = None
            if cont_raw is not None:
                parts = cont_raw.split("|")
                self.die_continue_if(len(parts) != 2)
                cont = (php_int(parts[0]), php_int(parts[1]))
            pages = list(pageset.good_titles)
            rows = db.read(lambda c: rq.latest_revisions(c, pages, limit, cont=cont, tag=tag_id))
            key = _page_key
        if len(rows) > limit:
            return rows[:limit], key(rows[limit])
        return rows, None

    def _resolve_ids(self, req: ApiRequest, params: dict[str, Any], q: rq.PageHistoryQuery) -> None:
        """rvstartid/rvendid become timestamps (of live or deleted revisions)."""
        wanted = [i for i in (params["startid"], params["endid"]) if i is not None]
        if not wanted:
            return
        found = req.wiki.db.read(lambda c: rq.revision_timestamps(c, wanted))
        for name in ("startid", "endid"):
            value = params[name]
            if value is None:
                continue
            if value not in found:
                encoded = self.encode_param(req, name)
                die("apierror-revisions-badid", encoded, code=f"badid_{encoded}")
            if name == "startid":
                q.start, q.start_id = found[value], value
            else:
                q.end, q.end_id = found[value], value

    # -- output ------------------------------------------------------------------------------

    def _output(
        self, req: ApiRequest, rows: list[dict[str, Any]], fields: RevisionFields, pageset: PageSet
    ) -> None:
        ids = [int(r["rev_id"]) for r in rows]
        tags: dict[int, list[str]] = {}
        contents: dict[int, dict[str, Any]] = {}
        content_ids = [int(r["rev_content"]) for r in rows] if fields.need_slots else []

        def load(conn: Any) -> None:
            if fields.has("tags"):
                tags.update(rq.tag_summaries(conn, "rev", ids))
            if content_ids:
                contents.update(pq.contents_by_ids(conn, content_ids))

        req.wiki.db.read(load)
        formatter = RevisionFormatter(req, fields, self.prefix)
        for row in rows:
            page_id = int(row["rev_page"])
            title = pageset.good_titles.get(page_id) or Title(
                int(row["page_namespace"]), str(row["page_title"]).replace("_", " ")
            )
            rev = formatter.format(row, tags.get(int(row["rev_id"])), contents, title)
            self.add_page_sub_item(req, page_id, rev)


def _enum_key(row: dict[str, Any]) -> str:
    return f"{row['rev_timestamp']}|{int(row['rev_id'])}"


def _id_key(row: dict[str, Any]) -> str:
    return str(int(row["rev_id"]))


def _page_key(row: dict[str, Any]) -> str:
    return f"{int(row['rev_page'])}|{int(row['rev_id'])}"
