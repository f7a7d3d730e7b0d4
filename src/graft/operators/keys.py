"""``(( keys MAP... ))``: the sorted keys of one or more maps (docs/operators.md#keys)."""

from __future__ import annotations

from graft.expr.ast import Call, Ref
from graft.gofmt import go_str
from graft.operators import register
from graft.operators.base import Operator, OpError
from graft.operators.base64_ops import value_and_literal
from graft.values import go_type, key_value

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


class Keys(Operator):
    name = "keys"
    verified_safe = True

    def run(self, ctx: Any, call: Call) -> list[str]:
        if not call.args:
            raise OpError("no arguments specified to (( keys ... ))")
        found: set[str] = set()
        for i, arg in enumerate(call.args):
            value, literal = value_and_literal(ctx, arg)
            if value is None:
                continue
            if type(value) is not dict:
                raise OpError(self.not_a_map(arg, i, value, literal))
            found.update(go_str(key_value(key)) for key in value)
        return sorted(found)

    @staticmethod
    def not_a_map(arg: Any, index: int, value: Any, literal: bool) -> str:
        if type(arg) is Ref:
            return f"{'.'.join(arg.segments)} is not a map"
        return f"keys operator only works on maps, argument {index} is {go_type(value, literal)}"


register(Keys())
