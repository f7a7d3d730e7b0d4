"""What an operator waits for: the dependencies operators share."""

from __future__ import annotations

from graft.expr.ast import Call, Ref
from graft.expr.refs import expand_env
from graft.expr.walk import references
from graft.operators.base import Path, Under

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


def nested_dependencies(ctx: Any, call: Call) -> list[Path]:
    """What a nested call's operator adds to its references (for operators whose
    dependencies include those of the calls in their arguments)."""
    operator = ctx.registry.get(call.name)
    if operator is None:
        return []
    return list(operator.dependencies(ctx, call, references(call)))


def subtree_dependencies(ctx: Any, call: Call, auto: list[Path]) -> list[Path]:
    """Every site under each referenced path, the dependencies of nested calls, then
    auto (``inject``, ``cartesian-product``, ``ips``)."""
    paths: list[Path] = []
    for arg in call.args:
        if type(arg) is Ref:
            paths.append(Under(expand_env(arg.segments)))
        elif type(arg) is Call:
            paths.extend(nested_dependencies(ctx, arg))
    return paths + list(auto)
