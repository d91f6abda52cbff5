"""Configuration: process settings (where the data is) and the wiki's own settings.

``Settings`` come from the command line and ``ROLLWIKI_*`` environment variables.
``SiteConfig`` is the equivalent of MediaWiki's ``$wg...`` globals: its defaults are
MediaWiki 1.39's, and overrides live in the ``site_config`` table so that every app
process of a scaled-out wiki reads the same values.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Process-level settings (``--data``, ``--db``, ``ROLLWIKI_DB`` ...)."""

    model_config = SettingsConfigDict(env_prefix="ROLLWIKI_", extra="ignore")

    data: Path = Path("data")
    db: str | None = None
    host: str = "127.0.0.1"
    port: int = 8080
    workers: int = 1
    redis_url: str | None = None
    # Largest accepted request body; MediaWiki's php.ini post_max_size is 8M on Debian.
    max_body_bytes: int = 64 * 1024 * 1024
    server_name: str = "rollwiki"

    def database_url(self) -> str:
        if self.db:
            return self.db
        return f"sqlite:///{(self.data / 'wiki.sqlite').resolve()}"


def _ordered(rights: str) -> list[str]:
    return rights.split()


# MediaWiki 1.39 MainConfigSchema::GroupPermissions, in its definition order (the order of
# meta=userinfo&uiprop=rights follows it).
DEFAULT_GROUP_PERMISSIONS: dict[str, list[str]] = {
    "*": _ordered(
        "createaccount read edit createpage createtalk writeapi viewmywatchlist "
        "editmywatchlist viewmyprivateinfo editmyprivateinfo editmyoptions"
    ),
    "user": _ordered(
        "move move-subpages move-rootuserpages move-categorypages movefile read edit "
        "createpage createtalk writeapi upload reupload reupload-shared minoredit "
        "editmyusercss editmyuserjson editmyuserjs editmyuserjsredirect purge sendemail "
        "applychangetags changetags editcontentmodel"
    ),
    "autoconfirmed": _ordered("autoconfirmed editsemiprotected"),
    "bot": _ordered(
        "bot autoconfirmed editsemiprotected nominornewtalk autopatrol suppressredirect "
        "apihighlimits writeapi"
    ),
    "sysop": _ordered(
        "block createaccount delete bigdelete deletedhistory deletedtext undelete "
        "editinterface editsitejson edituserjson import importupload move move-subpages "
        "move-rootuserpages move-categorypages patrol autopatrol protect editprotected "
        "rollback upload reupload reupload-shared unwatchedpages autoconfirmed "
        "editsemiprotected ipblock-exempt blockemail markbotedits apihighlimits "
        "browsearchive noratelimit movefile unblockself suppressredirect mergehistory "
        "managechangetags deletechangetags"
    ),
    "interface-admin": _ordered(
        "editinterface editsitecss editsitejson editsitejs editusercss edituserjson edituserjs"
    ),
    "bureaucrat": _ordered("userrights noratelimit"),
    "suppress": _ordered(
        "hideuser suppressrevision viewsuppressed suppressionlog deleterevision deletelogentry"
    ),
    # Not a MediaWiki default, but what every wiki that hands out rollback adds.
    "rollbacker": ["rollback"],
}

