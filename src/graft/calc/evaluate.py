"""A tree to a value: the operators, their type checks and govaluate's error texts."""

from __future__ import annotations

import re
from collections.abc import Callable

from graft.calc.errors import CalcError
from graft.calc.functions import Function, _shift, _to_int64, divide, go_mod, go_pow
from graft.calc.lexer import _LOGICALS, _MODIFIERS
from graft.calc.parser import Node
from graft.calc.values import _is_bool, _is_float, _is_str, _shown, same

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

_HOLD = object()  # a branch that short-circuiting left unevaluated

_MODIFIER_ERROR = "Value '{}' cannot be used with the modifier '{}', it is not a number"
_COMPARATOR_ERROR = "Value '{}' cannot be used with the comparator '{}', it is not a number"
_LOGICAL_ERROR = "Value '{}' cannot be used with the logical operator '{}', it is not a bool"
_TERNARY_ERROR = "Value '{}' cannot be used with the ternary operator '{}', it is not a bool"
_PREFIX_ERROR = "Value '{}' cannot be used with the prefix '{}'"


def _fail(template: str, value: Any, symbol: str) -> CalcError:
    return CalcError(template.format(_shown(value), "=" if symbol == "==" else symbol))


def evaluate(node: Node | None) -> Any:
    """The value of a tree (``None`` for a missing operand, like Go's nil)."""
    if node is None:
        return None
    kind = node.kind
    if kind == "literal":
        return node.value
    if kind == "group":
        return evaluate(node.right)
    if kind == "binary":
        return _binary(node)
    if kind == "prefix":
        return _prefix(node.value, evaluate(node.right))
    if kind == "call":
        return _call(node.value, evaluate(node.right))
    if kind == "access":
        evaluate(node.right)
        raise CalcError(f"No parameter '{node.value[0]}' found.")
    raise CalcError(f"No parameter '{node.value}' found.")


def _call(function: Function, arguments: Any) -> Any:
    if arguments is None:
        return function()
    if type(arguments) is list:
        return function(*arguments)
    return function(arguments)


def _prefix(symbol: str, value: Any) -> Any:
    if symbol == "!":
        if not _is_bool(value):
            raise _fail(_PREFIX_ERROR, value, symbol)
        return not value
    if not _is_float(value):
        raise _fail(_PREFIX_ERROR, value, symbol)
    if symbol == "-":
        return -value
    return float(~_to_int64(value))


def _binary(node: Node) -> Any:
    """A binary node. A chain such as ``1 + 2 + ... + n`` is a tree as deep as it is
    long: its left spine is walked in a loop, not by recursion."""
    spine = [node]
    bottom = node.left
    while bottom is not None and bottom.kind == "binary":
        spine.append(bottom)
        bottom = bottom.left
    value = evaluate(bottom)
    for current in reversed(spine):
        value = _combine(current, value)
    return value


def _combine(node: Node, left: Any) -> Any:
    """A binary node's value, given the value of its left side."""
    symbol = node.value
    if symbol == "&&" and left is False:
        return False
    if symbol == "||" and left is True:
        return True
    if symbol == "??" and left is not None:
        return left
    held = (symbol == "?" and left is False) or (symbol == ":" and left is not None)
    right = _HOLD if held else evaluate(node.right)
    _check_types(symbol, left, right)
    return _apply(symbol, left, right)


def _check_types(symbol: str, left: Any, right: Any) -> None:
    """govaluate's type checks: the left operand first, then the right."""
    if symbol == "+":
        if not (_is_float(left) and _is_float(right)) and not (_is_str(left) or _is_str(right)):
            raise _fail(_MODIFIER_ERROR, left, symbol)
    elif symbol in _MODIFIERS:
        for value in (left, right):
            if not _is_float(value):
                raise _fail(_MODIFIER_ERROR, value, symbol)
    elif symbol in (">", ">=", "<", "<="):
        if not (_is_float(left) and _is_float(right)) and not (_is_str(left) and _is_str(right)):
            raise _fail(_COMPARATOR_ERROR, left, symbol)
    elif symbol in ("=~", "!~"):
        if not _is_str(left):
            raise _fail(_COMPARATOR_ERROR, left, symbol)
        if not (_is_str(right) or type(right) is re.Pattern):
            raise _fail(_COMPARATOR_ERROR, right, symbol)
    elif symbol == "in":
        if type(right) is not list:
            raise _fail(_COMPARATOR_ERROR, right, symbol)
    elif symbol in _LOGICALS:
        for value in (left, right):
            if not _is_bool(value):
                raise _fail(_LOGICAL_ERROR, value, symbol)
    elif symbol == "?" and not _is_bool(left):
        raise _fail(_TERNARY_ERROR, left, symbol)


def _apply(symbol: str, left: Any, right: Any) -> Any:
    if symbol in _ARITHMETIC:
        if symbol == "+" and (_is_str(left) or _is_str(right)):
            return _shown(left) + _shown(right)
        return _ARITHMETIC[symbol](left, right)
    if symbol in (">", ">=", "<", "<="):
        return _ORDER[symbol](left, right)
    if symbol == "==":
        return same(left, right)
    if symbol == "!=":
        return not same(left, right)
    if symbol in ("=~", "!~"):
        pattern = right if type(right) is re.Pattern else _pattern(right)
        return (pattern.search(left) is not None) == (symbol == "=~")
    if symbol == "in":
        return any(type(left) is type(item) and left == item for item in right)
    if symbol in _LOGICALS:
        return (left and right) if symbol == "&&" else (left or right)
    if symbol == "?":
        return right if left else None
    if symbol in (":", "??"):
        return left if left is not None else right
    return (left if type(left) is list else [left]) + [right]  # ","


def _pattern(text: str) -> re.Pattern:
    try:
        return re.compile(text)
    except re.error as error:
        raise CalcError(
            f"Unable to compile regexp pattern '{text}': error parsing regexp: {error}"
        ) from None


_ARITHMETIC: dict[str, Callable[[Any, Any], Any]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": divide,
    "%": go_mod,
    "**": go_pow,
    "&": lambda a, b: float(_to_int64(a) & _to_int64(b)),
    "|": lambda a, b: float(_to_int64(a) | _to_int64(b)),
    "^": lambda a, b: float(_to_int64(a) ^ _to_int64(b)),
    "<<": lambda a, b: _shift(a, b, True),
    ">>": lambda a, b: _shift(a, b, False),
}
_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
}
