"""``(( base64 X ))`` and ``(( base64-decode X ))`` (SPEC §6.2, §6.3).

Decoding follows Go's ``base64.StdEncoding`` exactly, so the byte offset in
``illegal base64 data at input byte N`` is the one graft reports: padding is
required, line breaks are skipped, bits left over in the last quantum are
ignored.
"""

from __future__ import annotations

import base64

from graft.expr.ast import Alternatives, Call, Literal, Node
from graft.gofmt import go_str
from graft.operators import register
from graft.operators.base import Operator, OpError
from graft.values import go_type

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_DECODE = {ord(ch): i for i, ch in enumerate(_ALPHABET)}
_PAD, _CR, _LF = ord("="), ord("\r"), ord("\n")


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


class CorruptInput(Exception):
    """Go's ``base64.CorruptInputError``: the offset of the first bad byte."""

    def __init__(self, offset: int) -> None:
        super().__init__(offset)
        self.offset = offset


def _skip_breaks(src: bytes, si: int) -> int:
    while si < len(src) and src[si] in (_CR, _LF):
        si += 1
    return si


def _padding(src: bytes, si: int, j: int) -> int:
    """After a ``=`` met at quantum position ``j`` (``si`` just past it): check the
    rest of the padding and that nothing follows; the new position."""
    if j < 2:
        raise CorruptInput(si - 1)
    if j == 2:  # "==" expected: the second "=" must follow (line breaks aside)
        si = _skip_breaks(src, si)
        if si == len(src):
            raise CorruptInput(len(src))
        if src[si] != _PAD:
            raise CorruptInput(si - 1)
        si += 1
    si = _skip_breaks(src, si)
    if si < len(src):
        raise CorruptInput(si)  # trailing garbage
    return si


def _quantum(src: bytes, si: int) -> tuple[int, list[int], bool]:
    """One group of up to four symbols from ``si``: (next position, the 6-bit values,
    whether input ended)."""
    symbols: list[int] = []
    while len(symbols) < 4:
        if si == len(src):
            if not symbols:
                return si, symbols, True
            raise CorruptInput(si - len(symbols))  # padding is required
        byte = src[si]
        si += 1
        if byte in _DECODE:
            symbols.append(_DECODE[byte])
        elif byte in (_CR, _LF):
            continue
        elif byte != _PAD:
            raise CorruptInput(si - 1)
        else:
            return _padding(src, si, len(symbols)), symbols, True
    return si, symbols, False


def go_b64decode(src: bytes) -> bytes:
    """Go's ``StdEncoding.DecodeString``; ``CorruptInput`` on bad input."""
    out = bytearray()
    si = 0
    done = False
    while not done:
        si, symbols, done = _quantum(src, si)
        if not symbols:
            break
        value = 0
        for symbol in symbols + [0] * (4 - len(symbols)):
            value = value << 6 | symbol
        out += value.to_bytes(3, "big")[: len(symbols) - 1]
    return bytes(out)


class Base64(Operator):
    name = "base64"

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
        return base64.b64encode(value.encode("utf-8", "surrogatepass")).decode("ascii")


class Base64Decode(Operator):
    name = "base64-decode"

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
            decoded = go_b64decode(value.encode("utf-8", "surrogatepass"))
        except CorruptInput as error:
            raise OpError(
                f"base64 decoding failed: illegal base64 data at input byte {error.offset}"
            ) from None
        # Bytes that are not UTF-8 would need the writer's !!binary form (graft prints
        # `!!binary ...`); the writer has none, so they become U+FFFD here.
        return decoded.decode("utf-8", "surrogateescape")


register(Base64())
register(Base64Decode())
