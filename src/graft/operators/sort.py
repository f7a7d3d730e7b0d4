"""``(( sort ))``: a marker for the merge; as an operator it does nothing
(docs/merging.md#prune-and-sort-markers)."""

from __future__ import annotations

from graft.expr.ast import Call
from graft.operators import register
from graft.operators.base import MERGE, UNCHANGED, Operator

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


class Sort(Operator):
    name = "sort"
    verified_safe = True
    phase = MERGE

    def dependencies(self, ctx: Any, call: Call, auto: list) -> list:
        return []

    def run(self, ctx: Any, call: Call) -> Any:
        return UNCHANGED  # an orphaned marker stays in the output as written


register(Sort())
