"""Comparing and copying decoded YAML values the way the Go library does."""

from __future__ import annotations

import math

from graft.values import TypedKey, go_type


def deep_equal(left: object, right: object) -> bool:
    """Go's ``reflect.DeepEqual`` on decoded YAML (``True`` is not ``1``)."""
    if go_type(left) != go_type(right):
        return False
    if isinstance(left, dict) and isinstance(right, dict):
        return len(left) == len(right) and all(
            key in right and deep_equal(item, right[key]) for key, item in left.items()
        )
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(map(deep_equal, left, right))
    return left == right


def clone_value(value: object) -> object:
    """A deep copy, as the library's YAML round trip makes it."""
    if isinstance(value, dict):
        return {_clone_key(key): clone_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [clone_value(item) for item in value]
    if isinstance(value, float):
        return _reread_float(value)
    return value


def _clone_key(key: object) -> object:
    if type(key) is TypedKey and type(key.value) is float:
        number = _reread_float(key.value)
        return number if isinstance(number, int) else key
    return key


def _reread_float(number: float) -> int | float:
    """Go writes floats with ``%g`` (shortest): whole ones below 1e6 read back as ints."""
    if math.isfinite(number) and number.is_integer() and abs(number) < 1e6:
        return int(number)
    return number
