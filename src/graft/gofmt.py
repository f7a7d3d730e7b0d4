"""Go's text forms of values: ``%v`` and the ``%g`` float layout (docs/output-format.md)."""

from __future__ import annotations

import math
import re

from graft.lazyre import lazy

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


def _layout(negative: bool, digits: str, exp: int) -> str:
    """Go's %g layout of the decimal ``0.d1d2... x 10^(exp+1)``: scientific when
    the exponent is below -4 or at least 6, positional otherwise."""
    sign = "-" if negative else ""
    if exp < -4 or exp >= 6:
        body = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        return f"{sign}{body}e{'-' if exp < 0 else '+'}{abs(exp):02d}"
    if exp < 0:
        return f"{sign}0.{'0' * (-exp - 1)}{digits}"
    whole = digits[: exp + 1].ljust(exp + 1, "0")
    frac = digits[exp + 1 :]
    return f"{sign}{whole}.{frac}" if frac else f"{sign}{whole}"


def _special(value: float) -> str | None:
    if value != value:
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if value == 0:
        return "-0" if math.copysign(1.0, value) < 0 else "0"
    return None


def _digits(scientific: str) -> tuple[str, int]:
    mantissa, exp = scientific.split("e")
    return mantissa.lstrip("-").replace(".", "").rstrip("0") or "0", int(exp)


def format_float(value: float, significant: int | None = None) -> str:
    """Go's %g text of a float: shortest round-trip digits, or at most
    ``significant`` digits with trailing zeros trimmed."""
    special = _special(value)
    if special is not None:
        return special
    if significant is None:
        digits, exp = _digits(_shortest(value))
    else:
        digits, exp = _digits(f"{value:.{significant - 1}e}")
    return _layout(value < 0, digits, exp)


def _shortest(value: float) -> str:
    """The shortest round-trip digits of ``value`` in ``d.ddde±x`` form."""
    text = repr(abs(value))
    if "e" in text:
        mantissa, exp = text.split("e")
        exp_n = int(exp)
    else:
        mantissa, exp_n = text, 0
    if "." not in mantissa:
        mantissa += "."
    whole, frac = mantissa.split(".")
    digits = (whole + frac).lstrip("0")
    point = len(whole) + exp_n  # position of the decimal point within whole+frac
    leading_zeros = len(whole + frac) - len((whole + frac).lstrip("0"))
    exp_sci = point - leading_zeros - 1
    digits = digits.rstrip("0") or "0"
    return f"{digits[0]}.{digits[1:] or '0'}e{exp_sci}"


def go_str(value: Any) -> str:
    """Go's ``%v`` of a value."""
    if type(value) is str:
        return value
    if value is None:
        return "<nil>"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return str(value)
    if type(value) is float:
        return format_float(value)
    if type(value) is list:
        return "[" + " ".join(go_str(v) for v in value) + "]"
    if type(value) is dict:
        # fmt sorts map keys: numbers before strings, strings in byte order.
        keys = sorted(value, key=lambda k: (type(k) is str, go_str(k)))
        return "map[" + " ".join(f"{go_str(k)}:{go_str(value[k])}" for k in keys) + "]"
    return str(value)  # a TypedKey writes its value with go_str


_DURATION = lazy(r"(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)")
_UNITS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_duration(text: str) -> float:
    """Go's duration syntax (``500ms``, ``2s``, ``1m30s``) in seconds; a bare number
    is seconds. ``ValueError`` for anything else."""
    text = text.strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    parts = _DURATION.findall(text)
    if not parts or "".join(n + u for n, u in parts) != text:
        raise ValueError(f'time: invalid duration "{text}"')
    return sum(float(n) * _UNITS[u] for n, u in parts)


def format_duration(seconds: float) -> str:
    """Go's ``time.Duration.String()`` of a number of seconds (``2.5s``, ``500ms``,
    ``1.5µs``, ``1m30s``), to the nanosecond."""
    total = round(seconds * 1e9)
    if total == 0:
        return "0s"
    sign = "-" if total < 0 else ""
    total = abs(total)
    if total < 1_000:
        return f"{sign}{total}ns"
    if total < 1_000_000_000:
        unit, scale = ("µs", 1_000) if total < 1_000_000 else ("ms", 1_000_000)
        whole, frac = divmod(total, scale)
        digits = str(frac).rjust(len(str(scale)) - 1, "0").rstrip("0")
        return f"{sign}{whole}{'.' + digits if digits else ''}{unit}"
    hours, rest = divmod(total, 3_600_000_000_000)
    minutes, rest = divmod(rest, 60_000_000_000)
    whole, frac = divmod(rest, 1_000_000_000)
    digits = str(frac).rjust(9, "0").rstrip("0")
    text = f"{whole}{'.' + digits if digits else ''}s"
    if hours:
        return f"{sign}{hours}h{minutes}m{text}"
    if minutes:
        return f"{sign}{minutes}m{text}"
    return sign + text
