"""``(( empty X ))``: an empty map, list or string by type name, else whether X
is empty (docs/operators.md#empty).

graft overloads the operator: an unresolvable reference whose last segment is a
type name (``hash``, ``map``, ``array``, ``list``, ``string``) builds that empty
value, and so does a value that is such a name; any other value is tested for
emptiness.
"""

from __future__ import annotations

from graft.expr.ast import Call, Ref
from graft.operators import register
from graft.operators.base import Operator, OpError

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

_TYPE_NAMES = frozenset({"hash", "map", "array", "list", "string"})


def empty_of(type_name: str) -> Any:
    """A fresh empty value of a (lower-case) type name."""
    if type_name in ("hash", "map"):
        return {}
    if type_name in ("array", "list"):
        return []
    return ""


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if type(value) in (list, dict, str):
        return len(value) == 0
    if type(value) is bool:
        return not value
    if type(value) in (int, float):
        return value == 0
    return False


class Empty(Operator):
    name = "empty"
    verified_safe = True

    def run(self, ctx: Any, call: Call) -> Any:
        if len(call.args) != 1:
            raise OpError("empty operator requires exactly one argument")
        arg = call.args[0]
        try:
            value = ctx.value(arg)
        except OpError:
            last = arg.segments[-1].lower() if type(arg) is Ref and arg.segments else ""
            if last in _TYPE_NAMES:
                return empty_of(last)
            raise
        if type(value) is str:
            name = value.lower()
            return empty_of(name) if name in _TYPE_NAMES else value == ""
        return is_empty(value)


register(Empty())
