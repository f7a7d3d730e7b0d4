"""``(( shuffle X... ))``: the arguments' values (lists flattened one level) in
random order (docs/operators.md#shuffle)."""

from __future__ import annotations

from graft.expr.ast import Call
from graft.operators import register
from graft.operators.base import Operator, OpError

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


class Shuffle(Operator):
    name = "shuffle"

    def run(self, ctx: Any, call: Call) -> list[Any]:
        items: list[Any] = []
        for arg in call.args:
            value = ctx.value(arg)
            if value is None:
                raise OpError("shuffle operator argument cannot be nil")
            if type(value) is dict:
                raise OpError("shuffle only accepts arrays and scalar values")
            if type(value) is list:
                items.extend(value)
            else:
                items.append(value)
        import random  # only when a document shuffles: it costs 2 ms to import

        random.shuffle(items)
        return items


register(Shuffle())
