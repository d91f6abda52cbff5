"""meta=siteinfo (Mirrors ApiQuerySiteinfo): the wiki's configuration and software."""

from __future__ import annotations

import platform
import sqlite3
from datetime import timedelta
from importlib import metadata
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urljoin

from ....services import specialpages, timestamps
from ....storage.queries import interwiki as iwq
from ....storage.queries import siteinfo as sq
from ....storage.queries import users as uq
from ...errors import die
from ...params import Param
from .base import QuerySubmodule
from .page_urls import full_url
from .userinfo import default_options

if TYPE_CHECKING:
    from ...request import ApiRequest

PROPS = (
    "general",
    "namespaces",
    "namespacealiases",
    "specialpagealiases",
    "magicwords",
    "interwikimap",
    "dbrepllag",
    "statistics",
    "usergroups",
    "libraries",
    "extensions",
    "fileextensions",
    "rightsinfo",
    "restrictions",
    "languages",
    "languagevariants",
    "skins",
    "extensiontags",
    "functionhooks",
    "showhooks",
    "variables",
    "protocols",
    "defaultoptions",
    "uploaddialog",
)
GENERATOR = "MediaWiki 1.39.17"
# The content languages rollwiki ships catalogs for (MessagesXx.php values).
LANGUAGE_FACTS: dict[str, dict[str, Any]] = {
    "en": {
        "fallback": [],
        "linktrail": "/^([a-z]+)(.*)$/sD",
        "linkprefixcharset": "",
        "fallback8bitEncoding": "windows-1252",
    },
    "uk": {
        "fallback": ["en"],
        "linktrail": "/^([a-zабвгґдеєжзиіїйклмнопрстуфхцчшщьєюяёъы“»]+)(.*)$/sDu",
        "linkprefixcharset": "„«",
        "fallback8bitEncoding": "windows-1251",
    },
}
# $wgActiveUserDays.
ACTIVE_USER_DAYS = 30
# Python libraries that make up the server (reported instead of PHP's composer packages).
LIBRARIES = ("starlette", "uvicorn", "sqlalchemy", "alembic", "orjson", "jinja2", "babel")


