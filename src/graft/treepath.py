"""Dotted paths into a tree: ``jobs.web.port``, ``jobs.0.port`` (SPEC §7.8, §7.9).

A segment steps into a map by key, or into a list by index or by the
``name``, ``id`` or ``key`` of an element (formatted as Go's ``%v``).
"""

from __future__ import annotations

from graft.gofmt import go_str

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

ID_FIELDS = ("name", "id", "key")


def split(path: str) -> list[str]:
    return path.split(".")


def named_indices(items: list, segment: str) -> list[int]:
    """Indices of the elements whose name, id or key is ``segment``."""
    return [
        i
        for i, item in enumerate(items)
        if type(item) is dict and any(f in item and go_str(item[f]) == segment for f in ID_FIELDS)
    ]


def list_index(items: list, segment: Any) -> int | None:
    """The element a segment addresses: an in-range index, else the first name match."""
    if type(segment) is int:
        return segment if 0 <= segment < len(items) else None
    if segment.isdigit():
        index = int(segment)
        if index < len(items):
            return index
    found = named_indices(items, segment)
    return found[0] if found else None


def map_key(mapping: dict, segment: Any) -> Any:
    """The key of ``mapping`` that a segment names (string keys, then others)."""
    if segment in mapping:
        return segment
    text = str(segment)
    for key in mapping:
        if type(key) is not str and go_str(key) == text:
            return key
    return _MISSING


_MISSING = object()


def child(container: Any, segment: Any) -> tuple[bool, Any, Any]:
    """(found, key-or-index, value) of one step."""
    if type(container) is dict:
        key = map_key(container, segment)
        if key is _MISSING:
            return False, None, None
        return True, key, container[key]
    if type(container) is list:
        index = list_index(container, segment)
        if index is None:
            return False, None, None
        return True, index, container[index]
    return False, None, None


def locate(tree: Any, segments: list) -> tuple[Any, Any] | None:
    """(parent container, key-or-index) of the value a path names, or None."""
    parent = None
    key = None
    current = tree
    for segment in segments:
        found, key, value = child(current, segment)
        if not found:
            return None
        parent, current = current, value
    return None if parent is None else (parent, key)
