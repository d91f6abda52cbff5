"""Parameter declarations and their validation (Mirrors ParamValidator and its TypeDefs).

Each module declares its parameters once, as a tuple of :class:`Param`.  The same
declaration drives validation here, ``action=help`` and ``action=paraminfo``.  Values
are validated in declared order and the first failure wins, with MediaWiki's message
keys, codes and texts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol

from ..i18n.messages import ListParam, Message, Num, Plaintext
from .errors import ApiMessage, ApiUsageError

if TYPE_CHECKING:
    from .request import ApiRequest

TypeName = Literal[
    "string",
    "text",
    "password",
    "raw",
    "integer",
    "limit",
    "boolean",
    "user",
    "title",
    "timestamp",
    "expiry",
    "namespace",
    "tags",
    "upload",
    "enum",
    "submodule",
]

EnumSource = Sequence[str] | Callable[["ApiRequest"], Sequence[str]]

MULTI_LIMIT1 = 50
MULTI_LIMIT2 = 500


@dataclass(frozen=True)
class Param:
    """One declared parameter (Mirrors the settings array of ApiBase::getAllowedParams())."""

    name: str
    type: TypeName = "string"
    required: bool = False
    default: Any = None
    multi: bool = False
    values: EnumSource | None = None  # enum/submodule values; static or per-request
    min: int | None = None
    max: int | None = None
    max2: int | None = None  # the apihighlimits maximum
    # Out-of-range integers are clamped with a warning, as ApiParamValidator::normalizeSettings()
    # makes every API parameter PARAM_IGNORE_RANGE unless it sets PARAM_RANGE_ENFORCE.
    ignore_range: bool = True
    multi_limit1: int | None = None
    multi_limit2: int | None = None
    all: str | None = None  # "*" (allspecifier)
    allow_duplicates: bool = False
    sensitive: bool = False
    deprecated: bool = False
    deprecated_values: frozenset[str] = frozenset()
    user_types: tuple[str, ...] = ("name", "ip", "interwiki", "id")
    max_bytes: int | None = None
    max_chars: int | None = None
    expiry_max: str | None = None  # ExpiryDef::PARAM_MAX ("6 months" for watchlists)
    token_type: str | None = None
    help: str | Message | None = None  # message (key); default apihelp-<path>-param-<name>
    # PARAM_HELP_MSG_PER_VALUE: {} documents every value with apihelp-<path>-paramvalue-...
    help_per_value: dict[str, str] | None = None
    help_extra: tuple[str, ...] = ()  # PARAM_HELP_MSG_APPEND message keys
    submodule_param_prefix: str = ""
    submodule_map: Callable[[ApiRequest], dict[str, str]] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_submodule(self) -> bool:
        """Documented as a submodule choice (SubmoduleDef), even when validated as a string
        (action=query's generator)."""
        return self.type == "submodule" or self.submodule_map is not None

    @property
    def is_enum(self) -> bool:
        return self.values is not None and self.type in ("enum", "submodule", "tags")

    def enum_values(self, req: ApiRequest | None) -> list[str]:
        if self.values is None:
            return []
        if callable(self.values):
            if req is None:
                raise ValueError(f"parameter {self.name} needs a request for its values")
            return list(self.values(req))
        return list(self.values)

    def limits(self) -> tuple[int, int]:
        low = self.multi_limit1 or MULTI_LIMIT1
        high = max(low, self.multi_limit2 or MULTI_LIMIT2)
        return low, high


def enum(name: str, values: EnumSource, **kw: Any) -> Param:
    return Param(name, "enum", values=values, **kw)


def direction(name: str = "dir") -> Param:
    """The listing direction parameter (newer/older, default older) with its shared help."""
    return Param(
        name,
        "enum",
        values=("newer", "older"),
        default="older",
        help="api-help-param-direction",
        help_per_value={
            "newer": "api-help-paramvalue-direction-newer",
            "older": "api-help-paramvalue-direction-older",
        },
    )


class ValidationHooks(Protocol):
    """What validation needs from the wiki (ApiParamValidatorCallbacks + the services)."""

    def use_high_limits(self) -> bool: ...

    def warn(self, msg: ApiMessage) -> None: ...


def failure(key: str, *params: Any, code: str, data: dict[str, Any] | None = None) -> ApiUsageError:
    return ApiUsageError(ApiMessage(Message(key, tuple(params)), code, dict(data or {})))


def type_failure(kind: str, name: str, value: str, *extra: Any, suffix: str = "") -> ApiUsageError:
    """TypeDef::failure(): key paramvalidator-<kind>[-suffix], params (name, value, ...)."""
    key = f"paramvalidator-{kind}" + (f"-{suffix}" if suffix else "")
    return failure(key, Plaintext(name), Plaintext(value), *extra, code=kind)


MULTI_SEPARATOR = "\x1f"


def explode_multi(value: str, limit: int) -> list[str]:
    """ParamValidator::explodeMultiValue(): split on | or, with a leading U+001F, on U+001F."""
    if value == "" or value == MULTI_SEPARATOR:
        return []
    if value.startswith(MULTI_SEPARATOR):
        sep = MULTI_SEPARATOR
        value = value[1:]
    else:
        sep = "|"
    # PHP's explode() with a limit keeps the remainder in the last element, which is
    # what makes the toomanyvalues count check work on huge inputs.
    return value.split(sep, limit - 1) if limit > 0 else value.split(sep)


_INT_RE = re.compile(r"^[+-]?\d+$")
PHP_INT_MAX = 2**63 - 1


def validate_integer(p: Param, name: str, value: str, hooks: ValidationHooks) -> int:
    """Mirrors IntegerDef::validate() and NumericDef::checkRange()."""
    if not _INT_RE.match(value):
        raise type_failure("badinteger", name, value)
    number = int(value)
    if number > PHP_INT_MAX or number < -PHP_INT_MAX - 1:
        raise type_failure("badinteger", name, value)
    return check_range(p, name, value, number, hooks)


def check_range(p: Param, name: str, orig: str, number: int, hooks: ValidationHooks) -> int:
    low, max1 = p.min, p.max
    max2 = p.max2 if p.max2 is not None else max1
    err = False
    if low is not None and number < low:
        err, number = True, low
    elif max1 is not None and number > max1:
        if max2 is not None and max2 > max1 and hooks.use_high_limits():
            if number > max2:
                err, number = True, max2
        else:
            err, number = True, max1
    if err:
        what = ("min" if low is not None else "") + ("max" if max1 is not None else "")
        cur = (
            max2
            if (max2 is not None and max1 is not None and max2 > max1 and hooks.use_high_limits())
            else max1
        )
        msg = ApiMessage(
            Message(
                f"paramvalidator-outofrange-{what}",
                (
                    Plaintext(name),
                    Plaintext(orig),
                    Num(low) if low is not None else "",
                    Num(cur) if cur is not None else "",
                ),
            ),
            "outofrange",
            {"min": low, "curmax": cur, "max": max1, "highmax": max2},
        )
        if p.ignore_range:
            hooks.warn(msg)
        else:
            raise ApiUsageError(msg)
    return number


def validate_limit(p: Param, name: str, value: str, hooks: ValidationHooks) -> int:
    """Mirrors LimitDef::validate(): "max" means the (high) maximum."""
    if value == "max":
        if hooks.use_high_limits() and p.max2 is not None:
            return p.max2
        return p.max if p.max is not None else PHP_INT_MAX
    return validate_integer(p, name, value, hooks)


def validate_string(p: Param, name: str, value: str) -> str:
    """Mirrors StringDef::validate(): required-but-empty is missing; byte/char limits."""
    if p.required and value == "":
        raise failure("paramvalidator-missingparam", Plaintext(name), code="missingparam")
    if p.max_bytes is not None and len(value.encode("utf-8")) > p.max_bytes:
        raise type_failure(
            "maxbytes", name, value, Num(p.max_bytes), Num(len(value.encode("utf-8")))
        )
    if p.max_chars is not None and len(value) > p.max_chars:
        raise type_failure("maxchars", name, value, Num(p.max_chars), Num(len(value)))
    return value


def validate_enum(p: Param, name: str, value: str, allowed: Sequence[str]) -> str:
    """Mirrors EnumDef::validate()."""
    if value in allowed:
        return value
    key = "paramvalidator-badvalue-enummulti" if p.multi else "paramvalidator-badvalue-enumnotmulti"
    raise failure(
        key,
        Plaintext(name),
        Plaintext(value),
        ListParam(tuple(Plaintext(v) for v in allowed), "comma"),
        Num(len(allowed)),
        code="badvalue",
    )


def unrecognized_values_warning(name: str, raw: str, bad: list[str]) -> ApiMessage:
    return ApiMessage(
        Message(
            "paramvalidator-unrecognizedvalues",
            (
                Plaintext(name),
                Plaintext(raw),
                ListParam(tuple(Plaintext(v) for v in bad), "comma"),
                Num(len(bad)),
            ),
        ),
        "unrecognizedvalues",
        {"values": bad},
    )
