"""Removing paths: merge-recorded prune paths and ``--prune`` (docs/merging.md#pruning, D10).

Every path is resolved against the tree before anything is removed, so that
two paths into one list remove the elements they named, whatever the order.
A path that does not resolve is ignored, as graft ignores it.

Operators share values: after ``x: (( grab a ))``, ``x`` and ``a`` may be one
map. Removing ``a.b`` must leave ``x.b`` alone (as in graft), so the maps and
lists along each pruned path are replaced by copies of their own first (only
those: a shallow copy per container on the path).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from graft.tree import select_steps

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


def prune(tree: dict, paths: Iterable[Sequence[Any]]) -> None:
    """Remove every path in ``paths`` (each a sequence of segments) from ``tree``."""
    resolved = [steps for path in paths if (steps := select_steps(tree, list(path))) is not None]
    own: dict[tuple[int, Any], Any] = {}  # (private parent, key) -> its private child
    map_keys: list[tuple[dict, Any]] = []
    list_indices: dict[int, tuple[list, set[int]]] = {}
    for steps in resolved:
        parent = tree
        for key in steps[:-1]:
            private = own.get((id(parent), key))
            if private is None:
                child = parent[key]
                private = own[(id(parent), key)] = child.copy()  # dict or list
                parent[key] = private
            parent = private
        key = steps[-1]
        if type(parent) is dict:
            map_keys.append((parent, key))
        else:
            list_indices.setdefault(id(parent), (parent, set()))[1].add(key)
    for items, indices in list_indices.values():
        for index in sorted(indices, reverse=True):
            del items[index]
    for mapping, key in map_keys:
        mapping.pop(key, None)
