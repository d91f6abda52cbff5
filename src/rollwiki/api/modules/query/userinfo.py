"""meta=userinfo (Mirrors ApiQueryUserInfo): who the performer is and what they may do."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from ....services import blocks, specialpages, timestamps
from ....services import ip as iputils
from ....storage.queries import userinfo as uiq
from ....storage.queries import users as uq
from ...params import Param
from .base import QuerySubmodule

if TYPE_CHECKING:
    from ....services.performer import Performer
    from ...request import ApiRequest

PROPS = (
    "blockinfo",
    "hasmsg",
    "groups",
    "groupmemberships",
    "implicitgroups",
    "rights",
    "changeablegroups",
    "options",
    "editcount",
    "ratelimits",
    "theoreticalratelimits",
    "email",
    "realname",
    "acceptlang",
    "registrationdate",
    "unreadcount",
    "centralids",
    "latestcontrib",
)
WL_UNREAD_LIMIT = 1000
_ACCEPT = re.compile(
    r"^\s*([a-z]{1,8}(?:-[a-z]{1,8})*|\*)\s*(?:;\s*q\s*=\s*([01](?:\.\d{0,3})?))?\s*$"
)


def default_options(req: ApiRequest) -> dict[str, Any]:
    """Mirrors UserOptionsLookup::getDefaultOptions(): 1.39's defaults, then the wiki's."""
    options: dict[str, Any] = dict(specialpages.static_data()["defaultoptions"])
    options.update(req.wiki.config.default_user_options)
    options["language"] = req.wiki.config.language
    options["variant"] = req.wiki.config.language
    return options


def accept_languages(header: str) -> list[tuple[str, float]]:
    """Mirrors WebRequest::getAcceptLang(): codes by preference, q=0 dropped."""
    found: list[tuple[str, float]] = []
    for part in header.lower().split(","):
        m = _ACCEPT.match(part)
        if m is None:
            continue
        q = float(m.group(2)) if m.group(2) is not None else 1.0
        if q > 0:
            found.append((m.group(1), q))
    return sorted(found, key=lambda item: -item[1])


class UserInfoModule(QuerySubmodule):
    name = "userinfo"
    group = "meta"
    prefix = "ui"
    classname = "ApiQueryUserInfo"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Userinfo",)
    examples = (
        ("action=query&meta=userinfo", "apihelp-query+userinfo-example-simple"),
        (
            "action=query&meta=userinfo&uiprop=blockinfo|groups|rights|hasmsg",
            "apihelp-query+userinfo-example-data",
        ),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param(
            "prop",
            "enum",
            multi=True,
            values=PROPS,
            all="*",
            help_per_value={"unreadcount": "apihelp-query+userinfo-paramvalue-prop-unreadcount"},
        ),
        Param("attachedwiki", "string"),
    )

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        """Mirrors ApiQueryUserInfo::getCurrentUserInfo()."""
        props = set(params["prop"] or [])
        performer = req.performer
        vals: dict[str, Any] = {"id": performer.user_id, "name": performer.name}
        if not performer.is_registered:
            vals["anon"] = True
        facts = req.wiki.db.read(lambda c: self._facts(c, req, props))
        if "blockinfo" in props and facts.get("block") is not None:
            vals.update(blocks.blockinfo(facts["block"], req.lang))
        if "hasmsg" in props:
            vals["messages"] = bool(facts.get("messages"))
        if "groups" in props:
            vals["groups"] = list(performer.groups)
        if "groupmemberships" in props:
            vals["groupmemberships"] = [
                {"group": group, "expiry": _expiry(performer.group_expiries.get(group))}
                for group in performer.explicit_groups
            ]
        if "implicitgroups" in props:
            implicit = set(req.wiki.config.implicit_groups)
            vals["implicitgroups"] = [g for g in performer.groups if g in implicit]
        if "rights" in props:
            vals["rights"] = list(performer.rights)
        if "changeablegroups" in props:
            vals["changeablegroups"] = _changeable_groups(req, performer)
        if "options" in props:
            options = default_options(req)
            options.update(performer.options)
            options["_BC_bools"] = list(options)
            vals["options"] = options
        if "editcount" in props:
            vals["editcount"] = int(performer.editcount or 0)
        if "ratelimits" in props:
            vals["ratelimits"] = _rate_limits(req, performer, apply_exemption=True)
        if "theoreticalratelimits" in props:
            vals["theoreticalratelimits"] = _rate_limits(req, performer, apply_exemption=False)
        user_row = facts.get("user") or {}
        if "realname" in props:
            vals["realname"] = str(user_row.get("user_real_name") or "")
        if "email" in props and performer.allowed("viewmyprivateinfo"):
            vals["email"] = str(user_row.get("user_email") or "")
        if "registrationdate" in props and performer.registration:
            vals["registrationdate"] = timestamps.to_iso(performer.registration)
        if "acceptlang" in props:
            header = req.ctx.headers.get("accept-language", "")
            vals["acceptlang"] = [
                {"q": int(q) if q == int(q) else q, "code": code, "_content": "code"}
                for code, q in accept_languages(header)
            ]
        if "unreadcount" in props:
            count = int(facts.get("unread") or 0)
            vals["unreadcount"] = f"{WL_UNREAD_LIMIT}+" if count >= WL_UNREAD_LIMIT else count
        if "centralids" in props:
            vals.update(_central_ids(req, performer, params["attachedwiki"]))
        if "latestcontrib" in props and facts.get("latest"):
            vals["latestcontrib"] = timestamps.to_iso(facts["latest"])
        self.output(req)[self.name] = vals

    def _facts(self, conn: Any, req: ApiRequest, props: set[str]) -> dict[str, Any]:
        """Everything the requested properties need from the database, in one transaction."""
        performer = req.performer
        facts: dict[str, Any] = {}
        if "blockinfo" in props:
            facts["block"] = blocks.find_block(conn, performer)
        if "hasmsg" in props:
            facts["messages"] = uiq.has_new_messages(conn, performer.user_id, performer.ip)
        if props & {"realname", "email"} and performer.is_registered:
            facts["user"] = uq.user_by_id(conn, performer.user_id)
        if "unreadcount" in props and performer.is_registered:
            facts["unread"] = uiq.unread_count(
                conn, performer.user_id, timestamps.mw_now(), WL_UNREAD_LIMIT
            )
        if "latestcontrib" in props:
            actor_id = performer.actor_id or uq.actor_id_for(conn, performer.name)
            if actor_id:
                facts["latest"] = uiq.latest_edit_timestamp(conn, actor_id)
        return facts


def _expiry(value: str | None) -> str:
    """ApiResult::formatExpiry()."""
    if value is None or value == "infinity":
        return "infinity"
    return timestamps.to_iso(value)


def _changeable_groups(req: ApiRequest, performer: Performer) -> dict[str, list[str]]:
    """Mirrors UserGroupManager::getGroupsChangeableBy()."""
    config = req.wiki.config
    all_groups = req.wiki.permissions.assignable_groups()
    if performer.allowed("userrights"):
        return {"add": all_groups, "remove": all_groups, "add-self": [], "remove-self": []}
    out: dict[str, list[str]] = {"add": [], "remove": [], "add-self": [], "remove-self": []}
    sources = {
        "add": config.add_groups,
        "remove": config.remove_groups,
        "add-self": config.groups_add_to_self,
        "remove-self": config.groups_remove_from_self,
    }
    for group in performer.groups:
        for kind, table in sources.items():
            for target in table.get(group, []):
                if target in all_groups and target not in out[kind]:
                    out[kind].append(target)
    return out


def _rate_limits(req: ApiRequest, performer: Performer, *, apply_exemption: bool) -> Any:
    """Mirrors ApiQueryUserInfo::getRateLimits()."""
    out: dict[str, Any] = {"_type": "assoc"}
    config = req.wiki.config
    exempt = performer.allowed("noratelimit") or iputils.is_in_ranges(
        performer.ip, config.rate_limits_excluded_ips
    )
    if apply_exemption and exempt:
        return out
    categories = ["user" if performer.is_registered else "anon"]
    if not performer.allowed("autoconfirmed"):
        categories += ["ip", "subnet"]
        if performer.is_registered:
            categories.append("newbie")
    categories += performer.explicit_groups
    for action, limits in config.rate_limits.items():
        for category in categories:
            if category in limits:
                hits, seconds = limits[category][0], limits[category][1]
                out.setdefault(action, {})[category] = {"hits": int(hits), "seconds": int(seconds)}
    return out


def _central_ids(req: ApiRequest, performer: Performer, attached_wiki: str | None) -> Any:
    """Mirrors ApiQueryUserInfo::getCentralUserInfo() with the "local" provider."""
    registered = performer.is_registered
    out: dict[str, Any] = {
        "centralids": {"local": performer.user_id if registered else 0, "_type": "assoc"},
        "attachedlocal": {"local": registered, "_type": "assoc"},
    }
    if attached_wiki:
        attached = registered and attached_wiki == req.wiki.config.wikiid
        out["attachedwiki"] = {"local": attached, "_type": "assoc"}
    return out
