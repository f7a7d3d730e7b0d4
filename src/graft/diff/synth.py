"""JSON and TOML files as yaml.v3 nodes (ytbx decodes them, then marshals the
values to YAML and reads that back: keys sorted, numbers as Go prints them)."""

from __future__ import annotations

import json

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from graft.diff.nodes import MAP, SEQ, STR

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _go_float(value: float) -> str:
    """strconv.FormatFloat(value, 'g', -1, 64) as yaml.v3 writes it."""
    if value != value:
        return ".nan"
    if value in (float("inf"), float("-inf")):
        return ".inf" if value > 0 else "-.inf"
    if value == 0:
        return "-0" if str(value).startswith("-") else "0"
    from decimal import Decimal

    sign, digit_tuple, exponent = Decimal(repr(value)).as_tuple()
    digits = "".join(map(str, digit_tuple)).rstrip("0")
    point = len(digit_tuple) + exponent  # value = 0.digits * 10**point
    prefix = "-" if sign else ""
    exp = point - 1
    if exp < -4 or exp >= 6:
        body = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        return f"{prefix}{body}e{'-' if exp < 0 else '+'}{abs(exp):02d}"
    if point <= 0:
        return f"{prefix}0.{'0' * -point}{digits}"
    if point >= len(digits):
        return prefix + digits + "0" * (point - len(digits))
    return f"{prefix}{digits[:point]}.{digits[point:]}"


def _node(value: Any) -> Any:
    if isinstance(value, dict):
        pairs = [(ScalarNode(STR, str(k), style='"'), _node(value[k])) for k in sorted(value)]
        return MappingNode(MAP, pairs)
    if isinstance(value, list):
        return SequenceNode(SEQ, [_node(v) for v in value])
    if value is None:
        return ScalarNode(STR, "null")
    if value is True or value is False:
        return ScalarNode(STR, "true" if value else "false")
    if isinstance(value, int):
        return ScalarNode(STR, str(value))
    if isinstance(value, float):
        return ScalarNode(STR, _go_float(value))
    return ScalarNode(STR, str(value), style='"')


def json_documents(text: str) -> list[Any] | None:
    """The documents of a JSON stream (numbers are float64 in Go)."""
    decoder = json.JSONDecoder()
    documents, index = [], 0
    try:
        while True:
            while index < len(text) and text[index] in " \t\r\n":
                index += 1
            if index >= len(text):
                return documents
            value, index = decoder.raw_decode(text, index)
            documents.append(_node(_floats(value)))
    except ValueError:
        return None


def _floats(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _floats(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_floats(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def toml_documents(text: str) -> list[Any] | None:
    """The one document of a TOML file, or None when it is not TOML."""
    import tomllib

    try:
        value = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError):
        return None
    return [_node(value)]
