"""Help messages of a module and its parameters (Mirrors the help-message generation of
ApiBase: getFinalDescription(), getFinalParamDescription(), getHelpFlags(),
getExamplesMessages(), and ApiHelpParamValueMessage).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...i18n.messages import Formatter, Message, _raw_param, lookup
from ..module import ApiModule
from ..params import Param
from .tree import is_main, module_flags, module_name, resolve_path, submodule_map

if TYPE_CHECKING:
    from ..request import ApiRequest

# ApiBase::getModuleSourceInfo() for core modules.
SOURCE_NAME = "MediaWiki"
LICENSE_NAME = "GPL-2.0-or-later"


@dataclass(frozen=True)
class HelpMsg:
    """One help message: fallback keys, parameters, and for documented values the value.

    Mirrors Message with a key list (the first existing key wins) and
    ApiHelpParamValueMessage (``forvalue``), which renders as a definition-list item.
    """

    keys: tuple[str, ...]
    params: tuple[Any, ...] = ()
    forvalue: str | None = None
    deprecated: bool = False
    internal: bool = False

    @classmethod
    def make(cls, msg: str | Message, *extra: Any) -> HelpMsg:
        """ApiBase::makeMessage(): a key or Message, with the standard params appended."""
        if isinstance(msg, Message):
            return cls((msg.key,), tuple(msg.params) + extra)
        return cls((msg,), extra)

    def key_for(self, lang: str) -> str | None:
        return next((k for k in self.keys if lookup(lang, k) is not None), None)

    def is_disabled(self, lang: str) -> bool:
        """Message::isDisabled(): missing, empty or "-"."""
        key = self.key_for(lang)
        return key is None or (lookup(lang, key) or "") in ("", "-")

    def text(self, formatter: Formatter) -> str:
        """The message's wikitext (Message::text())."""
        key = self.key_for(formatter.lang)
        body = formatter.text(Message(key, self.params)) if key else f"\u29fc{self.keys[0]}\u29fd"
        if self.forvalue is None:
            return body
        prefix = ""
        for flag, label in ((self.deprecated, "deprecated"), (self.internal, "internal")):
            if flag:
                text = lookup(formatter.lang, f"api-help-param-{label}") or ""
                space = lookup(formatter.lang, "word-separator") or " "
                prefix += f'<span class="apihelp-{label}">{text}</span>{space}'
        return f';<span dir="ltr" lang="en">{self.forvalue}</span>:{prefix}{body}'

    def raw(self) -> dict[str, Any]:
        """helpformat=raw: key, params and the documented value."""
        out: dict[str, Any] = {"key": self.keys[0], "params": [_raw_param(p) for p in self.params]}
        if self.forvalue is not None:
            out["forvalue"] = self.forvalue
        return out


def _standard(module: type[ApiModule]) -> tuple[str, str, str]:
    return (module.prefix, module_name(module), module.path())


def summary(module: type[ApiModule]) -> HelpMsg:
    """ApiBase::getFinalSummary()."""
    return HelpMsg((f"apihelp-{module.path()}-summary",), _standard(module))


def description(module: type[ApiModule]) -> list[HelpMsg]:
    """ApiBase::getFinalDescription(): the summary and the extended description."""
    extended = HelpMsg(
        (f"apihelp-{module.path()}-extended-description", "api-help-no-extended-description"),
        _standard(module),
    )
    return [summary(module), extended]


def examples(module: type[ApiModule]) -> list[tuple[str, HelpMsg]]:
    """ApiBase::getExamplesMessages() with makeMessage() applied."""
    return [(query, HelpMsg.make(msg, *_standard(module))) for query, msg in module.examples]


def help_flags(module: type[ApiModule], req: ApiRequest) -> list[str]:
    """ApiBase::getHelpFlags() (+ "generator" for ApiQueryGeneratorBase modules)."""
    flags: list[str] = []
    if module.deprecated:
        flags.append("deprecated")
    if module.internal:
        flags.append("internal")
    if module.is_read_mode(req):
        flags.append("readrights")
    if module.is_write:
        flags.append("writerights")
    if module.must_be_posted:
        flags.append("mustbeposted")
    if module.generator:
        flags.append("generator")
    return flags


def enum_values(module: type[ApiModule], p: Param, req: ApiRequest) -> list[str]:
    """The values a parameter documents, in declared order (ParamValidator::PARAM_TYPE)."""
    if p.is_submodule:
        return list(submodule_map(module, p, req))
    if p.type == "tags":
        return req.applicable_tags()
    if p.type == "namespace":
        return [str(i) for i in sorted(req.wiki.namespaces.ids()) if i >= 0]
    return p.enum_values(req)


def _submodule_values(module: type[ApiModule], p: Param, req: ApiRequest) -> list[HelpMsg]:
    entries: list[tuple[int, str, HelpMsg]] = []
    for value, path in submodule_map(module, p, req).items():
        try:
            sub = resolve_path(path)
        except Exception:
            msg = HelpMsg(("api-help-undocumented-module",), (path,))
            entries.append((0, value, msg))
            continue
        base = summary(sub)
        msg = HelpMsg(
            base.keys,
            base.params,
            forvalue=f"[[Special:ApiHelp/{path}|{value}]]",
            deprecated=sub.deprecated,
            internal=sub.internal,
        )
        entries.append((module_flags(path), value, msg))
    entries.sort(key=lambda e: (e[0], e[1]))
    return [msg for _, _, msg in entries]


def param_descriptions(
    module: type[ApiModule], params: tuple[Param, ...], req: ApiRequest
) -> dict[str, list[HelpMsg]]:
    """ApiBase::getFinalParamDescription()."""
    prefix = module.prefix
    name = module_name(module)
    path = module.path()
    out: dict[str, list[HelpMsg]] = {}
    for p in params:
        key = p.help if p.help is not None else f"apihelp-{path}-param-{p.name}"
        msgs = [HelpMsg.make(key, prefix, p.name, name, path)]
        if p.is_submodule:
            if p.submodule_map is None:
                # 1.39 reuses $prefix here, so every later parameter of the module gets
                # "<path>+" as its $1 (visible as "query+export" in action=query's help).
                prefix = "" if is_main(module) else path + "+"
            msgs.extend(_submodule_values(module, p, req))
        elif p.help_per_value is not None:
            for value in p.enum_values(req):
                per_value = p.help_per_value.get(
                    value, f"apihelp-{path}-paramvalue-{p.name}-{value}"
                )
                base = HelpMsg.make(per_value, prefix, p.name, name, path, value)
                msgs.append(
                    HelpMsg(
                        (base.keys[0], "api-help-param-no-description"),
                        base.params,
                        forvalue=value,
                        deprecated=value in p.deprecated_values,
                    )
                )
        for extra in p.help_extra:
            msgs.append(HelpMsg.make(extra, prefix, p.name, name, path))
        out[p.name] = msgs
    return out


def dynamic_parameters(module: type[ApiModule]) -> HelpMsg | None:
    """ApiBase::dynamicParameterDocumentation(): modules may name a message key."""
    key = getattr(module, "dynamic_parameters_help", None)
    if not key:
        return None
    return HelpMsg.make(key, *_standard(module))
