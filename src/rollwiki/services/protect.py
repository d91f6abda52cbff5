"""Changing a page's protection (Mirrors WikiPage::doUpdateRestrictions() and RestrictionStore).

An existing page gets ``page_restrictions`` rows and a null revision by the performer whose
comment describes the change (1.39's ``protectedarticle-comment`` ... in the content
language); a missing title gets a ``protected_titles`` row.  Either way a ``protect`` log
entry (``protect``/``modify``/``unprotect``) is written, linked to the null revision.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from ..i18n.messages import Formatter, Message, decode_space
from ..storage.queries import pages as pq
from ..storage.queries import restrictions as rq
from . import adminlog, pageupdater, timestamps
from .namespaces import NS_FILE
from .pageupdater import Author, NewRevision
from .performer import Performer
from .titles import Title, TitleParser

RESTRICTION_TYPES = ("create", "edit", "move", "upload")  # $wgRestrictionTypes
RESTRICTION_LEVELS = ("", "autoconfirmed", "sysop")  # $wgRestrictionLevels
CASCADING_LEVELS = ("sysop",)  # $wgCascadingRestrictionLevels
# Levels are rights; "sysop" and "autoconfirmed" stand for these (backwards compatibility).
LEVEL_RIGHTS = {"sysop": "editprotected", "autoconfirmed": "editsemiprotected"}
LRM = "\u200e"  # Language::getDirMark() of a left-to-right content language


def level_right(level: str) -> str:
    return LEVEL_RIGHTS.get(level, level)


def applicable_types(title: Title, exists: bool) -> list[str]:
    """Mirrors RestrictionStore::listApplicableRestrictionTypes()."""
    if title.namespace < 0:
        return []
    if not exists:
        return ["create"]
    types = [t for t in RESTRICTION_TYPES if t != "create"]
    if title.namespace != NS_FILE:
        types.remove("upload")
    return types


def namespace_levels(performer: Performer) -> list[str]:
    """Mirrors PermissionManager::getNamespaceRestrictionLevels() for the performer."""
    return [lv for lv in RESTRICTION_LEVELS if lv == "" or performer.allowed(level_right(lv))]


@dataclass
class CurrentProtection:
    """What protects a title now: action -> (level, expiry), and whether it cascades."""

    levels: dict[str, tuple[str, str]] = field(default_factory=dict)
    cascading: bool = False


def current_protection(
    conn: Connection, title: Title, page: dict[str, Any] | None
) -> CurrentProtection:
    now_ts = timestamps.mw_now()
    current = CurrentProtection()
    if page is not None:
        for row in rq.page_restrictions_of(conn, page["page_id"], now_ts):
            current.levels[row["pr_type"]] = (row["pr_level"], row["pr_expiry"] or "infinity")
            current.cascading = current.cascading or bool(row["pr_cascade"])
    else:
        pt = rq.title_protection(conn, title.namespace, title.dbkey, now_ts)
        if pt is not None:
            current.levels["create"] = (pt["pt_create_perm"], pt["pt_expiry"])
    return current


@dataclass
class ProtectResult:
    changed: bool
    cascade: bool
    log_id: int | None = None
    null_revision: int | None = None


class ProtectDescriber:
    """The texts of a protection change, in the content language (WikiPage's helpers)."""

    def __init__(self, formatter: Formatter) -> None:
        self.fmt = formatter

    def text(self, key: str, *params: Any) -> str:
        return decode_space(self.fmt.text(Message(key, params)))

    def expiry(self, expiry: str) -> str:
        """Mirrors WikiPage::formatExpiry()."""
        if expiry == "infinity":
            return self.text("protect-expiry-indefinite")
        full = timestamps.format_user_datetime(expiry, self.fmt.lang)
        time_part, _, date_part = full.partition(", ")
        return self.text("protect-expiring", full, date_part, time_part)

    def description(self, limits: dict[str, str], expiries: dict[str, str]) -> str:
        """Mirrors WikiPage::protectDescription()."""
        parts = [
            self.text(
                "protect-summary-desc",
                self.text(f"restriction-{action}"),
                self.text(f"protect-level-{level}"),
                self.expiry(expiries[action]),
            )
            for action, level in limits.items()
            if level
        ]
        return self.text("word-separator").join(parts)

    def description_log(self, limits: dict[str, str], expiries: dict[str, str]) -> str:
        """Mirrors WikiPage::protectDescriptionLog()."""
        return "".join(
            f"{LRM}[{action}={level}] ({self.expiry(expiries[action])})"
            for action, level in limits.items()
            if level
        ).strip()

    def comment(
        self,
        key: str,
        title_text: str,
        user_name: str,
        reason: str,
        limits: dict[str, str],
        expiries: dict[str, str],
        cascade: bool,
    ) -> str:
        """Mirrors WikiPage::insertNullProtectionRevision()'s edit summary."""
        comment = self.text(key, title_text, user_name)
        if reason:
            comment += self.text("colon-separator") + reason
        description = self.description(limits, expiries)
        if description:
            comment += self.text("word-separator") + self.text("parentheses", description)
        if cascade:
            comment += self.text("word-separator") + self.text(
                "brackets", self.text("protect-summary-cascade")
            )
        return comment


def update_restrictions(
    conn: Connection,
    performer: Performer,
    titles: TitleParser,
    describer: ProtectDescriber,
    title: Title,
    limits: dict[str, str],
    expiries: dict[str, str],
    cascade: bool,
    reason: str,
    tags: list[str],
) -> ProtectResult:
    """Mirrors WikiPage::doUpdateRestrictions(); ``limits`` in the order they were given."""
    now_ts = timestamps.mw_now()
    rq.purge_expired(conn, now_ts)
    page = pq.page_by_title(conn, title.namespace, title.dbkey)
    current = current_protection(conn, title, page)
    limits = dict(limits)
    expiries = dict(expiries)
    protect = changed = is_protected = False
    for action in applicable_types(title, page is not None):
        expiries.setdefault(action, "infinity")
        level = limits.setdefault(action, "")
        protect = protect or level != ""
        now_level, now_expiry = current.levels.get(action, ("", "infinity"))
        is_protected = is_protected or now_level != ""
        if level != now_level or (level != "" and now_expiry != expiries[action]):
            changed = True
    if not changed and protect and current.cascading != cascade:
        changed = True
    if not changed:
        return ProtectResult(changed=False, cascade=cascade)

    if not protect:
        comment_key, log_action = "unprotectedarticle-comment", "unprotect"
    elif is_protected:
        comment_key, log_action = "modifiedarticleprotection-comment", "modify"
    else:
        comment_key, log_action = "protectedarticle-comment", "protect"

    details: list[dict[str, Any]] = []
    null_rev = None
    if page is not None:
        edit_levels = [limits["edit"]] if "edit" in limits else []
        if not any(lv in CASCADING_LEVELS for lv in edit_levels):
            cascade = False
        null_rev = _null_revision(
            conn, performer, titles, describer, title, page, comment_key, reason,
            limits, expiries, cascade,
        )  # fmt: skip
        rows = []
        for action, level in limits.items():
            if level:
                rows.append(
                    {
                        "pr_type": action,
                        "pr_level": level,
                        "pr_cascade": cascade and action == "edit",
                        "pr_expiry": expiries[action],
                    }
                )
                details.append(
                    {
                        "type": action,
                        "level": level,
                        "expiry": expiries[action],
                        "cascade": cascade and action == "edit",
                    }
                )
        rq.replace_page_restrictions(conn, page["page_id"], limits.keys(), rows)
    else:
        cascade = False  # cascading means nothing for a title that does not exist
        if limits.get("create"):
            rq.set_title_protection(
                conn,
                title.namespace,
                title.dbkey,
                {
                    "pt_actor": adminlog.performer_actor(conn, performer),
                    "pt_reason": reason,
                    "pt_timestamp": now_ts,
                    "pt_expiry": expiries["create"],
                    "pt_create_perm": limits["create"],
                },
            )
            details.append(
                {"type": "create", "level": limits["create"], "expiry": expiries["create"]}
            )
        else:
            rq.clear_title_protection(conn, title.namespace, title.dbkey)

    params: dict[str, Any] = {}
    if log_action != "unprotect":
        params = {
            "4::description": describer.description_log(limits, expiries),
            "5:bool:cascade": cascade,
            "details": details,
        }
    log_id = adminlog.publish(
        conn,
        performer,
        "protect",
        log_action,
        title,
        comment=reason,
        params=params,
        tags=tags,
        rev_id=null_rev or 0,
    )
    return ProtectResult(changed=True, cascade=cascade, log_id=log_id, null_revision=null_rev)


def _null_revision(
    conn: Connection,
    performer: Performer,
    titles: TitleParser,
    describer: ProtectDescriber,
    title: Title,
    page: dict[str, Any],
    comment_key: str,
    reason: str,
    limits: dict[str, str],
    expiries: dict[str, str],
    cascade: bool,
) -> int:
    """Mirrors WikiPage::insertNullProtectionRevision(): a minor revision with no RC row."""
    latest = pq.revision_by_id(conn, page["page_latest"])
    assert latest is not None
    comment = describer.comment(
        comment_key, titles.prefixed_text(title), performer.name, reason, limits, expiries, cascade
    )
    spec = NewRevision(
        title=title,
        author=Author(adminlog.performer_actor(conn, performer), performer.name, performer.user_id),
        comment=comment,
        content_id=latest["rev_content"],
        model=page["page_content_model"],
        minor=True,
        timestamp=timestamps.mw_now(),
        expected_latest=page["page_latest"],
        allow_null_revision=True,
        recent_change=False,
        derived_updates=False,
    )
    result = pageupdater.save_revision(conn, spec, titles)
    assert result.revision is not None
    return int(result.revision["rev_id"])
