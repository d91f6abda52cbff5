"""Authors of imported revisions (Mirrors ExternalUserNames and the importer's user lookup).

A dump's contributor becomes ``prefix>Name`` unless the name could not be a local account
(invalid, reserved, or already ``other>Name``) or, with ``assign_known_users``, an account
of that name exists here.  IP contributors become IP actors; a deleted or empty
contributor becomes ``prefix>Unknown user``, as in 1.39.
"""

from __future__ import annotations

from sqlalchemy import Connection

from ..storage.queries import users as uq
from . import ip as iputil
from .dumpreader import Contributor
from .import_revisions import RevisionRejected
from .wiki import Wiki


class ExternalUserNames:
    """Names and actor ids of contributors, decided once per import and cached."""

    def __init__(self, wiki: Wiki, prefix: str, assign_known_users: bool) -> None:
        self.wiki = wiki
        # ExternalUserNames::__construct(): rtrim( $usernamePrefix, ':>' ).
        self.prefix = prefix.rstrip(":>")
        self.assign_known_users = assign_known_users
        self._names: dict[str, str] = {}
        self._actors: dict[str, int] = {}

    def add_prefix(self, name: str) -> str:
        """Mirrors ExternalUserNames::addPrefix(): "prefix>Name", at most 255 bytes."""
        return f"{self.prefix}>{name}".encode()[:255].decode("utf-8", "ignore")

    def apply_prefix(self, conn: Connection, name: str) -> str:
        """Mirrors ExternalUserNames::applyPrefix()."""
        canonical = self.wiki.usernames.get_canonical(name, "usable")
        if canonical is None:
            return name
        if self.assign_known_users and uq.user_by_name(conn, canonical) is not None:
            return name
        return self.add_prefix(name)

    def author_name(self, conn: Connection, contributor: Contributor | None) -> str:
        """The name WikiImporter::processRevision() gives the revision's author."""
        if contributor is not None and contributor.username is not None:
            raw = contributor.username
            name = self._names.get(raw)
            if name is None:
                name = self._names[raw] = self.apply_prefix(conn, raw)
            return name
        if contributor is not None and contributor.ip is not None:
            return contributor.ip
        return self.add_prefix("Unknown user")

    def actor(
        self, conn: Connection, contributor: Contributor | None, pending: dict[str, int]
    ) -> int:
        """The actor id of a contributor (UserFactory::newFromName + ActorStore).

        New ids go to ``pending`` until the caller's transaction commits (:meth:`commit`),
        so a rolled-back page leaves no stale id in the cache.  Raises RevisionRejected for
        names MediaWiki cannot store (it fails with "Cannot create an actor").
        """
        name = self.author_name(conn, contributor)
        cached = self._actors.get(name) or pending.get(name)
        if cached is not None:
            return cached
        usernames = self.wiki.usernames
        if usernames.is_ip(name):
            actor_id = uq.ensure_actor(conn, iputil.sanitize_ip(name) or name, None)
        elif (canonical := usernames.get_canonical(name, "valid")) is not None:
            user = uq.user_by_name(conn, canonical)
            if user is None:
                raise RevisionRejected(f'the contributor "{name}" has no account on this wiki')
            actor_id = uq.ensure_actor(conn, canonical, int(user["user_id"]))
        elif ">" in name and name.strip() not in ("", ">"):
            actor_id = uq.ensure_actor(conn, name, None)
        else:
            raise RevisionRejected(f'invalid contributor name "{name}"')
        pending[name] = actor_id
        return actor_id

    def commit(self, pending: dict[str, int]) -> None:
        """Keep the actor ids of a committed transaction."""
        self._actors.update(pending)
