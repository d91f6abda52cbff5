"""IP address and range helpers with MediaWiki's exact spellings and acceptance rules."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Ported from wikimedia/ip-utils (IPUtils.php). The patterns are kept byte-for-byte equivalent
# to MediaWiki's, which accept more than the stdlib ipaddress module (leading zeros in IPv4
# octets, e.g. "01.002.3.4") and less (no embedded IPv4 in IPv6, no zone ids). Python's `$`
# matches before a final newline exactly as PCRE's does without /D, so it is kept on purpose.
# Explicit [0-9] classes, because Python's \d would also match non-ASCII digits.
RE_IP_BYTE = r"(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|0?[0-9]?[0-9])"
_RE_IP_ADD = rf"{RE_IP_BYTE}\.{RE_IP_BYTE}\.{RE_IP_BYTE}\.{RE_IP_BYTE}"
_RE_IP_PREFIX = r"(3[0-2]|[12][0-9]|[0-9])"
_RE_IP_RANGE = rf"({_RE_IP_ADD}/{_RE_IP_PREFIX}|{_RE_IP_ADD} ?- ?{_RE_IP_ADD})"

_W = "[0-9A-Fa-f]{1,4}"
RE_IPV6_WORD = f"({_W})"
_RE_IPV6_PREFIX = r"(12[0-8]|1[01][0-9]|[1-9][0-9]|[0-9])"
# PCRE's version of the "one '::' in the middle" branch uses conditional subpatterns with
# relative references, which Python's re lacks. It means: 2 to 7 words with exactly one "::"
# between two of them, so it is spelled out as one alternative per position of the "::".
_MIDDLE_GAP = "|".join(f"{_W}(?::{_W}){{{a}}}::{_W}(?::{_W}){{0,{5 - a}}}" for a in range(6))
_RE_IPV6_ADD = (
    "(?:"
    f":(?::|(?::{_W}){{1,7}})"  # starts with "::" (including "::")
    f"|{_W}(?::{_W}){{0,6}}::"  # ends with "::" (except "::")
    f"|{_MIDDLE_GAP}"  # one "::" in the middle
    f"|{_W}(?::{_W}){{7}}"  # no "::"
    ")"
)
_RE_IPV6_RANGE = rf"({_RE_IPV6_ADD}/{_RE_IPV6_PREFIX}|{_RE_IPV6_ADD} ?- ?{_RE_IPV6_ADD})"
_RE_IPV6_GAP = ":(?:0+:)*(?::(?:0+:)*)?"
_RE_IPV6_V4_PREFIX = f"0*{_RE_IPV6_GAP}(?:ffff:)?"

_IP_ADDRESS = re.compile(
    f"^(?:{_RE_IP_ADD}(?:/{_RE_IP_PREFIX})?|{_RE_IPV6_ADD}(?:/{_RE_IPV6_PREFIX})?)$"
)
_IPV4 = re.compile(f"^{_RE_IP_ADD}(?:/{_RE_IP_PREFIX})?$")
_IPV6 = re.compile(f"^{_RE_IPV6_ADD}(?:/{_RE_IPV6_PREFIX})?$")
_VALID_IPV4 = re.compile(f"^{_RE_IP_ADD}$")
_VALID_IPV6 = re.compile(f"^{_RE_IPV6_ADD}$")
_VALID_IPV4_RANGE = re.compile(f"^{_RE_IP_RANGE}$")
_VALID_IPV6_RANGE = re.compile(f"^{_RE_IPV6_RANGE}$")
_IPV4_LEADING_ZEROS = re.compile(r"(?:^|(?<=\.))0+(?=[1-9]|0[./]|0$)")
_IPV6_LEADING_ZEROS = re.compile(f"(^|:)0+({_W})")
_MAPPED_IPV4 = re.compile(f"^{_RE_IPV6_V4_PREFIX}({_RE_IP_ADD})$", re.IGNORECASE)
_MAPPED_WORDS = re.compile(f"^{_RE_IPV6_V4_PREFIX}({_W}):({_W})$", re.IGNORECASE)
_ZONE = re.compile(r"%.*")
_PHP_NUMERIC = re.compile(
    r"^[ \t\n\r\v\f]*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?[ \t\n\r\v\f]*$"
)
# PHP's trim() default character list.
_PHP_TRIM = " \t\n\r\0\x0b"


def is_ip_address(ip: str) -> bool:
    """Mirrors IPUtils::isIPAddress(): an IPv4 or IPv6 address, optionally with a CIDR suffix."""
    return _IP_ADDRESS.search(ip) is not None


def is_ipv6(ip: str) -> bool:
    """Mirrors IPUtils::isIPv6(): an IPv6 address, optionally with a CIDR suffix."""
    return _IPV6.search(ip) is not None


def is_ipv4(ip: str) -> bool:
    """Mirrors IPUtils::isIPv4(): an IPv4 address, optionally with a CIDR suffix."""
    return _IPV4.search(ip) is not None


def is_valid(ip: str) -> bool:
    """Mirrors IPUtils::isValid(): a single IPv4 or IPv6 address, no range."""
    return is_valid_ipv4(ip) or is_valid_ipv6(ip)


def is_valid_ipv4(ip: str) -> bool:
    """Mirrors IPUtils::isValidIPv4()."""
    return _VALID_IPV4.search(ip) is not None


def is_valid_ipv6(ip: str) -> bool:
    """Mirrors IPUtils::isValidIPv6()."""
    return _VALID_IPV6.search(ip) is not None


def is_valid_range(ip_range: str) -> bool:
    """Mirrors IPUtils::isValidRange(): CIDR ("a/n") or explicit ("a - b") range.

    Block size limits ($wgBlockCIDRLimit) are policy and are not applied here.
    """
    return (
        _VALID_IPV4_RANGE.search(ip_range) is not None
        or _VALID_IPV6_RANGE.search(ip_range) is not None
    )


def sanitize_ip(ip: str) -> str | None:
    """Mirrors IPUtils::sanitizeIP(): the spelling MediaWiki stores for an address.

    IPv4 loses leading zeros; IPv6 is upper-cased and fully expanded without leading zeros
    ("2001:db8::5" gives "2001:DB8:0:0:0:0:0:5"). Anything else comes back trimmed, None if
    it is empty.
    """
    ip = ip.strip(_PHP_TRIM)
    if ip == "":
        return None
    # Callers pass user names through here too, so non-addresses come back unchanged.
    if not is_ip_address(ip):
        return ip
    if is_ipv4(ip):
        return _IPV4_LEADING_ZEROS.sub("", ip)
    return _IPV6_LEADING_ZEROS.sub(r"\1\2", _expand_ipv6(ip.upper()))


def _expand_ipv6(ip: str) -> str:
    """Replace the "::" of a valid IPv6 address (maybe with a CIDR suffix) by zero words."""
    abbrev = ip.find("::")
    if abbrev == -1:
        return ip
    cidr_start = ip.find("/")
    address_end = cidr_start - 1 if cidr_start != -1 else len(ip) - 1
    if abbrev == 0:
        repeat, extra, pad = "0:", "0" if ip == "::" else "", 9
    elif abbrev == address_end - 1:
        repeat, extra, pad = ":0", "", 9
    else:
        repeat, extra, pad = ":0", ":", 8
    return ip.replace("::", repeat * (pad - ip.count(":")) + extra)


def prettify_ip(ip: str) -> str | None:
    """Mirrors IPUtils::prettifyIP(): IPv6 lower-cased with the longest zero run as "::"."""
    sanitized = sanitize_ip(ip)
    if sanitized is None or not is_ipv6(sanitized):
        return sanitized
    address, _, cidr = sanitized.partition("/")
    longest = ""
    longest_pos = -1
    for match in re.finditer(r"(?:^|:)0(?::0)+(?:$|:)", address):
        if len(match.group()) > len(longest):
            longest, longest_pos = match.group(), match.start()
    if longest_pos >= 0:
        address = address[:longest_pos] + "::" + address[longest_pos + len(longest) :]
    if cidr:
        address = f"{address}/{cidr}"
    return address.lower()


def canonicalize(addr: str) -> str | None:
    """Mirrors IPUtils::canonicalize(): drops zone ids and unwraps IPv4-mapped IPv6."""
    addr = _ZONE.sub("", addr, count=1)
    if is_valid_ipv4(addr):
        return addr
    match = _MAPPED_IPV4.search(addr)
    if match:
        return match.group(1)
    match = _MAPPED_WORDS.search(addr)
    if match:
        return _long_to_ip((int(match.group(1), 16) << 16) + int(match.group(2), 16))
    if is_valid_ipv6(addr):
        return addr
    return None


def to_hex(ip: str) -> str | None:
    """Mirrors IPUtils::toHex(): 8 upper-case hex digits for IPv4, "v6-" + 32 for IPv6."""
    if is_ipv6(ip):
        raw = _ipv6_to_raw_hex(ip)
        return None if raw is None else f"v6-{raw}"
    if is_ipv4(ip):
        sanitized = sanitize_ip(ip)
        number = None if sanitized is None else _ip_to_long(sanitized)
        return None if number is None else f"{number:08X}"
    return None


def _ipv6_to_raw_hex(ip: str) -> str | None:
    sanitized = sanitize_ip(ip)
    if not sanitized:
        return None
    return "".join(word.rjust(4, "0") for word in sanitized.split(":"))


def _ip_to_long(ip: str) -> int | None:
    """PHP's ip2long() (inet_pton): four decimal octets, no leading zeros."""
    parts = ip.split(".")
    if len(parts) != 4:
        return None
    number = 0
    for part in parts:
        if not (part.isascii() and part.isdigit()) or len(part) > 3:
            return None
        if (len(part) > 1 and part[0] == "0") or int(part) > 255:
            return None
        number = number * 256 + int(part)
    return number


