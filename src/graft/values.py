"""The value model: plain Python data, plus a wrapper for two kinds of map key.

A tree is made of ``dict``, ``list``, ``str``, ``int``, ``float``, ``bool`` and
``None``. Python folds the keys ``True``, ``1`` and ``1.0`` into one dict key
where Go keeps them apart, so boolean and float *keys* are wrapped in
``TypedKey``; string, integer and null keys are stored as they are.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


class TypedKey:
    """A map key of type bool or float, kept distinct from equal ints."""

    __slots__ = ("value",)

    def __init__(self, value: bool | float) -> None:
        self.value = value

    def __hash__(self) -> int:
        return hash((type(self.value), self.value))

    def __eq__(self, other: object) -> bool:
        return (
            type(other) is TypedKey
            and type(other.value) is type(self.value)
            and other.value == self.value
        )

    def __repr__(self) -> str:
        return f"TypedKey({self.value!r})"


def make_key(value: Any) -> Any:
    """The dict key to use for a loaded key value."""
    if isinstance(value, bool | float):
        return TypedKey(value)
    return value


def key_value(key: Any) -> Any:
    """The plain value of a dict key (unwraps ``TypedKey``)."""
    return key.value if type(key) is TypedKey else key


_INT64_MAX = (1 << 63) - 1


def go_type(value: Any, literal: bool = False) -> str:
    """Go's type name (``%T``) of a value: an integer written in an expression is an
    ``int64``, one from a document an ``int`` (``uint64`` beyond the int64 range)."""
    if value is None:
        return "<nil>"
    if type(value) is bool:
        return "bool"
    if type(value) is int:
        if value > _INT64_MAX:
            return "uint64"
        return "int64" if literal else "int"
    if type(value) is float:
        return "float64"
    if type(value) is str:
        return "string"
    if type(value) is list:
        return "[]interface {}"
    if type(value) is dict:
        return "map[interface {}]interface {}"
    return type(value).__name__


def go_kind(value: Any) -> str:
    """Go's reflect kind name of a value, as graft prints it in messages."""
    if value is None:
        return "invalid"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float64"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "slice"
    if isinstance(value, dict):
        return "map"
    return type(value).__name__
