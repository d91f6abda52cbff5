"""User preferences: which exist, what values they take, how they are stored.

Mirrors the parts of DefaultPreferencesFactory (the form fields 1.39 defines and their
HTMLForm validation), UserOptionsManager::getOptionKinds() and saveOptions() that
action=options relies on.  Values are stored in ``user_properties`` only when they differ
from the site default (SiteConfig.default_user_options).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy import Connection

from ..config import SiteConfig
from ..i18n.messages import Message, Num
from ..storage.queries import users as uq
from .performer import Performer

MAX_BYTES_OPTION_VALUE = 65530  # UserOptionsManager::MAX_BYTES_OPTION_VALUE
OPTION_KINDS = (
    "registered",
    "registered-multiselect",
    "registered-checkmatrix",
    "userjs",
    "special",
    "unused",
)


@dataclass(frozen=True)
class Field:
    """One preference form field: its HTMLForm type and limits."""

    type: str  # toggle | select | int | float | text | api
    options: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None


TOGGLE = Field("toggle")
API = Field("api")

_TOGGLES = (
    "fancysig diffonly norollbackdiff showrollbackconfirmation editondblclick "
    "editsectiononrightclick useeditwarning previewonfirst previewontop uselivepreview "
    "usenewrc hideminor hidecategorization rcenhancedfilters-disable extendwatchlist "
    "watchlisthideminor watchlisthidebots watchlisthideown watchlisthideanons "
    "watchlisthideliu watchlistreloadautomatically watchlisthidecategorization "
    "wlenhancedfilters-disable watchlistunwatchlinks watchdefault watchmoves watchdeletion "
    "watchcreations watchuploads watchrollback minordefault forceeditsummary showhiddencats "
    "search-match-redirect skin-responsive"
).split()
_API = (
    "pst-cssjs rcfilters-rc-collapsed rcfilters-wl-collapsed rcfilters-saved-queries "
    "rcfilters-limit rcfilters-saved-queries-versionbackup rcfilters-wl-saved-queries "
    "rcfilters-wl-saved-queries-versionbackup watchlisttoken search-special-page"
).split()
_PATROL_TOGGLES = ("hidepatrolled", "newpageshidepatrolled", "watchlisthidepatrolled")
_EMAIL_TOGGLES = (
    "disablemail email-allow-new-users ccmeonemails enotifwatchlistpages "
    "enotifusertalkpages enotifminoredits enotifrevealaddr requireemail"
).split()
# Not settable through the API (DefaultPreferencesFactory::getSaveBlacklist()).
SPECIAL = ("realname", "emailaddress")
DATE_FORMATS = ("default", "mdy", "dmy", "ymd", "ISO 8601")
SKINS = ("vector-2022", "vector")


@cache
def language_codes() -> tuple[str, ...]:
    """The codes MediaWiki 1.39 has message files for (LanguageNameUtils 'mwfile')."""
    path = Path(__file__).parent / "data" / "language-codes.txt"
    return tuple(line.strip() for line in path.read_text().splitlines() if line.strip())


def fields(config: SiteConfig, performer: Performer) -> dict[str, Field]:
    """The preference form as 1.39 builds it for this performer and site."""
    rc_days = math.ceil(config.rc_max_age / 86400)
    out: dict[str, Field] = {name: TOGGLE for name in _TOGGLES}
    out.update({name: API for name in _API})
    if performer.allowed_any("patrol"):
        out.update({name: TOGGLE for name in _PATROL_TOGGLES})
    if config.email_enabled:
        out.update({name: TOGGLE for name in _EMAIL_TOGGLES})
    out.update(
        {
            "language": Field("select", language_codes()),
            "gender": Field("select", ("male", "female", "unknown")),
            "nickname": Field("text", max=255),
            "skin": Field("select", SKINS),
            "date": Field("select", DATE_FORMATS),
            "timecorrection": Field("text"),
            "editfont": Field("select", ("monospace", "sans-serif", "serif")),
            "underline": Field("select", ("0", "1", "2")),
            "thumbsize": Field("select", tuple(str(i) for i in range(6))),
            "imagesize": Field("select", tuple(str(i) for i in range(6))),
            "rcdays": Field("float", min=1 / 24, max=rc_days),
            "rclimit": Field("int", min=1, max=1000),
            "wllimit": Field("int", min=1, max=1000),
            "watchlistdays": Field("float", min=1 / 24, max=rc_days),
            "searchlimit": Field("int", min=1, max=500),
        }
    )
    for ns in range(16):
        out[f"searchNs{ns}"] = API
    return out


def option_kind(name: str, form: dict[str, Field]) -> str:
    """Mirrors UserOptionsManager::getOptionKinds() for one name."""
    if name in SPECIAL:
        return "special"
    if name in form:
        return "registered"
    if name.startswith("userjs-"):
        return "userjs"
    return "unused"


_FLOAT = re.compile(r"^((\+|-)?\d+(\.\d+)?(E(\+|-)?\d+)?)?$", re.IGNORECASE)
_INT = re.compile(r"^((\+|-)?\d+)?$")


def validate(field: Field, value: str) -> Message | None:
    """HTMLFormField::validate() of the field's type: None when the value is acceptable."""
    if field.type == "select":
        return None if value in field.options else Message("htmlform-select-badoption")
    if field.type in ("int", "float"):
        text = value.strip()
        if text == "":
            return None
        if not _FLOAT.match(text):
            return Message("htmlform-float-invalid")
        number = float(text)
        if field.min is not None and field.min > number:
            return Message("htmlform-int-toolow", (_php_number(field.min),))
        if field.max is not None and field.max < number:
            return Message("htmlform-int-toohigh", (_php_number(field.max),))
        if field.type == "int" and not _INT.match(text):
            return Message("htmlform-int-invalid")
        return None
    if field.type == "text" and field.max is not None and len(value) > field.max:
        return Message("badsiglength", (Num(int(field.max)),))
    return None


