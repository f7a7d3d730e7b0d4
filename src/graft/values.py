"""The value model: plain Python data, plus a wrapper for two kinds of map key.

A tree is made of ``dict``, ``list``, ``str``, ``int``, ``float``, ``bool`` and
``None``. A ``str`` stands for a Go string, which may hold any bytes: bytes that
are not UTF-8 (from ``!!binary``, ``base64-decode``, a file or a service) are
kept as surrogate escapes (U+DCFF for the byte 0xFF), so they survive
merging and operators and are written back as the bytes they were
(``go_bytes``). Python folds the keys ``True``, ``1`` and ``1.0`` into one dict key
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

    def __str__(self) -> str:
        """Go's ``%v`` of the key (``true``, ``1.5``): what a ``$.path`` shows."""
        from graft.gofmt import go_str

        return go_str(self.value)


def make_key(value: Any) -> Any:
    """The dict key to use for a loaded key value."""
    if isinstance(value, bool | float):
        return TypedKey(value)
    return value


def key_value(key: Any) -> Any:
    """The plain value of a dict key (unwraps ``TypedKey``)."""
    return key.value if type(key) is TypedKey else key


def go_string(data: bytes) -> str:
    """The string of a Go string holding ``data``: bytes that are not UTF-8 are kept
    as surrogate escapes."""
    return data.decode("utf-8", "surrogateescape")


def go_bytes(text: str) -> bytes:
    """The bytes of the Go string ``text`` stands for (the inverse of ``go_string``)."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that is no escaped byte
        return b"".join(
            c.encode("utf-8", "surrogateescape" if "\udc80" <= c <= "\udcff" else "surrogatepass")
            for c in text
        )


def has_raw_bytes(text: str) -> bool:
    """Whether ``text`` holds bytes that are not UTF-8 (surrogate escapes)."""
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def go_canonical(text: str) -> str:
    """The one form of a Go string: escaped bytes that form UTF-8 characters (the two
    halves of a character, joined) become those characters, so equal bytes compare
    equal. Strings joined from Go strings need it."""
    return go_string(go_bytes(text)) if has_raw_bytes(text) else text


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
