"""What a parameter's declaration says, for machines and for people (Mirrors
ParamValidator::getParamInfo() / getHelpInfo() and those of every TypeDef, as
ApiParamValidator presents them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...i18n.messages import ListParam, Message, Num, Plaintext
from ..module import ApiModule
from ..params import MULTI_LIMIT1, MULTI_LIMIT2, Param
from .docs import HelpMsg, enum_values
from .tree import module_flags, natural_key, submodule_map

if TYPE_CHECKING:
    from ..request import ApiRequest

# ExpiryDef::INFINITY_VALS
INFINITY_VALUES = ("infinite", "indefinite", "infinity", "never")
_ENUM_TYPES = ("enum", "tags", "submodule", "namespace")


def _default(p: Param) -> Any:
    """PARAM_DEFAULT as MediaWiki declares it: integers are ints, false booleans absent."""
    if p.type == "boolean" or p.default is None or p.default is False:
        return None
    if p.type in ("integer", "limit", "namespace") and isinstance(p.default, str):
        text = p.default.strip()
        if text.lstrip("-").isdigit():
            return int(text)
    if isinstance(p.default, list | tuple):
        return "|".join(str(v) for v in p.default)
    return p.default


def sorted_enum(module: type[ApiModule], p: Param, values: list[str]) -> list[str]:
    """EnumDef::sortEnumValues(): deprecated values last, natural order otherwise."""
    return sorted(values, key=lambda v: (1 if v in p.deprecated_values else 0, natural_key(v)))


def _limits(p: Param) -> tuple[int, int]:
    low = p.multi_limit1 or MULTI_LIMIT1
    return low, max(low, p.multi_limit2 or MULTI_LIMIT2)


def param_info(module: type[ApiModule], p: Param, req: ApiRequest) -> dict[str, Any]:
    """ParamValidator::getParamInfo() + the TypeDef's (the keys action=paraminfo shows)."""
    info: dict[str, Any] = {"type": p.type, "required": p.required}
    if p.deprecated:
        info["deprecated"] = True
    if p.sensitive:
        info["sensitive"] = True
    default = _default(p)
    if default is not None:
        info["default"] = default
    info["multi"] = p.multi
    if p.multi:
        low, high = _limits(p)
        info["lowlimit"] = low
        info["highlimit"] = high
        info["limit"] = high if high > low and req.use_high_limits() else low
        if p.allow_duplicates:
            info["allowsduplicates"] = True
        if p.all is not None:
            info["allspecifier"] = p.all
    info.update(_type_info(module, p, req))
    if p.name == "token" and module.token_type:
        info["tokentype"] = module.token_type
    return {k: v for k, v in info.items() if v is not None}


def _type_info(module: type[ApiModule], p: Param, req: ApiRequest) -> dict[str, Any]:
    t = p.type
    if p.is_submodule:
        return _submodule_info(module, p, req)
    if t in ("integer", "limit"):
        highmax = p.max2 if p.max2 is not None else p.max
        out: dict[str, Any] = {"min": p.min, "max": p.max}
        if p.max is not None and highmax is not None and highmax > p.max:
            out["highmax"] = highmax
        return out
    if t in ("string", "text", "password", "raw", "user", "title"):
        out = {"maxbytes": p.max_bytes, "maxchars": p.max_chars}
        if t == "user":
            out["subtypes"] = list(p.user_types)
        if t == "title":
            out["mustExist"] = bool(p.extra.get("must_exist", False))
        return out
    if t == "namespace":
        return {"type": "namespace"}
    if t in ("enum", "tags"):
        values = enum_values(module, p, req)
        out = {"type": sorted_enum(module, p, values)}
        deprecated = [v for v in values if v in p.deprecated_values]
        if deprecated:
            out["deprecatedvalues"] = sorted_enum(module, p, deprecated)
        return out
    return {}


def _submodule_info(module: type[ApiModule], p: Param, req: ApiRequest) -> dict[str, Any]:
    """SubmoduleDef::getParamInfo(): names, the value -> path map, flags."""
    mapping = submodule_map(module, p, req)
    order = sorted(mapping, key=lambda v: (module_flags(mapping[v]), v))
    out: dict[str, Any] = {"type": order, "submodules": {v: mapping[v] for v in order}}
    if p.submodule_param_prefix:
        out["submoduleparamprefix"] = p.submodule_param_prefix
    deprecated = sorted(v for v in order if module_flags(mapping[v]) & 1)
    internal = sorted(v for v in order if module_flags(mapping[v]) & 2)
    if deprecated:
        out["deprecatedvalues"] = deprecated
    if internal:
        out["internalvalues"] = internal
    return out


# -- human-readable ----------------------------------------------------------------------------


def _msg(key: str, *params: Any) -> HelpMsg:
    """ApiParamValidator::getHelpInfo(): paramvalidator-help-X reads api-help-param-X first."""
    if key.startswith("paramvalidator-help-"):
        return HelpMsg(("api-help-param-" + key[20:], key), params)
    return HelpMsg((key,), params)


