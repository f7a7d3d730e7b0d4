"""``(( prune ))``: remove this key after evaluation (docs/operators.md#prune)."""

from __future__ import annotations

from graft.expr.ast import Call
from graft.operators import register
from graft.operators.base import PRUNE, Operator

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


class PruneOperator(Operator):
    name = "prune"
    shapes_tree = True

    def dependencies(self, ctx: Any, call: Call, auto: list) -> list:
        return []

    def run(self, ctx: Any, call: Call) -> Any:
        return PRUNE


register(PruneOperator())