# MainConfigSchema::GrantPermissions (1.39).
DEFAULT_GRANT_PERMISSIONS: dict[str, list[str]] = {
    "basic": _ordered(
        "autocreateaccount autoconfirmed autopatrol editsemiprotected ipblock-exempt "
        "nominornewtalk patrolmarks purge read writeapi unwatchedpages"
    ),
    "highvolume": _ordered("bot apihighlimits noratelimit markbotedits"),
    "import": _ordered("import importupload"),
    "editpage": _ordered("edit minoredit applychangetags changetags editcontentmodel"),
    "editprotected": _ordered(
        "edit minoredit applychangetags changetags editcontentmodel editprotected"
    ),
    "editmycssjs": _ordered(
        "edit minoredit applychangetags changetags editcontentmodel editmyusercss "
        "editmyuserjson editmyuserjs"
    ),
    "editmyoptions": _ordered("editmyoptions editmyuserjson"),
    "editinterface": _ordered(
        "edit minoredit applychangetags changetags editcontentmodel editinterface "
        "edituserjson editsitejson"
    ),
    "editsiteconfig": _ordered(
        "edit minoredit applychangetags changetags editcontentmodel editinterface "
        "edituserjson editsitejson editusercss edituserjs editsitecss editsitejs"
    ),
    "createeditmovepage": _ordered(
        "edit minoredit applychangetags changetags editcontentmodel createpage createtalk "
        "delete-redirect move move-rootuserpages move-subpages move-categorypages "
        "suppressredirect"
    ),
    "uploadfile": _ordered("upload reupload-own"),
    "uploadeditmovefile": _ordered(
        "upload reupload-own reupload reupload-shared upload_by_url movefile suppressredirect"
    ),
    "patrol": ["patrol"],
    "rollback": ["rollback"],
    "blockusers": _ordered("block blockemail"),
    "viewdeleted": _ordered("browsearchive deletedhistory deletedtext"),
    "viewrestrictedlogs": ["suppressionlog"],
    "delete": _ordered(
        "edit minoredit applychangetags changetags editcontentmodel browsearchive "
        "deletedhistory deletedtext delete bigdelete deletelogentry deleterevision undelete"
    ),
    "oversight": _ordered("suppressrevision viewsuppressed"),
    "protect": _ordered(
        "edit minoredit applychangetags changetags editcontentmodel editprotected protect"
    ),
    "viewmywatchlist": ["viewmywatchlist"],
    "editmywatchlist": ["editmywatchlist"],
    "sendemail": ["sendemail"],
    "createaccount": ["createaccount"],
    "privateinfo": ["viewmyprivateinfo"],
    "mergehistory": ["mergehistory"],
}

# MainConfigSchema::RateLimits (1.39): action -> bucket -> [count, seconds].
DEFAULT_RATE_LIMITS: dict[str, dict[str, list[int]]] = {
    "edit": {"ip": [8, 60], "newbie": [8, 60], "user": [90, 60]},
    "move": {"newbie": [2, 120], "user": [8, 60]},
    "rollback": {"user": [10, 60], "newbie": [5, 120]},
    "purge": {"ip": [30, 60], "user": [30, 60]},
    "changetag": {"ip": [8, 60], "newbie": [8, 60]},
    "editcontentmodel": {"newbie": [2, 120], "user": [8, 60]},
}

DEFAULT_USER_OPTIONS: dict[str, Any] = {
    "watchrollback": 0,
    "watchdefault": 1,
    "watchcreations": 1,
    "watchmoves": 0,
    "watchdeletion": 0,
    "watchuploads": 1,
    "minordefault": 0,
    "norollbackdiff": 0,
    "showrollbackconfirmation": 0,
    "date": "default",
    "timecorrection": "System|0",
    "language": "en",
    "watchlistdays": 7,
    "wllimit": 250,
    "rclimit": 50,
    "rcdays": 7,
    "hideminor": 0,
    "watchlisthidebots": 0,
    "watchlisthideminor": 0,
    "watchlisthideown": 0,
}

SOFTWARE_TAGS = (
    "mw-contentmodelchange",
    "mw-new-redirect",
    "mw-removed-redirect",
    "mw-changed-redirect-target",
    "mw-blank",
    "mw-replace",
    "mw-rollback",
    "mw-undo",
    "mw-manual-revert",
    "mw-reverted",
    "mw-server-side-upload",
)


