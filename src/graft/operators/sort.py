"""``(( sort ))``: a marker for the merge (SPEC §4.8); as an operator it does nothing."""

from __future__ import annotations

from typing import Any

from graft.expr.ast import Call
from graft.operators import register
from graft.operators.base import MERGE, UNCHANGED, Operator


class Sort(Operator):
    name = "sort"
    phase = MERGE

    def dependencies(self, ctx: Any, call: Call, auto: list) -> list:
        return []

    def run(self, ctx: Any, call: Call) -> Any:
        return UNCHANGED  # an orphaned marker stays in the output as written


register(Sort())
