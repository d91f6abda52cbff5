"""action=import (Mirrors ApiImport): an uploaded XML dump, imported page by page.

Only uploads: MediaWiki's interwiki imports need ``$wgImportSources``, empty by default,
so ``interwikisource`` accepts no value (as on a default 1.39).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import Connection

from ...i18n.messages import ListParam, Plaintext
from ...services.dumpreader import DumpError
from ...services.import_reporter import UploadImportReporter, can_edit
from ...services.importer import Importer, ImportFailure, ImportOptions
from ...services.titles import MalformedTitle, Title
from ..errors import ApiMessage, ApiUsageError, die, escape_wikitext
from ..module import ApiModule
from ..params import Param

if TYPE_CHECKING:
    from ..request import ApiRequest


def applicable_tags(req: ApiRequest) -> list[str]:
    return req.applicable_tags()


class ImportModule(ApiModule):
    name = "import"
    classname = "ApiImport"
    is_write = True
    must_be_posted = True
    token_type = "csrf"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Import",)
    examples = (
        (
            "action=import&interwikisource=meta&interwikipage=Help:ParserFunctions&"
            "namespace=100&fullhistory=&token=123ABC",
            "apihelp-import-example-import",
        ),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param("summary"),
        Param("xml", "upload"),
        Param("interwikiprefix", "string"),
        Param("interwikisource", "enum", values=()),  # $wgImportSources: none configured
        Param("interwikipage"),
        Param("fullhistory", "boolean"),
        Param("templates", "boolean"),
        Param("namespace", "namespace"),
        Param("assignknownusers", "boolean"),
        Param("rootpage"),
        Param("tags", "tags", multi=True, values=applicable_tags),
    )

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        self.require_max_one(params, "namespace", "rootpage")
        # Upload path of ApiImport::execute(); interwikisource has no valid value.
        if not req.performer.allowed("importupload"):
            die("apierror-cantimport-upload")
        upload = params["xml"]
        prefix = params["interwikiprefix"] or ""
        if prefix == "":
            die("apierror-missingparam", "interwikiprefix")
        if upload is None or not upload.filename:
            die("importnofile")
        if params["tags"] and not req.performer.allowed("applychangetags"):
            # ChangeTags::canAddTagsAccompanyingChange() with the performer.
            die("tags-apply-no-permission")
        options = ImportOptions(
            username_prefix=prefix,
            assign_known_users=params["assignknownusers"],
            target_namespace=params["namespace"],
            root_page=self.root_page(req, params["rootpage"]),
        )
        reporter = UploadImportReporter(
            req.wiki, req.performer, params["summary"] or "", list(params["tags"] or [])
        )

        def editable(conn: Connection, title: Title) -> bool:
            return can_edit(conn, req.wiki, req.performer, title)

        importer = Importer(
            req.wiki,
            options,
            can_edit=editable,
            after_page=reporter.after_page,
            on_page=reporter.on_page,
        )
        try:
            importer.run(io.BytesIO(upload.content))
        except (DumpError, ImportFailure) as exc:
            # "$this->dieWithException( $e, [ 'wrap' => 'apierror-import-unknownerror' ] )".
            # Pages imported before the failure stay imported (each is its own transaction).
            die("apierror-import-unknownerror", escape_wikitext(str(exc)))
        req.result.data["import"] = reporter.results

    @staticmethod
    def require_max_one(params: dict[str, Any], *names: str) -> None:
        """Mirrors ApiBase::requireMaxOneParameter()."""
        present = [n for n in names if params.get(n) is not None]
        if len(present) > 1:
            shown = tuple(f"<var>{n}</var>" for n in present)
            raise ApiUsageError(
                ApiMessage.of("apierror-invalidparammix", ListParam(shown, "text"), len(shown))
            )

    @staticmethod
    def root_page(req: ApiRequest, raw: str | None) -> Title | None:
        """Mirrors WikiImporter::setTargetRootPage()'s checks."""
        if raw is None or raw == "":
            return None
        wiki = req.wiki
        try:
            title = wiki.titles.parse(raw.rstrip("/"))
        except MalformedTitle:
            die("import-rootpage-invalid")
        if title.is_external:
            die("import-rootpage-invalid")
        if not wiki.namespaces.has_subpages(title.namespace):
            if title.namespace == 0:
                shown = wiki.formatter(req.lang).text("blanknamespace")
            else:
                shown = wiki.namespaces.name(title.namespace)
            die("import-rootpage-nosubpage", Plaintext(shown))
        return title
