"""Tests for the IPUtils port."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from rollwiki.services import ip

# Every table in this file was checked by running MediaWiki 1.39.17's own IPUtils
# (vendor/wikimedia/ip-utils) on the same inputs.

# (input, is_valid, is_ip_address, is_valid_range)
CLASSIFICATION: list[tuple[str, bool, bool, bool]] = [
    ("1.2.3.4", True, True, False),
    ("01.002.3.004", True, True, False),
    ("00.0.0.000", True, True, False),
    ("255.255.255.255", True, True, False),
    ("256.1.1.1", False, False, False),
    ("1.2.3", False, False, False),
    ("1.2.3.4.5", False, False, False),
    ("1.2.3.4/24", False, True, True),
    ("1.2.3.4/0", False, True, True),
    ("1.2.3.4/33", False, False, False),
    ("1.2.3.4 - 1.2.3.9", False, False, True),
    ("1.2.3.4-1.2.3.9", False, False, True),
    ("1.2.3.xxx", False, False, False),
    (" 1.2.3.4 ", False, False, False),
    ("1.2.3.4\n", True, True, False),
    ("\uff11.2.3.4", False, False, False),
    ("2001:db8::5", True, True, False),
    ("2001:0db8:0000:0000:0000:0000:0000:0005", True, True, False),
    ("::", True, True, False),
    ("::1", True, True, False),
    ("1::", True, True, False),
    ("1:2:3:4:5:6:7:8", True, True, False),
    ("1:2:3:4:5:6:7::", True, True, False),
    ("::2:3:4:5:6:7:8", True, True, False),
    ("1::3:4:5:6:7:8", True, True, False),
    ("1:2:3:4:5:6:7:8:9", False, False, False),
    ("1::2::3", False, False, False),
    ("12345::", False, False, False),
    ("g::1", False, False, False),
    (":1", False, False, False),
    ("1:", False, False, False),
    ("::ffff:1.2.3.4", False, False, False),
    ("fe80::1%eth0", False, False, False),
    ("2001:db8::/32", False, True, True),
    ("2001:db8::5/64", False, True, True),
    ("2001:db8::/129", False, False, False),
    ("2001:db8::1 - 2001:db8::9", False, False, True),
    ("", False, False, False),
    ("Foo", False, False, False),
]


@pytest.mark.parametrize(("value", "valid", "address", "valid_range"), CLASSIFICATION)
def test_classification_follows_mediawikis_patterns(
    value: str, valid: bool, address: bool, valid_range: bool
) -> None:
    assert ip.is_valid(value) is valid
    assert ip.is_ip_address(value) is address
    assert ip.is_valid_range(value) is valid_range


@pytest.mark.parametrize(
    ("value", "v4", "v6"),
    [
        ("1.2.3.4", True, False),
        ("1.2.3.4/24", True, False),
        ("2001:db8::5", False, True),
        ("2001:db8::/32", False, True),
        ("1.2.3.4 - 1.2.3.9", False, False),
        ("Foo", False, False),
    ],
)
def test_ipv4_and_ipv6_accept_an_optional_cidr_suffix(value: str, v4: bool, v6: bool) -> None:
    assert ip.is_ipv4(value) is v4
    assert ip.is_ipv6(value) is v6
    assert ip.is_valid_ipv4(value) is (v4 and "/" not in value)
    assert ip.is_valid_ipv6(value) is (v6 and "/" not in value)


SANITIZED: list[tuple[str, str | None]] = [
    ("1.2.3.4", "1.2.3.4"),
    ("01.002.3.004", "1.2.3.4"),
    ("00.0.0.000", "0.0.0.0"),
    (" 1.2.3.4 ", "1.2.3.4"),
    ("1.2.3.4\n", "1.2.3.4"),
    ("1.2.3.4/24", "1.2.3.4/24"),
    ("2001:db8::5", "2001:DB8:0:0:0:0:0:5"),
    ("2001:DB8::5", "2001:DB8:0:0:0:0:0:5"),
    ("2001:0db8:0000:0000:0000:0000:0000:0005", "2001:DB8:0:0:0:0:0:5"),
    ("::", "0:0:0:0:0:0:0:0"),
    ("::1", "0:0:0:0:0:0:0:1"),
    ("1::", "1:0:0:0:0:0:0:0"),
    ("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"),
    ("::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8"),
    ("1::3:4:5:6:7:8", "1:0:3:4:5:6:7:8"),
    ("2001:db8::/32", "2001:DB8:0:0:0:0:0:0/32"),
    ("2001:db8::5/64", "2001:DB8:0:0:0:0:0:5/64"),
    ("::ffff:1.2.3.4", "::ffff:1.2.3.4"),
    ("1.2.3.4 - 1.2.3.9", "1.2.3.4 - 1.2.3.9"),
    ("Foo", "Foo"),
    ("", None),
    ("   ", None),
]


@pytest.mark.parametrize(("value", "expected"), SANITIZED)
def test_sanitize_ip_gives_the_stored_spelling(value: str, expected: str | None) -> None:
    assert ip.sanitize_ip(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1.2.3.4", "01020304"),
        ("01.002.3.004", "01020304"),
        ("255.255.255.255", "FFFFFFFF"),
        ("2001:db8::5", "v6-20010DB8000000000000000000000005"),
        ("::", "v6-00000000000000000000000000000000"),
        ("1.2.3.4/24", None),
        ("256.1.1.1", None),
        ("Foo", None),
    ],
)
def test_to_hex(value: str, expected: str | None) -> None:
    assert ip.to_hex(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1.2.3.4", ("01020304", "01020304")),
        ("1.2.3.4/24", ("01020300", "010203FF")),
        ("1.2.3.4/0", ("00000000", "FFFFFFFF")),
        ("1.2.3.4 - 1.2.3.9", ("01020304", "01020309")),
        ("1.2.3.9 - 1.2.3.4", None),
        ("01.2.3.4/24", None),
        (
            "2001:db8::/32",
            ("v6-20010DB8000000000000000000000000", "v6-20010DB8FFFFFFFFFFFFFFFFFFFFFFFF"),
        ),
        (
            "2001:db8::5/64",
            ("v6-20010DB8000000000000000000000000", "v6-20010DB800000000FFFFFFFFFFFFFFFF"),
        ),
        (
            "2001:db8::1 - 2001:db8::9",
            ("v6-20010DB8000000000000000000000001", "v6-20010DB8000000000000000000000009"),
        ),
        ("::/0", ("v6-00000000000000000000000000000000", "v6-" + "F" * 32)),
        ("Foo", None),
    ],
)
def test_parse_range(value: str, expected: tuple[str, str] | None) -> None:
    assert ip.parse_range(value) == expected


@pytest.mark.parametrize(
    ("addr", "ip_range", "expected"),
    [
        ("1.2.3.4", "1.2.3.0/24", True),
        ("1.2.4.0", "1.2.3.0/24", False),
        ("01.2.3.4", "1.2.3.0/24", True),
        ("1.2.3.4", "1.2.3.4 - 1.2.3.9", True),
        ("1.2.3.10", "1.2.3.4 - 1.2.3.9", False),
        ("1.2.3.4", "1.2.3.4", True),
        ("2001:db8::1", "2001:db8::/32", True),
        ("2001:DB9::", "2001:db8::/32", False),
        ("1.2.3.4", "2001:db8::/32", False),
        ("2001:db8::1", "0.0.0.0/0", False),
        ("::1", "::/0", True),
    ],
)
def test_is_in_range(addr: str, ip_range: str, expected: bool) -> None:
    assert ip.is_in_range(addr, ip_range) is expected


def test_garbage_is_never_in_range() -> None:
    # MediaWiki compares the "" its failures become, so it would say True here.
    assert not ip.is_in_range("Foo", "Bar")
    assert not ip.is_in_range("1.2.3.4/24", "1.2.3.4/33")


def test_is_in_ranges() -> None:
    assert ip.is_in_ranges("10.1.2.3", ["192.168.0.0/16", "10.0.0.0/8"])
    assert not ip.is_in_ranges("11.1.2.3", ["192.168.0.0/16", "10.0.0.0/8"])
    assert not ip.is_in_ranges("10.1.2.3", [])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1.2.3.4/24", "1.2.3.0/24"),
        ("1.2.3.4", "1.2.3.4"),
        ("1.2.3.4 - 1.2.3.9", "1.2.3.4"),
        ("2001:db8::5/64", "2001:DB8:0:0:0:0:0:0/64"),
        ("2001:db8::5", "2001:DB8:0:0:0:0:0:5"),
        # Deliberately not MediaWiki, which formats its failure as "0.0.0.0".
        ("1.2.3.4/33", None),
    ],
)
def test_sanitize_range_zeroes_the_host_bits(value: str, expected: str | None) -> None:
    assert ip.sanitize_range(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2001:DB8:0:0:0:0:0:5", "2001:db8::5"),
        ("0:0:0:0:0:0:0:0", "::"),
        ("1:0:0:2:0:0:0:3", "1:0:0:2::3"),
        ("2001:db8::/32", "2001:db8::/32"),
        ("1:2:3:4:5:6:7:0", "1:2:3:4:5:6:7:0"),
        ("01.2.3.4", "1.2.3.4"),
        ("", None),
    ],
)
def test_prettify_ip(value: str, expected: str | None) -> None:
    assert ip.prettify_ip(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1.2.3.4", "1.2.3.4"),
        ("::ffff:1.2.3.4", "1.2.3.4"),
        ("::1.2.3.4", "1.2.3.4"),
        ("fe80::1%eth0", "fe80::1"),
        ("2001:DB8::5", "2001:DB8::5"),
        # IPUtils turns any address ending in two words after a zero prefix into IPv4.
        ("0:0:0:0:0:0:0:1", "0.0.0.1"),
        ("Foo", None),
    ],
)
def test_canonicalize(value: str, expected: str | None) -> None:
    assert ip.canonicalize(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("01020304", "1.2.3.4"),
        ("FFFFFFFF", "255.255.255.255"),
        ("v6-20010DB8000000000000000000000005", "2001:DB8:0:0:0:0:0:5"),
    ],
)
def test_format_hex_inverts_to_hex(value: str, expected: str) -> None:
    assert ip.format_hex(value) == expected


def test_parse_cidr() -> None:
    assert ip.parse_cidr("1.2.3.4/24") == (0x01020300, 24)
    assert ip.parse_cidr("2001:db8::5/64") == (0x20010DB8 << 96, 64)
    assert ip.parse_cidr("1.2.3.4") is None


@given(st.integers(min_value=0, max_value=2**128 - 1))
def test_any_ipv6_address_sanitizes_to_upper_case_expanded_words(number: int) -> None:
    address = ipaddress.IPv6Address(number)
    expected = ":".join(f"{number >> shift & 0xFFFF:X}" for shift in range(112, -1, -16))
    assert ip.sanitize_ip(address.exploded) == expected
    compressed = address.compressed
    assume("." not in compressed)
    assert ip.is_valid(compressed)
    assert ip.sanitize_ip(compressed) == expected
    assert ip.to_hex(compressed) == f"v6-{number:032X}"


@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_any_ipv4_address_is_valid_and_hexes_like_the_stdlib(number: int) -> None:
    text = str(ipaddress.IPv4Address(number))
    assert ip.is_valid(text)
    assert ip.sanitize_ip(text) == text
    assert ip.to_hex(text) == f"{number:08X}"


@given(
    st.integers(min_value=0, max_value=2**32 - 1),
    st.integers(min_value=0, max_value=2**32 - 1),
    st.integers(min_value=0, max_value=32),
)
def test_ipv4_range_membership_agrees_with_the_stdlib(addr: int, base: int, bits: int) -> None:
    network = ipaddress.IPv4Network((base, bits), strict=False)
    text = f"{ipaddress.IPv4Address(base)}/{bits}"
    assert ip.is_in_range(str(ipaddress.IPv4Address(addr)), text) is (
        ipaddress.IPv4Address(addr) in network
    )
