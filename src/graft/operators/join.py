"""``(( join SEPARATOR X... ))``: the text of the values joined (docs/operators.md#join).

A list contributes its elements, a map its ``key:value`` pairs, null nothing.
A referenced list makes the operator wait for operators inside that list.
"""

from __future__ import annotations

from graft.expr.ast import Call, Literal, Ref
from graft.expr.refs import expand_env
from graft.gofmt import go_str
from graft.operators import register
from graft.operators.base import Operator, OpError, Path
from graft.operators.limits import check_bytes, check_text_of
from graft.tree import ResolveError, resolve
from graft.values import go_canonical, key_value

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


def map_pairs(mapping: dict) -> list[str]:
    """``key:value`` texts in key-text order. graft looks each key up again by its
    text, so a key that is not a string yields ``<nil>`` (quirk)."""
    texts = sorted(go_str(key_value(key)) for key in mapping)
    return [f"{text}:{go_str(mapping.get(text))}" for text in texts]


def list_items(items: list) -> list[str]:
    parts = []
    for index, item in enumerate(items):
        if type(item) in (list, dict):
            raise OpError(f"entry #{index} in list is not compatible for (( join ... ))")
        parts.append(go_str(item))
    return parts


class Join(Operator):
    name = "join"
    verified_safe = True

    def dependencies(self, ctx: Any, call: Call, auto: list[Path]) -> list[Path]:
        """Auto, plus one path per element of each referenced list."""
        deps = list(auto)
        for arg in call.args[1:]:
            if type(arg) is not Ref:
                continue
            path = expand_env(arg.segments)
            try:
                value = resolve(ctx.tree, path)
            except ResolveError:
                continue
            if type(value) is list:
                deps.extend((*path, str(i)) for i in range(len(value)))
        return deps

    def run(self, ctx: Any, call: Call) -> str:
        if not call.args:
            raise OpError("no arguments specified to (( join ... ))")
        if len(call.args) == 1:
            raise OpError("too few arguments supplied to (( join ... ))")
        separator = call.args[0]
        if type(separator) is not Literal:
            raise OpError("join operator only accepts literal argument for the separator")
        parts: list[str] = []
        for arg in call.args[1:]:
            value = ctx.value(arg)
            if type(value) is list:
                parts.extend(list_items(value))
            elif type(value) is dict:
                check_text_of(value, "join")
                parts.extend(map_pairs(value))
            elif value is not None:
                parts.append(go_str(value))
        glue = go_str(separator.value)
        check_bytes(sum(map(len, parts)) + len(glue) * max(len(parts) - 1, 0), "join")
        return go_canonical(glue.join(parts))


register(Join())
