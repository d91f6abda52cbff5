"""prop=imageinfo (Mirrors ApiQueryImageInfo) for a wiki that stores no files."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, ClassVar

from ....i18n.messages import Message
from ....services.namespaces import NS_FILE
from ....services.titles import MalformedTitle, Title
from ...errors import die, escape_wikitext
from ...params import Param
from .base import LIMIT_BIG1, LIMIT_BIG2, QuerySubmodule

if TYPE_CHECKING:
    from ...request import ApiRequest

PROPS = (
    "timestamp",
    "user",
    "userid",
    "comment",
    "parsedcomment",
    "canonicaltitle",
    "url",
    "size",
    "dimensions",
    "sha1",
    "mime",
    "thumbmime",
    "mediatype",
    "metadata",
    "commonmetadata",
    "extmetadata",
    "archivename",
    "bitdepth",
    # Not "uploadwarning": its HTML is Special:Upload's warning box (UploadBase's checks of
    # the name against existing pages, thumbnails and camera prefixes, rendered with a
    # thumbnail); rollwiki has no upload pipeline, so the value is reported as unrecognised
    # rather than answered with a made-up box.
    "badfile",
)
# ApiQueryImageInfo::TRANSFORM_LIMIT: thumbnails rendered per request.
TRANSFORM_LIMIT = 50


class ImageInfoModule(QuerySubmodule):
    """rollwiki has no uploads (``$wgEnableUploads`` is off and no file repository
    exists), so every title in the File namespace is a file that does not exist, and the
    module answers exactly as 1.39 does for missing files: ``imagerepository: ""`` on the
    page, and for ``badfile`` an entry marked ``filemissing``."""

    name = "imageinfo"
    group = "prop"
    prefix = "ii"
    classname = "ApiQueryImageInfo"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Imageinfo",)
    examples = (
        (
            "action=query&titles=File:Albert%20Einstein%20Head.jpg&prop=imageinfo",
            "apihelp-query+imageinfo-example-simple",
        ),
        (
            "action=query&titles=File:Test.jpg&prop=imageinfo&iilimit=50&"
            "iiend=2007-12-31T23:59:59Z&iiprop=timestamp|user|url",
            "apihelp-query+imageinfo-example-dated",
        ),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param(
            "prop",
            "enum",
            multi=True,
            values=PROPS,
            default="timestamp|user",
            help_per_value={p: f"apihelp-query+imageinfo-paramvalue-prop-{p}" for p in PROPS},
        ),
        Param("limit", "limit", default="1", min=1, max=LIMIT_BIG1, max2=LIMIT_BIG2),
        Param("start", "timestamp"),
        Param("end", "timestamp"),
        Param(
            "urlwidth",
            "integer",
            default="-1",
            help=Message("apihelp-query+imageinfo-param-urlwidth", (TRANSFORM_LIMIT,)),
        ),
        Param("urlheight", "integer", default="-1"),
        Param("metadataversion", "string", default="1"),
        Param("extmetadatalanguage", "string", default="en"),
        Param("extmetadatamultilang", "boolean"),
        Param("extmetadatafilter", "string", multi=True),
        Param("urlparam", "string", default=""),
        Param("badfilecontexttitle", "string"),
        Param("continue", "string", help="api-help-param-continue"),
        Param("localonly", "boolean"),
    )

    @classmethod
    def dynamic_params(cls, req: ApiRequest | None) -> tuple[Param, ...]:
        """extmetadatalanguage defaults to the content language."""
        if req is None:
            return cls.params
        language = req.wiki.config.language
        return tuple(
            dataclasses.replace(p, default=language) if p.name == "extmetadatalanguage" else p
            for p in cls.params
        )

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        """Mirrors ApiQueryImageInfo::execute() with an empty file repository."""
        props = set(params["prop"] or [])
        context = params["badfilecontexttitle"]
        if context is not None and not _is_local_title(req, context):
            die("apierror-bad-badfilecontexttitle", self.prefix, code="invalid-title")

        pageset = self.page_set(req)
        files = {
            title.dbkey: page_id
            for page_id, title in pageset.good_and_missing_titles().items()
            if title.namespace == NS_FILE
        }
        if not files:
            return
        names = sorted(files, key=lambda name: name.encode("utf-8"))
        if params["continue"] is not None:
            parts = str(params["continue"]).split("|")
            self.die_continue_if(len(parts) != 2)
            while names and names[0].encode("utf-8") < parts[0].encode("utf-8"):
                names.pop(0)  # asort()ed titles before the continuation point are done

        scaled = params["urlwidth"] != -1 or params["urlheight"] != -1 or params["urlparam"]
        pages = req.result.container("query").setdefault("pages", {"_type": "BCarray"})
        for name in names:
            page = pages.setdefault(files[name], {})
            page["imagerepository"] = ""
            # Only badfile (and uploadwarning) need a File object for a missing file;
            # otherwise the page just says that no repository has it.
            if "badfile" not in props:
                continue
            # MediaWiki:Bad image list lists existing files only: a missing one is never bad.
            page["badfile"] = False
            if scaled and params["urlparam"]:
                # mergeThumbParams(): a missing file has no media handler.
                req.warn("apiwarn-nothumb-noimagehandler", escape_wikitext(name))
            self.add_page_sub_item(
                req, files[name], _missing_file_info(req, name, files[name], props)
            )


def _missing_file_info(req: ApiRequest, name: str, page_id: int, props: set[str]) -> dict[str, Any]:
    """Mirrors ApiQueryImageInfo::getInfo() for a File object that does not exist."""
    title = Title(NS_FILE, name.replace("_", " "))
    vals: dict[str, Any] = {"_type": "assoc"}
    if "canonicaltitle" in props:
        vals["canonicaltitle"] = req.wiki.titles.prefixed_text(title)
    if "url" in props:
        vals["descriptionurl"] = req.wiki.article_url(title, absolute=True)
        if page_id > 0:
            # File::getDescriptionShortUrl(): the description page exists.
            vals["descriptionshorturl"] = (
                f"{req.wiki.config.base_url}{req.wiki.script_url()}?curid={page_id}"
            )
    vals["filemissing"] = True
    return vals


def _is_local_title(req: ApiRequest, text: str) -> bool:
    """Title::newFromText() succeeds and the title is not external (interwiki)."""
    try:
        title = req.wiki.titles.parse(text)
    except MalformedTitle:
        return False
    return title is not None and not title.interwiki
