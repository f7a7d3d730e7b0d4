"""``(( cartesian-product X... ))``: every concatenation of one value from each
argument, the first varying slowest (docs/operators.md#cartesian-product)."""

from __future__ import annotations

from graft.expr.ast import Call
from graft.gofmt import go_str
from graft.operators import register
from graft.operators.base import Operator, OpError, Path
from graft.operators.dependencies import subtree_dependencies
from graft.operators.limits import check_bytes, check_items

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


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
    verified_safe = True

    def dependencies(self, ctx: Any, call: Call, auto: list[Path]) -> list[Path]:
        return subtree_dependencies(ctx, call, auto)

    def run(self, ctx: Any, call: Call) -> list[str]:
        columns = [texts(ctx.value(arg)) for arg in call.args]
        if not columns:
            raise OpError("no arguments specified to (( cartesian-product ... ))")
        size = 1
        for column in columns:
            size *= len(column)
        check_items(size, "cartesian-product")
        check_bytes(
            sum(size // max(len(column), 1) * sum(map(len, column)) for column in columns),
            "cartesian-product",
        )
        product = columns[0]
        for column in columns[1:]:
            product = [left + right for left in product for right in column]
        return product


register(CartesianProduct())