@dataclass
class SiteConfig:
    """The wiki's settings, named after the MediaWiki globals they mirror."""

    sitename: str = "rollwiki"
    server: str = "http://127.0.0.1:8080"  # $wgServer; None-like "" means "the request's"
    canonical_server: str = ""
    servername: str = "127.0.0.1"
    script_path: str = "/w"
    article_path: str = "/wiki/$1"
    main_page: str = "Main Page"
    language: str = "en"
    timezone: str = "UTC"
    wikiid: str = "rollwiki"
    meta_namespace: str = ""  # defaults to the site name
    capital_links: bool = True
    namespaces: list[dict[str, Any]] | None = None  # None: MediaWiki's defaults
    namespace_aliases: list[dict[str, Any]] | None = None
    group_permissions: dict[str, list[str]] = field(
        default_factory=lambda: {k: list(v) for k, v in DEFAULT_GROUP_PERMISSIONS.items()}
    )
    revoke_permissions: dict[str, list[str]] = field(default_factory=dict)
    implicit_groups: list[str] = field(default_factory=lambda: ["*", "user", "autoconfirmed"])
    autoconfirm_count: int = 0
    autoconfirm_age: int = 0
    grant_permissions: dict[str, list[str]] = field(
        default_factory=lambda: {k: list(v) for k, v in DEFAULT_GRANT_PERMISSIONS.items()}
    )
    add_groups: dict[str, list[str]] = field(default_factory=dict)
    remove_groups: dict[str, list[str]] = field(default_factory=dict)
    groups_add_to_self: dict[str, list[str]] = field(default_factory=dict)
    groups_remove_from_self: dict[str, list[str]] = field(default_factory=dict)
    rate_limits: dict[str, dict[str, list[int]]] = field(
        default_factory=lambda: {k: dict(v) for k, v in DEFAULT_RATE_LIMITS.items()}
    )
    rate_limits_excluded_ips: list[str] = field(default_factory=list)
    password_attempt_throttle: list[dict[str, int]] = field(
        default_factory=lambda: [{"count": 5, "seconds": 300}, {"count": 150, "seconds": 172800}]
    )
    account_creation_throttle: list[dict[str, int]] = field(
        default_factory=lambda: [{"count": 6, "seconds": 86400}]
    )
    # $wgNamespaceProtection: namespace id (as a string, JSON keys) -> rights needed to edit;
    # SetupDynamicConfig.php always protects NS_MEDIAWIKI with editinterface.
    namespace_protection: dict[str, list[str]] = field(
        default_factory=lambda: {"8": ["editinterface"]}
    )
    manual_revert_search_radius: int = 15  # $wgManualRevertSearchRadius
    watchlist_expiry: bool = False  # $wgWatchlistExpiry (off by default in 1.39)
    watchlist_expiry_max_duration: str = "6 months"
    bot_passwords_enabled: bool = True
    use_rc_patrol: bool = True
    use_np_patrol: bool = True
    use_file_patrol: bool = True  # $wgUseFilePatrol
    rc_max_age: int = 90 * 86400
    trusted_proxies: list[str] = field(default_factory=list)
    use_private_ips: bool = False  # $wgUsePrivateIPs: trust private addresses in XFF
    # $wgRestrictionTypes, $wgRestrictionLevels, $wgCascadingRestrictionLevels,
    # $wgSemiprotectedRestrictionLevels (1.39 defaults).
    restriction_types: list[str] = field(
        default_factory=lambda: ["create", "edit", "move", "upload"]
    )
    restriction_levels: list[str] = field(default_factory=lambda: ["", "autoconfirmed", "sysop"])
    cascading_restriction_levels: list[str] = field(default_factory=lambda: ["sysop"])
    semiprotected_restriction_levels: list[str] = field(default_factory=lambda: ["autoconfirmed"])
    show_rollback_edit_count: int = 10
    disable_anon_talk: bool = False
    reverted_tag_max_depth: int = 15
    read_only: str | None = None
    enable_write_api: bool = True
    default_user_options: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_USER_OPTIONS))
    max_article_size_kib: int = 2048
    cross_site_ajax_domains: list[str] = field(default_factory=list)
    show_hostnames: bool = False
    email_enabled: bool = False
    enable_uploads: bool = False
    miser_mode: bool = False
    api_max_lag_threshold: int = 7
    min_password_length: int = 1
    privileged_min_password_length: int = 10
    # Every app process of the wiki; rate-limit counters are shared through Redis when set.
    redis_url: str | None = None

    @property
    def project_namespace(self) -> str:
        return self.meta_namespace or self.sitename.replace(" ", "_").replace("_", " ")

    @property
    def base_url(self) -> str:
        return self.server.rstrip("/")

    def with_overrides(self, overrides: dict[str, Any]) -> SiteConfig:
        """A copy with some fields replaced; unknown names are a configuration error."""
        known = {f.name for f in dataclasses.fields(self)}
        unknown = sorted(set(overrides) - known)
        if unknown:
            raise ValueError(f"unknown site setting(s): {', '.join(unknown)}")
        return dataclasses.replace(self, **overrides)

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @staticmethod
    def field_names() -> list[str]:
        return [f.name for f in dataclasses.fields(SiteConfig)]


def dump_value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
