"""``(( concat A B... ))``: the text of the arguments joined (docs/operators.md#concat).

Strings are joined as Go joins their bytes: a value read from ``!!binary`` keeps
its bytes, and bytes that join into a character become that character.
"""

from __future__ import annotations

from graft.expr.ast import Call
from graft.gofmt import go_str
from graft.operators import register
from graft.operators.base import Operator, OpError
from graft.operators.limits import check_bytes, check_text_of
from graft.values import go_canonical

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


class Concat(Operator):
    name = "concat"
    verified_safe = True

    def run(self, ctx: Any, call: Call) -> str:
        if len(call.args) < 2:
            raise OpError("concat operator requires at least two arguments")
        parts = []
        for arg in call.args:
            value = ctx.value(arg)
            check_text_of(value, "concat")
            if type(value) is list:
                parts.extend(go_str(item) for item in value)
            else:
                parts.append(go_str(value))
        check_bytes(sum(map(len, parts)), "concat")
        return go_canonical("".join(parts))


register(Concat())
