"""The arithmetic engine behind ``(( calc ... ))`` (SPEC §5.11).

graft hands the expression text to govaluate, a Go library; this module is a
small re-implementation of the part of its language graft can reach. Text
becomes tokens (govaluate's lexer, including its table of which token may
follow which), tokens become a tree (one left-associative level per
precedence, a prefix operator binding to the primary right after it), and
the tree becomes a value. Numbers are floats; ``+`` also joins strings; a
division by zero gives an infinity; errors carry govaluate's texts.

Not an operator module: it registers nothing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from graft.gofmt import go_str


class CalcError(Exception):
    """The expression cannot be read or evaluated; ``message`` is govaluate's text."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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


def _check_syntax(tokens: list[Token]) -> None:
    """Parentheses balance, every token may follow the one before, the last may end."""
    if sum(1 if t.kind == CLAUSE else -1 if t.kind == CLAUSE_CLOSE else 0 for t in tokens):
        raise CalcError("Unbalanced parenthesis")
    state, last = UNKNOWN, None
    for token in tokens:
        if token.kind not in _NEXT[state]:
            if last is not None and last.kind == VARIABLE and token.kind == CLAUSE:
                raise CalcError(f"Undefined function {last.value}")
            before = last.shown() if last is not None else "<nil>"
            raise CalcError(
                f"Cannot transition token types from {state} [{before}] "
                f"to {token.kind} [{token.shown()}]"
            )
        state, last = token.kind, token
    if state not in _MAY_END:
        raise CalcError("Unexpected end of expression")


def _compile_patterns(tokens: list[Token]) -> None:
    """A quoted string right after ``=~`` or ``!~`` is compiled once, up front."""
    for i, token in enumerate(tokens[:-1]):
        following = tokens[i + 1]
        if token.kind == COMPARATOR and token.value in ("=~", "!~") and following.kind == STRING:
            tokens[i + 1] = Token(PATTERN, _regexp(following.value))


def _regexp(pattern: str) -> re.Pattern:
    try:
        return re.compile(pattern)
    except re.error as error:
        raise CalcError(f"error parsing regexp: {error}") from None


# --- the tree -------------------------------------------------------------------------------


class Node:
    __slots__ = ("kind", "left", "right", "value")

    def __init__(self, kind: str, value: Any = None, left: Any = None, right: Any = None) -> None:
        self.kind = kind  # "literal", "variable", "group", "call", "access", "prefix", "binary"
        self.value = value
        self.left = left
        self.right = right


# Binary precedence levels, loosest first: (token kind, symbols).
_LEVELS: tuple[tuple[str, frozenset[str]], ...] = (
    (SEPARATOR, frozenset({","})),
    (TERNARY, frozenset(_TERNARIES)),
    (LOGICALOP, frozenset({"||"})),
    (LOGICALOP, frozenset({"&&"})),
    (COMPARATOR, frozenset(_COMPARATORS)),
    (MODIFIER, frozenset({"&", "|", "^"})),
    (MODIFIER, frozenset({"<<", ">>"})),
    (MODIFIER, frozenset({"+", "-"})),
    (MODIFIER, frozenset({"*", "/", "%"})),
    (MODIFIER, frozenset({"**"})),
)


