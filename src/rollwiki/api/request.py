"""One API request: raw parameters, validated extraction, result and warnings.

Mirrors the parts of ApiMain/ApiBase that hold per-request state (getVal tracking for
"Unrecognized parameter" warnings, extractRequestParams, addWarning).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..i18n.messages import Message, Plaintext
from ..services import timestamps
from ..services.wiki import RequestContext, Wiki
from .errors import ApiMessage, ApiUsageError, escape_wikitext
from .params import (
    Param,
    explode_multi,
    failure,
    type_failure,
    unrecognized_values_warning,
    validate_enum,
    validate_integer,
    validate_limit,
    validate_string,
)
from .result import ApiResult

if TYPE_CHECKING:
    from ..services.performer import Performer
    from .module import ApiModule


@dataclass(frozen=True)
class Upload:
    filename: str
    content: bytes
    content_type: str | None = None


@dataclass
class RequestParams:
    """The request's parameters after PHP-style parsing (WebRequest)."""

    values: dict[str, str | list[str]] = field(default_factory=dict)
    query_names: set[str] = field(default_factory=set)
    method: str = "GET"
    files: dict[str, Upload] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    bad_utf8: bool = False

    @property
    def was_posted(self) -> bool:
        return self.method == "POST"

    def get(self, name: str) -> str | None:
        """WebRequest::getVal(): marks the name used; arrays (``a[]=``) read as absent."""
        self.used.add(name)
        value = self.values.get(name)
        return value if isinstance(value, str) else None

    def has(self, name: str) -> bool:
        """WebRequest::getCheck(), as PresenceBooleanDef uses it."""
        self.used.add(name)
        return isinstance(self.values.get(name), str)

    def peek(self, name: str) -> str | None:
        value = self.values.get(name)
        return value if isinstance(value, str) else None

    def names(self) -> list[str]:
        return list(self.values)


def normalize_value(value: str) -> str:
    """WebRequest normalises every value to NFC."""
    return unicodedata.normalize("NFC", value)


