"""Block and read-only error pages of the web interface (Mirrors UserBlockedError,
BlockErrorFormatter::getMessage() and ReadOnlyError)."""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import ApiMessage
from ..i18n.messages import Message
from ..services import blocks as blockservice
from ..services import timestamps
from ..services.titles import Title
from .context import WebContext
from .errorpages import error_page
from .output import PageOutput

BLOCK_KEYS = {
    "apierror-blocked",
    "apierror-blocked-partial",
    "apierror-autoblocked",
    "apierror-systemblocked",
}


def block_message(ctx: WebContext, block: blockservice.Block) -> Message:
    """BlockErrorFormatter::getMessage(): blockedtext, blockedtext-partial, autoblockedtext."""
    row = block.row
    by = str(row.get("by_name") or "")
    blocker = f"[[User:{by}|{by}]]" if by else ""
    expiry = (
        ctx.msg("infiniteblock")
        if block.expiry == "infinity"
        else timestamps.format_expiry(block.expiry, ctx.lang)
    )
    key = "blockedtext"
    if blockservice.row_is_autoblock(row):
        key = "autoblockedtext"
    elif not block.sitewide:
        key = "blockedtext-partial"
    reason = str(row.get("ipb_reason") or "") or ctx.msg("blockednoreason")
    return Message(
        key,
        (
            blocker,
            reason,
            ctx.ip,
            by,
            block.id,
            expiry,
            str(row.get("ipb_address") or ""),
            timestamps.format_user_datetime(str(row["ipb_timestamp"]), ctx.lang),
        ),
    )


def web_messages(ctx: WebContext, errors: Sequence[ApiMessage]) -> list[Message]:
    """Permission errors as the web shows them: API block messages become blockedtext."""
    out: list[Message] = []
    block = None
    for err in errors:
        if err.message.key in BLOCK_KEYS:
            if block is None:
                block = ctx.wiki.db.read(lambda conn: blockservice.find_block(conn, ctx.performer))
            if block is not None:
                out.append(block_message(ctx, block))
                continue
        out.append(err.message)
    return out


def blocked_page(ctx: WebContext, block: blockservice.Block, title: Title | None) -> PageOutput:
    """UserBlockedError: "User is blocked" and the block details."""
    return error_page(ctx, "blockedtitle", block_message(ctx, block), context_title=title)


def read_only_page(ctx: WebContext, title: Title | None = None) -> PageOutput:
    """ReadOnlyError: "Database locked" with the administrator's reason."""
    reason = ctx.wiki.config.read_only or ""
    return error_page(ctx, "readonly", Message("readonlytext", (reason,)), context_title=title)