class Parser:
    """Tokens to a tree. Every level is left-associative (govaluate plans right
    to left and then mirrors runs of equal precedence, which comes to the same).
    Tokens left over after a complete expression are ignored, as in govaluate."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def expression(self, level: int = 0) -> Node | None:
        if level == len(_LEVELS):
            return self.function()
        kind, symbols = _LEVELS[level]
        left = self.expression(level + 1)
        while True:
            token = self.peek()
            if token is None or token.kind != kind or token.value not in symbols:
                return left
            self.take()
            left = Node("binary", token.value, left, self.expression(level + 1))

    def function(self) -> Node | None:
        token = self.peek()
        if token is not None and token.kind == FUNCTION:
            self.take()
            return Node("call", token.value, right=self.accessor())
        return self.accessor()

    def accessor(self) -> Node | None:
        token = self.peek()
        if token is None or token.kind != ACCESSOR:
            return self.primary()
        self.take()
        following = self.peek()
        arguments = (
            self.expression() if following is not None and following.kind == CLAUSE else None
        )
        return Node("access", token.value, right=arguments)

    def primary(self) -> Node | None:
        token = self.peek()
        if token is None or token.kind == CLAUSE_CLOSE:
            return None  # an empty argument list, or an operand missing before ")"
        self.take()
        if token.kind == CLAUSE:
            inner = self.expression()
            if self.peek() is not None:
                self.take()  # the ")" (govaluate skips whatever token comes next)
            return Node("group", right=inner)
        if token.kind == VARIABLE:
            return Node("variable", token.value)
        if token.kind in (NUMERIC, STRING, PATTERN, BOOLEAN):
            return Node("literal", token.value)
        if token.kind == TIME:
            return Node("literal", float(token.value[0]))
        if token.kind == PREFIX:
            return Node("prefix", token.value, right=self.function())
        raise CalcError(f"Unable to plan token kind: '{token.kind}', value: '{token.shown()}'")


# --- values ---------------------------------------------------------------------------------

_HOLD = object()  # a branch that short-circuiting left unevaluated

_MODIFIER_ERROR = "Value '{}' cannot be used with the modifier '{}', it is not a number"
_COMPARATOR_ERROR = "Value '{}' cannot be used with the comparator '{}', it is not a number"
_LOGICAL_ERROR = "Value '{}' cannot be used with the logical operator '{}', it is not a bool"
_TERNARY_ERROR = "Value '{}' cannot be used with the ternary operator '{}', it is not a bool"
_PREFIX_ERROR = "Value '{}' cannot be used with the prefix '{}'"


def _shown(value: Any) -> str:
    """Go's ``%v`` of an engine value."""
    if type(value) is re.Pattern:
        return value.pattern
    return go_str(value)


def _fail(template: str, value: Any, symbol: str) -> CalcError:
    return CalcError(template.format(_shown(value), "=" if symbol == "==" else symbol))


def _is_float(value: Any) -> bool:
    return type(value) is float


def _is_bool(value: Any) -> bool:
    return type(value) is bool


def _is_str(value: Any) -> bool:
    return type(value) is str


def same(a: Any, b: Any) -> bool:
    """Go's reflect.DeepEqual of two engine values (no mixing of types; NaN unequal)."""
    if type(a) is not type(b):
        return False
    if type(a) is list:
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def evaluate(node: Node | None) -> Any:
    """The value of a tree (``None`` for a missing operand, like Go's nil)."""
    if node is None:
        return None
    kind = node.kind
    if kind == "literal":
        return node.value
    if kind == "group":
        return evaluate(node.right)
    if kind == "binary":
        return _binary(node)
    if kind == "prefix":
        return _prefix(node.value, evaluate(node.right))
    if kind == "call":
        return _call(node.value, evaluate(node.right))
    if kind == "access":
        evaluate(node.right)
        raise CalcError(f"No parameter '{node.value[0]}' found.")
    raise CalcError(f"No parameter '{node.value}' found.")


def _call(function: Function, arguments: Any) -> Any:
    if arguments is None:
        return function()
    if type(arguments) is list:
        return function(*arguments)
    return function(arguments)


def _prefix(symbol: str, value: Any) -> Any:
    if symbol == "!":
        if not _is_bool(value):
            raise _fail(_PREFIX_ERROR, value, symbol)
        return not value
    if not _is_float(value):
        raise _fail(_PREFIX_ERROR, value, symbol)
    if symbol == "-":
        return -value
    return float(~_to_int64(value))


def _binary(node: Node) -> Any:
    symbol = node.value
    left = evaluate(node.left)
    if symbol == "&&" and left is False:
        return False
    if symbol == "||" and left is True:
        return True
    if symbol == "??" and left is not None:
        return left
    held = (symbol == "?" and left is False) or (symbol == ":" and left is not None)
    right = _HOLD if held else evaluate(node.right)
    _check_types(symbol, left, right)
    return _apply(symbol, left, right)


