"""The base of query submodules (Mirrors ApiQueryBase / ApiQueryGeneratorBase)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...module import ApiModule

if TYPE_CHECKING:
    from ...request import ApiRequest


class QuerySubmodule(ApiModule):
    """A prop/list/meta module run by action=query.

    ``execute(req, params)`` adds its output under ``query``: list and meta modules with
    ``self.output(req)`` / ``req.result.container("query")[name] = ...``.  When more results
    exist, call ``self.set_continue(req, "continue", value)`` (unprefixed parameter name);
    action=query turns that into ``continue``/``query-continue`` as MediaWiki does.
    """

    def output(self, req: ApiRequest) -> dict[str, Any]:
        return req.result.container("query")

    @classmethod
    def set_continue(cls, req: ApiRequest, param: str, value: Any) -> None:
        """Mirrors ApiQueryBase::setContinueEnumParameter()."""
        data: dict[str, dict[str, str]] = req.extra.setdefault("query_continue", {})
        data.setdefault(cls.name, {})[cls.prefix + param] = str(value)
