"""Removing paths: merge-recorded prune paths and ``--prune`` (docs/merging.md#pruning, D10).

Every path is resolved against the tree before anything is removed, so that
two paths into one list remove the elements they named, whatever the order.
A path that does not resolve is ignored, as graft ignores it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from graft.tree import select_locate

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


def prune(tree: dict, paths: Iterable[Sequence[Any]]) -> None:
    """Remove every path in ``paths`` (each a sequence of segments) from ``tree``."""
    map_keys: list[tuple[dict, Any]] = []
    list_indices: dict[int, tuple[list, set[int]]] = {}
    for path in paths:
        found = select_locate(tree, list(path))
        if found is None:
            continue
        parent, key = found
        if type(parent) is dict:
            map_keys.append((parent, key))
        else:
            list_indices.setdefault(id(parent), (parent, set()))[1].add(key)
    for items, indices in list_indices.values():
        for index in sorted(indices, reverse=True):
            del items[index]
    for mapping, key in map_keys:
        mapping.pop(key, None)