def _enum_values_for_help(module: type[ApiModule], p: Param, req: ApiRequest) -> list[str]:
    if not p.is_submodule:
        return sorted_enum(module, p, enum_values(module, p, req))
    entries: list[tuple[int, list[object], str]] = []
    for value, path in submodule_map(module, p, req).items():
        flags = module_flags(path)
        css = ["apihelp-deprecated-value"] if flags & 1 else []
        css += ["apihelp-internal-value"] if flags & 2 else []
        attrs = ' class="' + " ".join(css) + '"' if css else ""
        span = f'<span dir="ltr" lang="en"{attrs}>{value}</span>'
        entries.append((flags, natural_key(span), f"[[Special:ApiHelp/{path}|{span}]]"))
    entries.sort(key=lambda e: (e[0], e[1]))
    return [link for _, _, link in entries]


def help_info(module: type[ApiModule], p: Param, req: ApiRequest) -> list[HelpMsg]:
    """ParamValidator::getHelpInfo() in ApiHelp's order (deprecation is shown apart).

    Returns the "required" line first, then the type documentation, then the default.
    """
    multi = 2 if p.multi else 1
    info: dict[str, HelpMsg | None] = {
        "required": _msg("paramvalidator-help-required") if p.required else None,
        "type": None,
        "multi": None,
        "limit": None,
        "all": None,
    }
    values: list[str] | None = None
    if p.type in _ENUM_TYPES:
        values = _enum_values_for_help(module, p, req)
    if p.multi:
        info["multi"] = _msg("paramvalidator-help-multi-separate")
        low, high = _limits(p)
        if values is None or len(values) > low or p.allow_duplicates:
            if high > low:
                info["limit"] = _msg("paramvalidator-help-multi-max", Num(low), Num(high))
            else:
                info["limit"] = _msg("paramvalidator-help-multi-max-simple", Num(low))
        if p.all is not None:
            info["all"] = _msg("paramvalidator-help-multi-all", Plaintext(p.all))
    info.update(_type_help(p, values, multi, req))
    default = _default(p)
    if default is not None:
        text = str(default)
        info["default"] = (
            _msg("paramvalidator-help-default-empty")
            if text == ""
            else _msg("paramvalidator-help-default", Plaintext(text))
        )
    return [m for m in info.values() if m is not None]


def _type_help(
    p: Param, values: list[str] | None, multi: int, req: ApiRequest
) -> dict[str, HelpMsg | None]:
    t = p.type
    out: dict[str, HelpMsg | None] = {}
    if values is not None:
        if "" in values:
            rest = [v for v in values if v != ""]
            listed: Any = Message(
                "paramvalidator-help-type-enum-can-be-empty",
                (ListParam(tuple(rest), "comma"), Num(len(rest))),
            )
        else:
            listed = ListParam(tuple(values), "comma")
        out["type"] = _msg("paramvalidator-help-type-enum", multi, listed, Num(len(values)))
        out["multi"] = None
    elif t == "integer":
        out["type"] = _msg("paramvalidator-help-type-integer", multi)
    elif t == "limit":
        out["type"] = _msg("paramvalidator-help-type-limit", 1)
    elif t == "boolean":
        out["type"] = _msg("paramvalidator-help-type-presenceboolean", 1)
    elif t == "timestamp":
        out["type"] = _msg("paramvalidator-help-type-timestamp", multi)
    elif t == "expiry":
        quoted = ListParam(tuple(f'"{v}"' for v in INFINITY_VALUES), "text")
        out["type"] = _msg("paramvalidator-help-type-expiry", multi, quoted)
    elif t == "upload":
        out["type"] = _msg("paramvalidator-help-type-upload")
    elif t == "title":
        out["type"] = _msg("paramvalidator-help-type-title")
        exists = bool(p.extra.get("must_exist", False))
        suffix = "must-exist" if exists else "no-must-exist"
        out["mustexist"] = _msg(f"paramvalidator-help-type-title-{suffix}")
    elif t == "user":
        subtypes = tuple(
            Message(f"paramvalidator-help-type-user-subtype-{st}") for st in p.user_types
        )
        out["type"] = _msg(
            "paramvalidator-help-type-user", multi, ListParam(subtypes, "text"), Num(len(subtypes))
        )
    if t in ("integer", "limit"):
        out["range"] = _range_help(p, multi, req)
    if t in ("string", "text", "password", "raw"):
        if p.max_bytes is not None:
            out["maxbytes"] = _msg("paramvalidator-help-type-string-maxbytes", Num(p.max_bytes))
        if p.max_chars is not None:
            out["maxchars"] = _msg("paramvalidator-help-type-string-maxchars", Num(p.max_chars))
    return out


def _range_help(p: Param, multi: int, req: ApiRequest) -> HelpMsg | None:
    """NumericDef::getHelpInfo(): "The value must be between $2 and $3."."""
    which = ""
    low: Any = "\u2212\u221e"
    high: Any = "\u221e"
    if p.min is not None:
        which += "min"
        low = Num(p.min)
    if p.max is not None:
        which += "max"
        top = p.max
        if p.max2 is not None and p.max2 > p.max and req.use_high_limits():
            top = p.max2
        high = Num(top)
    if not which:
        return None
    return _msg(f"paramvalidator-help-type-number-{which}", multi, low, high)
