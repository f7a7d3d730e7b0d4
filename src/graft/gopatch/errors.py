"""The errors raised while applying go-patch operations, with the library's texts."""

from __future__ import annotations

from graft.gopatch.pointer import Pointer
from graft.values import go_type

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


class PatchError(Exception):
    """A go-patch failure; ``str()`` is the library's message."""


class MissingIndexError(PatchError):
    def __init__(self, index: int, length: int, path: Pointer) -> None:
        super().__init__(
            f"Expected to find array index '{index}' but found array of length '{length}' "
            f"for path '{path}'"
        )
        self.path = path


class MissingMapKeyError(PatchError):
    def __init__(self, key: str, path: Pointer, mapping: dict[Any, Any]) -> None:
        super().__init__(
            f"Expected to find a map key '{key}' for path '{path}' ({_sibling_keys(mapping)})"
        )
        self.path = path


def _sibling_keys(mapping: dict[Any, Any]) -> str:
    if not mapping:
        return "found no other map keys"
    keys = sorted(k for k in mapping if isinstance(k, str))
    return "found map keys: '" + "', '".join(keys) + "'"


def mismatch(kind: str, path: Pointer, found: object) -> PatchError:
    return PatchError(f"Expected to find {kind} at path '{path}' but found '{go_type(found)}'")
