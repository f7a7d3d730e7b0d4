"""``--cherry-pick``: keep only the given paths (docs/merging.md#cherry-picking).

Picks of list elements that share a parent list are combined into one list,
collected from the end of the list to the start as graft does; a pick by name
takes every element with that name. Any other pick copies its value to the
same path in a fresh tree, creating maps on the way.
"""

from __future__ import annotations

from graft.errors import MergeFailed
from graft.tree import select_child, selected_indices, split

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


def _missing(path: str, segment: str) -> MergeFailed:
    return MergeFailed(f"validation_error: key not found: {path} (missing segment '{segment}')")


def _walk(tree: Any, path: str, segments: list[str]) -> Any:
    current = tree
    for i, segment in enumerate(segments):
        if type(current) not in (dict, list):
            if i == len(segments) - 1:
                return current  # graft takes a scalar one segment short as the value
            raise _missing(path, segment)
        found, _, value = select_child(current, segment)
        if not found:
            raise _missing(path, segment)
        current = value
    return current


def _list_pick(tree: Any, segments: list[str]) -> tuple[list, list[int]] | None:
    """(parent list, indices) when a path names elements of a list."""
    if len(segments) < 2:
        return None
    try:
        parent = _walk(tree, "", segments[:-1])
    except MergeFailed:
        return None
    if type(parent) is not list:
        return None
    last = segments[-1]
    if last.isdigit() and int(last) < len(parent):
        return parent, [int(last)]
    found = selected_indices(parent, last)
    return (parent, found) if found else None


def _put(result: dict, segments: list[str], value: Any) -> None:
    current = result
    for segment in segments[:-1]:
        nxt = current.get(segment)
        if type(nxt) is not dict:
            nxt = current[segment] = {}
        current = nxt
    current[segments[-1]] = value


def cherry_pick(tree: dict, paths: list[str]) -> dict:
    """A new tree holding only ``paths`` of ``tree``."""
    result: dict = {}
    groups: dict[tuple[str, ...], tuple[list, set[int]]] = {}
    for path in paths:
        segments = split(path)
        picked = _list_pick(tree, segments)
        if picked is not None:
            parent, indices = picked
            groups.setdefault(tuple(segments[:-1]), (parent, set()))[1].update(indices)
            continue
        _put(result, segments, _walk(tree, path, segments))
    for parent_path, (parent, indices) in groups.items():
        _put(result, list(parent_path), [parent[i] for i in sorted(indices, reverse=True)])
    return result
