"""The XML of action=query&export (a minimal WikiExporter: current revisions only)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

from ....services import timestamps
from ....services.titles import Title
from ....storage.queries import export as eq
from .revisions_common import sha1_base36

if TYPE_CHECKING:
    from ...request import ApiRequest

SCHEMAS = ("0.10", "0.11")


def export_xml(req: ApiRequest, titles: dict[int, Title], schema: str) -> str:
    """Mirrors WikiExporter::pageByTitle() for each page and XmlDumpWriter's layout."""
    wiki = req.wiki
    ns_uri = f"http://www.mediawiki.org/xml/export-{schema}/"
    out = [
        f'<mediawiki xmlns="{ns_uri}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{ns_uri} http://www.mediawiki.org/xml/export-{schema}.xsd" '
        f'version="{schema}" xml:lang="{wiki.config.language}">',
        _siteinfo(req),
    ]
    rows = wiki.db.read(lambda c: eq.current_revisions(c, list(titles)))
    for row in rows:
        out.append(_page(req, titles[row["page_id"]], row))
    out.append("</mediawiki>")
    return "\n".join(out) + "\n"


def _siteinfo(req: ApiRequest) -> str:
    wiki = req.wiki
    main = wiki.titles.parse(wiki.config.main_page)
    case = "first-letter" if wiki.config.capital_links else "case-sensitive"
    lines = [
        "  <siteinfo>",
        f"    <sitename>{escape(wiki.config.sitename)}</sitename>",
        f"    <dbname>{escape(wiki.config.wikiid)}</dbname>",
        f"    <base>{escape(wiki.article_url(main, absolute=True))}</base>",
        "    <generator>MediaWiki 1.39.17</generator>",
        f"    <case>{case}</case>",
        "    <namespaces>",
    ]
    for ns in wiki.namespaces:
        attrs = f'key="{ns.id}" case={quoteattr(ns.case)}'
        if ns.name:
            lines.append(f"      <namespace {attrs}>{escape(ns.name)}</namespace>")
        else:
            lines.append(f"      <namespace {attrs} />")
    lines += ["    </namespaces>", "  </siteinfo>"]
    return "\n".join(lines)


def _page(req: ApiRequest, title: Title, row: dict[str, Any]) -> str:
    deleted = int(row["rev_deleted"])
    lines = [
        "  <page>",
        f"    <title>{escape(req.wiki.titles.prefixed_text(title))}</title>",
        f"    <ns>{title.namespace}</ns>",
        f"    <id>{row['page_id']}</id>",
        "    <revision>",
        f"      <id>{row['rev_id']}</id>",
    ]
    if row["rev_parent_id"]:
        lines.append(f"      <parentid>{row['rev_parent_id']}</parentid>")
    lines.append(f"      <timestamp>{timestamps.to_iso(row['rev_timestamp'])}</timestamp>")
    if deleted & 4:
        lines.append('      <contributor deleted="deleted" />')
    elif row["actor_user"]:
        lines += [
            "      <contributor>",
            f"        <username>{escape(row['actor_name'])}</username>",
            f"        <id>{row['actor_user']}</id>",
            "      </contributor>",
        ]
    else:
        lines += [
            "      <contributor>",
            f"        <ip>{escape(row['actor_name'])}</ip>",
            "      </contributor>",
        ]
    if row["rev_minor_edit"]:
        lines.append("      <minor />")
    if deleted & 2:
        lines.append('      <comment deleted="deleted" />')
    elif row["rev_comment"]:
        lines.append(f"      <comment>{escape(row['rev_comment'])}</comment>")
    sha1 = sha1_base36(row["rev_sha1"])
    lines += [
        f"      <origin>{row['rev_content_origin'] or row['rev_id']}</origin>",
        f"      <model>{escape(row['content_model'])}</model>",
        "      <format>text/x-wiki</format>",
    ]
    if deleted & 1:
        lines.append(f'      <text bytes="{row["content_size"]}" deleted="deleted" />')
    else:
        lines.append(
            f'      <text bytes="{row["content_size"]}" sha1="{sha1}" xml:space="preserve">'
            f"{escape(row['content_text'])}</text>"
        )
    lines += [f"      <sha1>{sha1}</sha1>", "    </revision>", "  </page>"]
    return "\n".join(lines)
