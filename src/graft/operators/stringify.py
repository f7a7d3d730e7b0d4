"""``(( stringify X ))``: X as text; maps and lists as the YAML the output writer
would print for them, trailing newline included (docs/operators.md#stringify)."""

from __future__ import annotations

from graft.expr.ast import Call
from graft.gofmt import go_str
from graft.operators import register
from graft.operators.base import Operator, OpError
from graft.operators.limits import check_text_of

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


def yaml_text(value: Any) -> str:
    """The YAML document text of a map or list (what Go's ``yaml.Marshal`` gives)."""
    from graft.yamlio import writer
    from graft.yamlio.emit import emit_reference, emit_yaml

    if type(value) is dict:
        return emit_yaml(value)
    if not value:
        return "[]\n"
    out = writer.Writer()
    try:
        out.sequence(value, 0)
    except writer.Unusual:
        return emit_reference(value)
    text = "".join(out.parts)
    return text + "...\n" if out.open_ended else text


class Stringify(Operator):
    name = "stringify"
    verified_safe = True

    def run(self, ctx: Any, call: Call) -> str | None:
        if len(call.args) != 1:
            raise OpError("stringify operator requires exactly one argument")
        value = ctx.value(call.args[0])
        if value is None or type(value) is str:
            return value
        if type(value) in (dict, list):
            check_text_of(value, "stringify")
            return yaml_text(value)
        return go_str(value)


register(Stringify())
