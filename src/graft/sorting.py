"""Sorting the lists that ``(( sort ))`` markers named during the merge
(docs/merging.md#prune-and-sort-markers).

Strings sort by code point, numbers numerically, maps by a key (``by KEY``,
else the first of ``name``, ``key``, ``id`` in the first element). graft
leaves an unsortable list alone without a word; we report it (D12).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from graft.errors import ErrorList
from graft.tree import ID_FIELDS, select_locate
from graft.values import go_kind

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


def _kind(value: Any) -> str:
    return "nil" if value is None else go_kind(value)


def _mismatch(path: str, got: str, wanted: str) -> str:
    return f"$.{path} is {got} (not {wanted})"


def sort_list(items: list, key: str, path: str) -> None:
    """Sort ``items`` in place, or raise ``ValueError`` with graft's message."""
    kinds = {_kind(item) for item in items}
    if len(kinds) > 1:
        raise ValueError(
            _mismatch(path, "a list with different types", "a list with homogeneous entry types")
        )
    if not kinds:
        return
    kind = kinds.pop()
    if kind == "slice":
        raise ValueError(
            _mismatch(path, "a list with list entries", "a list with maps, strings or numbers")
        )
    if kind == "map":
        if not key:
            first = items[0]
            key = next((k for k in ID_FIELDS if k in first), "name")
        if any(key not in item or type(item[key]) in (dict, list) for item in items):
            raise ValueError(
                _mismatch(
                    path,
                    f"a list with map entries, where some do not contain {key}",
                    f"a list with map entries each containing {key}",
                )
            )
        values = [item[key] for item in items]
        if len({_kind(v) for v in values}) > 1:
            raise ValueError(
                _mismatch(
                    path,
                    f"a list with map entries whose {key} values differ in type",
                    f"a list with map entries whose {key} values have one type",
                )
            )
        items.sort(key=lambda item: item[key])
    elif kind in ("string", "int", "float64"):
        items.sort()


def apply_sorts(tree: dict, sorts: Iterable[tuple[Sequence[Any], str]]) -> None:
    """Sort every recorded path that holds a list; collect the errors."""
    done: set[tuple] = set()
    errors = []
    for path, key in sorts:
        ident = tuple(path)
        if ident in done:
            continue
        done.add(ident)
        found = select_locate(tree, list(path))
        if found is None:
            continue
        parent, index = found
        value = parent[index]
        if type(value) is not list:
            continue
        try:
            sort_list(value, key, ".".join(str(p) for p in path))
        except ValueError as error:
            errors.append(str(error))
    if errors:
        raise ErrorList(errors)
