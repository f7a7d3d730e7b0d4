"""Walking lists and maps: the steps the operations share along a pointer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from graft.gopatch.errors import MissingIndexError, PatchError, mismatch
from graft.gopatch.pointer import MatchingIndexToken, Modifier, Pointer

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

Setter = Callable[[object], None]


def expect_list(obj: object, path: Pointer) -> list[Any]:
    if not isinstance(obj, list):
        raise mismatch("an array", path, obj)
    return obj


def expect_map(obj: object, path: Pointer) -> dict[Any, Any]:
    if not isinstance(obj, dict):
        raise mismatch("a map", path, obj)
    return obj


def item_setter(items: list[Any], index: int) -> Setter:
    def update(value: object) -> None:
        items[index] = value

    return update


def key_setter(mapping: dict[Any, Any], key: str) -> Setter:
    def update(value: object) -> None:
        mapping[key] = value

    return update


def matching_indexes(items: list[Any], token: MatchingIndexToken) -> list[int]:
    return [
        number
        for number, item in enumerate(items)
        if isinstance(item, dict)
        and isinstance(item.get(token.key), str)
        and item[token.key] == token.value
    ]


def single_match(indexes: list[int], path: Pointer) -> int:
    if len(indexes) != 1:
        raise PatchError(
            f"Expected to find exactly one matching array item for path '{path}' "
            f"but found {len(indexes)}"
        )
    return indexes[0]


def concrete_index(
    index: int, modifiers: tuple[Modifier, ...], items: list[Any], path: Pointer
) -> int:
    """Apply ``:prev``/``:next``, check bounds and resolve a negative index."""
    for modifier in modifiers:
        if modifier is Modifier.PREV:
            index -= 1
        elif modifier is Modifier.NEXT:
            index += 1
        else:
            raise PatchError(
                "Expected to find one of the following modifiers: 'prev', 'next', "
                f"but found modifier '{modifier.value}'"
            )
    if index >= len(items) or -index - 1 >= len(items):
        raise MissingIndexError(index, len(items), path)
    return index + len(items) if index < 0 else index


@dataclass(frozen=True)
class _Insertion:
    position: int
    insert: bool  # False: replace the item at ``position``

    def update(self, items: list[Any], value: object) -> list[Any]:
        if self.insert:
            return [*items[: self.position], value, *items[self.position :]]
        items[self.position] = value
        return items


def insertion(
    index: int, modifiers: tuple[Modifier, ...], items: list[Any], path: Pointer
) -> _Insertion:
    """Where a replace at a list position puts its value (``:before``/``:after``)."""
    placement: Modifier | None = None
    moves: list[Modifier] = []
    for modifier in modifiers:
        if placement is not None:
            raise PatchError(
                f"Expected to not find any modifiers after '{placement.name.lower()}' modifier, "
                f"but found modifier '{modifier.value}'"
            )
        if modifier in (Modifier.BEFORE, Modifier.AFTER):
            placement = modifier
        else:
            moves.append(modifier)
    position = concrete_index(index, tuple(moves), items, path)
    if placement is Modifier.AFTER:
        position += 1
    return _Insertion(position, placement is not None)


def without(items: list[Any], index: int) -> list[Any]:
    return [*items[:index], *items[index + 1 :]]
