"""action=revisiondelete (Mirrors ApiRevisionDelete), for type=revision."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ...i18n.messages import Message
from ...services import revdel, timestamps
from ...services.blocks import block_message_key, blockinfo, find_block
from ...services.titles import MalformedTitle, Title
from ...storage.queries import pages as pq
from ..errors import ApiMessage, ApiUsageError, code_for, die
from ..module import ApiModule
from ..params import Param
from .admin_common import check_tags

if TYPE_CHECKING:
    from ..request import ApiRequest

FIELDS = ("content", "comment", "user")


class RevisionDeleteModule(ApiModule):
    name = "revisiondelete"
    classname = "ApiRevisionDelete"
    is_write = True
    must_be_posted = True
    token_type = "csrf"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Revisiondelete",)
    examples = (
        (
            "action=revisiondelete&target=Main%20Page&type=revision&ids=12345&hide=content"
            "&token=123ABC",
            "apihelp-revisiondelete-example-revision",
        ),
        (
            "action=revisiondelete&type=logging&ids=67890&hide=content|comment|user"
            "&reason=BLP%20violation&token=123ABC",
            "apihelp-revisiondelete-example-log",
        ),
    )
    params: ClassVar[tuple[Param, ...]] = (
        # Only revisions are supported; MediaWiki also has archive, filearchive, oldimage
        # and logging.
        Param("type", "enum", values=("revision",), required=True),
        Param("target", "string"),
        Param("ids", "string", multi=True, required=True),
        Param("hide", "enum", values=FIELDS, multi=True),
        Param("show", "enum", values=FIELDS, multi=True),
        Param("suppress", "enum", values=("yes", "no", "nochange"), default="nochange"),
        Param("reason", "string"),
        Param("tags", "tags", multi=True),
    )

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        performer = req.performer
        if not performer.allowed("deleterevision"):
            die("apierror-permissiondenied", Message("action-deleterevision"))
        ids: list[str] = params["ids"]
        if not ids:
            die("apierror-paramempty", "ids", code="paramempty_ids")
        check_tags(req, params["tags"])
        hide = params["hide"] or []
        show = params["show"] or []
        if set(hide) & set(show):
            die("apierror-revdel-mutuallyexclusive", code="badparams")
        if not hide and not show:
            die("apierror-revdel-paramneeded", code="badparams")
        bit_pars: dict[int, int] = {}
        for name, bit in revdel.FIELD_BITS.items():
            bit_pars[bit] = 1 if name in hide else 0 if name in show else -1
        if params["suppress"] == "yes":
            if not performer.allowed("suppressrevision"):
                die("apierror-permissiondenied", Message("action-suppressrevision"))
            bit_pars[revdel.DELETED_RESTRICTED] = 1
        else:
            bit_pars[revdel.DELETED_RESTRICTED] = 0 if params["suppress"] == "no" else -1
        target = self.target(req, params["target"], ids)
        wiki = req.wiki
        page = wiki.db.read(lambda c: pq.page_by_title(c, target.namespace, target.dbkey))
        block = wiki.db.read(lambda c: find_block(c, performer))
        if block is not None and block.applies_to_page(
            page["page_id"] if page else None, target.namespace
        ):
            raise ApiUsageError(
                ApiMessage.of(
                    block_message_key(block), data={"blockinfo": blockinfo(block, req.lang)}
                )
            )

        def run(conn: Any) -> revdel.RevDelOutcome:
            return revdel.set_visibility(
                conn,
                performer,
                target,
                ids,
                bit_pars,
                params["reason"] or "",
                list(params["tags"] or []),
                req.lang,
            )

        outcome = wiki.db.write(run)
        req.result.data["revisiondelete"] = {
            "status": "Success",
            "target": wiki.titles.full_text(target),
            "items": [self.item(req, status) for status in outcome.items],
        }

    @staticmethod
    def target(req: ApiRequest, raw: str | None, ids: list[str]) -> Title:
        """RevisionDeleter::suggestTarget(): the first revision's page, else ``target``."""
        first = ids[0]
        if first.lstrip("-").isdigit():
            rev = req.wiki.db.read(lambda c: pq.revision_by_id(c, int(first)))
            if rev is not None:
                page = req.wiki.db.read(lambda c: pq.page_by_id(c, rev["rev_page"]))
                if page is not None:
                    return Title(page["page_namespace"], page["page_title"].replace("_", " "))
        if raw:
            try:
                return req.wiki.titles.parse(raw)
            except MalformedTitle:
                pass
        die("apierror-revdel-needtarget", code="needtarget")

    @staticmethod
    def item(req: ApiRequest, status: revdel.ItemStatus) -> dict[str, Any]:
        """extractStatusInfo() + RevDelRevisionItem::getApiData()."""
        out: dict[str, Any] = {"status": "Success" if status.ok else "Fail"}
        bc = req.errorformat == "bc"
        if bc and not status.good:
            out["errors"] = [_bc_entry(m, "error") for m in status.errors]
            out["warnings"] = [_bc_entry(m, "warning") for m in status.warnings]
        else:
            formatted = _formatted(req, status)
            out.update(formatted)
        out["id"] = status.id
        rev = status.revision
        if rev is None:
            return out
        bits = int(rev["rev_deleted"])
        out["timestamp"] = timestamps.to_iso(rev["rev_timestamp"])
        out["userhidden"] = bool(bits & revdel.DELETED_USER)
        out["commenthidden"] = bool(bits & revdel.DELETED_COMMENT)
        out["texthidden"] = bool(bits & revdel.DELETED_TEXT)
        if revdel.user_can(bits, revdel.DELETED_USER, req.performer):
            out["userid"] = rev["actor_user"] or 0
            out["user"] = rev["actor_name"]
        if revdel.user_can(bits, revdel.DELETED_COMMENT, req.performer):
            out["comment"] = rev["rev_comment"]
        return out


def _bc_entry(msg: Message, kind: str) -> dict[str, Any]:
    """ApiErrorFormatter_BackCompat::arrayFromStatus() entries."""
    return {
        "message": msg.key,
        "params": list(msg.params),
        "code": code_for(msg),
        "type": kind,
    }


def _formatted(req: ApiRequest, status: revdel.ItemStatus) -> dict[str, Any]:
    """ApiErrorFormatter::arrayFromStatus() for the non-bc error formats."""
    from ..errorformat import format_message

    formatter = req.wiki.formatter(req.errorlang)
    out: dict[str, Any] = {}
    if status.errors:
        out["errors"] = [format_message(req, formatter, ApiMessage.wrap(m)) for m in status.errors]
    if status.warnings:
        out["warnings"] = [
            format_message(req, formatter, ApiMessage.wrap(m)) for m in status.warnings
        ]
    return out
