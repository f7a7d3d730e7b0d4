"""``(( cartesian-product X... ))``: every concatenation of one value from each
argument, the first varying slowest (SPEC §6.5)."""

from __future__ import annotations

from typing import Any

from graft.expr.ast import Call, Ref
from graft.expr.refs import expand_env
from graft.gofmt import go_str
from graft.operators import register
from graft.operators.base import Operator, OpError, Path, Under


def texts(value: Any) -> list[str]:
    """An argument's values as text: a list's elements, or the scalar itself."""
    if value is None:
        raise OpError("cartesian-product operator argument cannot be nil")
    if type(value) is dict:
        raise OpError("cartesian-product operator only accepts arrays and string values")
    if type(value) is not list:
        return [go_str(value)]
    for item in value:
        if type(item) in (list, dict):
            raise OpError("cartesian-product operator can only operate on lists of scalar values")
    return [go_str(item) for item in value]


class CartesianProduct(Operator):
    name = "cartesian-product"

    def dependencies(self, ctx: Any, call: Call, auto: list[Path]) -> list[Path]:
        """Auto, every operator under a referenced path, and nested calls' own."""
        deps: list[Path] = []
        for arg in call.args:
            if type(arg) is Ref:
                deps.append(Under(expand_env(arg.segments)))
            elif type(arg) is Call:
                deps.extend(nested_dependencies(ctx, arg))
        return deps + list(auto)

    def run(self, ctx: Any, call: Call) -> list[str]:
        columns = [texts(ctx.value(arg)) for arg in call.args]
        if not columns:
            raise OpError("no arguments specified to (( cartesian-product ... ))")
        product = columns[0]
        for column in columns[1:]:
            product = [left + right for left in product for right in column]
        return product


def nested_dependencies(ctx: Any, call: Call) -> list[Path]:
    """What a nested call's operator adds to its references."""
    from graft.evaluate.plan import references

    operator = ctx.registry.get(call.name)
    if operator is None:
        return []
    return list(operator.dependencies(ctx, call, references(call)))


register(CartesianProduct())