def _check_types(symbol: str, left: Any, right: Any) -> None:
    """govaluate's type checks: the left operand first, then the right."""
    if symbol == "+":
        if not (_is_float(left) and _is_float(right)) and not (_is_str(left) or _is_str(right)):
            raise _fail(_MODIFIER_ERROR, left, symbol)
    elif symbol in _MODIFIERS:
        for value in (left, right):
            if not _is_float(value):
                raise _fail(_MODIFIER_ERROR, value, symbol)
    elif symbol in (">", ">=", "<", "<="):
        if not (_is_float(left) and _is_float(right)) and not (_is_str(left) and _is_str(right)):
            raise _fail(_COMPARATOR_ERROR, left, symbol)
    elif symbol in ("=~", "!~"):
        if not _is_str(left):
            raise _fail(_COMPARATOR_ERROR, left, symbol)
        if not (_is_str(right) or type(right) is re.Pattern):
            raise _fail(_COMPARATOR_ERROR, right, symbol)
    elif symbol == "in":
        if type(right) is not list:
            raise _fail(_COMPARATOR_ERROR, right, symbol)
    elif symbol in _LOGICALS:
        for value in (left, right):
            if not _is_bool(value):
                raise _fail(_LOGICAL_ERROR, value, symbol)
    elif symbol == "?" and not _is_bool(left):
        raise _fail(_TERNARY_ERROR, left, symbol)


def _apply(symbol: str, left: Any, right: Any) -> Any:
    if symbol in _ARITHMETIC:
        if symbol == "+" and (_is_str(left) or _is_str(right)):
            return _shown(left) + _shown(right)
        return _ARITHMETIC[symbol](left, right)
    if symbol in (">", ">=", "<", "<="):
        return _ORDER[symbol](left, right)
    if symbol == "==":
        return same(left, right)
    if symbol == "!=":
        return not same(left, right)
    if symbol in ("=~", "!~"):
        pattern = right if type(right) is re.Pattern else _pattern(right)
        return (pattern.search(left) is not None) == (symbol == "=~")
    if symbol == "in":
        return any(type(left) is type(item) and left == item for item in right)
    if symbol in _LOGICALS:
        return (left and right) if symbol == "&&" else (left or right)
    if symbol == "?":
        return right if left else None
    if symbol in (":", "??"):
        return left if left is not None else right
    return (left if type(left) is list else [left]) + [right]  # ","


def _pattern(text: str) -> re.Pattern:
    try:
        return re.compile(text)
    except re.error as error:
        raise CalcError(
            f"Unable to compile regexp pattern '{text}': error parsing regexp: {error}"
        ) from None


# --- Go float arithmetic ----------------------------------------------------------------------

_INT64_MIN = -(1 << 63)
_UINT64 = (1 << 64) - 1


def _to_int64(value: float) -> int:
    """Go's int64(f) on amd64: truncation; NaN and out-of-range give the minimum."""
    if value != value or not -(2.0**63) <= value < 2.0**63:
        return _INT64_MIN
    return int(value)


def _to_uint64(value: float) -> int:
    if value == value and 2.0**63 <= value < 2.0**64:
        return int(value)
    return _to_int64(value) & _UINT64


def divide(a: float, b: float) -> float:
    """IEEE division: a zero divisor gives ±Inf (NaN for 0/0)."""
    if b != 0:
        return a / b
    if a == 0 or a != a:
        return math.nan
    negative = (a < 0) != (math.copysign(1.0, b) < 0)
    return -math.inf if negative else math.inf


def go_mod(a: float, b: float) -> float:
    """Go's math.Mod: the sign of ``a``; NaN for a zero divisor or an infinite ``a``."""
    try:
        return math.fmod(a, b)
    except ValueError:
        return math.nan


def go_pow(a: float, b: float) -> float:
    """Go's math.Pow: NaN where the result is not real, ±Inf on overflow or 0 ** -y."""
    try:
        return math.pow(a, b)
    except OverflowError:
        odd = b == int(b) and int(b) % 2 == 1
        return -math.inf if a < 0 and odd else math.inf
    except ValueError:
        if a == 0:
            odd = b == int(b) and int(b) % 2 == 1
            return math.copysign(math.inf, a) if odd else math.inf
        return math.nan


def _shift(a: float, b: float, left: bool) -> float:
    value, count = _to_uint64(a), _to_uint64(b)
    if count >= 64:
        return 0.0
    return float((value << count if left else value >> count) & _UINT64)


_ARITHMETIC: dict[str, Callable[[Any, Any], Any]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": divide,
    "%": go_mod,
    "**": go_pow,
    "&": lambda a, b: float(_to_int64(a) & _to_int64(b)),
    "|": lambda a, b: float(_to_int64(a) | _to_int64(b)),
    "^": lambda a, b: float(_to_int64(a) ^ _to_int64(b)),
    "<<": lambda a, b: _shift(a, b, True),
    ">>": lambda a, b: _shift(a, b, False),
}
_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
}


