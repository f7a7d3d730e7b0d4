"""Text to tokens, the way govaluate's lexer reads them."""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from graft.calc.dates import parse_time
from graft.calc.errors import CalcError
from graft.calc.functions import Function
from graft.gofmt import go_str

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

# --- token kinds and the lexer's state table --------------------------------------------

UNKNOWN, PREFIX, NUMERIC, BOOLEAN, STRING, PATTERN, TIME = (
    "UNKNOWN",
    "PREFIX",
    "NUMERIC",
    "BOOLEAN",
    "STRING",
    "PATTERN",
    "TIME",
)
VARIABLE, FUNCTION, SEPARATOR, ACCESSOR, COMPARATOR = (
    "VARIABLE",
    "FUNCTION",
    "SEPARATOR",
    "ACCESSOR",
    "COMPARATOR",
)
LOGICALOP, MODIFIER, CLAUSE, CLAUSE_CLOSE, TERNARY = (
    "LOGICALOP",
    "MODIFIER",
    "CLAUSE",
    "CLAUSE_CLOSE",
    "TERNARY",
)

_AFTER_VALUE = {MODIFIER, COMPARATOR, LOGICALOP, CLAUSE_CLOSE, TERNARY, SEPARATOR}
_OPERAND = {PREFIX, NUMERIC, BOOLEAN, VARIABLE, FUNCTION, ACCESSOR, STRING, TIME, CLAUSE}
# Which kind of token may follow which (govaluate's lexer states).
_NEXT: dict[str, set[str]] = {
    UNKNOWN: _OPERAND | {PATTERN},
    CLAUSE: _OPERAND | {PATTERN, CLAUSE_CLOSE},
    CLAUSE_CLOSE: {COMPARATOR, MODIFIER, NUMERIC, BOOLEAN, VARIABLE, STRING, PATTERN, TIME}
    | {CLAUSE, CLAUSE_CLOSE, LOGICALOP, TERNARY, SEPARATOR},
    NUMERIC: _AFTER_VALUE,
    BOOLEAN: _AFTER_VALUE,
    STRING: _AFTER_VALUE,
    VARIABLE: _AFTER_VALUE,
    TIME: _AFTER_VALUE - {TERNARY},
    PATTERN: _AFTER_VALUE - {TERNARY},
    MODIFIER: (_OPERAND - {TIME}) | {CLAUSE_CLOSE},
    COMPARATOR: _OPERAND | {CLAUSE_CLOSE, PATTERN},
    LOGICALOP: _OPERAND | {CLAUSE_CLOSE},
    PREFIX: {NUMERIC, BOOLEAN, VARIABLE, FUNCTION, ACCESSOR, CLAUSE, CLAUSE_CLOSE},
    TERNARY: _OPERAND | {SEPARATOR},
    FUNCTION: {CLAUSE},
    ACCESSOR: _AFTER_VALUE | {CLAUSE},
    SEPARATOR: _OPERAND,
}
_MAY_END = {CLAUSE_CLOSE, NUMERIC, BOOLEAN, STRING, TIME, PATTERN, VARIABLE, ACCESSOR}

_PREFIXES = {"-", "!", "~"}
_MODIFIERS = {"+", "-", "*", "/", "%", "**", "&", "|", "^", ">>", "<<"}
_LOGICALS = {"&&", "||"}
_COMPARATORS = {"==", "!=", ">", ">=", "<", "<=", "=~", "!~", "in"}
_TERNARIES = {"?", ":", "??"}


class Token:
    __slots__ = ("kind", "value")

    def __init__(self, kind: str, value: Any) -> None:
        self.kind = kind
        self.value = value

    def shown(self) -> str:
        """The token's value as govaluate's messages print it (``%v``)."""
        if self.kind == CLAUSE:
            return "40"  # the rune '('
        if self.kind == CLAUSE_CLOSE:
            return "41"
        if self.kind == FUNCTION:
            return self.value.name
        if self.kind == TIME:
            return self.value[1]
        if self.kind == PATTERN:
            return self.value.pattern
        return go_str(self.value)


# --- reading tokens -------------------------------------------------------------------------


def _read_until(
    text: str, pos: int, keep: Callable[[str], bool], spaces: bool, break_on_space: bool
) -> tuple[str, int, bool]:
    """govaluate's readUntilFalse: the run of characters from ``pos`` that ``keep``
    accepts (a backslash takes the next character as it is), the position after
    it, and whether the run ended before the text did."""
    out: list[str] = []
    while pos < len(text):
        char = text[pos]
        pos += 1
        if char == "\\":
            if pos < len(text):
                out.append(text[pos])
                pos += 1
            continue
        if char.isspace():
            if break_on_space and out:
                return "".join(out), pos, True
            if not spaces:
                continue
        if keep(char):
            out.append(char)
        else:
            return "".join(out), pos - 1, True
    return "".join(out), pos, False


