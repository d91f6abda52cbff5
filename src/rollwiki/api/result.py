"""Result data and its formatversion transformations (Mirrors ApiResult).

Modules build plain dicts and lists, written the formatversion=2 way (real booleans,
named content keys).  A few metadata keys, MediaWiki's own, say how formatversion=1
differs; :func:`transform` applies them and strips all metadata:

* ``_content``: the name of the key that formatversion=1 calls ``*``;
* ``_BC_bools``: keys whose booleans stay booleans in formatversion=1;
* ``_type``: ``BCarray`` (an int-keyed dict that is a list in formatversion=2 and an
  object in formatversion=1), ``kvp``/``BCkvp`` with ``_kvpkeyname``, ``assoc``, ``array``.
"""

from __future__ import annotations

from typing import Any

META_CONTENT = "_content"
META_BC_BOOLS = "_BC_bools"
META_TYPE = "_type"
META_KVP_KEY = "_kvpkeyname"
META_PRESERVE_KEYS = "_preservekeys"
METADATA = (
    META_CONTENT,
    META_BC_BOOLS,
    META_TYPE,
    META_KVP_KEY,
    META_PRESERVE_KEYS,
    "_element",
    "_subelements",
    "_BC_subelements",
    "_kvpmerge",
)


def content(data: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
    """ApiResult::setContentValue(): the value formatversion=1 shows under ``*``."""
    data[key] = value
    data[META_CONTENT] = key
    return data


def bc_array(items: dict[int | str, Any]) -> dict[Any, Any]:
    """A dict that becomes a list (sorted by key) in formatversion=2 (type BCarray)."""
    out: dict[Any, Any] = dict(items)
    out[META_TYPE] = "BCarray"
    return out


def transform(data: Any, formatversion: int) -> Any:
    """Apply the BC transformations for formatversion=1, then strip metadata."""
    if isinstance(data, list):
        return [transform(v, formatversion) for v in data]
    if not isinstance(data, dict):
        return data
    meta = {k: data[k] for k in METADATA if k in data}
    items = {k: v for k, v in data.items() if k not in meta}
    bc = formatversion == 1
    kind = meta.get(META_TYPE)
    if bc:
        bool_keys = set(meta.get(META_BC_BOOLS, ()))
        ckey = meta.get(META_CONTENT)
        if ckey and ckey != "*" and ckey in items:
            # ApiResult moves the content value to the end under "*".
            value = items.pop(ckey)
            items["*"] = value
        out: dict[Any, Any] = {}
        for k, v in items.items():
            v = transform(v, formatversion)
            if isinstance(v, bool) and k not in bool_keys:
                if not v:
                    continue
                v = ""
            out[k] = v
        for key in meta.get("_BC_subelements", ()):
            # ApiResult::META_BC_SUBELEMENTS: a string shown as {"*": text} in BC mode.
            if isinstance(out.get(key), str):
                out[key] = {"*": out[key]}
        if kind == "BCkvp":
            return _kvp(out, meta.get(META_KVP_KEY, "key"))
        if kind == "array":
            return list(out.values())
        return out
    out = {k: transform(v, formatversion) for k, v in items.items()}
    if kind in ("BCarray", "array"):
        return [out[k] for k in sorted(out, key=_php_key_order)]
    if kind in ("kvp", "BCkvp"):
        return out
    return out


def _kvp(data: dict[Any, Any], key_name: str) -> list[dict[str, Any]]:
    return [
        {key_name: k, "*": v} if not isinstance(v, dict) else {key_name: k, **v}
        for k, v in data.items()
    ]


def _php_key_order(key: Any) -> tuple[int, Any]:
    if isinstance(key, int):
        return (0, key)
    try:
        return (0, int(key))
    except (TypeError, ValueError):
        return (1, str(key))


class ApiResult:
    """The response being built: module data, warnings and errors."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}

    def add(self, path: tuple[str, ...] | str | None, key: str, value: Any) -> None:
        """ApiResult::addValue(): set ``key`` under the dict at ``path``."""
        target = self.container(path)
        target[key] = value

    def container(self, path: tuple[str, ...] | str | None) -> dict[str, Any]:
        target = self.data
        if path is None:
            return target
        for part in (path,) if isinstance(path, str) else path:
            target = target.setdefault(part, {})
        return target

    def get(self, *path: str) -> Any:
        node: Any = self.data
        for part in path:
            if not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
        return node
