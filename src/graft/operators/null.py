"""``(( null ))`` is null; ``(( null X ))`` says whether X is null (SPEC §6.18)."""

from __future__ import annotations

from typing import Any

from graft.expr.ast import Call
from graft.operators import register
from graft.operators.base import Operator, OpError


class Null(Operator):
    name = "null"

    def run(self, ctx: Any, call: Call) -> Any:
        if not call.args:
            return None
        if len(call.args) > 1:
            raise OpError("null operator takes at most one argument")
        return ctx.value(call.args[0]) is None


register(Null())
