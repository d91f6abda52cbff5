"""Placing and removing blocks (Mirrors BlockUser, UnblockUser, BlockUtils, BlockPermissionChecker).

Everything runs on the caller's connection inside one transaction: the permission and
validity checks, the ``ipblocks`` row (and its restrictions), and the ``block``/``suppress``
log entry with its recent-changes row.  Automatic blocks are not created: a block's
``autoblock`` flag is stored and logged but no IP autoblocks are spawned from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from ..i18n.messages import Message, Num
from ..storage.queries import blocks as bq
from ..storage.queries import users as uq
from . import adminlog, timestamps
from . import ip as iputils
from .blocks import Block, find_block
from .changetags import can_add_tags_accompanying_change
from .namespaces import NS_USER, NS_USER_TALK
from .performer import Performer
from .titles import Title
from .usernames import UserNameUtils

TYPE_USER = 1
TYPE_IP = 2
TYPE_RANGE = 3
TYPE_AUTO = 4

# $wgBlockCIDRLimit (1.39 defaults) and $wgHideUserContribLimit.
CIDR_LIMIT_IPV4 = 16
CIDR_LIMIT_IPV6 = 19
HIDE_USER_CONTRIB_LIMIT = 1000
INFINITY_WORDS = ("infinite", "indefinite", "infinity", "never")


class BlockError(Exception):
    """A block or unblock that cannot be carried out (a fatal Status in MediaWiki)."""

    def __init__(self, key: str, *params: object, data: dict[str, Any] | None = None) -> None:
        super().__init__(key)
        self.message = Message(key, tuple(params))
        self.data = dict(data or {})


@dataclass(frozen=True)
class BlockTarget:
    """Mirrors BlockUtils::parseBlockTarget(): what is blocked, and how."""

    kind: int
    name: str  # user name, sanitised IP or range, or the id of an autoblock
    user_id: int = 0


def parse_block_target(
    conn: Connection, usernames: UserNameUtils, target: str
) -> BlockTarget | None:
    """Mirrors BlockUtils::parseBlockTarget()."""
    target = target.strip()
    if iputils.is_valid(target):
        return BlockTarget(TYPE_IP, iputils.sanitize_ip(target) or target)
    if iputils.is_valid_range(target):
        return BlockTarget(TYPE_RANGE, iputils.sanitize_range(target) or target)
    # An old user subpage ("Name/Sub") means the user behind it.
    target = target.split("/", 1)[0]
    if target.startswith("#") and target[1:].isdigit():
        return BlockTarget(TYPE_AUTO, target[1:])
    row = uq.user_by_name(conn, target)
    if row is not None:
        return BlockTarget(TYPE_USER, row["user_name"], row["user_id"])
    canonical = usernames.get_canonical(target, "valid")
    if canonical:
        return BlockTarget(TYPE_USER, canonical, 0)
    return None


def validate_target(target: BlockTarget | None) -> None:
    """Mirrors BlockUtils::validateTarget()."""
    from ..api.errors import escape_wikitext

    if target is None or target.kind == TYPE_AUTO:
        raise BlockError("badipaddress")
    if target.kind == TYPE_USER and not target.user_id:
        raise BlockError("nosuchusershort", escape_wikitext(target.name))
    if target.kind == TYPE_RANGE:
        _, bits = target.name.split("/", 1)
        limit, width = (
            (CIDR_LIMIT_IPV4, 32) if iputils.is_ipv4(target.name) else (CIDR_LIMIT_IPV6, 128)
        )
        if limit == width:
            raise BlockError("range_block_disabled")
        if int(bits) > width:
            raise BlockError("ip_range_invalid")
        if int(bits) < limit:
            raise BlockError("ip_range_toolarge", limit)


def check_block_permissions(
    conn: Connection, performer: Performer, target: BlockTarget | None
) -> tuple[str, Block] | None:
    """Mirrors BlockPermissionChecker::checkBlockPermissions(): a blocked admin's limits.

    Returns the refusal message key and the performer's block, or None when allowed.
    """
    block = find_block(conn, performer)
    if block is None or not block.sitewide:
        return None
    blocker_id = block.row.get("by_id") or 0
    if target is not None and target.kind == TYPE_USER and target.user_id == performer.user_id:
        if blocker_id == performer.user_id or performer.allowed("unblockself"):
            return None
        return "ipbnounblockself", block
    if target is not None and target.kind == TYPE_USER and target.user_id == blocker_id:
        return None  # T150826: a blocked admin may block the admin who blocked them
    return "ipbblocked", block


def parse_expiry_input(raw: str) -> str | None:
    """Mirrors BlockUser::parseExpiryInput(): 14-digit timestamp, "infinity" or None."""
    if raw.strip().lower() in INFINITY_WORDS:
        return "infinity"
    try:
        parsed = timestamps.parse_expiry(raw)
    except timestamps.ExpiryError as exc:
        if exc.kind == "badexpiry-past":
            return "past"
        return None
    if parsed == "infinity":
        return "infinity"
    return timestamps.to_mw(parsed)


@dataclass
class BlockRequest:
    """The options of one block (BlockUser's constructor arguments)."""

    target: BlockTarget | None
    expiry: str
    reason: str = ""
    create_account_blocked: bool = False
    email_blocked: bool = False
    hard_block: bool = True
    autoblocking: bool = True
    allow_usertalk: bool | None = None  # None: option not given
    hide_user: bool = False
    partial: bool = False
    page_restrictions: list[tuple[int, str]] = field(default_factory=list)  # (page_id, title)
    namespace_restrictions: list[int] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    @property
    def is_partial(self) -> bool:
        return bool(self.page_restrictions or self.namespace_restrictions or self.partial)

    def user_talk_blocked(self) -> bool | None:
        """BlockUser's isUserTalkEditBlocked ($wgBlockAllowsUTEdit is true by default)."""
        if not self.is_partial or NS_USER_TALK in self.namespace_restrictions:
            return self.allow_usertalk is False
        # A partial block cannot stop user-talk edits unless it restricts NS_USER_TALK.
        if self.allow_usertalk is False:
            return None
        return False


@dataclass(frozen=True)
class PlacedBlock:
    block_id: int
    target: BlockTarget
    expiry: str
    reblock: bool
    log_id: int


def place_block(
    conn: Connection, performer: Performer, req: BlockRequest, *, reblock: bool
) -> PlacedBlock:
    """Mirrors BlockUser::placeBlock(): checks, then insert or update, then the log."""
    now_ts = timestamps.mw_now()
    target = req.target
    prior = (
        bq.live_block_on(conn, target.name, target.user_id, now_ts)
        if target is not None and target.kind != TYPE_AUTO
        else None
    )
    prior_hidden = bool(prior and prior["ipb_deleted"])
    if (req.hide_user or prior_hidden) and not performer.allowed("hideuser"):
        raise BlockError("cant-see-hidden-user" if prior_hidden else "badaccess-group0")
    refusal = check_block_permissions(conn, performer, target)
    if refusal is not None:
        raise BlockError(refusal[0])
    denied = can_add_tags_accompanying_change(conn, performer, req.tags)
    if denied is not None:
        raise BlockError(denied.key, *denied.params)
    for page_id, title in req.page_restrictions:
        if not page_id:
            raise BlockError("cant-block-nonexistent-page", title)
    validate_target(target)
    assert target is not None
    user_talk_blocked = req.user_talk_blocked()
    if user_talk_blocked is None:
        raise BlockError("ipb-prevent-user-talk-edit")
    expiry = parse_expiry_input(req.expiry) if 0 < len(req.expiry) <= 50 else None
    if expiry is None:
        raise BlockError("ipb_expiry_invalid")
    if expiry == "past":
        raise BlockError("ipb_expiry_old")
    hide_user = req.hide_user and target.kind == TYPE_USER
    if hide_user:
        if req.is_partial:
            raise BlockError("ipb_hide_partial")
        if expiry != "infinity":
            raise BlockError("ipb_expiry_temp")
        row = uq.user_by_id(conn, target.user_id)
        if row is not None and row["user_editcount"] > HIDE_USER_CONTRIB_LIMIT:
            raise BlockError("ipb_hide_invalid", Num(HIDE_USER_CONTRIB_LIMIT))
    if req.is_partial and not (
        req.page_restrictions
        or req.namespace_restrictions
        or req.email_blocked
        or req.create_account_blocked
        or user_talk_blocked
    ):
        raise BlockError("ipb-empty-block")

    values = _row_values(
        adminlog.performer_actor(conn, performer),
        req,
        target,
        expiry,
        user_talk_blocked,
        hide_user,
        now_ts,
    )
    restrictions = [(bq.RESTRICTION_PAGE, pid) for pid, _ in req.page_restrictions] + [
        (bq.RESTRICTION_NAMESPACE, ns) for ns in req.namespace_restrictions
    ]
    if prior is not None:
        if not reblock or _same_block(conn, prior, values, restrictions):
            raise BlockError("ipb_already_blocked", target.name)
        block_id = int(prior["ipb_id"])
        bq.update_block(conn, block_id, values)
    else:
        bq.purge_expired_on(conn, target.name, target.user_id, now_ts)
        block_id = bq.insert_block(conn, values)
    bq.set_restrictions(conn, block_id, restrictions)
    log_id = _log_block(conn, performer, req, target, block_id, prior is not None, hide_user)
    return PlacedBlock(block_id, target, expiry, prior is not None, log_id)


def _row_values(
    actor_id: int,
    req: BlockRequest,
    target: BlockTarget,
    expiry: str,
    user_talk_blocked: bool,
    hide_user: bool,
    now_ts: str,
) -> dict[str, Any]:
    """DatabaseBlockStore::getArrayForDatabaseBlock(), with DatabaseBlock's sanitising."""
    start = end = ""
    if target.kind == TYPE_RANGE:
        bounds = iputils.parse_range(target.name)
        if bounds is not None:
            start, end = bounds
    elif target.kind == TYPE_IP:
        start = end = iputils.to_hex(target.name) or ""
    return {
        "ipb_address": target.name,
        "ipb_user": target.user_id,
        "ipb_by_actor": actor_id,
        "ipb_reason": req.reason,
        "ipb_timestamp": now_ts,
        "ipb_auto": False,
        # Account blocks are always hard blocks; autoblocking only applies to accounts.
        "ipb_anon_only": target.kind != TYPE_USER and not req.hard_block,
        "ipb_create_account": req.create_account_blocked,
        "ipb_enable_autoblock": target.kind == TYPE_USER and req.autoblocking,
        "ipb_expiry": expiry,
        "ipb_range_start": start,
        "ipb_range_end": end,
        "ipb_deleted": hide_user,
        "ipb_block_email": req.email_blocked,
        "ipb_allow_usertalk": not user_talk_blocked,
        "ipb_parent_block_id": None,
        "ipb_sitewide": not req.is_partial,
    }


_COMPARED = (
    "ipb_anon_only",
    "ipb_create_account",
    "ipb_expiry",
    "ipb_enable_autoblock",
    "ipb_deleted",
    "ipb_block_email",
    "ipb_allow_usertalk",
    "ipb_reason",
    "ipb_sitewide",
)


def _same_block(
    conn: Connection,
    prior: dict[str, Any],
    values: dict[str, Any],
    restrictions: list[tuple[int, int]],
) -> bool:
    """Mirrors DatabaseBlock::equals(): a reblock that changes nothing is refused."""
    for column in _COMPARED:
        if type(values[column]) is bool:
            if bool(prior[column]) != values[column]:
                return False
        elif prior[column] != values[column]:
            return False
    existing = bq.restrictions_of(conn, [prior["ipb_id"]])[prior["ipb_id"]]
    return set(existing) == set(restrictions)


def block_log_flags(req: BlockRequest, target: BlockTarget, user_talk_blocked: bool) -> str:
    """Mirrors BlockUser::blockLogFlags()."""
    flags = []
    if target.kind != TYPE_USER and not req.hard_block:
        flags.append("anononly")
    if req.create_account_blocked:
        flags.append("nocreate")
    if target.kind == TYPE_USER and not req.autoblocking:
        flags.append("noautoblock")
    if req.email_blocked:
        flags.append("noemail")
    if user_talk_blocked:
        flags.append("nousertalk")
    if req.hide_user and target.kind == TYPE_USER:
        flags.append("hiddenname")
    return ",".join(flags)


def _log_block(
    conn: Connection,
    performer: Performer,
    req: BlockRequest,
    target: BlockTarget,
    block_id: int,
    is_reblock: bool,
    hide_user: bool,
) -> int:
    """Mirrors BlockUser::log() and constructLogParams()."""
    raw = req.expiry
    params: dict[str, Any] = {
        "5::duration": "infinity" if raw.strip().lower() in INFINITY_WORDS else raw,
        "6::flags": block_log_flags(req, target, bool(req.user_talk_blocked())),
        "sitewide": not req.is_partial,
    }
    if req.is_partial:
        restrictions: dict[str, Any] = {}
        if req.page_restrictions:
            restrictions["pages"] = [title for _, title in req.page_restrictions]
        if req.namespace_restrictions:
            restrictions["namespaces"] = list(req.namespace_restrictions)
        if restrictions:
            params["7::restrictions"] = restrictions
    return _write(
        conn,
        performer,
        "suppress" if hide_user else "block",
        "reblock" if is_reblock else "block",
        Title(NS_USER, target.name),
        req.reason,
        params,
        req.tags,
    )


def _write(
    conn: Connection,
    performer: Performer,
    log_type: str,
    action: str,
    title: Title,
    reason: str,
    params: dict[str, Any],
    tags: list[str],
) -> int:
    # Hidden-name blocks go to the suppression log, which never reaches recent changes.
    return adminlog.publish(
        conn,
        performer,
        log_type,
        action,
        title,
        comment=reason,
        params=params,
        tags=tags,
        to_rc=log_type != "suppress",
    )


# -- unblocking ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RemovedBlock:
    block_id: int
    row: dict[str, Any]
    log_id: int

    @property
    def is_auto(self) -> bool:
        return bool(self.row["ipb_auto"])


def find_block_for_unblock(
    conn: Connection, usernames: UserNameUtils, target: str
) -> tuple[BlockTarget | None, dict[str, Any] | None]:
    """UnblockUser's constructor: the target and its current block (by name or "#id")."""
    parsed = parse_block_target(conn, usernames, target)
    now_ts = timestamps.mw_now()
    if parsed is None:
        return None, None
    if parsed.kind == TYPE_AUTO:
        return parsed, bq.block_by_id(conn, int(parsed.name), now_ts)
    return parsed, bq.live_block_on(conn, parsed.name, parsed.user_id, now_ts)


def unblock(
    conn: Connection,
    performer: Performer,
    usernames: UserNameUtils,
    target: str,
    reason: str,
    tags: list[str],
) -> RemovedBlock:
    """Mirrors UnblockUser::unblock()."""
    parsed, row = find_block_for_unblock(conn, usernames, target)
    if row is not None and row["ipb_deleted"] and not performer.allowed("hideuser"):
        raise BlockError("unblock-hideuser")
    refusal = check_block_permissions(conn, performer, parsed)
    if refusal is not None:
        raise BlockError(refusal[0])
    denied = can_add_tags_accompanying_change(conn, performer, tags)
    if denied is not None:
        raise BlockError(denied.key, *denied.params)
    if row is None:
        raise BlockError("ipb_cant_unblock", target)
    block_id = int(row["ipb_id"])
    bq.delete_blocks(conn, [block_id])
    # Autoblocks are logged under their id so that the blocked IP is not revealed.
    name = f"#{block_id}" if row["ipb_auto"] else row["ipb_address"]
    log_id = _write(
        conn,
        performer,
        "block",
        "unblock",
        Title(NS_USER, name),
        reason,
        {},
        tags,
    )
    return RemovedBlock(block_id, row, log_id)


def expiry_for_api(expiry: str) -> str:
    """ApiResult::formatExpiry( $expiry, 'infinite' )."""
    return "infinite" if expiry == "infinity" else timestamps.to_iso(expiry)
