"""What a view produces (Mirrors OutputPage) and how it becomes an HTTP response.

Views return a :class:`PageOutput` (a page in the skin), a :class:`Redirect` or a
:class:`RawOutput` (action=raw).  :func:`respond` adds the security headers every
index.php response carries: no framing, a Content-Security-Policy without inline scripts,
``nosniff``, and ``private`` caching since pages show per-user links and tokens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..services.titles import Title

# No inline script, no plugins, no framing; fetch() only to ourselves (ApiSandbox, mw.Api).
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "origin-when-cross-origin",
    "Cache-Control": "private, must-revalidate, max-age=0",
}


@dataclass
class PageOutput:
    """A page to show inside the skin."""

    title: str  # the first heading, as text (escaped by the template)
    body: Markup = field(default_factory=Markup)
    status: int = 200
    html_title: str | None = None  # the <title> before " - Sitename"; default: title
    heading: Markup | None = None  # a heading with markup instead of ``title``
    subtitle: Markup = field(default_factory=Markup)
    robots: str | None = None
    context_title: Title | None = None  # the page the tabs and JS config describe
    action: str = "view"
    special: str | None = None  # canonical special page name
    modules: list[str] = field(default_factory=list)  # static scripts to load
    js_vars: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    page_id: int = 0
    revision_id: int = 0
    cur_revision_id: int = 0
    is_article: bool = False
    last_edited: str | None = None
    no_user_scripts: bool = False  # login and preference pages (as MediaWiki)
    body_class: str = ""


@dataclass
class Redirect:
    location: str
    status: int = 302
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class RawOutput:
    body: str
    content_type: str
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


Output = PageOutput | Redirect | RawOutput


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("rollwiki.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def render_template(template: str, /, **values: Any) -> Markup:
    """A partial template rendered with autoescaping, as markup for a page body."""
    return Markup(environment().get_template(template).render(**values))