# --- functions --------------------------------------------------------------------------------


class Function:
    """A function callable in an expression; it checks its own arguments."""

    def __init__(self, name: str, arity: int, body: Callable[..., float]) -> None:
        self.name = name
        self.arity = arity
        self.body = body

    def __call__(self, *arguments: Any) -> float:
        if len(arguments) != self.arity or not all(_is_float(a) for a in arguments):
            count = "two arguments" if self.arity == 2 else "one argument"
            raise CalcError(f"{self.name} function expects {count} of type float64")
        return self.body(*arguments)


def go_min(a: float, b: float) -> float:
    if -math.inf in (a, b):
        return -math.inf
    if a != a or b != b:
        return math.nan
    if a == 0 and b == 0:
        return a if math.copysign(1.0, a) < 0 else b
    return min(a, b)


def go_max(a: float, b: float) -> float:
    if math.inf in (a, b):
        return math.inf
    if a != a or b != b:
        return math.nan
    if a == 0 and b == 0:
        return a if math.copysign(1.0, a) > 0 else b
    return max(a, b)


def _sqrt(a: float) -> float:
    return math.sqrt(a) if a >= 0 or a != a else math.nan


def _rounded(how: Callable[[float], int]) -> Callable[[float], float]:
    return lambda a: float(how(a)) if math.isfinite(a) else a


FUNCTIONS: dict[str, Function] = {
    f.name: f
    for f in (
        Function("min", 2, go_min),
        Function("max", 2, go_max),
        Function("mod", 2, go_mod),
        Function("pow", 2, go_pow),
        Function("sqrt", 1, _sqrt),
        Function("floor", 1, _rounded(math.floor)),
        Function("ceil", 1, _rounded(math.ceil)),
    )
}


# --- the whole --------------------------------------------------------------------------------


class Expression:
    """A parsed expression: its named variables and its tree."""

    def __init__(self, text: str, functions: dict[str, Function] | None = None) -> None:
        tokens = Lexer(text, FUNCTIONS if functions is None else functions).tokens()
        _check_syntax(tokens)
        _compile_patterns(tokens)
        self.variables = [t.value for t in tokens if t.kind == VARIABLE]
        self.tree = Parser(tokens).expression()

    def evaluate(self) -> Any:
        return evaluate(self.tree)


# --- times in quoted strings ------------------------------------------------------------------
# govaluate reads a quoted string that parses as a time in one of these Go layouts
# as that time's Unix seconds.

