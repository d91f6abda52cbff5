"""Log parameters as the API shows them (Mirrors LogFormatter::formatParametersForApi()).

Log entries store MediaWiki's parameter keys ("4::description", "5:bool:cascade",
"details" ...) as JSON in ``log_params``; the per-type formatters below rename and
convert them exactly as 1.39's BlockLogFormatter, ProtectLogFormatter, PatrolLogFormatter,
DeleteLogFormatter and RightsLogFormatter do.  Every other type (newusers, import,
managetags, contentmodel, create ...) goes through the generic typed-key rules.

Writers: keep to MediaWiki's keys.  ``rights``: "4::oldgroups"/"5::newgroups" (lists) and
"oldmetadata"/"newmetadata" (lists of {"expiry": ts|None}); ``newusers``: "4::userid";
``import``: "4:number:count" and "5:title-link:interwiki"; ``contentmodel``:
"4::oldmodel"/"5::newmodel".
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from . import timestamps
from .titles import MalformedTitle, TitleParser

Params = dict[Any, Any]
DELETED_FIELDS = ((1, "content"), (2, "comment"), (4, "user"), (8, "restricted"))


def decode_params(blob: str | None) -> Params:
    """LogEntryBase::extractParams(): JSON here; legacy newline lists get numeric keys."""
    if not blob:
        return {}
    try:
        value = json.loads(blob)
    except ValueError:
        return dict(enumerate(blob.split("\n")))
    if isinstance(value, dict):
        return value
    if isinstance(value, list):
        return dict(enumerate(value))
    return {}


def api_expiry(value: Any, infinity: str = "infinity") -> str:
    """ApiResult::formatExpiry()."""
    if value in (None, "", "infinity", "infinite", "indefinite", "never"):
        return infinity
    return timestamps.to_iso(str(value))


def _remap(params: Params, mapping: list[tuple[Any, str]]) -> Params:
    """The ``$map`` loops of the formatters: positional or old keys move to typed keys."""
    for old, new in mapping:
        if old in params:
            params[new] = params.pop(old)
    return params


class LogParamFormatter:
    """formatParametersForApi() for one wiki (titles are parsed with its rules)."""

    def __init__(self, titles: TitleParser) -> None:
        self.titles = titles
        self.by_type: dict[str, Callable[[str, str, Params], Params]] = {
            "block": self._block,
            "suppress": self._suppress,
            "protect": self._protect,
            "patrol": self._patrol,
            "delete": self._delete,
            "rights": self._rights,
        }

    def format(self, log_type: str, action: str, timestamp: str, blob: str | None) -> Params:
        params = decode_params(blob)
        params.pop("associated_rev_id", None)  # DatabaseLogEntry::getParameters()
        special = self.by_type.get(log_type)
        if special is not None:
            params = special(action, timestamp, params)
        out: Params = {}
        for key, value in params.items():
            parts = str(key).split(":", 2)
            if len(parts) != 3:
                out[key] = value
                continue
            out.update(self.value_for_api(parts[2], parts[1], value))
        if log_type in ("block", "suppress"):
            self._block_restrictions(out)
        if log_type == "protect" and isinstance(out.get("details"), list):
            for detail in out["details"]:
                if isinstance(detail, dict) and "expiry" in detail:
                    detail["expiry"] = api_expiry(detail["expiry"], "infinite")
        return out

    def value_for_api(self, name: str, kind: str, value: Any) -> Params:
        """Mirrors LogFormatter::formatParameterValueForApi()."""
        kind = kind.strip().lower()
        if kind == "bool":
            value = bool(value) and value not in ("0", "false")
        elif kind == "number":
            text = str(value)
            value = int(text) if text.isdigit() else float(text or 0)
        elif kind == "timestamp":
            value = timestamps.to_iso(_as_mw(value))
        elif kind in ("title", "title-link"):
            return self.title_info(name, str(value))
        elif kind in ("user", "user-link"):
            value = str(value)
            value = value[:1].upper() + value[1:]
        return {name: value}

    def title_info(self, name: str, text: str) -> Params:
        """ApiQueryBase::addTitleInfo( $value, $title, "{$name}_" )."""
        try:
            title = self.titles.parse(text)
        except MalformedTitle:
            return {f"{name}_ns": -1, f"{name}_title": f"Special:Badtitle/{text}"}
        return {f"{name}_ns": title.namespace, f"{name}_title": self.titles.prefixed_text(title)}

    # -- per-type formatters --------------------------------------------------------------

    def _block(self, action: str, timestamp: str, params: Params) -> Params:
        """BlockLogFormatter::getParametersForApi()."""
        params = _remap(params, [(0, "5::duration"), (1, "6:array:flags")])
        params = _remap(params, [("6::flags", "6:array:flags")])
        params = dict(sorted(params.items(), key=lambda kv: str(kv[0])))  # ksort()
        if action in ("block", "reblock"):
            params.setdefault("5::duration", "infinity")
            params.setdefault("6:array:flags", [])
            flags = params["6:array:flags"]
            if not isinstance(flags, list):
                params["6:array:flags"] = [] if flags == "" else str(flags).split(",")
            duration = str(params["5::duration"])
            if duration.strip().lower() in ("infinite", "indefinite", "infinity", "never"):
                params["5::duration"] = "infinity"
            else:
                expiry = _expiry_from(duration, timestamp)
                if expiry is not None:
                    params[":timestamp:expiry"] = expiry
        return params

    def _suppress(self, action: str, timestamp: str, params: Params) -> Params:
        if action in ("block", "reblock"):
            return self._block(action, timestamp, params)
        if action in ("revision", "event"):
            return self._delete(action, timestamp, params)
        return params

    def _block_restrictions(self, out: Params) -> None:
        """BlockLogFormatter::formatParametersForApi(): restricted pages as titles."""
        restrictions = out.get("restrictions")
        if isinstance(restrictions, dict) and isinstance(restrictions.get("pages"), list):
            restrictions["pages"] = [
                self.value_for_api("page", "title-link", p) for p in restrictions["pages"]
            ]

    @staticmethod
    def _protect(action: str, timestamp: str, params: Params) -> Params:
        """ProtectLogFormatter::getParametersForApi()."""
        if action in ("protect", "modify"):
            params = _remap(
                params,
                [(0, "4::description"), (1, "5:bool:cascade"), ("details", ":array:details")],
            )
        elif action == "move_prot":
            params = _remap(params, [(0, "4:title:oldtitle"), ("4::oldtitle", "4:title:oldtitle")])
        if isinstance(params.get("5:bool:cascade"), str):
            params["5:bool:cascade"] = params["5:bool:cascade"] == "cascade"
        return params

    @staticmethod
    def _patrol(action: str, timestamp: str, params: Params) -> Params:
        """PatrolLogFormatter::getParametersForApi()."""
        return _remap(
            params,
            [
                (0, "4:number:curid"),
                (1, "5:number:previd"),
                (2, "6:bool:auto"),
                ("4::curid", "4:number:curid"),
                ("5::previd", "5:number:previd"),
                ("6::auto", "6:bool:auto"),
            ],
        )

    @staticmethod
    def _delete(action: str, timestamp: str, params: Params) -> Params:
        """DeleteLogFormatter::getParametersForApi()."""
        if action not in ("event", "revision"):
            if action == "restore" and ":assoc:count" in params:
                return {":assoc:count": params[":assoc:count"]}
            return {}
        raw = dict(params)
        if action == "event":  # array_unshift( $rawParams, 'logging' )
            shifted = {(k + 1 if isinstance(k, int) else k): v for k, v in raw.items()}
            raw = {0: "logging", **shifted}
        raw = _remap(
            raw,
            [
                (0, "4::type"),
                (1, "5::ids"),
                (2, "6::ofield"),
                (3, "7::nfield"),
                ("4::ids", "5::ids"),
                ("5::ofield", "6::ofield"),
                ("6::nfield", "7::nfield"),
            ],
        )
        ids = raw.get("5::ids", [])
        if not isinstance(ids, list):
            ids = str(ids).split(",")
        out: Params = {"::type": raw.get("4::type"), ":array:ids": ids}
        for source, target in (("6::ofield", ":assoc:old"), ("7::nfield", ":assoc:new")):
            if source in raw:
                bits = _bitfield(raw[source])
                out[target] = {"bitmask": bits, **{k: bool(bits & b) for b, k in DELETED_FIELDS}}
        return out

    @staticmethod
    def _rights(action: str, timestamp: str, params: Params) -> Params:
        """RightsLogFormatter::getParametersForApi()."""
        params = _remap(
            params,
            [
                (0, "4:array:oldgroups"),
                (1, "5:array:newgroups"),
                ("4::oldgroups", "4:array:oldgroups"),
                ("5::newgroups", "5:array:newgroups"),
            ],
        )
        for groups_key, meta_key in (
            ("4:array:oldgroups", "oldmetadata"),
            ("5:array:newgroups", "newmetadata"),
        ):
            if groups_key not in params:
                continue
            groups = _group_array(params[groups_key])
            params[groups_key] = groups
            metadata = params.pop(meta_key, None) or []
            entries = []
            for index, group in enumerate(groups):
                entry: dict[str, Any] = {"group": group}
                if index < len(metadata) and isinstance(metadata[index], dict):
                    entry.update(metadata[index])
                entry["expiry"] = api_expiry(entry.get("expiry"))
                entries.append(entry)
            params[meta_key] = entries
        return params


def _group_array(value: Any) -> list[str]:
    """RightsLogFormatter::makeGroupArray(): legacy comma-separated strings."""
    if value == "":
        return []
    if isinstance(value, str):
        return [g.strip() for g in value.split(",")]
    return list(value or [])


def _bitfield(value: Any) -> int:
    """DeleteLogFormatter::parseBitField(): legacy "ofield=N" strings too."""
    text = str(value)
    if "=" in text:
        text = text.split("=", 1)[1]
    try:
        return int(text)
    except ValueError:
        return 0


def _as_mw(value: Any) -> str:
    text = str(value)
    if text.isdigit() and len(text) < 14:  # a Unix time
        from datetime import UTC, datetime

        return timestamps.to_mw(datetime.fromtimestamp(int(text), UTC))
    return text


def _expiry_from(duration: str, log_ts: str) -> str | None:
    """strtotime( $duration, <log timestamp> ), or None when it does not parse."""
    from datetime import UTC, datetime

    from .strtotime import UnsupportedFormat, strtotime

    base = int(timestamps.from_mw(log_ts).timestamp())
    try:
        seconds = strtotime(duration, base)
    except UnsupportedFormat:
        return None
    if seconds is None or seconds <= 0:
        return None
    try:
        return timestamps.to_mw(datetime.fromtimestamp(seconds, UTC))
    except (OverflowError, OSError, ValueError):
        return None
