"""JSON text as graft's ``json`` verb writes it (Go's encoding/json; README, "graft json")."""

from __future__ import annotations

import json
import math
import re

from graft.gofmt import _layout, _shortest, go_str
from graft.values import TypedKey, go_canonical, has_raw_bytes

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_RAW_BYTE = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8 (values.go_string)


class UnsupportedValue(ValueError):
    """A float JSON cannot hold (``+Inf``, ``NaN``)."""


def json_float(value: float) -> str:
    """Go's encoding/json float text: shortest digits, exponent below 1e-6 or from 1e21."""
    if math.isnan(value) or math.isinf(value):
        raise UnsupportedValue("json: unsupported value: " + go_str(value))
    if value == 0:
        return "-0" if math.copysign(1.0, value) < 0 else "0"
    mantissa, exp_text = _shortest(value).split("e")
    digits = mantissa.replace(".", "").rstrip("0") or "0"
    exp = int(exp_text)
    sign = "-" if value < 0 else ""
    if abs(value) < 1e-6 or abs(value) >= 1e21:
        body = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        return f"{sign}{body}e{'-' if exp < 0 else '+'}{abs(exp)}"
    if exp < 0:
        return f"{sign}0.{'0' * (-exp - 1)}{digits}"
    return _layout(value < 0, digits, exp) if exp < 6 else _positional(sign, digits, exp)


def _positional(sign: str, digits: str, exp: int) -> str:
    whole = digits[: exp + 1].ljust(exp + 1, "0")
    frac = digits[exp + 1 :]
    return f"{sign}{whole}.{frac}" if frac else f"{sign}{whole}"


def json_string(text: str) -> str:
    raw = has_raw_bytes(text)
    encoded = json.dumps(go_canonical(text) if raw else text, ensure_ascii=False)
    if raw:  # Go writes each byte that is not UTF-8 as \ufffd: JSON text holds no bytes
        encoded = _RAW_BYTE.sub(lambda _: "\\ufffd", encoded)
    if any(c in encoded for c in _ESCAPES):
        encoded = "".join(_ESCAPES.get(c, c) for c in encoded)
    return encoded


def key_text(key: Any) -> str:
    return go_str(key.value if type(key) is TypedKey else key)


def to_json(value: Any, warn: Any) -> str:
    """Compact JSON of ``value``; map keys sorted, non-string keys as ``%v`` text."""
    if type(value) is dict:
        entries: dict[str, Any] = {}
        for key, item in value.items():
            text = key if type(key) is str else key_text(key)
            if text in entries:
                warn(f"Duplicate key detected: {text}")
            entries[text] = item
        body = ",".join(json_string(k) + ":" + to_json(entries[k], warn) for k in sorted(entries))
        return "{" + body + "}"
    if type(value) is list:
        return "[" + ",".join(to_json(v, warn) for v in value) + "]"
    if type(value) is str:
        return json_string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return str(value)
    return json_float(value)


def has_non_string_keys(value: Any) -> bool:
    stack = [value]
    while stack:
        node = stack.pop()
        if type(node) is dict:
            if any(type(k) is not str for k in node):
                return True
            stack.extend(node.values())
        elif type(node) is list:
            stack.extend(node)
    return False