_LAYOUTS = (
    "Mon Jan _2 15:04:05 2006",
    "Mon Jan _2 15:04:05 MST 2006",
    "Mon Jan 02 15:04:05 -0700 2006",
    "3:04PM",
    "2006-01-02T15:04:05Z07:00",
    "2006-01-02T15:04:05.999999999Z07:00",
    "2006-01-02",
    "2006-01-02 15:04",
    "2006-01-02 15:04:05",
    "2006-01-02 15:04:05-07:00",
    "2006-01-02T15Z0700",
    "2006-01-02T15:04Z0700",
    "2006-01-02T15:04:05Z0700",
    "2006-01-02T15:04:05.999999999Z0700",
)
_ELEMENTS = re.compile(
    r"Mon|Jan|MST|PM|2006|Z07:00|Z0700|-07:00|-0700|\.999999999|_2|01|02|15|04|05|3"
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
_FIXED = {"2006": 4, "01": 2, "02": 2, "04": 2, "05": 2}
_FIELD = {"2006": "year", "01": "month", "02": "day", "_2": "day", "15": "hour", "3": "hour"}
_FIELD.update({"04": "minute", "05": "second"})
_LIMITS = {"month": (1, 12), "hour": (0, 23), "minute": (0, 59), "second": (0, 59)}


def parse_time(text: str) -> int | None:
    """Unix seconds of ``text`` in the first layout that reads all of it, or None."""
    for layout in _LAYOUTS:
        fields = _match_layout(layout, text)
        if fields is not None:
            seconds = _unix(fields)
            if seconds is not None:
                return seconds
    return None


def _match_layout(layout: str, text: str) -> dict[str, Any] | None:
    fields: dict[str, Any] = {"year": 0, "month": 1, "day": 1, "hour": 0, "minute": 0}
    fields.update(second=0, offset=None, pm=None)
    pos = 0
    for literal, element in _layout_parts(layout):
        pos = _skip_literal(literal, text, pos)
        if pos is None:
            return None
        if element:
            pos = _read_element(element, text, pos, fields)
            if pos is None:
                return None
        if element == "05":
            pos = _fraction(text, pos)  # a fraction may follow the seconds
    return fields if pos == len(text) else None


def _layout_parts(layout: str) -> list[tuple[str, str]]:
    parts, pos = [], 0
    for match in _ELEMENTS.finditer(layout):
        parts.append((layout[pos : match.start()], match.group()))
        pos = match.end()
    parts.append((layout[pos:], ""))
    return parts


def _skip_literal(literal: str, text: str, pos: int) -> int | None:
    for char in literal:
        if pos >= len(text) or text[pos] != char:
            return None
        pos += 1
        if char == " ":
            while pos < len(text) and text[pos] == " ":
                pos += 1
    return pos


def _read_element(element: str, text: str, pos: int, fields: dict[str, Any]) -> int | None:
    if element in _FIELD:
        return _read_number(element, text, pos, fields)
    if element in ("Mon", "Jan"):
        names = _DAYS if element == "Mon" else _MONTHS
        word = text[pos : pos + 3].lower()
        if word not in names:
            return None
        if element == "Jan":
            fields["month"] = names.index(word) + 1
        return pos + 3
    if element == "PM":
        if text[pos : pos + 2] not in ("AM", "PM"):
            return None
        fields["pm"] = text[pos : pos + 2] == "PM"
        return pos + 2
    if element == "MST":
        zone = re.match(r"[A-Z]{3,5}", text[pos:])
        if zone is None:
            return None
        fields["offset"] = 0
        return pos + zone.end()
    if element == ".999999999":
        return _fraction(text, pos)
    return _read_zone(element, text, pos, fields)


def _read_number(element: str, text: str, pos: int, fields: dict[str, Any]) -> int | None:
    if element == "_2" and text[pos : pos + 1] == " ":
        pos += 1
    width = _FIXED.get(element)
    digits = re.match(f"[0-9]{{{width}}}" if width else "[0-9]{1,2}", text[pos:])
    if digits is None:
        return None
    field, value = _FIELD[element], int(digits.group())
    low, high = _LIMITS.get(field, (0, 9999))
    if element == "3":
        high = 12
    if not low <= value <= high:
        return None
    fields[field] = value
    return pos + digits.end()


def _fraction(text: str, pos: int) -> int:
    fraction = re.match(r"[.,][0-9]+", text[pos:])
    return pos + fraction.end() if fraction else pos


def _read_zone(element: str, text: str, pos: int, fields: dict[str, Any]) -> int | None:
    if element.startswith("Z") and text[pos : pos + 1] == "Z":
        fields["offset"] = 0
        return pos + 1
    colon = ":" if ":" in element else ""
    zone = re.match(r"([+-])([0-9]{2})" + colon + r"([0-9]{2})", text[pos:])
    if zone is None:
        return None
    minutes = int(zone.group(2)) * 60 + int(zone.group(3))
    fields["offset"] = (-minutes if zone.group(1) == "-" else minutes) * 60
    return pos + zone.end()


def _days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 of a proleptic Gregorian date (any year)."""
    year -= month <= 2
    era = year // 400
    of_era = year - era * 400
    of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    of_cycle = of_era * 365 + of_era // 4 - of_era // 100 + of_year
    return era * 146097 + of_cycle - 719468


def _unix(fields: dict[str, Any]) -> int | None:
    year, month, day = fields["year"], fields["month"], fields["day"]
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    length = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    if not 1 <= day <= length:
        return None
    hour = fields["hour"]
    if fields["pm"] is not None:
        hour = hour % 12 + (12 if fields["pm"] else 0)
    local = _days_from_civil(year, month, day) * 86400
    local += hour * 3600 + fields["minute"] * 60 + fields["second"]
    offset = fields["offset"]
    if offset is None:
        offset = _local_offset(local)
    return local - offset


def _local_offset(seconds: int) -> int:
    """The local zone's UTC offset around a wall-clock time (seconds east)."""
    import time

    try:
        return time.localtime(seconds).tm_gmtoff or 0
    except (OverflowError, OSError, ValueError):
        return time.localtime(0).tm_gmtoff or 0
