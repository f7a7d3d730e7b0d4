"""The go-patch operations (replace, remove, test) and applying them to a document.

A list that grows or shrinks is a new list stored back into its parent (Go
slices), while setting an element or a map key changes it in place.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

from graft.errors import MergeFailed
from graft.gopatch.errors import MissingIndexError, MissingMapKeyError, PatchError
from graft.gopatch.pointer import (
    GO_TOKEN_TYPES,
    AfterLastIndexToken,
    IndexToken,
    KeyToken,
    MatchingIndexToken,
    Pointer,
)
from graft.gopatch.values import clone_value, deep_equal
from graft.gopatch.walking import (
    Setter,
    concrete_index,
    expect_list,
    expect_map,
    insertion,
    item_setter,
    key_setter,
    matching_indexes,
    single_match,
    without,
)

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


class Operation(ABC):
    """One go-patch operation."""

    @abstractmethod
    def apply(self, doc: object) -> object:
        """Return the patched document (may change ``doc``); raise PatchError."""


class _Root:
    """Holds the document so that the root can be replaced like any slot."""

    def __init__(self, doc: object) -> None:
        self.doc = doc

    def set(self, value: object) -> None:
        self.doc = value


@dataclass(frozen=True)
class ReplaceOp(Operation):
    """``type: replace``: set, insert or append a (copied) value."""

    path: Pointer
    value: object

    def apply(self, doc: object) -> object:
        value = clone_value(self.value)
        tokens = self.path.tokens
        if not tokens:
            return value
        root = _Root(doc)
        obj, update = doc, root.set
        for number, token in enumerate(tokens):
            here = self.path.prefix(number + 1)
            last = number == len(tokens) - 1
            match token:
                case IndexToken(index, modifiers):
                    items = expect_list(obj, here)
                    if last:
                        update(insertion(index, modifiers, items, here).update(items, value))
                    else:
                        index = concrete_index(index, modifiers, items, here)
                        obj, update = items[index], item_setter(items, index)
                case AfterLastIndexToken():
                    items = expect_list(obj, here)
                    if not last:
                        raise PatchError(
                            f"Expected after last index token to be last in path '{self.path}'"
                        )
                    update([*items, value])
                case MatchingIndexToken():
                    obj = self._matching(token, expect_list(obj, here), here, last, value, update)
                case KeyToken(key, optional):
                    mapping = expect_map(obj, here)
                    if key not in mapping and not optional:
                        raise MissingMapKeyError(key, here, mapping)
                    if last:
                        mapping[key] = value
                    else:
                        if key not in mapping:
                            mapping[key] = self._container_for(number + 1)
                        obj, update = mapping[key], key_setter(mapping, key)
        return root.doc

    @staticmethod
    def _matching(
        token: MatchingIndexToken,
        items: list[Any],
        here: Pointer,
        last: bool,
        value: object,
        update: Setter,
    ) -> object:
        """Handle ``key=value``; return the item to walk into (not used when last)."""
        indexes = matching_indexes(items, token)
        if token.optional and not indexes:
            created = value if last else {token.key: token.value}
            update([*items, created])
            return created
        index = single_match(indexes, here)
        if last:
            update(insertion(index, token.modifiers, items, here).update(items, value))
            return value
        # the list's own setter stays in use: a matched item is always a map
        return items[concrete_index(index, token.modifiers, items, here)]

    def _container_for(self, following: int) -> object:
        """The empty map or list a missing optional key gets before the next token."""
        match self.path.tokens[following]:
            case AfterLastIndexToken() | MatchingIndexToken():
                return []
            case KeyToken():
                return {}
        raise PatchError(
            "Expected to find key, matching index or after last index token "
            f"at path '{self.path.prefix(following + 1)}'"
        )


@dataclass(frozen=True)
class RemoveOp(Operation):
    """``type: remove``; a missing optional target makes it a no-op."""

    path: Pointer

    def apply(self, doc: object) -> object:
        tokens = self.path.tokens
        if not tokens:
            raise PatchError("Cannot remove entire document")
        root = _Root(doc)
        obj, update = doc, root.set
        for number, token in enumerate(tokens):
            here = self.path.prefix(number + 1)
            last = number == len(tokens) - 1
            match token:
                case IndexToken(index, modifiers):
                    items = expect_list(obj, here)
                    index = concrete_index(index, modifiers, items, here)
                    if last:
                        update(without(items, index))
                    else:
                        obj, update = items[index], item_setter(items, index)
                case MatchingIndexToken():
                    items = expect_list(obj, here)
                    indexes = matching_indexes(items, token)
                    if token.optional and not indexes:
                        return doc
                    index = single_match(indexes, here)
                    index = concrete_index(index, token.modifiers, items, here)
                    if last:
                        update(without(items, index))
                    else:
                        obj = items[index]
                case KeyToken(key, optional):
                    mapping = expect_map(obj, here)
                    if key not in mapping:
                        if optional:
                            return doc
                        raise MissingMapKeyError(key, here, mapping)
                    if last:
                        del mapping[key]
                    else:
                        obj, update = mapping[key], key_setter(mapping, key)
                case _:
                    raise PatchError(
                        f"Expected to not find token '{GO_TOKEN_TYPES[type(token)]}' "
                        f"at path '{here}'"
                    )
        return root.doc


def find_value(doc: object, path: Pointer) -> object:
    """The library's FindOp: the value at ``path`` (``None`` for a missing optional key)."""
    obj = doc
    tokens = path.tokens
    for number, token in enumerate(tokens):
        here = path.prefix(number + 1)
        last = number == len(tokens) - 1
        match token:
            case IndexToken(index, modifiers):
                items = expect_list(obj, here)
                obj = items[concrete_index(index, modifiers, items, here)]
            case AfterLastIndexToken():
                raise PatchError(
                    f"Expected not to find after last index token in path '{path}' "
                    "(not supported in find operations)"
                )
            case MatchingIndexToken():
                items = expect_list(obj, here)
                indexes = matching_indexes(items, token)
                if token.optional and not indexes:
                    obj = {token.key: token.value}
                else:
                    index = single_match(indexes, here)
                    obj = items[concrete_index(index, token.modifiers, items, here)]
            case KeyToken(key, optional):
                mapping = expect_map(obj, here)
                if key not in mapping and not optional:
                    raise MissingMapKeyError(key, here, mapping)
                obj = mapping.get(key)
                if key not in mapping and not last:
                    obj = _find_container(path, number + 1)
    return obj


