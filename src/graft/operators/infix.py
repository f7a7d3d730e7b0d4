"""The infix operators' semantics: arithmetic, comparison, truthiness
(docs/operators.md#infix-expressions).

A handler is chosen from the operand types (numbers, then strings, booleans,
maps, lists, anything else); where it has nothing to say, graft falls back to
plain numeric arithmetic, whose errors name the first operand that is not a
number.
"""

from __future__ import annotations

import math

from graft.gofmt import go_str
from graft.operators.base import OpError
from graft.operators.limits import check_bytes, check_items, check_text_of
from graft.values import go_type

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

_INT64_MIN, _INT64_MAX = -(1 << 63), (1 << 63) - 1
_MAX_REPEAT = 10_000
_UNSUPPORTED = object()


def truthy(value: Any) -> bool:
    if value is None or value is False:
        return False
    if type(value) in (int, float):
        return value != 0
    if type(value) in (str, list, dict):
        return len(value) > 0
    return True


def _is_number(value: Any) -> bool:
    return type(value) is int or type(value) is float


# --- arithmetic ------------------------------------------------------------------------


def _as_number(value: Any, side: str) -> int | float:
    if value is None:
        return 0
    if type(value) is bool:
        raise OpError(
            f"{side} operand: cannot use boolean '{go_str(value)}' in arithmetic operation"
        )
    if _is_number(value):
        return value
    if type(value) is str:
        raise OpError(f"{side} operand: cannot use string '{value}' in arithmetic operation")
    raise OpError(f"{side} operand: cannot convert {go_type(value)} to numeric value")


def _whole(value: float) -> bool:
    return math.isfinite(value) and value == int(value)


def arithmetic(op: str, a: int | float, b: int | float) -> int | float:
    """Numbers only: int64 arithmetic for two ints (``/`` always gives a float)."""
    both_int = type(a) is int and type(b) is int
    if op == "+":
        if both_int:
            total = a + b
            return total if _INT64_MIN <= total <= _INT64_MAX else float(total)
        return float(a) + float(b)
    if op == "-":
        if both_int:
            total = a - b
            if not _INT64_MIN <= total <= _INT64_MAX:
                raise OpError(f"integer overflow in subtraction: {a} - {b}")
            return total
        return float(a) - float(b)
    if op == "*":
        if both_int:
            total = a * b
            if not _INT64_MIN <= total <= _INT64_MAX:
                raise OpError(f"integer overflow in multiplication: {a} * {b}")
            return total
        return float(a) * float(b)
    if op == "/":
        if b == 0:
            raise OpError("division by zero")
        return float(a) / float(b)
    # %
    if b == 0:
        raise OpError("modulo by zero")
    if not both_int:
        if not (_whole(float(a)) and _whole(float(b))):
            raise OpError("not an integer")
        a, b = int(a), int(b)
    return int(math.fmod(a, b)) if abs(a) < 2**53 and abs(b) < 2**53 else a - b * int(a / b)


def _numeric_fallback(op: str, a: Any, b: Any) -> Any:
    return arithmetic(op, _as_number(a, "left"), _as_number(b, "right"))


def _repeat(text: str, count: Any) -> Any:
    if type(count) is not int:
        return _UNSUPPORTED
    if count < 0:
        raise OpError(f"cannot repeat string negative times: {count}")
    if count > _MAX_REPEAT:
        raise OpError(f"string repetition count too large: {count}")
    return text * count


def _string_op(op: str, a: Any, b: Any) -> Any:
    if op == "+":
        if type(a) is str:
            check_text_of(b, "+")
            text = go_str(b)
            check_bytes(len(a) + len(text), "+")
            return a + text
        return _UNSUPPORTED
    if op == "*":
        if type(a) is str:
            return _repeat(a, b)
        return _repeat(b, a)
    return _UNSUPPORTED


def _null_op(op: str, a: Any, b: Any) -> Any:
    if a is None:
        if op == "+":
            return b
        if op == "-":
            return -b if _is_number(b) else (None if b is None else _UNSUPPORTED)
        return None  # * / %
    if op in ("+", "-"):
        return a
    if op == "*":
        return None
    raise OpError("division by null" if op == "/" else "modulo by null")


def _apply(op: str, a: Any, b: Any) -> Any:
    ta, tb = type(a), type(b)
    if _is_number(a) and _is_number(b):
        return arithmetic(op, a, b)
    if ta is str or tb is str:
        return _string_op(op, a, b)
    if ta is bool or tb is bool:
        if ta is bool and tb is bool:
            if op == "+":
                return a or b
            if op == "*":
                return a and b
        return _UNSUPPORTED
    if ta is dict and tb is dict:
        return {**a, **b} if op == "+" else _UNSUPPORTED
    if ta is list and (tb is list or tb is int):
        if op == "+" and tb is list:
            check_items(len(a) + len(b), "+")
            return a + b
        if op == "*" and tb is int:
            if len(a) * max(b, 0) > _MAX_REPEAT:
                raise OpError(f"list repetition result too large: {len(a) * b} elements")
            return a * max(b, 0)
        return _UNSUPPORTED
    if a is None or b is None:
        return _null_op(op, a, b)
    if op == "+":  # anything else: Go's %v texts side by side
        check_text_of(a, "+")
        check_text_of(b, "+")
        return go_str(a) + go_str(b)
    return _UNSUPPORTED


def arith(op: str, a: Any, b: Any) -> Any:
    result = _apply(op, a, b)
    return _numeric_fallback(op, a, b) if result is _UNSUPPORTED else result


# --- comparison ------------------------------------------------------------------------


def equal(a: Any, b: Any) -> bool:
    if _is_number(a) and _is_number(b):
        return a == b
    if type(a) is not type(b):
        return False
    if a is b:
        return True  # one value (operators share what they grab): no need to walk it
    if type(a) is list:
        return len(a) == len(b) and all(equal(x, y) for x, y in zip(a, b, strict=True))
    if type(a) is dict:
        return a.keys() == b.keys() and all(equal(a[k], b[k]) for k in a)
    return a == b


def compare(op: str, a: Any, b: Any, literal_a: bool = False, literal_b: bool = False) -> bool:
    name = "less" if op in ("<", "<=") else "greater"
    if (_is_number(a) and _is_number(b)) or (type(a) is str and type(b) is str):
        pass
    elif type(a) is bool and type(b) is bool:
        a, b = int(a), int(b)
    elif a is None and b is None:
        return op in ("<=", ">=")
    elif a is None and (_is_number(b) or type(b) in (list, dict)):
        return op in ("<", "<=")
    elif b is None and (_is_number(a) or type(a) in (list, dict)):
        return op in (">", ">=")
    else:
        raise OpError(
            f"{name} operation not supported for types {go_type(a, literal_a)} "
            f"and {go_type(b, literal_b)}"
        )
    if op == "<":
        return a < b
    if op == ">":
        return a > b
    if op == "<=":
        return a <= b
    return a >= b