def _long_to_ip(number: int) -> str:
    number &= 0xFFFFFFFF
    return ".".join(str((number >> shift) & 0xFF) for shift in (24, 16, 8, 0))


def _php_numeric(value: str) -> float | None:
    """PHP's is_numeric() followed by a numeric read of the string."""
    if not _PHP_NUMERIC.search(value):
        return None
    return float(value.strip(" \t\n\r\v\f"))


def _parse_cidr4(ip_range: str) -> tuple[int, str] | None:
    """Mirrors IPUtils::parseCIDR() for IPv4: (network, prefix as written)."""
    network_text, slash, bits = ip_range.partition("/")
    if not slash:
        return None
    network = _ip_to_long(network_text)
    size = _php_numeric(bits)
    if network is None or size is None or not 0 <= size <= 32:
        return None
    network &= ~((1 << (32 - int(size))) - 1) & 0xFFFFFFFF
    return network, bits


def _parse_cidr6(ip_range: str) -> tuple[int, int] | None:
    """Mirrors IPUtils::parseCIDR6(): (network, prefix length)."""
    network_text, slash, bits = (sanitize_ip(ip_range) or "").partition("/")
    if not slash:
        return None
    raw = _ipv6_to_raw_hex(network_text)
    size = _php_numeric(bits)
    if raw is None or size is None or not 0 <= size <= 128:
        return None
    keep = int(size)
    network = (int(raw, 16) >> (128 - keep) << (128 - keep)) if keep else 0
    return network, keep


