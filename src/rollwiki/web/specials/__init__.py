"""Special pages (Mirrors SpecialPageFactory): names, aliases and dispatch.

Each entry maps the lower-cased name or alias to (canonical name, module, function);
handlers take the context and the subpage (``Special:Contributions/<sub>``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from ...i18n.messages import Message
from ...services.namespaces import NS_SPECIAL
from ...services.titles import Title
from ..context import WebContext
from ..errorpages import error_page
from ..output import Output, PageOutput

# canonical name -> (module, function, aliases)
_PAGES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "Contributions": ("contributions", "contributions", ()),
    "Recentchanges": ("changes", "recent_changes_page", ("RecentChanges",)),
    "Watchlist": ("changes", "watchlist", ()),
    "Log": ("log", "log", ()),
    "Userlogin": ("login", "user_login", ("UserLogin", "Login")),
    "Userlogout": ("login", "user_logout", ("UserLogout", "Logout")),
    "CreateAccount": ("login", "create_account", ()),
    "Userrights": ("userrights", "user_rights", ("UserRights",)),
    "BotPasswords": ("botpasswords", "bot_passwords", ()),
    "Block": ("block", "block", ("BlockIP",)),
    "Unblock": ("block", "unblock", ()),
    "Preferences": ("preferences", "preferences", ()),
    "Tags": ("tags", "tags", ()),
    "ApiSandbox": ("apisandbox", "api_sandbox", ()),
    "Search": ("misc", "search", ()),
    "Mypage": ("misc", "my_page", ("MyPage",)),
    "Mytalk": ("misc", "my_talk", ("MyTalk",)),
    "Mycontributions": ("misc", "my_contributions", ("MyContributions",)),
}
_LOOKUP: dict[str, str] = {}
for _name, (_m, _f, _aliases) in _PAGES.items():
    _LOOKUP[_name.lower()] = _name
    for _alias in _aliases:
        _LOOKUP[_alias.lower()] = _name


def canonical_name(text: str) -> str | None:
    """The canonical special page name of ``Name`` or ``Name/sub``, or None."""
    return _LOOKUP.get(text.split("/", 1)[0].replace(" ", "_").lower())


def special_page_exists(text: str) -> bool:
    return canonical_name(text) is not None


def _handler(name: str) -> Callable[[WebContext, str | None], Output]:
    module, function, _ = _PAGES[name]
    mod = importlib.import_module(f"{__name__}.{module}")
    handler: Callable[[WebContext, str | None], Output] = getattr(mod, function)
    return handler


def run_special(ctx: WebContext, title: Title) -> Output:
    name = canonical_name(title.text)
    if name is None:
        out = error_page(ctx, "nosuchspecialpage", Message("nospecialpagetext"), status=404)
        out.context_title = title
        return out
    _, _, sub = title.text.partition("/")
    result = _handler(name)(ctx, sub or None)
    if isinstance(result, PageOutput):
        result.special = name
        if result.context_title is None:
            result.context_title = Title(NS_SPECIAL, title.text)
    return result
