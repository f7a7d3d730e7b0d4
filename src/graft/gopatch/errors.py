"""The errors raised while applying go-patch operations, with the library's texts."""

from __future__ import annotations

from typing import Any

from graft.gopatch.pointer import INT64_MAX, Pointer


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


def go_type(value: object) -> str:
    """The Go type (``%T``) of a decoded YAML value."""
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "uint64" if value > INT64_MAX else "int"
    if isinstance(value, float):
        return "float64"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "[]interface {}"
    if isinstance(value, dict):
        return "map[interface {}]interface {}"
    return type(value).__name__
