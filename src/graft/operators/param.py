"""``(( param MESSAGE ))``: a value the user must provide (docs/operators.md#param).

Any ``param`` still in the tree after merging is an error whose message is the
argument.
"""

from __future__ import annotations

from graft.expr.ast import Call, Ref
from graft.expr.refs import expand_env
from graft.gofmt import go_str
from graft.operators import register
from graft.operators.base import PARAM, Operator, OpError
from graft.tree import ResolveError, resolve

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


class Param(Operator):
    name = "param"
    phase = PARAM

    def run(self, ctx: Any, call: Call) -> Any:
        if len(call.args) != 1:
            raise OpError("param operator only expects one argument")
        arg = call.args[0]
        if type(arg) is Ref:
            try:
                message = resolve(ctx.tree, expand_env(arg.segments))
            except ResolveError as error:
                raise OpError(error.message) from None
        else:
            message = ctx.value(arg)
        raise OpError(go_str(message))


register(Param())