def _php_number(value: float) -> str:
    """How PHP prints a number in a message (a plain parameter, not numParam): 1000 or
    0.041666666666667 (precision 14)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.14g}"


def check_change(name: str, value: str | None, form: dict[str, Field]) -> Message | None:
    """ApiOptions::execute()'s validation of one change: None when it may be saved."""
    kind = option_kind(name, form)
    problem: Message | None
    if kind == "registered":
        problem = None if value is None else validate(form[name], value)
    elif kind == "userjs":
        if len(name.encode("utf-8")) > 255:
            problem = Message("apiwarn-validationfailed-keytoolong", (Num(255),))
        elif re.search(r"[^a-zA-Z0-9_-]", name):
            problem = Message("apiwarn-validationfailed-badchars")
        else:
            problem = None
    elif kind == "special":
        problem = Message("apiwarn-validationfailed-cannotset")
    else:
        problem = Message("apiwarn-validationfailed-badpref")
    if (
        problem is None
        and value is not None
        and len(value.encode("utf-8")) > MAX_BYTES_OPTION_VALUE
    ):
        problem = Message("apiwarn-validationfailed-valuetoolong", (Num(MAX_BYTES_OPTION_VALUE),))
    return problem


def save_options(
    conn: Connection, config: SiteConfig, user_id: int, changes: dict[str, str | None]
) -> None:
    """Mirrors UserOptionsManager::saveOptions(): a default value (or None) is not stored."""
    defaults = config.default_user_options
    for name, value in changes.items():
        default = defaults.get(name)
        if value is None or (default is not None and str(default) == value):
            uq.set_option(conn, user_id, name, None)
        else:
            uq.set_option(conn, user_id, name, value)


def reset_options(
    conn: Connection, user_id: int, kinds: Iterable[str], form: dict[str, Field]
) -> None:
    """Mirrors UserOptionsManager::resetOptions(): forget the stored options of the kinds."""
    wanted = set(kinds)
    for name in uq.options_of(conn, user_id):
        if "all" in wanted or option_kind(name, form) in wanted:
            uq.set_option(conn, user_id, name, None)