def _is_digit(char: str) -> bool:
    return char.isdecimal()


def _is_numeric(char: str) -> bool:
    return _is_digit(char) or char == "."


def _is_name(char: str) -> bool:
    return char.isalpha() or _is_digit(char) or char in "_."


def _is_symbol(char: str) -> bool:
    return not (char.isalpha() or _is_digit(char) or char in "()[]'\"")


def _is_hex(char: str) -> bool:
    return _is_digit(char) or char.lower() in "abcdef"


_DECIMAL = re.compile(r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)\Z")
_HEX = re.compile(r"[0-9a-fA-F]+\Z")


class Lexer:
    """The tokens of an expression, read the way govaluate reads them."""

    def __init__(self, text: str, functions: dict[str, Function]) -> None:
        self.text = text
        self.functions = functions
        self.pos = 0

    def tokens(self) -> list[Token]:
        found: list[Token] = []
        state = UNKNOWN
        while self.pos < len(self.text):
            token = self.next_token(state)
            if token is None:
                break
            state = token.kind
            found.append(token)
        return found

    def next_token(self, state: str) -> Token | None:
        text = self.text
        while self.pos < len(text) and text[self.pos].isspace():
            self.pos += 1
        if self.pos >= len(text):
            return None
        char = text[self.pos]
        if _is_numeric(char):
            return self.number()
        if char == ",":
            self.pos += 1
            return Token(SEPARATOR, ",")
        if char == "[":
            return self.bracketed()
        if char.isalpha():
            return self.word()
        if char in "'\"":
            return self.quoted()
        if char in "()":
            self.pos += 1
            return Token(CLAUSE if char == "(" else CLAUSE_CLOSE, char)
        return self.symbol(state)

    def number(self) -> Token:
        text, start = self.text, self.pos
        if text.startswith("0x", start) and start + 2 < len(text):
            digits, self.pos, _ = _read_until(text, start + 2, _is_hex, False, True)
            if not _HEX.match(digits) or int(digits, 16) >= 1 << 64:
                raise CalcError(f"Unable to parse hex value '{digits}' to uint64")
            return Token(NUMERIC, float(int(digits, 16)))
        digits, self.pos, _ = _read_until(text, start, _is_numeric, False, True)
        if not _DECIMAL.match(digits) or math.isinf(float(digits)):
            raise CalcError(f"Unable to parse numeric value '{digits}' to float64")
        return Token(NUMERIC, float(digits))

    def bracketed(self) -> Token:
        name, pos, closed = _read_until(self.text, self.pos + 1, lambda c: c != "]", True, False)
        if not closed:
            raise CalcError("Unclosed parameter bracket")
        self.pos = pos + 1
        return Token(VARIABLE, name)

    def word(self) -> Token:
        word, self.pos, _ = _read_until(self.text, self.pos, _is_name, False, True)
        if word in ("true", "false"):
            token = Token(BOOLEAN, word == "true")
        elif word in ("in", "IN"):
            token = Token(COMPARATOR, "in")
        else:
            token = Token(VARIABLE, word)
        if word in self.functions:
            token = Token(FUNCTION, self.functions[word])
        if "." in word:
            token = _accessor(word)
        return token

    def quoted(self) -> Token:
        body, pos, closed = _read_until(
            self.text, self.pos + 1, lambda c: c not in "'\"", True, False
        )
        if not closed:
            raise CalcError("Unclosed string literal")
        self.pos = pos + 1
        seconds = parse_time(body)
        if seconds is not None:
            return Token(TIME, (seconds, body))
        return Token(STRING, body)

    def symbol(self, state: str) -> Token:
        text, self.pos, _ = _read_until(self.text, self.pos, _is_symbol, False, True)
        if text in _PREFIXES and PREFIX in _NEXT[state]:
            return Token(PREFIX, text)
        for kind, symbols in (
            (MODIFIER, _MODIFIERS),
            (LOGICALOP, _LOGICALS),
            (COMPARATOR, _COMPARATORS),
            (TERNARY, _TERNARIES),
        ):
            if text in symbols:
                return Token(kind, text)
        raise CalcError(f"Invalid token: '{text}'")


def _accessor(word: str) -> Token:
    if word.endswith("."):
        raise CalcError(f"Hanging accessor on token '{word}'")
    parts = word.split(".")
    for part in parts[1:]:
        if part and part[0].upper() != part[0]:
            raise CalcError(f"Unable to access unexported field '{part}' in token '{word}'")
    return Token(ACCESSOR, parts)
