"""Log entries as the web shows them (Mirrors LogFormatter::getActionText() and the
per-type formatters of block, protect, rights, patrol and newusers entries).

The action text is the ``logentry-<type>-<action>`` message with $1 = the performer (with
tool links in listings), $2 = the performer's name, $3 = the target link and $4... the
entry's parameters (``"4::name"`` keys), each formatted as the type's formatter does.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup, escape

from ..i18n.messages import Message, Num
from ..services import timestamps
from ..services.namespaces import NS_USER
from ..services.titles import Title
from .context import WebContext
from .linker import link, user_link, user_tool_links

# $wgLogNames and $wgLogHeaders: the name and the description of each log.
LOG_NAMES = {
    "block": "blocklogpage",
    "protect": "protectlogpage",
    "rights": "rightslog",
    "newusers": "newuserlogpage",
    "import": "importlogpage",
    "patrol": "patrol-log-page",
    "delete": "dellogpage",
    "suppress": "suppressionlog",
    "create": "log-name-create",
    "contentmodel": "log-name-contentmodel",
    "tag": "log-name-tag",
    "managetags": "log-name-managetags",
}
LOG_HEADERS = {
    "block": "blocklogtext",
    "protect": "protectlogtext",
    "rights": "rightslogtext",
    "newusers": "newuserlogpagetext",
    "import": "importlogpagetext",
    "patrol": "patrol-log-header",
    "delete": "dellogpagetext",
    "create": "log-description-create",
    "contentmodel": "log-description-contentmodel",
    "tag": "log-description-tag",
    "managetags": "log-description-managetags",
}


def log_name(ctx: WebContext, log_type: str) -> str:
    key = LOG_NAMES.get(log_type)
    return ctx.msg(key) if key else log_type


# Block flags (BlockLogFormatter::formatBlockFlag).
_BLOCK_FLAGS = {
    "anononly": "block-log-flags-anononly",
    "nocreate": "block-log-flags-nocreate",
    "noautoblock": "block-log-flags-noautoblock",
    "noemail": "block-log-flags-noemail",
    "nousertalk": "block-log-flags-nousertalk",
    "angry-autoblock": "block-log-flags-angry-autoblock",
    "hiddenname": "block-log-flags-hiddenname",
}


def _numbered(raw: str) -> dict[int, Any]:
    """``{"4::oldgroups": [...], "5:bool:cascade": true}`` -> {4: ..., 5: ...}."""
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    out: dict[int, Any] = {}
    if not isinstance(data, dict):
        return out
    for key, value in data.items():
        head = str(key).split(":", 1)[0]
        if head.isdigit():
            out[int(head)] = value
    return out


def _raw(data: str) -> dict[str, Any]:
    try:
        value = json.loads(data) if data else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _group_list(ctx: WebContext, groups: Any, metadata: Any) -> str:
    """RightsLogFormatter: group names (with "temporary, until") or "(none)"."""
    if not groups:
        return ctx.msg("rightsnone")
    items = []
    meta = metadata if isinstance(metadata, list) else []
    for i, group in enumerate(groups):
        name = (
            ctx.msg(f"group-{group}-member", "")
            if ctx.formatter.exists(f"group-{group}-member")
            else str(group)
        )
        expiry = meta[i].get("expiry") if i < len(meta) and isinstance(meta[i], dict) else None
        if expiry and expiry != "infinity":
            name = ctx.msg(
                "rightslogentry-temporary-group",
                name,
                timestamps.format_user_datetime(str(expiry), ctx.lang),
            )
        items.append(name)
    return ctx.formatter.list_to_text(items)


def action_text(ctx: WebContext, row: dict[str, Any], *, tools: bool = True) -> Markup:
    """The sentence describing one log entry."""
    wiki = ctx.wiki
    log_type, action = str(row["log_type"]), str(row["log_action"])
    performer = str(row["actor_name"])
    performer_html = user_link(ctx, performer)
    if tools:
        performer_html += user_tool_links(ctx, performer, changeslist=True)
    made = wiki.titles.make(int(row["log_namespace"]), str(row["log_title"]))
    target = made if made is not None else Title(0, str(row["log_title"]))
    params = _numbered(str(row.get("log_params") or ""))
    raw = _raw(str(row.get("log_params") or ""))
    target_html: Markup = link(ctx, target)
    key = f"logentry-{log_type}-{action}"
    extra: dict[int, Any] = {}
    if log_type in ("block", "suppress") and target.namespace == NS_USER:
        target_html = user_link(ctx, target.text) + user_tool_links(
            ctx, target.text, changeslist=True
        )
        duration = str(params.get(5, ""))
        extra[5] = (
            ctx.msg("infiniteblock") if duration in ("infinity", "infinite", "") else duration
        )
        flags = params.get(6) or []
        if isinstance(flags, str):
            flags = [f for f in flags.split(",") if f]
        names = [ctx.msg(_BLOCK_FLAGS[f]) for f in flags if f in _BLOCK_FLAGS]
        extra[6] = (
            ctx.msg("parentheses", ctx.formatter.param_text(_comma(ctx, names))) if names else ""
        )
        extra[4] = target.text
        if raw.get("sitewide") is False and action in ("block", "reblock"):
            key = f"logentry-partialblock-{action}"
            extra[7] = _restrictions(ctx, params.get(7))
    elif log_type == "block" and action == "unblock":
        extra[4] = target.text
    elif log_type == "rights":
        target_html = user_link(ctx, target.text) + user_tool_links(
            ctx, target.text, changeslist=True
        )
        extra[4] = _group_list(ctx, params.get(4), raw.get("oldmetadata"))
        extra[5] = _group_list(ctx, params.get(5), raw.get("newmetadata"))
        extra[6] = target.text
    elif log_type == "newusers":
        if action in ("create", "autocreate", "newusers"):
            target_html = performer_html
    elif log_type == "protect" and raw.get("5:bool:cascade"):
        key += "-cascade"
    elif log_type == "patrol":
        rev = params.get(4)
        if rev:
            extra[4] = link(ctx, target, str(rev), query={"oldid": rev}, known=True)
    elif log_type == "import" and params.get(4) is not None and action == "upload":
        key = "logentry-import-upload-details"
        extra[4] = Num(int(params[4]))
    elif log_type in ("delete", "suppress") and action in ("revision", "event"):
        ids = raw.get("ids") or []
        extra[5] = Num(len(ids) if isinstance(ids, list) else 1)
        extra[4] = ""
    values: list[Any] = [performer_html, performer, target_html]
    top = max([3, *params.keys(), *extra.keys()])
    for n in range(4, top + 1):
        if n in extra:
            values.append(extra[n])
        elif n in params:
            value = params[n]
            if isinstance(value, list):
                value = _comma(ctx, [str(v) for v in value])
            values.append(str(value))
        else:
            values.append("")
    if not ctx.formatter.exists(key):
        generic = Markup(f"{performer_html} {escape(log_type)}/{escape(action)} {target_html}")
        return generic
    return ctx.parse(Message(key, tuple(values)))


def _comma(ctx: WebContext, items: list[str]) -> str:
    return ctx.msg("comma-separator").join(items)


def _restrictions(ctx: WebContext, value: Any) -> str:
    if not isinstance(value, dict):
        return ""
    parts = []
    pages = value.get("pages") or []
    if pages:
        parts.append(
            ctx.msg(
                "logentry-partialblock-block-page", len(pages), ", ".join(f"[[{p}]]" for p in pages)
            )
        )
    namespaces = value.get("namespaces") or []
    if namespaces:
        names = [ctx.wiki.namespaces.name(int(n)) or ctx.msg("blanknamespace") for n in namespaces]
        parts.append(ctx.msg("logentry-partialblock-block-ns", len(names), ", ".join(names)))
    return ctx.formatter.list_to_text(parts)
