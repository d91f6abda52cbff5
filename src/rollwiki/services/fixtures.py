"""Applying a declarative fixtures file (tests/data/conformance/fixtures.json's format).

``load_fixtures(wiki, path)`` brings a wiki to the state the file describes: site settings,
namespaces, interwiki prefixes, group rights and grants, accounts, bot passwords, change
tags, pages, and the XML import of ``imported_fixture_pages``.  It is idempotent: what is
already as described is left alone (accounts keep their ids, pages are not edited again,
imported revisions are skipped), so a second run changes nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from ..storage.queries import interwiki as iwq
from ..storage.queries import pages as pq
from ..storage.queries import recentchanges as rcq
from ..storage.queries import site as siteq
from ..storage.queries import tags as tq
from ..storage.queries import users as uq
from . import accounts, passwords, timestamps
from .dumpreader import open_dump
from .fixture_site import FixtureError, site_overrides, software_tags
from .importer import Importer, ImportOptions, ImportStats
from .ip import is_valid_range
from .pageupdater import Author, NewRevision, save_revision, sha1_hex
from .permissions import PermissionService
from .tagdefs import TagError, create_tag, system_actor
from .titles import MalformedTitle, Title
from .wiki import Wiki

__all__ = ["FixtureError", "FixtureReport", "load_fixtures"]

_BOT_PASSWORD = re.compile(r"^[0-9a-w]{32,}$")


@dataclass
class FixtureReport:
    """What a run changed (empty when the wiki already matched the file)."""

    changes: list[str] = field(default_factory=list)
    imported: ImportStats | None = None

    def add(self, what: str) -> None:
        self.changes.append(what)


def load_fixtures(wiki: Wiki, path: str | Path) -> FixtureReport:
    """Apply the fixtures file at ``path`` to the wiki; raises FixtureError."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise FixtureError(f"cannot read {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise FixtureError(f"{path}: the top level must be an object")
    overrides = _validate(wiki, data, path)
    report = FixtureReport()
    _site_config(wiki, overrides, report)
    _interwiki(wiki, data.get("interwiki", {}), report)
    _users(wiki, data.get("users", []), report)
    _bot_passwords(wiki, data.get("bot_passwords", []), report)
    _change_tags(wiki, data.get("change_tags", {}), report)
    _pages(wiki, data.get("pages", []), report)
    imported = data.get("imported_fixture_pages")
    if imported:
        _import(wiki, path.parent / str(imported["file"]), report)
    return report


def _validate(wiki: Wiki, data: Mapping[str, Any], path: Path) -> dict[str, Any]:
    """Every check that needs no database write, so that a bad file changes nothing.

    Returns the site-config overrides the file implies.
    """
    overrides = site_overrides(data)
    try:
        config = wiki.config.with_overrides(overrides)
    except (TypeError, ValueError) as exc:
        raise FixtureError(str(exc)) from exc
    permissions = PermissionService(config)
    groups_known = set(permissions.assignable_groups())
    names = set()
    for entry in data.get("users", []):
        name = str(entry["name"])
        if wiki.usernames.get_canonical(name, "valid") != name:
            raise FixtureError(f'"{name}" is not a valid user name')
        unknown = sorted(set(entry.get("groups", [])) - groups_known)
        if unknown:
            raise FixtureError(f"{name}: unknown group(s) {', '.join(unknown)}")
        names.add(name)
    valid_grants = set(permissions.valid_grants())
    for entry in data.get("bot_passwords", []):
        login = f"{entry['user']}@{entry['app_id']}"
        if entry["user"] not in names:
            raise FixtureError(f"bot password {login}: {entry['user']} is not in users")
        if not _BOT_PASSWORD.match(str(entry["password"])):
            raise FixtureError(f"{login}: a bot password must match [0-9a-w]{{32,}}")
        bad = sorted(set(entry.get("grants", [])) - valid_grants)
        if bad:
            raise FixtureError(f"{login}: unknown grant(s) {', '.join(bad)}")
        bad = [r for r in _ranges(entry) if not is_valid_range(r)]
        if bad:
            raise FixtureError(f"{login}: invalid IP range(s) {', '.join(bad)}")
    software_tags(list(data.get("change_tags", {}).get("software", [])))
    for entry in data.get("pages", []):
        text = str(entry["content"])
        if "size" in entry and len(text.encode("utf-8")) != int(entry["size"]):
            raise FixtureError(f"{entry['title']}: content is not {entry['size']} bytes")
        if "sha1" in entry and sha1_hex(text) != entry["sha1"]:
            raise FixtureError(f"{entry['title']}: content does not match its sha1")
        author = str(entry.get("author", "MediaWiki default"))
        if author not in names and not _user_exists(wiki, author):
            raise FixtureError(f"{entry['title']}: the author {author} does not exist")
    imported = data.get("imported_fixture_pages")
    if imported and not (path.parent / str(imported["file"])).is_file():
        raise FixtureError(f"{imported['file']} not found next to {path.name}")
    return overrides


def _user_exists(wiki: Wiki, name: str) -> bool:
    return wiki.db.read(lambda conn: uq.user_by_name(conn, name)) is not None


def _ranges(entry: Mapping[str, Any]) -> list[str]:
    return list(entry.get("restrictions", {}).get("IPAddresses", ["0.0.0.0/0", "::/0"]))


# -- site settings ---------------------------------------------------------------------------


def _site_config(wiki: Wiki, overrides: dict[str, Any], report: FixtureReport) -> None:
    def write(conn: Connection) -> list[str]:
        stored = siteq.load_overrides(conn)
        changed = [k for k, v in overrides.items() if k not in stored or stored[k] != v]
        siteq.save_site_config(conn, {k: overrides[k] for k in changed})
        return changed

    changed = wiki.db.write(write)
    if changed:
        report.add(f"site settings: {', '.join(changed)}")
    # Namespaces, rights and interwiki prefixes are used by everything that follows.
    wiki.reload_config()


def _interwiki(wiki: Wiki, section: Mapping[str, Any], report: FixtureReport) -> None:
    prefixes = section.get("prefixes", {})

    def write(conn: Connection) -> int:
        changed = 0
        for prefix, url in prefixes.items():
            values = {
                "iw_prefix": str(prefix).lower(),
                "iw_url": str(url),
                "iw_api": "",
                "iw_wikiid": "",
                "iw_local": False,
                "iw_trans": False,
            }
            changed += iwq.upsert_interwiki(conn, values)
        return changed

    changed = wiki.db.write(write)
    if changed:
        report.add(f"interwiki prefixes: {changed}")
    wiki.reload_config()


# -- accounts --------------------------------------------------------------------------------


def _users(wiki: Wiki, users: list[Mapping[str, Any]], report: FixtureReport) -> None:
    for entry in users:
        _user(wiki, entry, report)


def _user(wiki: Wiki, entry: Mapping[str, Any], report: FixtureReport) -> None:
    name = str(entry["name"])
    password = entry.get("password")
    system = bool(entry.get("system_user")) or password is None
    existing = wiki.db.read(lambda conn: uq.user_by_name(conn, name))
    # Hashing is CPU work: done here, outside the write transaction, and only when needed.
    new_hash: str | None = None
    if system:
        new_hash = "" if existing is None or existing["user_password"] else None
    elif existing is None or not passwords.verify_password(
        existing["user_password"], str(password)
    ):
        new_hash = passwords.hash_password(str(password))
    wanted = list(dict.fromkeys(entry.get("groups", [])))

    def write(conn: Connection) -> list[str]:
        now = timestamps.mw_now()
        done: list[str] = []
        row = uq.user_by_name(conn, name)
        if row is None:
            accounts.create_user(conn, name, new_hash or "", wanted, is_system=system)
            return [f"user {name} created"]
        user_id = int(row["user_id"])
        if new_hash is not None:
            uq.set_password(conn, user_id, new_hash, now)
            done.append(f"user {name}: password")
        current = [g for g, _ in uq.groups_of(conn, user_id, now)]
        for group in wanted:
            if group not in current:
                uq.add_group(conn, user_id, group, None)
                done.append(f"user {name}: +{group}")
        for group in current:
            if group not in wanted:
                uq.remove_group(conn, user_id, group)
                done.append(f"user {name}: -{group}")
        return done

    for change in wiki.db.write(write):
        report.add(change)


def _bot_passwords(wiki: Wiki, entries: list[Mapping[str, Any]], report: FixtureReport) -> None:
    for entry in entries:
        grants = sorted(set(entry.get("grants", [])))
        _bot_password(
            wiki,
            str(entry["user"]),
            str(entry["app_id"]),
            str(entry["password"]),
            grants,
            _ranges(entry),
            report,
        )


def _bot_password(
    wiki: Wiki,
    user_name: str,
    app_id: str,
    password: str,
    grants: list[str],
    ranges: list[str],
    report: FixtureReport,
) -> None:
    def read(conn: Connection) -> tuple[int, dict[str, Any] | None]:
        row = uq.user_by_name(conn, user_name)
        if row is None:
            raise FixtureError(f"bot password {user_name}@{app_id}: no such user")
        return int(row["user_id"]), uq.bot_password(conn, int(row["user_id"]), app_id)

    user_id, existing = wiki.db.read(read)
    if (
        existing is not None
        and json.loads(existing["bp_grants"]) == grants
        and json.loads(existing["bp_restrictions"]).get("IPAddresses") == ranges
        and passwords.verify_password(existing["bp_password"], password)
    ):
        return  # unchanged: keep its token, so existing sessions stay valid
    hashed = passwords.hash_password(password)
    wiki.db.write(
        lambda conn: accounts.set_bot_password(conn, user_id, app_id, hashed, grants, ranges)
    )
    report.add(f"bot password {user_name}@{app_id}")


# -- change tags -------------------------------------------------------------------------------


def _change_tags(wiki: Wiki, section: Mapping[str, Any], report: FixtureReport) -> None:
    entries = list(section.get("user_defined", []))

    def write(conn: Connection) -> list[str]:
        defined = set(tq.explicitly_defined_tags(conn))
        done = []
        for entry in entries:
            name = str(entry["name"])
            active = bool(entry.get("active", True))
            if active and name not in defined:
                if tq.tag_ids(conn, [name], create=False):
                    tq.define_tag(conn, name, user_defined=True)  # reactivate
                else:
                    try:
                        create_tag(conn, wiki.titles, name, "", system_actor(conn))
                    except TagError as exc:
                        raise FixtureError(f'tag "{name}": {exc.message.key}') from exc
                done.append(f"tag {name}")
            elif not active and name in defined:
                tq.define_tag(conn, name, user_defined=False)  # deactivate, keep the row
                done.append(f"tag {name} deactivated")
        return done

    for change in wiki.db.write(write):
        report.add(change)


# -- pages -------------------------------------------------------------------------------------


def _pages(wiki: Wiki, pages: list[Mapping[str, Any]], report: FixtureReport) -> None:
    for entry in pages:
        title = _page_title(wiki, entry)
        if _create_page(wiki, title, entry, str(entry["content"])):
            report.add(f"page {wiki.prefixed(title)}")


def _page_title(wiki: Wiki, entry: Mapping[str, Any]) -> Title:
    try:
        title = wiki.titles.parse(str(entry["title"]))
    except MalformedTitle as exc:
        raise FixtureError(f"invalid page title {entry['title']!r}: {exc.key}") from exc
    if "namespace" in entry and title.namespace != int(entry["namespace"]):
        raise FixtureError(f"{entry['title']} is not in namespace {entry['namespace']}")
    if title.is_external or title.namespace < 0:
        raise FixtureError(f"{entry['title']} cannot be a page")
    return title


def _create_page(wiki: Wiki, title: Title, entry: Mapping[str, Any], text: str) -> bool:
    author_name = str(entry.get("author", "MediaWiki default"))

    def write(conn: Connection) -> bool:
        if pq.page_by_title(conn, title.namespace, title.dbkey) is not None:
            return False  # pages are created once, never edited again
        user = uq.user_by_name(conn, author_name)
        if user is None:
            raise FixtureError(f"{entry['title']}: the author {author_name} does not exist")
        user_id = int(user["user_id"])
        actor_id = uq.ensure_actor(conn, author_name, user_id)
        groups = [g for g, _ in uq.groups_of(conn, user_id, timestamps.mw_now())]
        effective = wiki.permissions.effective_groups(groups, registered=True)
        rights = wiki.permissions.rights_for_groups(effective)
        save_revision(
            conn,
            NewRevision(
                title=title,
                author=Author(actor_id, author_name, user_id),
                comment=str(entry.get("summary", "")),
                text=text,
                model=str(entry.get("content_model", "wikitext")),
                patrolled=rcq.PATROL_AUTO if "autopatrol" in rights else rcq.PATROL_NONE,
                expected_latest=0,
            ),
            wiki.titles,
        )
        return True

    return wiki.db.write(write)


def _import(wiki: Wiki, path: Path, report: FixtureReport) -> None:
    """The pages of interwiki users: names verbatim, no null revision (importDump.php)."""
    try:
        stream = open_dump(path)
    except OSError as exc:
        raise FixtureError(f"cannot open {path}: {exc.strerror or exc}") from exc
    with stream:
        stats = Importer(wiki, ImportOptions(username_prefix="imported")).run(stream)
    report.imported = stats
    if stats.revisions:
        report.add(f"imported {stats.revisions} revisions of {stats.pages} pages from {path.name}")
