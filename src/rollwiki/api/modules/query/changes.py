"""Recent-change rows as the API shows them, shared by list=recentchanges
(ApiQueryRecentChanges::extractRowInfo) and list=watchlist (extractOutputData)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ....services import timestamps
from ....services.logformat import LogParamFormatter
from ....services.titles import Title
from .revisions_common import (
    DELETED_ACTION,
    DELETED_COMMENT,
    DELETED_RESTRICTED,
    DELETED_TEXT,
    DELETED_USER,
    PRC_AUTOPATROLLED,
    PRC_UNPATROLLED,
    RC_LOG,
    RC_NEW,
    RC_TYPE_NAMES,
    can_view,
    can_view_log,
    is_unpatrolled,
    parsed_comment,
)

if TYPE_CHECKING:
    from ...request import ApiRequest


def format_change(
    req: ApiRequest,
    row: dict[str, Any],
    props: set[str],
    tags: list[str] | None,
    *,
    watchlist: bool = False,
) -> dict[str, Any]:
    """One recentchanges row (with actor columns) in the listing's layout.

    ``watchlist`` switches to ApiQueryWatchlist's variant: no ``rcid``, ``userid`` before
    ``user``, ``anon`` always present, ``notificationtimestamp``/``expiry``, ``patrol`` as
    the name of the patrol property and ``logdisplay`` unavailable (omitted).
    """
    performer = req.performer
    wiki = req.wiki
    rc_type = int(row["rc_type"])
    bits = int(row["rc_deleted"])
    title = Title(int(row["rc_namespace"]), str(row["rc_title"]).replace("_", " "))
    vals: dict[str, Any] = {"type": RC_TYPE_NAMES.get(rc_type, "edit")}
    any_hidden = False
    if "title" in props or "ids" in props:
        if rc_type == RC_LOG and bits & DELETED_ACTION:
            vals["actionhidden"] = True
            any_hidden = True
        if rc_type != RC_LOG or can_view_log(performer, bits, DELETED_ACTION):
            if "title" in props:
                vals["ns"] = title.namespace
                vals["title"] = wiki.titles.prefixed_text(title)
            if "ids" in props:
                vals["pageid"] = int(row["rc_cur_id"])
                vals["revid"] = int(row["rc_this_oldid"])
                vals["old_revid"] = int(row["rc_last_oldid"])
    if "ids" in props and not watchlist:
        vals["rcid"] = int(row["rc_id"])
    if "user" in props or "userid" in props:
        if bits & DELETED_USER:
            vals["userhidden"] = True
            any_hidden = True
        if can_view(performer, bits, DELETED_USER):
            user_id = int(row["actor_user"] or 0)
            if watchlist:
                if "userid" in props:
                    vals["userid"] = user_id
                    vals["user"] = user_id
                if "user" in props:
                    vals["user"] = row["actor_name"]
                vals["anon"] = not user_id
            else:
                if "user" in props:
                    vals["user"] = row["actor_name"]
                if "userid" in props:
                    vals["userid"] = user_id
                if not user_id:
                    vals["anon"] = True
    if "flags" in props:
        vals["bot"] = bool(row["rc_bot"])
        vals["new"] = rc_type == RC_NEW
        vals["minor"] = bool(row["rc_minor"])
    if "sizes" in props:
        vals["oldlen"] = int(row["rc_old_len"] or 0)
        vals["newlen"] = int(row["rc_new_len"] or 0)
    if "timestamp" in props:
        vals["timestamp"] = timestamps.to_iso(row["rc_timestamp"])
    if watchlist and "notificationtimestamp" in props:
        stamp = row.get("wl_notificationtimestamp")
        vals["notificationtimestamp"] = timestamps.to_iso(stamp) if stamp else ""
    if "comment" in props or "parsedcomment" in props:
        if bits & DELETED_COMMENT:
            vals["commenthidden"] = True
            any_hidden = True
        if can_view(performer, bits, DELETED_COMMENT):
            comment = row["rc_comment"] or ""
            if "comment" in props:
                vals["comment"] = comment
            if "parsedcomment" in props:
                vals["parsedcomment"] = parsed_comment(req, comment, title)
    if "redirect" in props and not watchlist:
        vals["redirect"] = bool(row.get("page_is_redirect"))
    if ("patrol" if watchlist else "patrolled") in props:
        patrolled = int(row["rc_patrolled"])
        vals["patrolled"] = patrolled != PRC_UNPATROLLED
        vals["unpatrolled"] = is_unpatrolled(req, patrolled, rc_type)
        vals["autopatrolled"] = patrolled == PRC_AUTOPATROLLED
    if "loginfo" in props and rc_type == RC_LOG:
        if bits & DELETED_ACTION:
            vals["actionhidden"] = True
            any_hidden = True
        if can_view_log(performer, bits, DELETED_ACTION):
            vals["logid"] = int(row["rc_logid"])
            vals["logtype"] = row["rc_log_type"]
            vals["logaction"] = row["rc_log_action"]
            vals["logparams"] = {
                **LogParamFormatter(req.wiki.titles).format(
                    row["rc_log_type"], row["rc_log_action"], row["rc_timestamp"], row["rc_params"]
                ),
                "_type": "assoc",
            }
    if "tags" in props:
        vals["tags"] = list(tags or [])
    if not watchlist and "sha1" in props and row.get("rev_sha1") is not None:
        rev_bits = int(row.get("rev_deleted") or 0)
        if rev_bits & DELETED_TEXT:
            vals["sha1hidden"] = True
            any_hidden = True
        if can_view(performer, rev_bits, DELETED_TEXT):
            vals["sha1"] = row["rev_sha1"] or ""
    if watchlist and "expiry" in props:
        expiry = row.get("wl_expiry")
        vals["expiry"] = timestamps.to_iso(expiry) if expiry not in (None, "infinity") else False
    if any_hidden and bits & DELETED_RESTRICTED:
        vals["suppressed"] = True
    return vals
