"""Reading PHP's serialize() format, as log parameters in XML dumps use it.

Only data (arrays, strings, numbers, booleans, null) is accepted; objects are refused, so
nothing in a dump can name a class.
"""

from __future__ import annotations

from typing import Any


class PhpSerialError(ValueError):
    """Not a PHP-serialized value (or one with objects in it)."""


def unserialize(data: str) -> Any:
    """The value of a PHP serialize() string; raises PhpSerialError."""
    raw = data.encode("utf-8")
    value, end = _value(raw, 0)
    if end != len(raw):
        raise PhpSerialError("trailing data")
    return value


def _until(raw: bytes, pos: int, stop: bytes) -> tuple[str, int]:
    end = raw.find(stop, pos)
    if end < 0:
        raise PhpSerialError("truncated")
    return raw[pos:end].decode("ascii", "replace"), end + 1


def _value(raw: bytes, pos: int) -> tuple[Any, int]:
    if pos + 1 >= len(raw) and raw[pos : pos + 2] != b"N;":
        raise PhpSerialError("truncated")
    kind = raw[pos : pos + 1]
    if kind == b"N":
        if raw[pos : pos + 2] != b"N;":
            raise PhpSerialError("bad null")
        return None, pos + 2
    if raw[pos + 1 : pos + 2] != b":":
        raise PhpSerialError("bad type marker")
    pos += 2
    try:
        if kind == b"b":
            text, pos = _until(raw, pos, b";")
            return text == "1", pos
        if kind == b"i":
            text, pos = _until(raw, pos, b";")
            return int(text), pos
        if kind == b"d":
            text, pos = _until(raw, pos, b";")
            return float(text), pos
        if kind == b"s":
            text, pos = _until(raw, pos, b":")
            length = int(text)
            if raw[pos : pos + 1] != b'"' or raw[pos + 1 + length : pos + 3 + length] != b'";':
                raise PhpSerialError("bad string")
            return raw[pos + 1 : pos + 1 + length].decode("utf-8"), pos + 3 + length
        if kind == b"a":
            text, pos = _until(raw, pos, b":")
            count = int(text)
            if raw[pos : pos + 1] != b"{":
                raise PhpSerialError("bad array")
            pos += 1
            out: dict[Any, Any] = {}
            for _ in range(count):
                key, pos = _value(raw, pos)
                if not isinstance(key, (int, str)):
                    raise PhpSerialError("bad array key")
                out[key], pos = _value(raw, pos)
            if raw[pos : pos + 1] != b"}":
                raise PhpSerialError("bad array end")
            return out, pos + 1
    except (ValueError, UnicodeDecodeError) as exc:
        if isinstance(exc, PhpSerialError):
            raise
        raise PhpSerialError(str(exc)) from exc
    raise PhpSerialError(f"unsupported type {kind!r}")
