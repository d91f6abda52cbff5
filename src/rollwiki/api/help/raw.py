"""The printer of action=help without ``wrap`` (Mirrors ApiFormatRaw): the result's
``text`` is the body, served with the result's ``mime`` type."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..formats import FormatModule, Rendered

if TYPE_CHECKING:
    from ..request import ApiRequest


class RawPrinter(FormatModule):
    """Not a ``format=`` value: modules return it from ``custom_printer()``."""

    classname = "ApiFormatRaw"

    def render(self, data: dict[str, Any], req: ApiRequest, fp: dict[str, Any]) -> Rendered:
        mime = str(data.get("mime", "text/plain"))
        return Rendered(str(data.get("text", "")).encode("utf-8"), f"{mime}; charset=utf-8")
