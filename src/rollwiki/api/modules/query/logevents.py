"""list=logevents (Mirrors ApiQueryLogEvents)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, ClassVar

from ....services import timestamps
from ....services.logformat import LogParamFormatter
from ....services.titles import MalformedTitle, Title
from ....storage.queries import logging as lq
from ....storage.queries import tags as tq
from ...errors import die, escape_wikitext
from ...params import Param, direction
from .base import QuerySubmodule

if TYPE_CHECKING:
    from ...request import ApiRequest

PROPS = (
    "ids",
    "title",
    "type",
    "user",
    "userid",
    "timestamp",
    "comment",
    "parsedcomment",
    "details",
    "tags",
)
# $wgLogTypes (sorted as action=paraminfo lists them).
LOG_TYPES = (
    "",
    "block",
    "contentmodel",
    "create",
    "delete",
    "import",
    "managetags",
    "merge",
    "move",
    "newusers",
    "patrol",
    "protect",
    "rights",
    "suppress",
    "tag",
    "upload",
)
# $wgLogActions + $wgLogActionsHandlers: what leaction accepts.
LOG_ACTIONS = (
    "block/block block/reblock block/unblock contentmodel/change contentmodel/new create/create "
    "delete/delete delete/delete_redir delete/delete_redir2 delete/event delete/restore "
    "delete/revision import/interwiki import/upload managetags/activate managetags/create "
    "managetags/deactivate managetags/delete merge/merge move/move move/move_redir "
    "newusers/autocreate newusers/byemail newusers/create newusers/create2 newusers/newusers "
    "patrol/autopatrol patrol/patrol protect/modify protect/move_prot protect/protect "
    "protect/unprotect rights/autopromote rights/rights suppress/block suppress/delete "
    "suppress/event suppress/reblock suppress/revision tag/update upload/overwrite "
    "upload/revert upload/upload"
).split()
LOG_RESTRICTIONS = {"suppress": ("suppressionlog",)}  # $wgLogRestrictions
DELETED_ACTION, DELETED_COMMENT, DELETED_USER, DELETED_RESTRICTED = 1, 2, 4, 8


def parse_continue(raw: str) -> tuple[str, int]:
    """ "<timestamp>|<id>" or apierror-badcontinue (ApiBase::dieContinueUsageIf)."""
    parts = raw.split("|")
    if len(parts) != 2 or not parts[1].lstrip("-").isdigit():
        die("apierror-badcontinue")
    parsed = timestamps.parse_api_timestamp(parts[0]).value
    if parsed is None:
        die("apierror-badcontinue")
    return timestamps.to_mw(parsed), int(parts[1])


class LogEventsModule(QuerySubmodule):
    name = "logevents"
    group = "list"
    prefix = "le"
    classname = "ApiQueryLogEvents"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Logevents",)
    examples = (("action=query&list=logevents", "apihelp-query+logevents-example-simple"),)
    params: ClassVar[tuple[Param, ...]] = (
        Param(
            "prop",
            "enum",
            values=PROPS,
            multi=True,
            default="ids|title|type|user|timestamp|comment|details",
            help_per_value={p: f"apihelp-query+logevents-paramvalue-prop-{p}" for p in PROPS},
        ),
        Param("type", "enum", values=LOG_TYPES),
        Param("action", "string"),
        Param("start", "timestamp"),
        Param("end", "timestamp"),
        direction(),
        Param("user", "user", user_types=("name", "ip", "id", "interwiki")),
        Param("title", "string"),
        Param("namespace", "namespace", extra={"extra_namespaces": (-2, -1)}),
        Param("prefix", "string"),
        Param("tag", "string"),
        Param("limit", "limit", default="10", min=1, max=500, max2=5000),
        Param("continue", "string", help="api-help-param-continue"),
    )

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        given = [n for n in ("title", "prefix", "namespace") if params[n] is not None]
        if len(given) > 1:
            req.require_one_of(params, *given, prefix=self.prefix)
        props = set(params["prop"] or [])
        wiki = req.wiki
        performer = req.performer
        log_type, action = params["type"], None
        if params["action"] is not None:
            raw = params["action"]
            known = set(LOG_ACTIONS)
            kind, _, act = raw.partition("/")
            if not act or (raw not in known and f"{kind}/*" not in known):
                die(
                    "apierror-unrecognizedvalue",
                    "leaction",
                    escape_wikitext(raw),
                    code="unknown_leaction",
                )
            log_type, action = kind, act
        namespace = params["namespace"]
        dbkey = prefix = None
        title_text = params["title"]
        if title_text is not None:
            title = self._title(req, title_text)
            namespace, dbkey = title.namespace, title.dbkey
        if params["prefix"] is not None:
            if wiki.config.miser_mode:
                die("apierror-prefixsearchdisabled")
            title = self._title(req, params["prefix"])
            namespace, prefix = title.namespace, title.dbkey
        title_bits = user_bits = 0
        if params["namespace"] is not None or title_text is not None or params["user"]:
            if not performer.allowed("deletedhistory"):
                title_bits, user_bits = DELETED_ACTION, DELETED_USER
            elif not performer.allowed_any("suppressrevision", "viewsuppressed"):
                title_bits = DELETED_ACTION | DELETED_RESTRICTED
                user_bits = DELETED_USER | DELETED_RESTRICTED
        cont = parse_continue(params["continue"]) if params["continue"] is not None else None
        hidden = [t for t, rights in LOG_RESTRICTIONS.items() if not performer.allowed_any(*rights)]

        def run(conn: Any) -> tuple[list[dict[str, Any]], dict[int, list[str]]]:
            tag_id: int | None = None
            if params["tag"] is not None:
                tag_id = tq.tag_ids(conn, [params["tag"]], create=False).get(params["tag"], -1)
            rows = lq.list_log_events(
                conn,
                newer=params["dir"] == "newer",
                limit=params["limit"],
                start=params["start"],
                end=params["end"],
                cont=cont,
                log_type=log_type,
                action=action,
                actor_name=params["user"],
                namespace=namespace,
                dbkey=dbkey,
                prefix=prefix,
                tag_id=tag_id,
                hidden_types=hidden,
                title_bits=title_bits if params["namespace"] is not None or dbkey else 0,
                user_bits=user_bits if params["user"] else 0,
            )
            tags = tq.tags_for_logs(conn, [r["log_id"] for r in rows]) if "tags" in props else {}
            return rows, tags

        rows, tags = wiki.db.read(run)
        formatter = LogParamFormatter(wiki.titles)
        out = []
        for count, row in enumerate(rows, start=1):
            if count > params["limit"]:
                self.set_continue(req, "continue", f"{row['log_timestamp']}|{row['log_id']}")
                break
            out.append(self.row(req, row, props, formatter, tags.get(row["log_id"], [])))
        self.output(req)["logevents"] = out

    @staticmethod
    def _title(req: ApiRequest, text: str) -> Title:
        try:
            title = req.wiki.titles.parse(text)
        except MalformedTitle:
            die("apierror-invalidtitle", escape_wikitext(text))
        if title.is_external:
            die("apierror-invalidtitle", escape_wikitext(text))
        return title

    @staticmethod
    def row(
        req: ApiRequest,
        row: dict[str, Any],
        props: set[str],
        formatter: LogParamFormatter,
        tags: list[str],
    ) -> dict[str, Any]:
        """Mirrors ApiQueryLogEvents::extractRowInfo()."""
        deleted = int(row["log_deleted"])
        vals: dict[str, Any] = {}
        any_hidden = False
        if "ids" in props:
            vals["logid"] = row["log_id"]
        if props & {"title", "ids"} or ("details" in props and row["log_params"] != ""):
            if deleted & DELETED_ACTION:
                vals["actionhidden"] = True
                any_hidden = True
            if _user_can(deleted, DELETED_ACTION, req):
                if "title" in props:
                    title = Title(row["log_namespace"], row["log_title"].replace("_", " "))
                    vals["ns"] = title.namespace
                    vals["title"] = req.wiki.titles.prefixed_text(title)
                if "ids" in props:
                    vals["pageid"] = row["page_id"] or 0
                    vals["logpage"] = row["log_page"] or 0
                if "details" in props:
                    vals["params"] = formatter.format(
                        row["log_type"], row["log_action"], row["log_timestamp"], row["log_params"]
                    )
        if "type" in props:
            vals["type"] = row["log_type"]
            vals["action"] = row["log_action"]
        if props & {"user", "userid"}:
            if deleted & DELETED_USER:
                vals["userhidden"] = True
                any_hidden = True
            if _user_can(deleted, DELETED_USER, req):
                if "user" in props:
                    vals["user"] = row["actor_name"]
                if "userid" in props:
                    vals["userid"] = row["actor_user"] or 0
                if not row["actor_user"]:
                    vals["anon"] = True
        if "timestamp" in props:
            vals["timestamp"] = timestamps.to_iso(row["log_timestamp"])
        if props & {"comment", "parsedcomment"}:
            if deleted & DELETED_COMMENT:
                vals["commenthidden"] = True
                any_hidden = True
            if _user_can(deleted, DELETED_COMMENT, req):
                if "comment" in props:
                    vals["comment"] = row["log_comment"]
                if "parsedcomment" in props:
                    title = Title(row["log_namespace"], row["log_title"].replace("_", " "))
                    vals["parsedcomment"] = _format_comment(req, row["log_comment"], title)
        if "tags" in props:
            vals["tags"] = tags
        if any_hidden and deleted & DELETED_RESTRICTED:
            vals["suppressed"] = True
        return vals


def _user_can(deleted: int, field: int, req: ApiRequest) -> bool:
    """Mirrors LogEventsList::userCanBitfield()."""
    if not deleted & field:
        return True
    if deleted & DELETED_RESTRICTED:
        return req.performer.allowed_any("suppressrevision", "viewsuppressed")
    return req.performer.allowed("deletedhistory")


def _format_comment(req: ApiRequest, comment: str, title: Title) -> str:
    """Linker::formatComment() via the shared comment renderer once it is merged."""
    try:
        renderer = importlib.import_module("rollwiki.render.comments")
    except ImportError:  # pragma: no cover - until render/comments.py lands
        import html

        return html.escape(comment, quote=False)
    return str(renderer.format_comment(req.wiki, comment, title))
