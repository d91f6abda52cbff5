"""meta=tokens (Mirrors ApiQueryTokens)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ....services.tokens import TOKEN_TYPES
from ...params import Param
from .base import QuerySubmodule

if TYPE_CHECKING:
    from ...request import ApiRequest


class TokensModule(QuerySubmodule):
    name = "tokens"
    group = "meta"
    classname = "ApiQueryTokens"
    is_read = False
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Tokens",)
    examples = (
        ("action=query&meta=tokens", "apihelp-query+tokens-example-simple"),
        ("action=query&meta=tokens&type=watch|patrol", "apihelp-query+tokens-example-types"),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param(
            "type", "enum", multi=True, values=tuple(sorted(TOKEN_TYPES)), default="csrf", all="*"
        ),
    )

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        if not req.ctx.extra.get("same_origin", True):
            req.warn("apiwarn-tokens-origin")
            return
        session = req.ctx.session
        anonymous = req.performer.is_anon
        tokens = {f"{t}token": session.token(t, anonymous=anonymous) for t in params["type"]}
        req.result.container("query")["tokens"] = tokens