def _find_container(path: Pointer, following: int) -> object:
    match path.tokens[following]:
        case MatchingIndexToken():
            return []
        case KeyToken():
            return {}
    raise PatchError(
        f"Expected to find key or matching index token at path '{path.prefix(following + 1)}'"
    )


@dataclass(frozen=True)
class TestOp(Operation):
    """``type: test``: check a value, or with ``absent`` that nothing is there."""

    __test__ = False  # not a pytest test class

    path: Pointer
    value: object = None
    absent: bool = False

    def apply(self, doc: object) -> object:
        if self.absent:
            self._check_absence(doc)
        elif not deep_equal(find_value(doc, self.path), self.value):
            raise PatchError("Found value does not match expected value")
        return doc

    def _check_absence(self, doc: object) -> None:
        try:
            find_value(doc, self.path)
        except (MissingIndexError, MissingMapKeyError) as error:
            if str(error.path) == str(self.path):
                return
            raise
        raise PatchError(f"Expected to not find '{self.path}'")


@dataclass(frozen=True)
class DescriptiveOp(Operation):
    """An operation with an ``error`` field: its message prefixes failures."""

    op: Operation
    message: str

    def apply(self, doc: object) -> object:
        try:
            return self.op.apply(doc)
        except PatchError as error:
            raise PatchError(f"Error '{self.message}': {error}") from None


def apply_operations(tree: dict[Any, Any], ops: list[Operation]) -> dict[Any, Any]:
    """Apply ``ops`` in order (``tree`` may change); raise MergeFailed on failure."""
    doc: object = tree
    try:
        for op in ops:
            doc = op.apply(doc)
    except PatchError as error:
        raise MergeFailed(str(error)) from None
    if not isinstance(doc, dict):
        raise MergeFailed("go-patch operations resulted in non-map data")
    return doc
