"""Error pages (Mirrors OutputPage::showErrorPage(), showPermissionsErrorPage(),
ErrorPageError and the "Return to" line)."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from ..errors import ApiMessage
from ..i18n.messages import Message
from ..services.titles import Title
from .context import WebContext
from .linker import link, title_of
from .output import PageOutput


def return_to(
    ctx: WebContext, title: Title | None = None, query: dict[str, str] | None = None
) -> Markup:
    """OutputPage::returnToMain(): "Return to <page>." (the main page by default)."""
    target = title or title_of(ctx, ctx.wiki.config.main_page)
    if target is None:
        return Markup("")
    anchor = link(ctx, target, query=query, known=True)
    return Markup('<p id="mw-returnto">') + ctx.msg_html("returnto", anchor) + Markup("</p>\n")


def error_page(
    ctx: WebContext,
    title_key: str,
    message: Message | Markup,
    *,
    status: int = 200,
    context_title: Title | None = None,
    returnto: bool = True,
    extra: Markup | None = None,
) -> PageOutput:
    """OutputPage::showErrorPage(): a heading, the message as a block, Return to Main Page."""
    body = message if isinstance(message, Markup) else ctx.parse(message, block=True)
    if extra:
        body += extra
    if returnto:
        body += return_to(ctx)
    return PageOutput(
        title=ctx.msg(title_key),
        body=body,
        status=status,
        robots="noindex,nofollow",
        context_title=context_title,
    )


def permission_error_page(
    ctx: WebContext,
    errors: Sequence[ApiMessage | Message],
    action: str | None,
    *,
    context_title: Title | None = None,
) -> PageOutput:
    """OutputPage::showPermissionsErrorPage() / formatPermissionsErrorMessage()."""
    messages = [e.message if isinstance(e, ApiMessage) else e for e in errors]
    if action:
        action_text = ctx.msg(f"action-{action}")
        key = "permissionserrorstext-withaction"
        intro = ctx.msg_html(key, len(messages), action_text, block=True)
    else:
        intro = ctx.msg_html("permissionserrorstext", len(messages), block=True)
    if len(messages) == 1:
        inner = ctx.parse(messages[0], block=True)
    else:
        items = Markup("").join(Markup("<li>") + ctx.parse(m) + Markup("</li>\n") for m in messages)
        inner = Markup(f'<ul class="permissions-errors">\n{items}</ul>')
        return PageOutput(
            title=ctx.msg("permissionserrors"),
            body=intro + inner,
            robots="noindex,nofollow",
            context_title=context_title,
        )
    body = intro + Markup(f'\n<div class="permissions-errors">\n{inner}\n</div>')
    return PageOutput(
        title=ctx.msg("permissionserrors"),
        body=body,
        robots="noindex,nofollow",
        context_title=context_title,
    )


def login_required(ctx: WebContext, title_key: str, text_key: str) -> PageOutput:
    """UserNotLoggedIn: a page asking to log in, with a login link keeping returnto."""
    login = ctx.url("Special:UserLogin")
    body = ctx.msg_html(text_key, block=True) + Markup(
        f'<p><a href="{escape(login)}">{escape(ctx.msg("login"))}</a></p>'
    )
    return PageOutput(title=ctx.msg(title_key), body=body, robots="noindex,nofollow")
