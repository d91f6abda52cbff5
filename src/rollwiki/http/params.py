"""PHP-style request parameters: what MediaWiki's WebRequest sees in $_GET and $_POST.

Query string and body are merged with the body winning; the last of repeated names wins;
names get PHP's mangling (spaces and dots become underscores, ``a[]`` makes an array that
getVal() treats as absent); values are decoded as UTF-8 with invalid bytes replaced and
normalised to NFC.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import unquote_to_bytes

from ..api.request import RequestParams, Upload


def php_name(raw: str) -> tuple[str, bool]:
    """The variable name PHP registers for ``raw``, and whether it is an array."""
    name = raw.lstrip(" ")
    bracket = name.find("[")
    is_array = False
    if bracket > 0 and "]" in name[bracket:]:
        name, is_array = name[:bracket], True
    elif bracket == 0:
        return "", False
    name = name.replace(" ", "_").replace(".", "_")
    if not is_array:
        name = name.replace("[", "_")
    return name, is_array


def _decode(raw: bytes) -> tuple[str, bool]:
    try:
        text = raw.decode("utf-8")
        bad = False
    except UnicodeDecodeError:
        text = raw.decode("utf-8", errors="replace")
        bad = True
    return unicodedata.normalize("NFC", text), bad


def parse_urlencoded(data: bytes | str) -> tuple[list[tuple[str, str | list[str]]], bool]:
    """Split ``a=1&b=2`` the way PHP's parser does (``+`` is a space)."""
    if isinstance(data, str):
        data = data.encode("latin-1", errors="ignore")
    out: list[tuple[str, str | list[str]]] = []
    bad_any = False
    for part in data.split(b"&"):
        if not part:
            continue
        key, _, value = part.partition(b"=")
        key_text, bad1 = _decode(unquote_to_bytes(key.replace(b"+", b" ")))
        value_text, bad2 = _decode(unquote_to_bytes(value.replace(b"+", b" ")))
        bad_any = bad_any or bad1 or bad2
        name, is_array = php_name(key_text)
        if not name:
            continue
        out.append((name, [value_text] if is_array else value_text))
    return out, bad_any


def build_params(
    method: str,
    query_string: bytes,
    body_pairs: list[tuple[str, str | list[str]]],
    files: dict[str, Upload] | None = None,
) -> RequestParams:
    query_pairs, bad = parse_urlencoded(query_string)
    values: dict[str, str | list[str]] = {}
    for name, value in query_pairs:
        values[name] = value
    query_names = {name for name, _ in query_pairs}
    for name, value in body_pairs:
        values[name] = value
    return RequestParams(
        values=values,
        query_names=query_names,
        method=method.upper(),
        files=dict(files or {}),
        bad_utf8=bad,
    )
