"""Go's float arithmetic and the functions an expression may call (min, max, mod, ...)."""

from __future__ import annotations

import math
from collections.abc import Callable

from graft.calc.errors import CalcError
from graft.calc.values import _is_float

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

# --- Go float arithmetic ----------------------------------------------------------------------

_INT64_MIN = -(1 << 63)
_UINT64 = (1 << 64) - 1


def _to_int64(value: float) -> int:
    """Go's int64(f) on amd64: truncation; NaN and out-of-range give the minimum."""
    if value != value or not -(2.0**63) <= value < 2.0**63:
        return _INT64_MIN
    return int(value)


def _to_uint64(value: float) -> int:
    if value == value and 2.0**63 <= value < 2.0**64:
        return int(value)
    return _to_int64(value) & _UINT64


def divide(a: float, b: float) -> float:
    """IEEE division: a zero divisor gives ±Inf (NaN for 0/0)."""
    if b != 0:
        return a / b
    if a == 0 or a != a:
        return math.nan
    negative = (a < 0) != (math.copysign(1.0, b) < 0)
    return -math.inf if negative else math.inf


def go_mod(a: float, b: float) -> float:
    """Go's math.Mod: the sign of ``a``; NaN for a zero divisor or an infinite ``a``."""
    try:
        return math.fmod(a, b)
    except ValueError:
        return math.nan


def go_pow(a: float, b: float) -> float:
    """Go's math.Pow: NaN where the result is not real, ±Inf on overflow or 0 ** -y."""
    try:
        return math.pow(a, b)
    except OverflowError:
        odd = b == int(b) and int(b) % 2 == 1
        return -math.inf if a < 0 and odd else math.inf
    except ValueError:
        if a == 0:
            odd = b == int(b) and int(b) % 2 == 1
            return math.copysign(math.inf, a) if odd else math.inf
        return math.nan


def _shift(a: float, b: float, left: bool) -> float:
    value, count = _to_uint64(a), _to_uint64(b)
    if count >= 64:
        return 0.0
    return float((value << count if left else value >> count) & _UINT64)


# --- functions --------------------------------------------------------------------------------


class Function:
    """A function callable in an expression; it checks its own arguments."""

    def __init__(self, name: str, arity: int, body: Callable[..., float]) -> None:
        self.name = name
        self.arity = arity
        self.body = body

    def __call__(self, *arguments: Any) -> float:
        if len(arguments) != self.arity or not all(_is_float(a) for a in arguments):
            count = "two arguments" if self.arity == 2 else "one argument"
            raise CalcError(f"{self.name} function expects {count} of type float64")
        return self.body(*arguments)


def go_min(a: float, b: float) -> float:
    if -math.inf in (a, b):
        return -math.inf
    if a != a or b != b:
        return math.nan
    if a == 0 and b == 0:
        return a if math.copysign(1.0, a) < 0 else b
    return min(a, b)


def go_max(a: float, b: float) -> float:
    if math.inf in (a, b):
        return math.inf
    if a != a or b != b:
        return math.nan
    if a == 0 and b == 0:
        return a if math.copysign(1.0, a) > 0 else b
    return max(a, b)


def _sqrt(a: float) -> float:
    return math.sqrt(a) if a >= 0 or a != a else math.nan


def _rounded(how: Callable[[float], int]) -> Callable[[float], float]:
    return lambda a: float(how(a)) if math.isfinite(a) else a


FUNCTIONS: dict[str, Function] = {
    f.name: f
    for f in (
        Function("min", 2, go_min),
        Function("max", 2, go_max),
        Function("mod", 2, go_mod),
        Function("pow", 2, go_pow),
        Function("sqrt", 1, _sqrt),
        Function("floor", 1, _rounded(math.floor)),
        Function("ceil", 1, _rounded(math.ceil)),
    )
}