class SiteInfoModule(QuerySubmodule):
    name = "siteinfo"
    group = "meta"
    prefix = "si"
    classname = "ApiQuerySiteinfo"
    help_urls = ("https://www.mediawiki.org/wiki/Special:MyLanguage/API:Siteinfo",)
    examples = (
        (
            "action=query&meta=siteinfo&siprop=general|namespaces|namespacealiases|statistics",
            "apihelp-query+siteinfo-example-simple",
        ),
        (
            "action=query&meta=siteinfo&siprop=interwikimap&sifilteriw=local",
            "apihelp-query+siteinfo-example-interwiki",
        ),
        (
            "action=query&meta=siteinfo&siprop=dbrepllag&sishowalldb=",
            "apihelp-query+siteinfo-example-replag",
        ),
    )
    params: ClassVar[tuple[Param, ...]] = (
        Param("prop", "enum", multi=True, values=PROPS, default="general"),
        Param("filteriw", "enum", values=("local", "!local")),
        Param("showalldb", "boolean"),
        Param("numberingroup", "boolean"),
        Param("inlanguagecode", "string"),
    )

    def execute(self, req: ApiRequest, params: dict[str, Any]) -> None:
        """Mirrors ApiQuerySiteinfo::execute(): each property in the order asked."""
        query = self.output(req)
        for prop in params["prop"] or []:
            query[prop] = getattr(self, f"_{prop}")(req, params)

    # -- general -----------------------------------------------------------------------------

    def _general(self, req: ApiRequest, params: dict[str, Any]) -> dict[str, Any]:
        wiki = req.wiki
        config = wiki.config
        static = specialpages.static_data()["general"]
        lang = LANGUAGE_FACTS.get(config.language, LANGUAGE_FACTS["en"])
        main = wiki.titles.parse(config.main_page)
        server = config.base_url
        data: dict[str, Any] = {
            "mainpage": wiki.titles.prefixed_text(main),
            "base": full_url(wiki, main),
            "sitename": config.sitename,
            "mainpageisdomainroot": False,
            "logo": urljoin(server + "/", f"{config.script_path.lstrip('/')}/resources/assets/")
            + "change-your-logo.svg",
            "generator": GENERATOR,
            "phpversion": platform.python_version(),
            "phpsapi": "rollwiki",
            "dbtype": _db_type(wiki.db.dialect),
            "dbversion": _db_version(req),
            "imagewhitelistenabled": static["imagewhitelistenabled"],
            "langconversion": static["langconversion"],
            "linkconversion": static["linkconversion"],
            "titleconversion": static["titleconversion"],
            "linkprefixcharset": lang["linkprefixcharset"],
            "linkprefix": (
                f"/^((?>.*[^{lang['linkprefixcharset']}]|))(.+)$/sDu"
                if lang["linkprefixcharset"]
                else ""
            ),
            "linktrail": lang["linktrail"],
            "legaltitlechars": static["legaltitlechars"],
            "invalidusernamechars": static["invalidusernamechars"],
            "allunicodefixes": static["allunicodefixes"],
            "fixarabicunicode": True,
            "fixmalayalamunicode": True,
            "case": "first-letter" if config.capital_links else "case-sensitive",
            "lang": config.language,
            "fallback": [{"code": code} for code in lang["fallback"]],
            "rtl": False,
            "fallback8bitEncoding": lang["fallback8bitEncoding"],
            "readonly": bool(config.read_only),
        }
        if config.read_only:
            data["readonlyreason"] = config.read_only
        data.update(
            {
                "writeapi": True,
                "maxarticlesize": config.max_article_size_kib * 1024,
                "timezone": config.timezone,
                "timeoffset": 0,
                "articlepath": config.article_path,
                "scriptpath": config.script_path,
                "script": wiki.script_url(),
                "variantarticlepath": False,
                "server": config.server,
                "servername": config.servername,
                "wikiid": config.wikiid,
                "time": timestamps.to_iso(timestamps.now()),
                "misermode": config.miser_mode,
                "uploadsenabled": config.enable_uploads,
            }
        )
        for key in ("maxuploadsize", "minuploadchunksize", "galleryoptions"):
            data[key] = static[key]
        data["thumblimits"] = dict(static["thumblimits"])
        data["imagelimits"] = {k: dict(v) for k, v in static["imagelimits"].items()}
        data["favicon"] = server + "/favicon.ico"
        for key in (
            "centralidlookupprovider",
            "allcentralidlookupproviders",
            "interwikimagic",
            "magiclinks",
            "categorycollation",
            "nofollowlinks",
            "nofollownsexceptions",
            "nofollowdomainexceptions",
            "externallinktarget",
        ):
            data[key] = static[key]
        data["_BC_bools"] = ["variantarticlepath"]
        return data

    # -- namespaces -------------------------------------------------------------------------

    def _namespaces(self, req: ApiRequest, params: dict[str, Any]) -> dict[str, Any]:
        data: dict[str, Any] = {"_type": "assoc"}
        for ns in req.wiki.namespaces:
            item: dict[str, Any] = {"id": ns.id, "case": ns.case, "name": ns.name}
            item["_content"] = "name"
            item["subpages"] = ns.subpages
            canonical = req.wiki.namespaces.canonical_name(ns.id)
            if canonical:
                item["canonical"] = canonical.replace("_", " ")
            item["content"] = ns.content
            item["nonincludable"] = False
            if ns.id == 8:
                # $wgNamespaceProtection[NS_MEDIAWIKI]
                item["namespaceprotection"] = "editinterface"
            data[str(ns.id)] = item
        return data

    def _namespacealiases(self, req: ApiRequest, params: dict[str, Any]) -> list[Any]:
        items = [
            {"id": ns_id, "alias": alias.replace("_", " "), "_content": "alias"}
            for alias, ns_id in req.wiki.namespaces.aliases.items()
        ]
        return sorted(items, key=lambda item: (item["id"], item["alias"]))

    def _specialpagealiases(self, req: ApiRequest, params: dict[str, Any]) -> list[Any]:
        return [dict(entry) for entry in specialpages.static_data()["specialpagealiases"]]

    def _magicwords(self, req: ApiRequest, params: dict[str, Any]) -> list[Any]:
        return [dict(entry) for entry in specialpages.static_data()["magicwords"]]

    def _interwikimap(self, req: ApiRequest, params: dict[str, Any]) -> list[Any]:
        local = {"local": True, "!local": False}.get(params["filteriw"] or "")
        rows = req.wiki.db.read(lambda c: iwq.all_interwikis(c, local))
        languages = {e["code"]: e["name"] for e in specialpages.static_data()["languages"]}
        out = []
        for row in rows:
            prefix = row["iw_prefix"]
            val: dict[str, Any] = {"prefix": prefix}
            if row["iw_local"]:
                val["local"] = True
            if row["iw_trans"]:
                val["trans"] = True
            if prefix in languages:
                val["language"] = languages[prefix]
            url = str(row["iw_url"])
            val["url"] = url if not url.startswith("//") else "http:" + url
            val["protorel"] = url.startswith("//")
            if row["iw_wikiid"]:
                val["wikiid"] = row["iw_wikiid"]
            if row["iw_api"]:
                val["api"] = row["iw_api"]
            out.append(val)
        return out

    def _dbrepllag(self, req: ApiRequest, params: dict[str, Any]) -> list[Any]:
        if params["showalldb"] and not req.wiki.config.show_hostnames:
            die("apierror-siteinfo-includealldenied", code="includeAllDenied")
        # One database, never lagged: MediaWiki reports -1 for a server without replicas.
        return [{"host": "", "lag": -1}]

    def _statistics(self, req: ApiRequest, params: dict[str, Any]) -> dict[str, Any]:
        wiki = req.wiki
        now = timestamps.now()
        since = timestamps.to_mw(now - timedelta(days=ACTIVE_USER_DAYS))
        content = [ns.id for ns in wiki.namespaces if ns.content]
        now_ts = timestamps.to_mw(now)

        def load(conn: Any) -> dict[str, int]:
            stats = sq.statistics(conn, content, since, now_ts)
            stats["admins"] = sq.group_sizes(conn, ["sysop"], now_ts)["sysop"]
            return stats

        stats = wiki.db.read(load)
        return {
            "pages": stats["pages"],
            "articles": stats["articles"],
            "edits": stats["edits"],
            "images": 0,
            "users": stats["users"],
            "activeusers": stats["activeusers"],
            "admins": stats["admins"],
            "jobs": 0,
        }

    def _usergroups(self, req: ApiRequest, params: dict[str, Any]) -> list[Any]:
        config = req.wiki.config
        all_groups = req.wiki.permissions.assignable_groups()
        groups = list(config.group_permissions)
        counts: dict[str, int] = {}
        users = 0
        if params["numberingroup"]:
            now_ts = timestamps.mw_now()
            counts = req.wiki.db.read(lambda c: sq.group_sizes(c, groups, now_ts))
            users = req.wiki.db.read(uq.count_users)
        out = []
        for group in groups:
            # array_keys($wgGroupPermissions[$group], true): revocations are not applied.
            item: dict[str, Any] = {"name": group, "rights": list(config.group_permissions[group])}
            if params["numberingroup"]:
                if group == "user":
                    item["number"] = users
                elif group not in ("*", "autoconfirmed"):
                    item["number"] = counts.get(group, 0)
            tables = {
                "add": config.add_groups,
                "remove": config.remove_groups,
                "add-self": config.groups_add_to_self,
                "remove-self": config.groups_remove_from_self,
            }
            for kind, table in tables.items():
                if group in table:
                    chosen = [g for g in table[group] if g in all_groups]
                    if chosen:
                        item[kind] = chosen
            out.append(item)
        return out

    def _libraries(self, req: ApiRequest, params: dict[str, Any]) -> list[Any]:
        out = []
        for name in LIBRARIES:
            try:
                out.append({"name": name, "version": metadata.version(name)})
            except metadata.PackageNotFoundError:
                continue
        return out

    def _extensions(self, req: ApiRequest, params: dict[str, Any]) -> list[Any]:
        return []

    def _fileextensions(self, req: ApiRequest, params: dict[str, Any]) -> list[Any]:
        return [dict(e) for e in specialpages.static_data()["fileextensions"]]

    def _rightsinfo(self, req: ApiRequest, params: dict[str, Any]) -> dict[str, Any]:
        return {"url": "", "text": ""}

    def _restrictions(self, req: ApiRequest, params: dict[str, Any]) -> dict[str, Any]:
        data = specialpages.static_data()["restrictions"]
        return {key: list(values) for key, values in data.items()}

    def _languages(self, req: ApiRequest, params: dict[str, Any]) -> list[Any]:
        return [
            {"code": e["code"], "bcp47": e["bcp47"], "name": e["name"], "_content": "name"}
            for e in specialpages.static_data()["languages"]
        ]

    def _languagevariants(self, req: ApiRequest, params: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {"_type": "kvp", "_kvpkeyname": "code"}
        for lang, variants in specialpages.static_data()["languagevariants"].items():
            inner: dict[str, Any] = {"_type": "kvp", "_kvpkeyname": "code"}
            for variant, info in variants.items():
                inner[variant] = {"fallbacks": list(info["fallbacks"])}
            out[lang] = inner
        return out

    def _skins(self, req: ApiRequest, params: dict[str, Any]) -> list[Any]:
        out = []
        for entry in specialpages.static_data()["skins"]:
            skin = {"code": entry["code"], "name": entry["name"], "_content": "name"}
            for flag in ("unusable", "default"):
                if entry.get(flag):
                    skin[flag] = True
            out.append(skin)
        return out

    def _static_list(self, key: str) -> list[Any]:
        return list(specialpages.static_data()[key])

    def _extensiontags(self, req: ApiRequest, params: dict[str, Any]) -> list[Any]:
        return self._static_list("extensiontags")

    def _functionhooks(self, req: ApiRequest, params: dict[str, Any]) -> list[Any]:
        return self._static_list("functionhooks")

    def _showhooks(self, req: ApiRequest, params: dict[str, Any]) -> list[Any]:
        return []

    def _variables(self, req: ApiRequest, params: dict[str, Any]) -> list[Any]:
        return self._static_list("variables")

    def _protocols(self, req: ApiRequest, params: dict[str, Any]) -> list[Any]:
        return self._static_list("protocols")

    def _defaultoptions(self, req: ApiRequest, params: dict[str, Any]) -> dict[str, Any]:
        options = default_options(req)
        options["_BC_bools"] = list(options)
        return options

    def _uploaddialog(self, req: ApiRequest, params: dict[str, Any]) -> dict[str, Any]:
        data: dict[str, Any] = specialpages.static_data()["uploaddialog"]
        return {k: dict(v) for k, v in data.items()}


def _db_type(dialect: str) -> str:
    return {"postgresql": "postgres"}.get(dialect, dialect)


def _db_version(req: ApiRequest) -> str:
    db = req.wiki.db
    if db.is_sqlite:
        return sqlite3.sqlite_version
    info = db.engine.dialect.server_version_info or ()
    return ".".join(str(part) for part in info)
