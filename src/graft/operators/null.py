"""``(( null ))`` is null; ``(( null X ))`` says whether X is null (docs/operators.md#null)."""

from __future__ import annotations

from graft.expr.ast import Call
from graft.operators import register
from graft.operators.base import Operator, OpError

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


class Null(Operator):
    name = "null"

    def run(self, ctx: Any, call: Call) -> Any:
        if not call.args:
            return None
        if len(call.args) > 1:
            raise OpError("null operator takes at most one argument")
        return ctx.value(call.args[0]) is None


register(Null())
