"""``(( calc "EXPRESSION" ))``: arithmetic in its own little language (docs/operators.md#calc).

The expression is text: every path-like word in it (``meta.a``, ``jobs.0.port``)
is replaced by the number at that path, and what is left goes to the engine
of ``graft.calc`` (govaluate's language: float arithmetic, comparisons,
``&& || !``, ``? :``, and the functions min, max, mod, pow, sqrt, floor, ceil).
A float result that is a whole number becomes an integer.
"""

from __future__ import annotations

import math
import re

from graft.expr.ast import Call, Literal
from graft.expr.refs import RefSyntaxError, parse_reference
from graft.operators import register
from graft.operators.base import Operator, OpError, Path
from graft.tree import ResolveError, resolve
from graft.values import go_kind, go_type

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

# A word or a dash, a dot, then words, dashes and dots (graft's pattern; \w is ASCII in Go).
_PATH_LIKE = re.compile(r"(?:\w+|-)\.(?:\w+|-|\.)+", re.ASCII)
# What Go's strconv.ParseFloat accepts among such words (digits may be split by "_").
_DIGITS = r"[0-9](?:_?[0-9])*"
_HEX_DIGITS = r"[0-9a-fA-F](?:_?[0-9a-fA-F])*"
_GO_FLOAT = re.compile(
    rf"-?(?:(?:{_DIGITS}(?:\.(?:{_DIGITS})?)?|\.{_DIGITS})(?:[eE][+-]?{_DIGITS})?"
    rf"|0[xX]_?(?:{_HEX_DIGITS})?(?:\.(?:{_HEX_DIGITS})?)?[pP][+-]?{_DIGITS})\Z"
)
_INT64_MIN, _INT64_END = -(1 << 63), 1 << 63  # the range of Go int64: [MIN, END)


def paths_in(text: str) -> list[tuple[str, ...]]:
    """The path-like substrings of an expression, as paths, in order of appearance
    (numbers such as ``1.5`` are not paths)."""
    found = []
    for candidate in _PATH_LIKE.findall(text):
        if _GO_FLOAT.match(candidate):
            continue
        try:
            segments = parse_reference(candidate)
        except RefSyntaxError:
            continue
        if segments:
            found.append(segments)
    return found


def go_fixed(value: float) -> str:
    """Go's ``%f``: six decimals; infinities and NaN as Go writes them."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    return f"{value:f}"


def substitute(tree: Any, text: str) -> str:
    """Replace every path in ``text`` by its number, one path after the other;
    each replaces all occurrences of its text (even inside a longer path)."""
    for segments in paths_in(text):
        try:
            value = resolve(tree, segments)
        except ResolveError as error:
            raise OpError(error.message) from None
        path = ".".join(segments)
        if type(value) is int:
            text = text.replace(path, str(value))
        elif type(value) is float:
            text = text.replace(path, go_fixed(value))
        elif value is None:
            raise OpError(
                f"path {path} references a nil value, which cannot be used in calculations"
            )
        else:
            raise OpError(
                f"path {path} is of type {go_kind(value)}, which cannot be used in calculations"
            )
    return text


def result(value: Any) -> Any:
    """A float that is a whole 64-bit number becomes an integer."""
    whole = type(value) is float and math.isfinite(value) and value == int(value)
    return int(value) if whole and _INT64_MIN <= value < _INT64_END else value


class Calc(Operator):
    name = "calc"

    def dependencies(self, ctx: Any, call: Call, auto: list[Path]) -> list[Path]:
        """Auto, plus every path named inside a literal expression string."""
        extra: list[Path] = []
        for arg in call.args:
            if type(arg) is Literal and type(arg.value) is str:
                extra.extend(paths_in(arg.value))
        return list(auto) + extra

    def run(self, ctx: Any, call: Call) -> Any:
        if len(call.args) != 1:
            raise OpError("calc operator only expects one argument containing the expression")
        text = self.expression_text(ctx.value(call.args[0]))
        text = substitute(ctx.tree, text)
        from graft.calc import CalcError, Expression  # a large package: load on use

        try:
            expression = Expression(text)
            if expression.variables:
                names = ", ".join(expression.variables)
                raise OpError(
                    f"calc operator does not support named variables in expression: {names}"
                )
            return result(expression.evaluate())
        except CalcError as error:
            raise OpError(error.message) from None
        except RecursionError:
            raise OpError("calc expression is nested too deeply") from None

    @staticmethod
    def expression_text(value: Any) -> str:
        if type(value) is str:
            return value
        if type(value) is int:
            return str(value)
        if type(value) is float:
            return go_fixed(value)
        raise OpError(
            f"calc operator argument must resolve to a string or number, got {go_type(value)}"
        )


register(Calc())
