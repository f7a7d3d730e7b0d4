"""The engine's values as Go sees them: their ``%v`` text, their types, their equality."""

from __future__ import annotations

import re

from graft.gofmt import go_str

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


def _shown(value: Any) -> str:
    """Go's ``%v`` of an engine value."""
    if type(value) is re.Pattern:
        return value.pattern
    return go_str(value)


def _is_float(value: Any) -> bool:
    return type(value) is float


def _is_bool(value: Any) -> bool:
    return type(value) is bool


def _is_str(value: Any) -> bool:
    return type(value) is str


def same(a: Any, b: Any) -> bool:
    """Go's reflect.DeepEqual of two engine values (no mixing of types; NaN unequal)."""
    if type(a) is not type(b):
        return False
    if type(a) is list:
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return a == b