def parse_cidr(ip_range: str) -> tuple[int, int] | None:
    """Mirrors IPUtils::parseCIDR(): (network as an integer, prefix length), None if invalid."""
    if is_ipv6(ip_range):
        return _parse_cidr6(ip_range)
    parsed = _parse_cidr4(ip_range)
    return None if parsed is None else (parsed[0], int(float(parsed[1])))


def parse_range(ip_range: str) -> tuple[str, str] | None:
    """Mirrors IPUtils::parseRange(): first and last address in to_hex() form, or None.

    Accepts a CIDR range, an explicit "start - end" range or a single address.
    """
    if "/" in ip_range:
        if is_ipv6(ip_range):
            return _parse_range6(ip_range)
        parsed = _parse_cidr4(ip_range)
        if parsed is None:
            return None
        network, bits = parsed
        last = network + int(2 ** (32 - float(bits))) - 1
        return f"{network:08X}", f"{last:08X}"
    if "-" in ip_range:
        start, _, end = (part.strip(_PHP_TRIM) for part in ip_range.partition("-"))
        if is_ipv6(start) and is_ipv6(end):
            return _parse_range6(ip_range)
        if not (is_ipv4(start) and is_ipv4(end)):
            return None
        return _ordered(to_hex(start), to_hex(end))
    single = to_hex(ip_range)
    return None if single is None else (single, single)


