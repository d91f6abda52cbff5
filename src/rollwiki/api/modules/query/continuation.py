"""Continuation of action=query (Mirrors ApiContinuationManager).

The ``continue`` parameter is ``<generator params>||<finished modules>``: the generator's
own continuation parameter names (or ``-`` when the generator is done) and the modules
that have nothing more to give in this batch.  Modules record where to resume with
:meth:`add_continue_param`; the manager turns that into ``continue`` (or the legacy
``query-continue`` with ``rawcontinue``) and ``batchcomplete``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ...errors import ApiMessage, ApiUsageError
from ...request import RequestParams


def _joined(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "|".join(str(v) for v in value)
    return str(value)


class ContinuationManager:
    """Which modules run in this batch and where each stopped."""

    def __init__(
        self,
        params: RequestParams,
        all_modules: Sequence[str],
        generated_modules: Iterable[str] = (),
    ) -> None:
        self.generated = list(dict.fromkeys(generated_modules))
        self.generator_done = False
        self.generator_params: dict[str, str] = {}
        self.continuation: dict[str, dict[str, str]] = {}
        self.generator_continuation: dict[str, dict[str, str]] = {}
        self.generator_non_continuation: dict[str, dict[str, str]] = {}
        # The module currently running as the generator (its set_continue goes to the
        # generator's data and its parameter names carry the "g" prefix).
        self.generator_running: str | None = None
        skip: list[str] = []
        raw = params.get("continue") or ""
        if raw != "":
            parts = raw.split("||")
            if len(parts) != 2:
                raise ApiUsageError(ApiMessage.of("apierror-badcontinue"), module_path="main")
            self.generator_done = parts[0] == "-"
            skip = parts[1].split("|")
            if not self.generator_done:
                wanted = parts[0].split("|")
                self.generator_params = {
                    name: value
                    for name, value in params.values.items()
                    if name in wanted and isinstance(value, str)
                }
            else:
                # A finished generator means the modules that depend on it are done too.
                skip += self.generated
        self.modules: dict[str, bool] = {name: name not in skip for name in all_modules}

    def run_modules(self) -> list[str]:
        """Mirrors getRunModules(): the modules not finished in an earlier batch."""
        return [name for name, run in self.modules.items() if run]

    def skipped_modules(self) -> list[str]:
        return [name for name, run in self.modules.items() if not run]

    def add_continue_param(self, module: str, param: str, value: Any) -> None:
        """Mirrors addContinueParam(); ``param`` is already prefixed."""
        if module not in self.modules:
            raise ValueError(f"module {module} is not part of this query")
        if not self.modules[module]:
            raise ValueError(f"module {module} was not supposed to run")
        self.continuation.setdefault(module, {})[param] = _joined(value)

    def add_generator_continue_param(self, module: str, param: str, value: Any) -> None:
        self.generator_continuation.setdefault(module, {})[param] = _joined(value)

    def add_generator_non_continue_param(self, module: str, param: str, value: Any) -> None:
        self.generator_non_continuation.setdefault(module, {})[param] = _joined(value)

    def raw_continuation(self) -> dict[str, dict[str, str]]:
        """Mirrors getRawContinuation() (array_merge_recursive of both kinds)."""
        merged: dict[str, dict[str, str]] = {k: dict(v) for k, v in self.continuation.items()}
        for module, kvp in self.generator_continuation.items():
            merged.setdefault(module, {}).update(kvp)
        return merged

    def raw_non_continuation(self) -> dict[str, dict[str, str]]:
        return {k: dict(v) for k, v in self.generator_non_continuation.items()}

    def continuation_data(self) -> tuple[dict[str, str], bool]:
        """Mirrors getContinuation(): the ``continue`` object and whether the batch is
        complete."""
        data: dict[str, str] = {}
        batchcomplete = False
        finished = [name for name in self.modules if name not in self.continuation]
        for module, kvp in self.continuation.items():
            if module not in self.generated:
                _add_missing(data, kvp)
        generated_data = {m: kvp for m, kvp in self.continuation.items() if m in self.generated}
        if generated_data:
            # Some generated modules are unfinished: resume them on the same pages.
            for kvp in generated_data.values():
                _add_missing(data, kvp)
            generator_params: dict[str, str] = {}
            for kvp in self.generator_non_continuation.values():
                _add_missing(generator_params, kvp)
            _add_missing(generator_params, self.generator_params)
            _add_missing(data, generator_params)
            generator_keys = "|".join(generator_params)
        elif self.generator_continuation:
            # The pages are done; move the generator on and restart the generated modules.
            generator_params = {}
            for kvp in self.generator_continuation.values():
                _add_missing(generator_params, kvp)
            _add_missing(data, generator_params)
            finished = [name for name in finished if name not in self.generated]
            generator_keys = "|".join(generator_params)
            batchcomplete = True
        else:
            generator_keys = "-"
            batchcomplete = True
        if data or generator_keys != "-":
            data["continue"] = f"{generator_keys}||" + "|".join(finished)
        return data, batchcomplete


def _add_missing(target: dict[str, str], source: dict[str, str]) -> None:
    """PHP's ``$a += $b``: keys already present win."""
    for key, value in source.items():
        target.setdefault(key, value)
