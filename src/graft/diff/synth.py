"""JSON and TOML files as yaml.v3 nodes (ytbx decodes them, then marshals the
values to YAML and reads that back: keys sorted, numbers as Go prints them)."""

from __future__ import annotations

import json
from functools import cmp_to_key

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from graft.diff.nodes import IMPLICIT, MAP, SEQ, STR

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


def _key_order(a: str, b: str) -> int:
    """yaml.v3's order of string keys (keyList.Less): digit runs compare as numbers."""
    return -1 if _key_less(a, b) else (1 if _key_less(b, a) else 0)


def _key_less(a: str, b: str) -> bool:
    digits = False
    for i in range(min(len(a), len(b))):
        if a[i] == b[i]:
            digits = a[i].isdigit()
            continue
        letter_a, letter_b = a[i].isalpha(), b[i].isalpha()
        if letter_a and letter_b:
            return a[i] < b[i]
        if letter_a or letter_b:
            return letter_a if digits else letter_b
        number_a = number_b = 0
        if a[i] == "0" or b[i] == "0":
            j = i - 1
            while j >= 0 and a[j].isdigit():
                if a[j] != "0":
                    number_a = number_b = 1
                    break
                j -= 1
        end_a = i
        while end_a < len(a) and a[end_a].isdigit():
            number_a = number_a * 10 + int(a[end_a])
            end_a += 1
        end_b = i
        while end_b < len(b) and b[end_b].isdigit():
            number_b = number_b * 10 + int(b[end_b])
            end_b += 1
        if number_a != number_b:
            return number_a < number_b
        if end_a != end_b:
            return end_a < end_b
        return a[i] < b[i]
    return len(a) < len(b)


def _node(value: Any) -> Any:
    if isinstance(value, dict):
        keys = sorted(value, key=cmp_to_key(_key_order))
        pairs = [(ScalarNode(STR, str(k), style='"'), _node(value[k])) for k in keys]
        return MappingNode(MAP, pairs)
    if isinstance(value, list):
        return SequenceNode(SEQ, [_node(v) for v in value])
    if value is None:
        return ScalarNode(IMPLICIT, "null")
    if value is True or value is False:
        return ScalarNode(IMPLICIT, "true" if value else "false")
    if isinstance(value, int):
        return ScalarNode(IMPLICIT, str(value))
    if isinstance(value, float):
        return ScalarNode(IMPLICIT, _go_float(value))
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
