"""``(( grab PATH... ))``: the value at a path, or a list of several (docs/operators.md#grab)."""

from __future__ import annotations

from graft.expr.ast import Call
from graft.operators import register
from graft.operators.base import Operator, OpError
from graft.operators.limits import check_items

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


class Grab(Operator):
    name = "grab"
    verified_safe = True

    def run(self, ctx: Any, call: Call) -> Any:
        if not call.args:
            raise OpError("no arguments specified to (( grab ... ))")
        values = [self.one(ctx, arg) for arg in call.args]
        if len(values) == 1:
            return values[0]  # the object itself: later changes show through, as in graft
        check_items(sum(len(v) if type(v) is list else 1 for v in values), "grab")
        spliced: list[Any] = []
        for value in values:
            if type(value) is list:
                spliced.extend(value)
            else:
                spliced.append(value)
        return spliced

    @staticmethod
    def one(ctx: Any, arg: Any) -> Any:
        value = ctx.value(arg)
        if type(arg) is Call and type(value) is str:
            return ctx.resolve_path(value)  # a computed string is a path to grab
        return value


register(Grab())