class ApiRequest:
    """The state of one api.php request as modules see it."""

    def __init__(self, ctx: RequestContext, params: RequestParams) -> None:
        self.ctx = ctx
        self.params = params
        self.result = ApiResult()
        self.warnings: list[tuple[str, ApiMessage]] = []
        self.formatversion = 1
        self.errorformat = "bc"
        self.errorlang = ctx.lang
        self.module: type[ApiModule] | None = None
        self.module_path = "main"
        self.continuation: dict[str, str] = {}
        self.extra: dict[str, Any] = {}
        self._extracting: type[ApiModule] | None = None

    # -- shortcuts ------------------------------------------------------------------------

    @property
    def wiki(self) -> Wiki:
        return self.ctx.wiki

    @property
    def performer(self) -> Performer:
        return self.ctx.performer

    @property
    def lang(self) -> str:
        return self.ctx.lang

    def use_high_limits(self) -> bool:
        return self.performer.allowed("apihighlimits")

    # -- warnings ----------------------------------------------------------------------------

    def warn(self, msg: ApiMessage | Message | str, *params: Any, path: str | None = None) -> None:
        """ApiBase::addWarning(); duplicates of one module are dropped."""
        if isinstance(msg, str):
            msg = ApiMessage.of(msg, *params)
        elif isinstance(msg, Message):
            msg = ApiMessage.wrap(msg)
        entry = (path or self.module_path, msg)
        if entry not in self.warnings:
            self.warnings.append(entry)

    # -- parameters --------------------------------------------------------------------------

    def extract(
        self,
        module: type[ApiModule],
        *,
        path: str | None = None,
        prefix: str | None = None,
        parse_limit: bool = True,
    ) -> dict[str, Any]:
        """Mirrors ApiBase::extractRequestParams(): every parameter, in declared order.

        ``prefix`` replaces the module's own (a generator reads ``g`` + its prefix).  A
        limit given as "max" is reported under ``limits`` (ApiResult::addParsedLimit);
        with ``parse_limit=False`` a limit is returned unparsed ("max" or the raw text),
        as ApiQueryRevisions reads it.
        """
        saved, saved_module = self.module_path, self._extracting
        self.module_path = path or module.path()
        self._extracting = module
        pfx = module.prefix if prefix is None else prefix
        try:
            values: dict[str, Any] = {}
            for p in module.extraction_params(self):
                if p.type == "limit" and not parse_limit:
                    values[p.name] = self.params.get(pfx + p.name)
                    continue
                values[p.name] = self.param_value(pfx, p)
                if p.type == "limit" and self.params.peek(pfx + p.name) == "max":
                    self.add_parsed_limit(module.name, values[p.name])
            return values
        finally:
            self.module_path, self._extracting = saved, saved_module

    def add_parsed_limit(self, module_name: str, limit: int) -> None:
        """Mirrors ApiResult::addParsedLimit(): ``limits.<module>`` tells what "max" meant."""
        self.result.data.setdefault("limits", {})[module_name] = limit

    def add_deprecation(self, msg: ApiMessage, path: str | None = None) -> None:
        """Mirrors ApiBase::addDeprecation(): the module's warning plus main's mailing-list
        reference (code ``deprecation-help``)."""
        self.warn(msg, path=path)
        self.warn(ApiMessage.of("api-usage-mailinglist-ref", code="deprecation-help"), path="main")

    def param_value(self, prefix: str, p: Param) -> Any:
        """Mirrors ParamValidator::getValue() + validateValue() for one parameter."""
        name = prefix + p.name
        if p.type == "boolean":
            return self.params.has(name)
        if p.type == "upload":
            self.params.used.add(name)
            return self.params.files.get(name)
        raw = self.params.get(name)
        if raw is None:
            if p.default is None:
                if p.required:
                    raise failure(
                        "paramvalidator-missingparam", Plaintext(name), code="missingparam"
                    )
                return None
            raw = p.default if isinstance(p.default, str) else None
            if raw is None:
                return p.default
        else:
            if p.sensitive:
                self.extra.setdefault("sensitive", set()).add(name)
            if p.deprecated:
                self.add_deprecation(
                    ApiMessage(
                        Message(
                            "paramvalidator-param-deprecated", (Plaintext(name), Plaintext(raw))
                        ),
                        "deprecation",
                        {"feature": self._deprecation_feature(name)},
                    )
                )
                # ApiBase::addDeprecation() also points the client to the announcements list.
                self.warn(
                    ApiMessage.of("api-usage-mailinglist-ref", code="deprecation-help"),
                    path="main",
                )
        if not p.multi:
            if raw.startswith("\x1f"):
                raise failure(
                    "paramvalidator-notmulti", Plaintext(name), Plaintext(raw), code="badvalue"
                )
            return self.validate_one(p, name, raw)
        return self.validate_multi(p, name, raw)

    def _deprecation_feature(self, name: str) -> str:
        """The feature ApiParamValidator reports: "action=query&meta=tokens&type" style."""
        module = self._extracting
        path = self.module_path
        if module is None or path == "main":
            return name
        parts = path.split("+")
        if len(parts) == 1:
            group = "format" if module.group == "format" else "action"
            return f"{group}={parts[0]}&{name}"
        return f"action={parts[0]}&{module.group}={parts[-1]}&{name}"

    def validate_multi(self, p: Param, name: str, raw: str) -> list[Any]:
        low, high = p.limits()
        values = explode_multi(raw, high + 1)
        if p.type == "namespace" and values == ["*"]:
            # NamespaceDef forces PARAM_ALL for multi-valued namespace parameters.
            return [int(v) for v in self.namespace_values(p)]
        if p.all is not None and len(values) == 1 and values[0] == p.all and p.is_enum:
            return p.enum_values(self)
        size = high if (high > low and len(values) > low and self.use_high_limits()) else low
        if len(values) > size:
            raise ApiUsageError(
                ApiMessage(
                    Message("paramvalidator-toomanyvalues", (Plaintext(name), size)),
                    "toomanyvalues",
                    {"limit": size, "lowlimit": low, "highlimit": high},
                )
            )
        if p.type == "tags":
            self.validate_tags(values)
            return values if p.allow_duplicates else list(dict.fromkeys(values))
        valid: list[Any] = []
        invalid: list[str] = []
        for v in values:
            try:
                valid.append(self.validate_one(p, name, v))
            except ApiUsageError as exc:
                if exc.code != "badvalue" or not p.is_enum:
                    raise
                invalid.append(v)
        if invalid:
            self.warn(unrecognized_values_warning(name, raw, invalid))
        if not p.allow_duplicates:
            valid = list(dict.fromkeys(valid))
        return valid

    def validate_one(self, p: Param, name: str, value: str) -> Any:
        t = p.type
        if t in ("string", "text", "password", "raw"):
            return validate_string(p, name, value)
        if t == "title":
            return self.validate_title(p, name, validate_string(p, name, value))
        if t == "integer":
            return validate_integer(p, name, value, self)
        if t == "limit":
            return validate_limit(p, name, value, self)
        if t in ("enum", "submodule"):
            checked = validate_enum(p, name, value, p.enum_values(self))
            if checked in p.deprecated_values:
                # EnumDef: a deprecated value is accepted with a deprecation warning.
                self.add_deprecation(
                    ApiMessage(
                        Message(
                            "paramvalidator-deprecated-value", (Plaintext(name), Plaintext(value))
                        ),
                        "deprecation",
                    )
                )
            return checked
        if t == "namespace":
            return int(validate_enum(p, name, value, self.namespace_values(p)))
        if t == "tags":
            self.validate_tags([value])
            return value
        if t == "user":
            return self.validate_user(p, name, value)
        if t == "timestamp":
            return self.validate_timestamp(name, value)
        if t == "expiry":
            return self.validate_expiry(p, name, value)
        raise AssertionError(f"unknown parameter type {t}")

    def namespace_values(self, p: Param) -> list[str]:
        """NamespaceDef::getEnumValues(): real namespaces plus PARAM_EXTRA_NAMESPACES."""
        extra = [int(i) for i in p.extra.get("extra_namespaces", ())]
        ids = sorted({i for i in self.wiki.namespaces.ids() if i >= 0} | set(extra))
        return [str(i) for i in ids]

    def validate_user(self, p: Param, name: str, value: str) -> Any:
        """Mirrors UserDef::validate(): the canonical name, or baduser."""
        ref = self.wiki.usernames.resolve_user_param(value, p.user_types)
        if ref is None:
            raise type_failure("baduser", name, value)
        if ref.kind == "id":
            from ..storage.queries import users as uq

            row = self.wiki.db.read(lambda c: uq.user_by_id(c, ref.user_id or 0))
            return row["user_name"] if row else "Unknown user"
        return ref.name

    def validate_title(self, p: Param, name: str, value: str) -> str:
        """Mirrors TitleDef::validate(): the prefixed text; ``extra["must_exist"]`` checks it."""
        from ..services.titles import MalformedTitle

        try:
            title = self.wiki.titles.parse(value)
        except MalformedTitle:
            raise type_failure("badtitle", name, value) from None
        if p.extra.get("must_exist"):
            from ..storage.queries import pages as pq

            if (
                title.is_external
                or title.namespace < 0
                or not self.wiki.db.read(
                    lambda c: pq.page_by_title(c, title.namespace, title.dbkey)
                )
            ):
                raise type_failure("missingtitle", name, value)
        return self.wiki.titles.prefixed_text(title)

    def validate_timestamp(self, name: str, value: str) -> str:
        """Mirrors TimestampDef::validate(): any ConvertibleTimestamp format, as TS_MW."""
        parsed = timestamps.parse_api_timestamp(value)
        if parsed.warning:
            self.warn(
                ApiMessage(
                    Message(
                        f"paramvalidator-{parsed.warning}", (Plaintext(name), Plaintext(value))
                    ),
                    parsed.warning,
                )
            )
        if parsed.value is None:
            raise type_failure("badtimestamp", name, value)
        return timestamps.to_mw(parsed.value)

    def validate_expiry(self, p: Param, name: str, value: str) -> Any:
        """Mirrors ExpiryDef::validate(): a datetime or "infinity"; clamped to PARAM_MAX."""
        try:
            expiry = timestamps.parse_expiry(value)
        except timestamps.ExpiryError as exc:
            raise type_failure(exc.kind, name, value) from None
        if p.expiry_max and expiry != "infinity":
            clamped, was_clamped = timestamps.clamp_expiry(expiry, p.expiry_max)
            if was_clamped:
                self.warn(
                    ApiMessage(
                        Message(
                            "paramvalidator-badexpiry-duration-max",
                            (Plaintext(name), Plaintext(value), Plaintext(p.expiry_max)),
                        ),
                        "badexpiry-duration-max",
                    )
                )
                expiry = clamped
        return expiry

    def validate_tags(self, tags: list[str]) -> None:
        """Mirrors TagsDef::validate() (ChangeTags::canAddTagsAccompanyingChange, no user)."""
        allowed = set(self.applicable_tags())
        bad = [t for t in tags if t not in allowed]
        if bad:
            key = "tags-apply-not-allowed-multi" if len(bad) > 1 else "tags-apply-not-allowed-one"
            joined = self.wiki.formatter(self.lang)._sep("comma-separator").join(bad)
            raise ApiUsageError(
                ApiMessage(Message(key, (joined, len(bad))), "badtags", {"disallowedtags": bad})
            )

    def applicable_tags(self) -> list[str]:
        """ChangeTags::listExplicitlyDefinedTags(), cached per request."""
        cached = self.extra.get("applicable_tags")
        if cached is None:
            from ..storage.queries import tags as tq

            cached = self.wiki.db.read(tq.explicitly_defined_tags)
            self.extra["applicable_tags"] = cached
        return list(cached)

    # -- helpers for modules ---------------------------------------------------------------

    def escape(self, text: str) -> str:
        return escape_wikitext(text)

    def require_one_of(self, values: dict[str, Any], *names: str, prefix: str = "") -> str:
        """Mirrors ApiBase::requireOnlyOneParameter(): exactly one of the names is set."""
        present = [n for n in names if values.get(n) is not None and values.get(n) is not False]
        full = [f"<var>{prefix}{n}</var>" for n in names]
        if len(present) > 1:
            from ..i18n.messages import ListParam

            shown = [f"<var>{prefix}{n}</var>" for n in present]
            raise ApiUsageError(
                ApiMessage.of(
                    "apierror-invalidparammix", ListParam(tuple(shown), "text"), len(shown)
                )
            )
        if not present:
            from ..i18n.messages import ListParam

            raise ApiUsageError(
                ApiMessage.of(
                    "apierror-missingparam-one-of",
                    ListParam(tuple(full), "text"),
                    len(full),
                    code="missingparam",
                )
            )
        return present[0]
