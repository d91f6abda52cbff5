"""The database schema: MediaWiki's core tables, trimmed to what rollwiki serves.

Names follow MediaWiki's (``page``, ``revision``, ``actor``, ``recentchanges`` ...) so that
anyone who knows MediaWiki's schema can read our queries.  Timestamps are MediaWiki's
14-character ``YYYYMMDDHHMMSS`` strings in UTC (they sort as text on every engine);
expiries are the same or the literal ``infinity``.  The Alembic migrations under
``storage/migrations`` create exactly this metadata.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# Keys used on every engine; MariaDB needs explicit lengths on indexed strings.
TS = String(14)
EXPIRY = String(14)
TITLE = String(255)
NAME = String(255)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ID = Integer().with_variant(BigInteger(), "postgresql")

# MariaDB/MySQL compare strings case-insensitively by default; MediaWiki's titles and
# names are case-sensitive (binary), so every table uses a binary collation there.
MYSQL: dict[str, Any] = {
    "mysql_charset": "utf8mb4",
    "mysql_collate": "utf8mb4_bin",
    "mysql_engine": "InnoDB",
}

# --------------------------------------------------------------------- site settings

site_config = Table(
    "site_config",
    metadata,
    Column("sc_name", String(100), primary_key=True),
    Column("sc_value", Text, nullable=False),  # JSON
    **MYSQL,
)

# --------------------------------------------------------------------- users and actors

user = Table(
    "user",
    metadata,
    Column("user_id", Integer, primary_key=True, autoincrement=True),
    Column("user_name", NAME, nullable=False, unique=True),
    Column("user_password", Text, nullable=False, default=""),
    Column("user_registration", TS, nullable=True),
    Column("user_editcount", Integer, nullable=False, default=0),
    Column("user_touched", TS, nullable=False),
    Column("user_email", String(255), nullable=False, default=""),
    Column("user_real_name", String(255), nullable=False, default=""),
    Column("user_is_system", Boolean, nullable=False, default=False),
    **MYSQL,
)

actor = Table(
    "actor",
    metadata,
    Column("actor_id", Integer, primary_key=True, autoincrement=True),
    Column("actor_user", Integer, ForeignKey("user.user_id"), nullable=True, unique=True),
    # Registered name, IP address (IPv6 upper-cased and expanded) or "prefix>Name".
    Column("actor_name", NAME, nullable=False, unique=True),
    **MYSQL,
)

user_groups = Table(
    "user_groups",
    metadata,
    Column("ug_user", Integer, ForeignKey("user.user_id"), primary_key=True),
    Column("ug_group", String(255), primary_key=True),
    Column("ug_expiry", EXPIRY, nullable=True),  # NULL = never expires
    **MYSQL,
)

user_former_groups = Table(
    "user_former_groups",
    metadata,
    Column("ufg_user", Integer, ForeignKey("user.user_id"), primary_key=True),
    Column("ufg_group", String(255), primary_key=True),
    **MYSQL,
)

user_properties = Table(
    "user_properties",
    metadata,
    Column("up_user", Integer, ForeignKey("user.user_id"), primary_key=True),
    Column("up_property", String(255), primary_key=True),
    Column("up_value", Text, nullable=True),
    **MYSQL,
)

user_newtalk = Table(
    "user_newtalk",
    metadata,
    Column("user_id", Integer, nullable=False, default=0),
    Column("user_ip", String(40), nullable=False, default=""),
    Column("user_last_timestamp", TS, nullable=True),
    Index("ix_user_newtalk_user", "user_id"),
    Index("ix_user_newtalk_ip", "user_ip"),
    **MYSQL,
)

bot_passwords = Table(
    "bot_passwords",
    metadata,
    Column("bp_user", Integer, ForeignKey("user.user_id"), primary_key=True),
    Column("bp_app_id", String(32), primary_key=True),
    Column("bp_password", Text, nullable=False),
    Column("bp_token", String(32), nullable=False, default=""),
    Column("bp_restrictions", Text, nullable=False),  # JSON: {"IPAddresses": [...]}
    Column("bp_grants", Text, nullable=False),  # JSON list of grant names
    **MYSQL,
)

# Server-side sessions, shared by api.php and index.php.  The cookie carries a random id;
# the row stores only its SHA-256 so a database leak does not leak live sessions.
sessions = Table(
    "sessions",
    metadata,
    Column("sess_id_hash", String(64), primary_key=True),
    Column("sess_user", Integer, nullable=False, default=0),
    Column("sess_bp_app_id", String(32), nullable=True),  # set for bot-password sessions
    Column("sess_data", Text, nullable=False),  # JSON: token secrets, login state ...
    Column("sess_created", TS, nullable=False),
    Column("sess_seen", TS, nullable=False),
    Column("sess_expires", TS, nullable=False),
    Index("ix_sessions_user", "sess_user"),
    Index("ix_sessions_expires", "sess_expires"),
    **MYSQL,
)

# --------------------------------------------------------------------- pages and history

page = Table(
    "page",
    metadata,
    Column("page_id", Integer, primary_key=True, autoincrement=True),
    Column("page_namespace", Integer, nullable=False),
    Column("page_title", TITLE, nullable=False),  # DB key: underscores, no namespace
    Column("page_is_redirect", Boolean, nullable=False, default=False),
    Column("page_is_new", Boolean, nullable=False, default=True),
    Column("page_touched", TS, nullable=False),
    Column("page_links_updated", TS, nullable=True),
    # The compare-and-set target: UPDATE page SET page_latest=:new WHERE page_latest=:old.
    Column("page_latest", Integer, nullable=False, default=0),
    Column("page_len", Integer, nullable=False, default=0),
    Column("page_content_model", String(32), nullable=False, default="wikitext"),
    Column("page_lang", String(35), nullable=True),
    UniqueConstraint("page_namespace", "page_title", name="uq_page_name_title"),
    **MYSQL,
)

content = Table(
    "content",
    metadata,
    Column("content_id", Integer, primary_key=True, autoincrement=True),
    Column("content_size", Integer, nullable=False),
    Column("content_sha1", String(40), nullable=False),  # hex; the API shows hex
    Column("content_model", String(32), nullable=False, default="wikitext"),
    Column("content_text", Text, nullable=False),
    **MYSQL,
)

revision = Table(
    "revision",
    metadata,
    Column("rev_id", Integer, primary_key=True, autoincrement=True),
    Column("rev_page", Integer, ForeignKey("page.page_id"), nullable=False),
    Column("rev_parent_id", Integer, nullable=False, default=0),
    Column("rev_actor", Integer, ForeignKey("actor.actor_id"), nullable=False),
    Column("rev_timestamp", TS, nullable=False),
    Column("rev_comment", Text, nullable=False, default=""),
    Column("rev_minor_edit", Boolean, nullable=False, default=False),
    # Bit field as MediaWiki's rev_deleted: 1 text, 2 comment, 4 user, 8 restricted.
    Column("rev_deleted", SmallInteger, nullable=False, default=0),
    Column("rev_len", Integer, nullable=False, default=0),
    Column("rev_sha1", String(40), nullable=False, default=""),
    # A rollback reuses the target's content row, as MediaWiki inherits the slot.
    Column("rev_content", Integer, ForeignKey("content.content_id"), nullable=False),
    # Where the main slot's content first appeared (MediaWiki's slot_origin).
    Column("rev_content_origin", Integer, nullable=False, default=0),
    # The rollback target lookup: newest revision of a page by anyone but the reverted actor.
    Index("ix_revision_page_timestamp", "rev_page", "rev_timestamp", "rev_id"),
    Index("ix_revision_actor_timestamp", "rev_actor", "rev_timestamp", "rev_id"),
    Index("ix_revision_page_actor_timestamp", "rev_page", "rev_actor", "rev_timestamp"),
    Index("ix_revision_timestamp", "rev_timestamp"),
    **MYSQL,
)

archive = Table(
    "archive",
    metadata,
    Column("ar_id", Integer, primary_key=True, autoincrement=True),
    Column("ar_namespace", Integer, nullable=False),
    Column("ar_title", TITLE, nullable=False),
    Column("ar_page_id", Integer, nullable=False),
    Column("ar_rev_id", Integer, nullable=False),
    Column("ar_parent_id", Integer, nullable=False, default=0),
    Column("ar_actor", Integer, nullable=False),
    Column("ar_timestamp", TS, nullable=False),
    Column("ar_comment", Text, nullable=False, default=""),
    Column("ar_minor_edit", Boolean, nullable=False, default=False),
    Column("ar_deleted", SmallInteger, nullable=False, default=0),
    Column("ar_len", Integer, nullable=False, default=0),
    Column("ar_sha1", String(40), nullable=False, default=""),
    Column("ar_content", Integer, nullable=False),
    Index("ix_archive_name_title_timestamp", "ar_namespace", "ar_title", "ar_timestamp"),
    **MYSQL,
)

# Links out of a page's current revision; templatelinks drive cascading protection and
# generator=templates.
templatelinks = Table(
    "templatelinks",
    metadata,
    Column("tl_from", Integer, ForeignKey("page.page_id"), primary_key=True),
    Column("tl_namespace", Integer, primary_key=True),
    Column("tl_title", TITLE, primary_key=True),
    Index("ix_templatelinks_target", "tl_namespace", "tl_title"),
    **MYSQL,
)

pagelinks = Table(
    "pagelinks",
    metadata,
    Column("pl_from", Integer, ForeignKey("page.page_id"), primary_key=True),
    Column("pl_namespace", Integer, primary_key=True),
    Column("pl_title", TITLE, primary_key=True),
    Index("ix_pagelinks_target", "pl_namespace", "pl_title"),
    **MYSQL,
)

# --------------------------------------------------------------------- recent changes, tags

recentchanges = Table(
    "recentchanges",
    metadata,
    Column("rc_id", Integer, primary_key=True, autoincrement=True),
    Column("rc_timestamp", TS, nullable=False),
    Column("rc_actor", Integer, ForeignKey("actor.actor_id"), nullable=False),
    Column("rc_namespace", Integer, nullable=False),
    Column("rc_title", TITLE, nullable=False),
    Column("rc_comment", Text, nullable=False, default=""),
    Column("rc_minor", Boolean, nullable=False, default=False),
    Column("rc_bot", Boolean, nullable=False, default=False),
    Column("rc_new", Boolean, nullable=False, default=False),
    Column("rc_cur_id", Integer, nullable=False, default=0),
    Column("rc_this_oldid", Integer, nullable=False, default=0),
    Column("rc_last_oldid", Integer, nullable=False, default=0),
    # 0 edit, 1 new, 3 log, 6 categorize (MediaWiki's RC_* constants).
    Column("rc_type", SmallInteger, nullable=False, default=0),
    Column("rc_source", String(16), nullable=False, default=""),
    # 0 unpatrolled, 1 patrolled, 2 autopatrolled.
    Column("rc_patrolled", SmallInteger, nullable=False, default=0),
    Column("rc_ip", String(40), nullable=False, default=""),
    Column("rc_old_len", Integer, nullable=True),
    Column("rc_new_len", Integer, nullable=True),
    Column("rc_deleted", SmallInteger, nullable=False, default=0),
    Column("rc_logid", Integer, nullable=False, default=0),
    Column("rc_log_type", String(255), nullable=True),
    Column("rc_log_action", String(255), nullable=True),
    Column("rc_params", Text, nullable=True),
    Index("ix_recentchanges_timestamp", "rc_timestamp", "rc_id"),
    Index("ix_recentchanges_title", "rc_namespace", "rc_title", "rc_timestamp"),
    Index("ix_recentchanges_actor", "rc_actor", "rc_timestamp"),
    Index("ix_recentchanges_this_oldid", "rc_this_oldid"),
    Index("ix_recentchanges_cur_id", "rc_cur_id", "rc_actor", "rc_timestamp"),
    **MYSQL,
)

change_tag_def = Table(
    "change_tag_def",
    metadata,
    Column("ctd_id", Integer, primary_key=True, autoincrement=True),
    Column("ctd_name", String(255), nullable=False, unique=True),
    # Defined through action=managetags / Special:Tags (ManualTagDefinition).
    Column("ctd_user_defined", Boolean, nullable=False, default=False),
    Column("ctd_count", BigInteger, nullable=False, default=0),
    **MYSQL,
)

change_tag = Table(
    "change_tag",
    metadata,
    Column("ct_id", Integer, primary_key=True, autoincrement=True),
    Column("ct_rc_id", Integer, nullable=True),
    Column("ct_log_id", Integer, nullable=True),
    Column("ct_rev_id", Integer, nullable=True),
    Column("ct_params", Text, nullable=True),
    Column("ct_tag_id", Integer, ForeignKey("change_tag_def.ctd_id"), nullable=False),
    Index("ix_change_tag_rc", "ct_rc_id", "ct_tag_id"),
    Index("ix_change_tag_log", "ct_log_id", "ct_tag_id"),
    Index("ix_change_tag_rev", "ct_rev_id", "ct_tag_id"),
    Index("ix_change_tag_tag", "ct_tag_id", "ct_rc_id", "ct_rev_id", "ct_log_id"),
    **MYSQL,
)

# --------------------------------------------------------------------- logs

logging = Table(
    "logging",
    metadata,
    Column("log_id", Integer, primary_key=True, autoincrement=True),
    Column("log_type", String(32), nullable=False),
    Column("log_action", String(32), nullable=False),
    Column("log_timestamp", TS, nullable=False),
    Column("log_actor", Integer, ForeignKey("actor.actor_id"), nullable=False),
    Column("log_namespace", Integer, nullable=False, default=0),
    Column("log_title", TITLE, nullable=False, default=""),
    Column("log_page", Integer, nullable=True),
    Column("log_comment", Text, nullable=False, default=""),
    Column("log_params", Text, nullable=False, default=""),  # JSON
    Column("log_deleted", SmallInteger, nullable=False, default=0),
    Index("ix_logging_type_time", "log_type", "log_timestamp"),
    Index("ix_logging_actor_time", "log_actor", "log_timestamp"),
    Index("ix_logging_page_time", "log_namespace", "log_title", "log_timestamp"),
    Index("ix_logging_times", "log_timestamp"),
    **MYSQL,
)

# --------------------------------------------------------------------- watchlist

watchlist = Table(
    "watchlist",
    metadata,
    Column("wl_id", Integer, primary_key=True, autoincrement=True),
    Column("wl_user", Integer, ForeignKey("user.user_id"), nullable=False),
    Column("wl_namespace", Integer, nullable=False),
    Column("wl_title", TITLE, nullable=False),
    Column("wl_notificationtimestamp", TS, nullable=True),
    Column("wl_expiry", EXPIRY, nullable=True),  # MediaWiki's watchlist_expiry.we_expiry
    UniqueConstraint("wl_user", "wl_namespace", "wl_title", name="uq_watchlist_user_title"),
    Index("ix_watchlist_title", "wl_namespace", "wl_title"),
    Index("ix_watchlist_expiry", "wl_expiry"),
    **MYSQL,
)

# --------------------------------------------------------------------- blocks, protection

ipblocks = Table(
    "ipblocks",
    metadata,
    Column("ipb_id", Integer, primary_key=True, autoincrement=True),
    Column("ipb_address", NAME, nullable=False),  # user name, IP or range
    Column("ipb_user", Integer, nullable=False, default=0),
    Column("ipb_by_actor", Integer, ForeignKey("actor.actor_id"), nullable=False),
    Column("ipb_reason", Text, nullable=False, default=""),
    Column("ipb_timestamp", TS, nullable=False),
    Column("ipb_auto", Boolean, nullable=False, default=False),
    Column("ipb_anon_only", Boolean, nullable=False, default=False),
    Column("ipb_create_account", Boolean, nullable=False, default=True),
    Column("ipb_enable_autoblock", Boolean, nullable=False, default=True),
    Column("ipb_expiry", EXPIRY, nullable=False),
    Column("ipb_range_start", String(40), nullable=False, default=""),
    Column("ipb_range_end", String(40), nullable=False, default=""),
    Column("ipb_deleted", Boolean, nullable=False, default=False),
    Column("ipb_block_email", Boolean, nullable=False, default=False),
    Column("ipb_allow_usertalk", Boolean, nullable=False, default=False),
    Column("ipb_parent_block_id", Integer, nullable=True),
    Column("ipb_sitewide", Boolean, nullable=False, default=True),
    Index("ix_ipblocks_address", "ipb_address", "ipb_user", "ipb_auto"),
    Index("ix_ipblocks_user", "ipb_user"),
    Index("ix_ipblocks_range", "ipb_range_start", "ipb_range_end"),
    Index("ix_ipblocks_expiry", "ipb_expiry"),
    **MYSQL,
)

ipblocks_restrictions = Table(
    "ipblocks_restrictions",
    metadata,
    Column("ir_ipb_id", Integer, ForeignKey("ipblocks.ipb_id"), primary_key=True),
    Column("ir_type", SmallInteger, primary_key=True),  # 1 page, 2 namespace, 3 action
    Column("ir_value", Integer, primary_key=True),
    **MYSQL,
)

page_restrictions = Table(
    "page_restrictions",
    metadata,
    Column("pr_id", Integer, primary_key=True, autoincrement=True),
    Column("pr_page", Integer, ForeignKey("page.page_id"), nullable=False),
    Column("pr_type", String(60), nullable=False),
    Column("pr_level", String(60), nullable=False),
    Column("pr_cascade", Boolean, nullable=False, default=False),
    Column("pr_expiry", EXPIRY, nullable=True),
    UniqueConstraint("pr_page", "pr_type", name="uq_page_restrictions_page_type"),
    Index("ix_page_restrictions_level", "pr_level"),
    **MYSQL,
)

protected_titles = Table(
    "protected_titles",
    metadata,
    Column("pt_namespace", Integer, primary_key=True),
    Column("pt_title", TITLE, primary_key=True),
    Column("pt_actor", Integer, nullable=False),
    Column("pt_reason", Text, nullable=False, default=""),
    Column("pt_timestamp", TS, nullable=False),
    Column("pt_expiry", EXPIRY, nullable=False),
    Column("pt_create_perm", String(60), nullable=False),
    **MYSQL,
)

# --------------------------------------------------------------------- interwiki, misc

interwiki = Table(
    "interwiki",
    metadata,
    Column("iw_prefix", String(32), primary_key=True),
    Column("iw_url", Text, nullable=False),
    Column("iw_api", Text, nullable=False, default=""),
    Column("iw_wikiid", String(64), nullable=False, default=""),
    Column("iw_local", Boolean, nullable=False, default=False),
    Column("iw_trans", Boolean, nullable=False, default=False),
    **MYSQL,
)

# Per-key counters for rate limits when no Redis is configured across processes.
ratelimit = Table(
    "ratelimit",
    metadata,
    Column("rl_key", String(255), primary_key=True),
    Column("rl_count", Integer, nullable=False, default=0),
    Column("rl_window_end", BigInteger, nullable=False),
    **MYSQL,
)

# Uploaded XML (action=import) is streamed, never stored; files are out of scope, but the
# binary type keeps a place for future upload support without a schema rewrite.
objectcache = Table(
    "objectcache",
    metadata,
    Column("keyname", String(255), primary_key=True),
    Column("value", LargeBinary, nullable=True),
    Column("exptime", TS, nullable=True),
    **MYSQL,
)
