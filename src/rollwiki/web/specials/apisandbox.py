"""Special:ApiSandbox (Mirrors SpecialApiSandbox): a form generated from the API
modules' own declarations.

The page carries one JSON block describing every action module and every query
submodule (parameters with type, default, required flag, allowed values and help text,
as action=paraminfo / action=help present them); ``apisandbox.js`` builds the form from
it, fills tokens through meta=tokens, sends the request with fetch() and shows the
response and the request URL.  ``Special:ApiSandbox#action=...`` loads that query.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from ...api.help.context import HelpContext
from ...api.help.docs import param_descriptions, summary
from ...api.help.paramdocs import help_info, param_info
from ...api.module import ApiModule, action_modules, format_modules, query_modules
from ...api.modules.main_module import MainModule
from ...api.request import ApiRequest, RequestParams
from ...services.wiki import RequestContext
from ..context import WebContext
from ..output import PageOutput, render_template

# Modules the sandbox does not offer (they need uploads or return no JSON).
SKIPPED = frozenset({"import"})


def _api_request(ctx: WebContext) -> ApiRequest:
    rc = RequestContext(ctx.wiki, ctx.performer, ctx.session, ctx.ip, ctx.lang)
    return ApiRequest(rc, RequestParams())


def _describe(module: type[ApiModule], req: ApiRequest, help_ctx: HelpContext) -> dict[str, Any]:
    params = module.declared_params(req)
    descriptions = param_descriptions(module, params, req)
    fields = []
    for p in params:
        info = param_info(module, p, req)
        values = info["type"] if isinstance(info.get("type"), list) else None
        kind = p.type if values is None else "enum"
        help_html = " ".join(help_ctx.parse(m) for m in descriptions.get(p.name, []))
        extra = [help_ctx.parse(m) for m in help_info(module, p, req)]
        fields.append(
            {
                "name": module.prefix + p.name,
                "type": kind,
                "values": values,
                "multi": p.multi,
                "required": p.required,
                "default": info.get("default"),
                "sensitive": p.sensitive,
                "tokentype": info.get("tokentype"),
                "min": info.get("min"),
                "max": info.get("max"),
                "deprecated": p.deprecated,
                "help": help_html,
                "info": extra,
            }
        )
    return {
        "path": module.path(),
        "name": module.name,
        "group": module.group,
        "prefix": module.prefix,
        "summary": help_ctx.parse(summary(module)),
        "mustbeposted": module.must_be_posted,
        "write": module.is_write,
        "params": fields,
    }


def sandbox_data(ctx: WebContext) -> dict[str, Any]:
    req = _api_request(ctx)
    help_ctx = HelpContext(ctx.wiki, ctx.lang)
    actions = {
        name: _describe(module, req, help_ctx)
        for name, module in action_modules().items()
        if name not in SKIPPED and not module.internal
    }
    query = {
        group: {
            name: _describe(module, req, help_ctx) for name, module in query_modules(group).items()
        }
        for group in ("prop", "list", "meta")
    }
    formats = {name: _describe(module, req, help_ctx) for name, module in format_modules().items()}
    return {
        "main": _describe(MainModule, req, help_ctx),
        "formats": formats,
        "actions": actions,
        "query": query,
        "apiUrl": f"{ctx.wiki.config.script_path}/api.php",
    }


def _json(data: dict[str, Any]) -> Markup:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def api_sandbox(ctx: WebContext, sub: str | None) -> PageOutput:
    body = render_template(
        "apisandbox.html",
        ctx=ctx,
        data=_json(sandbox_data(ctx)),
        intro=ctx.msg_html("apisandbox-intro", block=True),
    )
    return PageOutput(
        title=ctx.msg("apisandbox"),
        body=body,
        modules=["apisandbox.js"],
        robots="noindex,nofollow",
        body_class="mw-apisandbox-page",
    )
