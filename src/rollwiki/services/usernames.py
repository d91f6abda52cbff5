"""User names: validity, canonical forms and the API's "user" parameter type."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal

from rollwiki.services import ip
from rollwiki.services.namespaces import NS_MAIN, NS_USER
from rollwiki.services.titles import MalformedTitle, Title, TitleParser, ucfirst

Rigor = Literal["valid", "usable", "creatable", "none"]
UserKind = Literal["name", "ip", "cidr", "interwiki", "id", "temp"]

# $wgReservedUsernames in 1.39, with its "msg:" entries resolved in English (content language).
DEFAULT_RESERVED_USERNAMES: tuple[str, ...] = (
    "MediaWiki default",
    "Conversion script",
    "Maintenance script",
    "Template namespace initialisation script",
    "ScriptImporter",
    "Delete page script",
    "Move page script",
    "Command line script",
    "Unknown user",
    "Redirect fixer",  # msg:double-redirect-fixer
    "System messenger",  # msg:usermessage-editor
    "Proxy blocker",  # msg:proxyblocker
    "DNSBL",  # msg:sorbs
    "MediaWiki spam cleanup",  # msg:spambot_username
    "MediaWiki automatic change",  # msg:autochange-username
)
# $wgInvalidUsernameCharacters in 1.39 ("=" was only added in later releases).
DEFAULT_INVALID_USERNAME_CHARACTERS = "@:>"
# The name UserDef gives a "#<id>" that matches no account (and "#0").
UNKNOWN_USER = "Unknown user"
PHP_INT_MAX = 2**63 - 1

# UserNameUtils::isIP(): also "1.2.3.xxx", the form old MediaWiki used to hide addresses.
_ANY_IPV4 = re.compile(r"^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.(?:xxx|[0-9]{1,3})$")
_HIDDEN_IPV4 = re.compile(rf"{ip.RE_IP_BYTE}\.{ip.RE_IP_BYTE}\.{ip.RE_IP_BYTE}\.xxx")
_USER_ID = re.compile("#([0-9]+)")
# Troublemakers UserNameUtils::isValid() rejects on top of the title rules: C1 controls,
# no-break and other spaces, bidi/zero-width controls, the ideographic space, private use.
_TROUBLEMAKERS = re.compile("[\u0080-\u009f\u00a0\u2000-\u200f\u2028-\u202f\u3000\ue000-\uf8ff]")


@dataclass(frozen=True)
class UserRef:
    """What an API "user" parameter names (UserDef's type plus UserIdentity).

    For kind "id" the caller looks ``user_id`` up; ``name`` is what MediaWiki uses when no
    account has that id ("Unknown user", also for "#0").
    """

    kind: UserKind
    name: str
    user_id: int | None = None


class UserNameUtils:
    """Mirrors MediaWiki\\User\\UserNameUtils, plus UserDef::processUser()."""

    def __init__(
        self,
        titles: TitleParser,
        invalid_chars: str = DEFAULT_INVALID_USERNAME_CHARACTERS,
        reserved: Collection[str] = DEFAULT_RESERVED_USERNAMES,
        max_length: int = 255,
    ) -> None:
        self.titles = titles
        self.invalid_chars = invalid_chars
        self.reserved = frozenset(reserved)
        self.max_length = max_length

    def is_ip(self, name: str) -> bool:
        """Mirrors UserNameUtils::isIP(): an address, or anything shaped like IPv4.

        "300.300.300.300" counts, so such names can never be registered.
        """
        return ip.is_valid(name) or _ANY_IPV4.search(name) is not None

    def is_valid_ip_range(self, ip_range: str) -> bool:
        """Mirrors UserNameUtils::isValidIPRange()."""
        return ip.is_valid_range(ip_range)

    def is_valid(self, name: str) -> bool:
        """Mirrors UserNameUtils::isValid(): could be an account name (existing or not)."""
        if (
            name == ""
            or self.is_ip(name)
            or "/" in name
            or len(name.encode("utf-8")) > self.max_length
            or name != ucfirst(name)
        ):
            return False
        # The name must be its own title text, so that it cannot be misread as another title
        # (a namespace prefix, "_", a lower-case letter after "User:" ...).
        title = self._parse(name)
        if title is None or title.namespace != NS_MAIN or title.text != name:
            return False
        return _TROUBLEMAKERS.search(name) is None

    def is_usable(self, name: str) -> bool:
        """Mirrors UserNameUtils::isUsable(): valid and not reserved for the software."""
        return self.is_valid(name) and name not in self.reserved

    def is_creatable(self, name: str) -> bool:
        """Mirrors UserNameUtils::isCreatable(): what a new account may be called."""
        # T25080: at most 235 bytes, so that "User:<name>/common.js" still fits in a title.
        if len(name.encode("utf-8")) > 235:
            return False
        if any(char in self.invalid_chars for char in name):
            return False
        if self.is_temp(name):
            return False
        return self.is_usable(name)

    def is_temp(self, name: str) -> bool:
        """Mirrors UserNameUtils::isTemp(); temporary accounts are disabled in 1.39."""
        return False

    def get_canonical(self, name: str, rigor: Rigor = "valid") -> str | None:
        """Mirrors UserNameUtils::getCanonical(); None where MediaWiki returns false.

        "none" only upper-cases the first letter, drops "User:" and turns "_" into spaces
        (IPs are not sanitised); the other rigors normalise the name as a User: title first.
        """
        name = ucfirst(name)
        # Title parsing would silently drop a "#fragment"; too late to notice afterwards.
        if "#" in name:
            return None
        if rigor == "none":
            prefix = self.titles.namespaces.name(NS_USER).replace(" ", "_") + ":"
            if name.startswith(prefix):
                # str_replace(): every occurrence goes, not just the leading one.
                name = name.replace(prefix, "")
            return name.replace("_", " ")
        title = self._parse(name, NS_USER)
        if title is None or title.namespace != NS_USER or title.is_external:
            return None
        name = title.text
        if rigor == "valid":
            return name if self.is_valid(name) else None
        if rigor == "usable":
            return name if self.is_usable(name) else None
        if rigor == "creatable":
            return name if self.is_creatable(name) else None
        raise ValueError(f"Invalid parameter value for validation ({rigor})")

    def resolve_user_param(self, value: str, allowed: Collection[str]) -> UserRef | None:
        """Mirrors UserDef::validate(): None means "baduser" (invalid or type not allowed)."""
        ref = self._process_user(value)
        if ref is None or ref.kind not in allowed:
            return None
        return ref

    def _process_user(self, value: str) -> UserRef | None:
        """Mirrors UserDef::processUser()."""
        id_match = _USER_ID.fullmatch(value)
        if id_match:
            # PHP's (int) saturates instead of overflowing.
            return UserRef("id", UNKNOWN_USER, min(int(id_match.group(1)), PHP_INT_MAX))

        # An imported ("prefix>Name") user. The raw value is kept, so that the prefix's first
        # letter is not upper-cased; only a "#" (caught by getCanonical) makes it invalid.
        if ">" in value:
            if self.get_canonical(value, "none") is None:
                return None
            return UserRef("interwiki", value)

        canonical = self.get_canonical(value, "valid")
        if canonical is not None:
            return UserRef("name", canonical)

        # T232672: the normalisation getCanonical() would have applied.
        if "#" in value:
            return None
        title = self._parse(value)
        if title is None or title.namespace != NS_USER or title.is_external:
            title = self._parse(f"User:{value}")
        if title is None or title.namespace != NS_USER or title.is_external:
            return None
        # Already sanitised: User: titles hold IPs in their stored spelling.
        text = title.text
        if ip.is_valid(text) or _HIDDEN_IPV4.fullmatch(text):
            return UserRef("ip", self._anonymous_name(text))
        if ip.is_valid_range(text):
            return UserRef("cidr", self._anonymous_name(text))
        return None

    def _anonymous_name(self, text: str) -> str:
        name = self.get_canonical(ip.sanitize_ip(text) or "", "none")
        # Only a "#" makes get_canonical() fail, and an address or range has none.
        assert name is not None
        return name

    def _parse(self, text: str, default_namespace: int = NS_MAIN) -> Title | None:
        try:
            return self.titles.parse(text, default_namespace)
        except MalformedTitle:
            return None
