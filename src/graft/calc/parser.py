"""Tokens to a tree: govaluate's syntax checks, then one level per precedence."""

from __future__ import annotations

import re

from graft.calc.errors import CalcError
from graft.calc.lexer import (
    _COMPARATORS,
    _MAY_END,
    _NEXT,
    _TERNARIES,
    ACCESSOR,
    BOOLEAN,
    CLAUSE,
    CLAUSE_CLOSE,
    COMPARATOR,
    FUNCTION,
    LOGICALOP,
    MODIFIER,
    NUMERIC,
    PATTERN,
    PREFIX,
    SEPARATOR,
    STRING,
    TERNARY,
    TIME,
    UNKNOWN,
    VARIABLE,
    Token,
)

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


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
