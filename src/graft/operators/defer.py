"""``(( defer ... ))``: the text of an expression, not evaluated (docs/operators.md#defer)."""

from __future__ import annotations

from graft.expr.ast import Alternatives, Call, Env, Literal, Node, Ref
from graft.gofmt import go_str
from graft.operators import register
from graft.operators.base import Operator, OpError

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


def reconstruct(node: Node) -> str:
    if type(node) is Literal:
        if node.value is None:
            return "nil"
        if type(node.value) is str:
            return f'"{node.value}"'  # inner quotes are not escaped, as in graft
        return go_str(node.value)
    if type(node) is Ref:
        return node.text
    if type(node) is Env:
        return f"${node.name}"
    if type(node) is Alternatives:
        return " || ".join(reconstruct(option) for option in node.options)
    if type(node) is Call:
        return " ".join([node.name, *(reconstruct(arg) for arg in node.args)])
    return repr(node)


class Defer(Operator):
    name = "defer"
    verbatim_args = True

    def dependencies(self, ctx: Any, call: Call, auto: list) -> list:
        return []

    def run(self, ctx: Any, call: Call) -> str:
        if not call.args:
            raise OpError("Defer has no arguments - what are you deferring?")
        return "(( " + " ".join(reconstruct(arg) for arg in call.args) + " ))"


register(Defer())
