"""``(( split SEPARATOR VALUE ))``: VALUE's text split into a list (docs/operators.md#split).

An empty separator gives the characters, in a list as long as the text's UTF-8
byte length (each character at its byte offset, ``null`` after multi-byte
ones: graft's quirk). A separator starting with ``/`` is a regular expression;
there, empty pieces between adjacent matches are dropped.
"""

from __future__ import annotations

import re

from graft.expr.ast import Call, Literal
from graft.gofmt import go_str
from graft.operators import register
from graft.operators.base import Operator, OpError

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

# Python's texts for the regexp2 (.NET-style) errors graft prints.
_REGEX_ERRORS = (
    ("unterminated character set", "unterminated [] set"),
    ("missing ), unterminated subpattern", "missing closing )"),
    ("unbalanced parenthesis", "unexpected )"),
    ("nothing to repeat", "missing argument to repetition operator"),
    ("multiple repeat", "invalid nested repetition operator"),
    ("bad escape (end of pattern)", "illegal \\ at end of pattern"),
)


def characters(text: str) -> list[str | None]:
    """Each character at its UTF-8 byte offset; the other offsets hold null."""
    result: list[str | None] = [None] * len(text.encode("utf-8", "surrogatepass"))
    offset = 0
    for char in text:
        result[offset] = char
        offset += len(char.encode("utf-8", "surrogatepass"))
    return result


def compile_pattern(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as error:
        message = next((go for py, go in _REGEX_ERRORS if error.msg.startswith(py)), error.msg)
        raise OpError(
            f"invalid PCRE regex pattern {pattern}: error parsing regexp: {message} in `{pattern}`"
        ) from None


def matches(regex: re.Pattern[str], text: str):
    """The matches one after another, moving one character past an empty match
    (as regexp2's FindNextMatch does)."""
    start = 0
    while start <= len(text):
        match = regex.search(text, start)
        if match is None:
            return
        yield match
        if match.end() > match.start():
            start = match.end()
        elif match.end() == len(text):
            return
        else:
            start = match.end() + 1


def regex_split(regex: re.Pattern[str], text: str) -> list[str]:
    """graft's split at matches: no empty piece between adjacent matches (except
    at the very start), one character kept per repeated empty match."""
    parts: list[str] = []
    last = 0
    for match in matches(regex, text):
        start, end = match.span()
        if start > last:
            parts.append(text[last:start])
        elif start == last == 0:
            parts.append("")
        if start == end == last and last != 0:
            if last < len(text):
                parts.append(text[last : last + 1])
                last += 1
        else:
            last = end
    parts.append(text[last:])
    return parts


class Split(Operator):
    name = "split"

    def run(self, ctx: Any, call: Call) -> list[Any]:
        count = len(call.args)
        if count == 0:
            raise OpError("no arguments specified to (( split ... ))")
        if count < 2:
            raise OpError("too few arguments supplied to (( split ... ))")
        if count > 2:
            raise OpError("too many arguments supplied to (( split ... ))")
        if type(call.args[0]) is not Literal:
            raise OpError("split operator only accepts literal argument for the separator")
        separator = go_str(call.args[0].value)
        value = ctx.value(call.args[1])
        if value is None:
            raise OpError("cannot split nil value in (( split ... ))")
        text = go_str(value)
        if separator == "":
            return characters(text)
        if separator.startswith("/"):
            return regex_split(compile_pattern(separator[1:]), text)
        return text.split(separator)


register(Split())
