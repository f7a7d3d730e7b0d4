"""What a scalar looks like in graft's output: whether a string must be
double-quoted to read back as a string (go-yaml v2's resolver), and the text
of numbers, booleans and null (docs/output-format.md, "Writing"; D4)."""

from __future__ import annotations

import math
import re

from graft import gofmt
from graft.errors import GraftError
from graft.lazyre import lazy

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

_INT64_MIN = -(1 << 63)
_UINT64_MAX = (1 << 64) - 1

# go-yaml v2's resolve table: words that read back as bools, nulls or floats.
QUOTED_WORDS = frozenset(
    "y Y yes Yes YES n N no No NO true True TRUE false False FALSE "
    "on On ON off Off OFF ~ null Null NULL "
    ".nan .NaN .NAN .inf .Inf .INF +.inf +.Inf +.INF -.inf -.Inf -.INF".split()
)
_GO_INT = lazy(r"[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)\Z")
_GO_DEC_FLOAT = lazy(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")
_GO_HEX_FLOAT = lazy(r"[-+]?0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][-+]?[0-9]+\Z")
_GO_SPECIAL_FLOAT = lazy(r"[-+]?(?:inf|infinity)\Z", re.IGNORECASE)
_DOT_FLOAT = lazy(r"\.[0-9]+(?:[eE][-+]?[0-9]+)?\Z")
_BASE60 = lazy(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?\Z")


def _go_int(text: str) -> bool:
    if not _GO_INT.match(text):
        return False
    body = text.lstrip("+-")
    if len(body) > 1 and body[0] == "0" and body[1] in "01234567":
        value = int(body, 8)
    else:
        value = int(body, 0)
    if text[0] == "-":
        value = -value
    if text[0] in "+-":
        return _INT64_MIN <= value < (1 << 63)
    return value <= _UINT64_MAX


def _go_float(text: str) -> bool:
    if _GO_DEC_FLOAT.match(text):
        return not math.isinf(float(text))
    if _GO_HEX_FLOAT.match(text):
        return not math.isinf(float.fromhex(text))
    return bool(_GO_SPECIAL_FLOAT.match(text))


def needs_quotes(text: str) -> bool:
    """Whether go-yaml would double-quote ``text`` so that it reads back as a string."""
    if not text:
        return True
    if text in QUOTED_WORDS:
        return True
    first = text[0]
    if first in "0123456789+-":
        plain = text.replace("_", "")
        if plain and (_go_int(plain) or _go_float(plain)):
            return True
        return ":" in text and bool(_BASE60.match(text))
    if first == ".":
        return bool(_DOT_FLOAT.match(text))
    return False


def format_float(value: float) -> str:
    """A float as graft prints it: Go's %g layout, at most 15 significant digits (D4)."""
    if value != value:
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    return gofmt.format_float(value, significant=15)


def scalar_text(value: Any) -> str:
    """The plain text of a non-string scalar."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_float(value)
    raise GraftError(f"cannot write a value of type {type(value).__name__}")
