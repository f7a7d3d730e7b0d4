"""``(( negate X ))``: the boolean negation of X's truthiness (docs/operators.md#negate)."""

from __future__ import annotations

from graft.expr.ast import Call
from graft.operators import register
from graft.operators.base import Operator, OpError
from graft.operators.infix import truthy

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


class Negate(Operator):
    name = "negate"

    def run(self, ctx: Any, call: Call) -> bool:
        if len(call.args) != 1:
            raise OpError("negate operator requires exactly one argument")
        return not truthy(ctx.value(call.args[0]))


register(Negate())
