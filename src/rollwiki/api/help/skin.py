"""The page around the help (a plain rendering of MediaWiki's ``apioutput`` skin, with the
same visible text: title, heading, content and the "Retrieved from" footer)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...render.sanitizer import escape_html, escape_text
from ...services.namespaces import NS_SPECIAL
from ...services.titles import Title
from .context import HelpContext

if TYPE_CHECKING:
    from ..request import ApiRequest

_STYLE = (
    "body{font-family:sans-serif;margin:1em 2em;line-height:1.5}"
    ".apihelp-header{border-bottom:1px solid #a2a9b1}"
    ".apihelp-block-head{font-weight:bold}"
    ".apihelp-flags ul,.apihelp-help-urls ul{list-style:none;padding:0}"
    ".apihelp-parameters dt{font-weight:bold;margin-top:.5em}"
    ".apihelp-parameters dd.info{font-size:90%;color:#54595d}"
    ".apihelp-empty{color:#72777d}.apihelp-deprecated{color:#d33;font-weight:bold}"
    ".apihelp-linktrail{font-size:smaller}"
)


def help_page(req: ApiRequest, content_html: str) -> str:
    """OutputPage::output() for Special:ApiHelp in the apioutput skin."""
    ctx = HelpContext(req.wiki, req.lang)
    heading = ctx.plain("api-help-title")
    title = ctx.plain("pagetitle", heading)
    url = req.wiki.article_url(Title(NS_SPECIAL, "ApiHelp"), absolute=True)
    link = f'<a dir="ltr" href="{escape_html(url)}">{escape_text(url)}</a>'
    footer = escape_text(ctx.plain("retrievedfrom", "\x7f")).replace("\x7f", link)
    return (
        f'<!DOCTYPE html>\n<html class="client-nojs" lang="{req.lang}" dir="ltr">\n<head>\n'
        f'<meta charset="UTF-8"/>\n<title>{escape_text(title)}</title>\n'
        '<meta name="robots" content="noindex,nofollow"/>\n'
        f"<style>{_STYLE}</style>\n</head>\n"
        '<body class="mediawiki ltr sitedir-ltr mw-hide-empty-elt ns--1 ns-special '
        "mw-special-ApiHelp page-Special_ApiHelp rootpage-Special_ApiHelp skin-apioutput "
        'action-view"><div class="mw-body" role="main">\n'
        f'\t<h1 id="firstHeading">{escape_text(heading)}</h1>\n'
        '\t<div class="mw-body-content">\n'
        f'\t\t<div id="mw-content-text" class="mw-body-content">{content_html}\n'
        f'<div class="printfooter" data-nosnippet="">{footer}</div></div>\n'
        "\t</div>\n</div>\n</body>\n</html>"
    )