def _parse_range6(ip_range: str) -> tuple[str, str] | None:
    """Mirrors IPUtils::parseRange6()."""
    ip_range = sanitize_ip(ip_range) or ""
    if "/" in ip_range:
        parsed = _parse_cidr6(ip_range)
        if parsed is None:
            return None
        network, bits = parsed
        last = network | ((1 << (128 - bits)) - 1)
        return f"v6-{network:032X}", f"v6-{last:032X}"
    if "-" in ip_range:
        start, _, end = (part.strip(_PHP_TRIM) for part in ip_range.partition("-"))
        return _ordered(to_hex(start), to_hex(end))
    return None


def _ordered(start: str | None, end: str | None) -> tuple[str, str] | None:
    if start is None or end is None or start > end:
        return None
    return start, end


def sanitize_range(ip_range: str) -> str | None:
    """Mirrors IPUtils::sanitizeRange(): "1.2.3.4/24" gives "1.2.3.0/24".

    A single address comes back sanitised; None where MediaWiki would format garbage.
    """
    parsed = parse_range(ip_range)
    if parsed is None:
        return None
    start = format_hex(parsed[0])
    if is_ipv6(ip_range):
        cidr6 = _parse_cidr6(ip_range)
        return start if cidr6 is None else f"{start}/{cidr6[1]}"
    cidr4 = _parse_cidr4(ip_range)
    return start if cidr4 is None else f"{start}/{cidr4[1]}"


def format_hex(hex_ip: str) -> str:
    """Mirrors IPUtils::formatHex(): the inverse of to_hex()."""
    if hex_ip.startswith("v6-"):
        words = hex_ip[3:].upper().rjust(32, "0")
        octets = ":".join(words[i : i + 4] for i in range(0, 32, 4))
        return _IPV6_LEADING_ZEROS.sub(r"\1\2", octets)
    quad = hex_ip.upper().rjust(8, "0")
    return ".".join(str(int(quad[i : i + 2], 16)) for i in range(0, 8, 2))


def is_in_range(addr: str, ip_range: str) -> bool:
    """Mirrors IPUtils::isInRange().

    Unlike MediaWiki, an invalid address or range is never "in range" (PHP compares the
    empty strings its failures turn into, so two invalid inputs would match each other).
    """
    hex_ip = to_hex(addr)
    parsed = parse_range(ip_range)
    if hex_ip is None or parsed is None:
        return False
    return parsed[0] <= hex_ip <= parsed[1]


def is_in_ranges(addr: str, ranges: Iterable[str]) -> bool:
    """Mirrors IPUtils::isInRanges()."""
    return any(is_in_range(addr, ip_range) for ip_range in ranges)
