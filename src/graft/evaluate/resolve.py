"""Finding the value a reference names (SPEC §5.5.1) and its canonical path.

A segment steps into a map by exact key (else by a key whose ``%v`` text is
the segment) and into a list by an unsigned index, else by the first element
whose ``name``, then ``key``, then ``id`` is the segment.
"""

from __future__ import annotations

from collections.abc import Sequence

from graft.gofmt import go_str
from graft.values import key_value

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

_MISSING = object()


class ResolveError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _text(segments: Sequence[Any]) -> str:
    return "$" + "".join(f".{s}" for s in segments)


def _map_key(mapping: dict, segment: Any) -> Any:
    if segment in mapping:
        return segment
    text = str(segment)
    for key in mapping:
        if type(key) is not str and go_str(key_value(key)) == text:
            return key
    return _MISSING


def _list_index(items: list, segment: Any) -> int | None:
    if type(segment) is int:
        return segment if 0 <= segment < len(items) else None
    if segment.isdigit():
        index = int(segment)
        return index if index < len(items) else None
    for field in ("name", "key", "id"):
        for i, item in enumerate(items):
            if type(item) is dict and item.get(field) == segment and type(item[field]) is str:
                return i
    return None


def step(current: Any, segment: Any) -> tuple[Any, Any]:
    """(key or index, value) one segment below ``current``; key is _MISSING if absent."""
    if type(current) is dict:
        key = _map_key(current, segment)
        return key, (current[key] if key is not _MISSING else None)
    index = _list_index(current, segment)
    return (_MISSING, None) if index is None else (index, current[index])


def resolve(tree: Any, segments: Sequence[Any]) -> Any:
    """The value at ``segments``, or ``ResolveError`` with graft's message."""
    current = tree
    for i, segment in enumerate(segments):
        if type(current) is dict:
            value = current.get(segment, _MISSING)
            if value is not _MISSING:  # the common case: a key as written
                current = value
                continue
        elif type(current) is not list:
            raise ResolveError(
                f"{_text(segments[:i])} [={go_str(current)}] is a scalar (not a map or a list)"
            )
        key, value = step(current, segment)
        if key is _MISSING:
            raise ResolveError(
                f"`{_text(segments[: i + 1])}` could not be found in the datastructure"
            )
        current = value
    return current


def canonical(tree: Any, segments: Sequence[Any]) -> tuple[Any, ...] | None:
    """The path with keys as stored and indices for list elements, or None."""
    current = tree
    out = []
    for segment in segments:
        if type(current) is dict:
            value = current.get(segment, _MISSING)
            if value is not _MISSING:  # the common case: a key as written
                out.append(segment)
                current = value
                continue
        elif type(current) is not list:
            return None
        key, current = step(current, segment)
        if key is _MISSING:
            return None
        out.append(key)
    return tuple(out)


def locate(tree: Any, segments: Sequence[Any]) -> tuple[Any, Any] | None:
    """(container, key or index) holding the value at ``segments``, or None."""
    if not segments:
        return None
    current = tree
    for segment in segments[:-1]:
        if type(current) is not dict and type(current) is not list:
            return None
        key, current = step(current, segment)
        if key is _MISSING:
            return None
    if type(current) is not dict and type(current) is not list:
        return None
    key, _ = step(current, segments[-1])
    return None if key is _MISSING else (current, key)
