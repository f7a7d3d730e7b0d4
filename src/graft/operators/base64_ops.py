"""``(( base64 X ))`` and ``(( base64-decode X ))`` (docs/operators.md#base64, #base64-decode).

Both work on the bytes of the Go string (``go_bytes``): ``base64`` of a value
read from ``!!binary`` gives back the original base64. Decoding is Go's
``base64.StdEncoding`` (``yamlio/gobase64.py``); bytes that are not UTF-8 stay
in the string as surrogate escapes and are written ``!!binary ...``, as graft
does.
"""

from __future__ import annotations

import base64

from graft.expr.ast import Alternatives, Call, Literal, Node
from graft.gofmt import go_str
from graft.operators import register
from graft.operators.base import Operator, OpError
from graft.operators.limits import check_bytes
from graft.values import go_bytes, go_string, go_type
from graft.yamlio.gobase64 import CorruptInput, decode

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


def value_and_literal(ctx: Any, node: Node) -> tuple[Any, bool]:
    """The value of an argument and whether it was written as a literal (Go names
    a literal integer ``int64``, a document integer ``int``)."""
    if type(node) is Alternatives:
        error: OpError | None = None
        for option in node.options:
            try:
                return value_and_literal(ctx, option)
            except OpError as failure:
                error = failure
        assert error is not None
        raise error
    return ctx.value(node), type(node) is Literal


class Base64(Operator):
    name = "base64"
    verified_safe = True

    def run(self, ctx: Any, call: Call) -> str:
        if len(call.args) != 1:
            raise OpError(
                "base64 operator requires exactly one string or reference argument, "
                f"got {len(call.args)} arguments"
            )
        value, literal = value_and_literal(ctx, call.args[0])
        if value is None:
            raise OpError("base64 operator argument resolved to nil")
        if type(value) is not str:
            raise OpError(f"base64 operator requires a string value, got {go_type(value, literal)}")
        data = go_bytes(value)
        check_bytes((len(data) + 2) // 3 * 4, "base64")
        return base64.b64encode(data).decode("ascii")


class Base64Decode(Operator):
    name = "base64-decode"
    verified_safe = True

    def run(self, ctx: Any, call: Call) -> str:
        if len(call.args) != 1:
            raise OpError(
                "base64-decode operator requires exactly one string or reference argument"
            )
        value = ctx.value(call.args[0])
        if value is None:
            raise OpError("base64-decode operator argument resolved to nil")
        if type(value) is not str:
            raise OpError(f"tried to base64 decode {go_str(value)}, which is not a string")
        try:
            decoded = decode(go_bytes(value))
        except CorruptInput as error:
            raise OpError(
                f"base64 decoding failed: illegal base64 data at input byte {error.offset}"
            ) from None
        return go_string(decoded)


register(Base64())
register(Base64Decode())
