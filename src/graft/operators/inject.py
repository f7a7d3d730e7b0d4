"""``(( inject REF... ))``: merge maps into the map that holds the operator
(docs/operators.md#inject, D13).

Runs in the merge phase. The referenced maps are deep-copied and merged left
to right; the executor then removes the operator's key and merges the result
under the containing map (``graft.evaluate.run._inject``), which is also
where ``inject`` as a list element is refused.
"""

from __future__ import annotations

import copy

from graft.expr.ast import Call, Ref
from graft.expr.refs import expand_env
from graft.merging.markers import is_prune
from graft.operators import register
from graft.operators.base import MERGE, Inject, Operator, OpError, Path
from graft.operators.dependencies import subtree_dependencies
from graft.tree import ResolveError, resolve

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


def merge_maps(target: dict, source: dict) -> None:
    """Merge ``source`` into ``target``: maps recursively, any other value from
    ``source`` replaces, except that a ``(( prune ))`` already there is kept."""
    for key, value in source.items():
        current = target.get(key)
        if type(value) is dict and type(current) is dict:
            merge_maps(current, value)
        elif key in target and is_prune(current):
            continue
        else:
            target[key] = value


class InjectOperator(Operator):
    name = "inject"
    shapes_tree = True
    phase = MERGE

    def dependencies(self, ctx: Any, call: Call, auto: list[Path]) -> list[Path]:
        return subtree_dependencies(ctx, call, auto)

    def run(self, ctx: Any, call: Call) -> Inject:
        maps = [self.one(ctx, arg) for arg in call.args]
        if not maps:
            raise OpError("no arguments specified to (( inject ... ))")
        merged: dict = {}
        for mapping in maps:
            merge_maps(merged, copy.deepcopy(mapping))
        return Inject(merged)

    @staticmethod
    def one(ctx: Any, arg: Any) -> dict:
        """The map an argument names; a reference fails without the usual
        "Unable to resolve" prefix."""
        if type(arg) is Ref:
            try:
                value = resolve(ctx.tree, expand_env(arg.segments))
            except ResolveError as error:
                raise OpError(error.message) from None
            if type(value) is not dict:
                raise OpError(f"{'.'.join(arg.segments)} is not a map")
            return value
        value = ctx.value(arg)
        if value is None:
            raise OpError("inject operator argument cannot be nil")
        if type(value) is not dict:
            raise OpError("inject operator argument must resolve to a map")
        return value


register(InjectOperator())
