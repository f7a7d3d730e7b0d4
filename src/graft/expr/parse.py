"""Parsing a ``(( ... ))`` string into an operator call or an infix expression.

The classification follows graft (docs/operators.md, "How a (( ... )) is
read"): a call parser first, then an expression parser. With our deliberate
differences: an operator call is an operand of the infix grammar (D8:
``grab x == 5``, ``! grab x``, ``grab c > 1 ? grab a : grab b``), a
parenthesised infix expression is a valid argument (D8), a lone BOSH variable
name stays as written (D9), and quoted arguments honour backslash escapes (D14).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable

from graft.expr import lexer
from graft.expr.ast import (
    Alternatives,
    Binary,
    Call,
    Choice,
    Env,
    Group,
    Literal,
    Node,
    Not,
    Ref,
    Ternary,
)
from graft.expr.lexer import BINARY_OPS, MAX_NESTING, OPERATOR_TOKENS, LexError, TooDeep
from graft.expr.refs import RefSyntaxError, parse_reference

# phase_of(name) -> the phase of a registered operator, or None.
PhaseOf = Callable[[str], "str | None"]

_NAME = r"[A-Za-z][A-Za-z0-9_-]*"


@functools.cache
def _shapes() -> tuple[re.Pattern[str], ...]:
    """The three call shapes of graft's call parser (compiled on first use: the
    shortcut below reads most calls without them)."""
    return (
        re.compile(rf"\(\(\s*({_NAME})(?:@({_NAME}))?\((.*)\)\s*\)\)\Z", re.DOTALL),
        re.compile(rf"\(\(\s*({_NAME})(?:@({_NAME}))?\s+(\(.*\))\s*\)\)\Z", re.DOTALL),
        re.compile(rf"\(\(\s*({_NAME})(?:@({_NAME}))?(?:\s+(.*?))?\s*\)\)\Z", re.DOTALL),
    )


# The common case, ``(( grab a.b ))`` or ``(( concat "a-" b ))``: a name, then plain
# words and double-quoted strings without escapes (no parentheses, commas,
# brackets or target outside the quotes); such words split at whitespace.
_SIMPLE_WORD = re.compile(r'(?:"[^"\\]*"|[^\s"\'(),\[\]@\\])+')
_SIMPLE_CALL = re.compile(rf"""\(\(\s*({_NAME})\s+((?:"[^"\\]*"|[^"'(),\[\]@\\])*?)\s*\)\)\Z""")
# A call with one argument that can only be a plain dotted reference.
_ONE_REFERENCE = re.compile(rf"\(\(\s*({_NAME})\s+([A-Za-z_][A-Za-z0-9_.-]*)\s*\)\)\Z")
# The words an argument spells null, true and false with; no reference (nor are inf
# and nan in any case: they are numbers).
_NULL_WORDS = frozenset(("nil", "null", "~", "Nil", "NIL", "Null", "NULL"))
_TRUE_WORDS = frozenset(("true", "True", "TRUE"))
_FALSE_WORDS = frozenset(("false", "False", "FALSE"))
_WORDS = _NULL_WORDS | _TRUE_WORDS | _FALSE_WORDS
# First letters of arguments that are references unless they are one of _WORDS
# (not i/I/n/N: inf and nan are numbers; not $ or quotes or digits or brackets).
_REFERENCE_START = frozenset("abcdefghjklmopqrstuvwxyzABCDEFGHJKLMOPQRSTUVWXYZ_")
_BOSH_VARIABLE = re.compile(r"[A-Za-z0-9_./-]+\Z")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_CALL_HEAD = re.compile(rf"({_NAME})\s")  # `bogus 1`: a name, then its arguments
_GO_INT = re.compile(r"[-+]?[0-9]+\Z")
_GO_FLOAT = re.compile(
    r"[-+]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|inf|infinity|nan)\Z",
    re.IGNORECASE,
)
_INT64 = 1 << 63
_NUMBER_START = frozenset("0123456789+-.iInN")  # digits, signs, inf, nan


class ExprSyntaxError(ValueError):
    """A syntax error in an infix expression. ``fragment`` and ``offset``, when
    set, say where: the text of the innermost expression that failed and the
    offset in it of the token at fault (the caret under errors with locations)."""

    fragment: str | None = None
    offset = 0

    def place(self, text: str) -> int | None:
        """The offset of the fault in the whole operator string ``text``."""
        if self.fragment is None:
            return None
        start = text.find(self.fragment)
        return None if start < 0 else start + self.offset


class _Nesting:
    """Counts the levels of one parse (``with parser.nesting:`` around a level)."""

    __slots__ = ("depth",)

    def __init__(self) -> None:
        self.depth = 0

    def __enter__(self) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            self.depth -= 1
            raise TooDeep

    def __exit__(self, *exc: object) -> None:
        self.depth -= 1


class _NotCall(Exception):
    """The call parser gives up: the text goes to the expression parser."""


class _BadArguments(Exception):
    """A call whose arguments do not split: graft leaves the text as it is."""


def is_candidate(text: str) -> bool:
    """Whether ``text`` may be an operator: ``((`` ... ``))`` on one line (D16: a
    string whose parentheses are on different lines is prose, as in spruce)."""
    return text.startswith("((") and text.endswith("))") and len(text) >= 4 and "\n" not in text


def go_number(token: str) -> int | float | None:
    """Go's reading of a numeric token: a base-10 int64, else a float."""
    if "." not in token and _GO_INT.match(token):
        value = int(token)
        if -_INT64 <= value < _INT64:
            return value
    if _GO_FLOAT.match(token):
        lowered = token.lower().lstrip("+-")
        if lowered.startswith(("inf", "nan")):
            value = float("nan") if lowered == "nan" else float("inf")
            return -value if token.startswith("-") else value
        value = float(token)
        return None if math.isinf(value) else value
    return None


class Parser:
    """Parses candidates for one phase, given the operator registry."""

    quick = True  # take the shortcut for plain calls (a test compares it with the long way)

    def __init__(
        self,
        phase: str,
        phase_of: PhaseOf,
        nesting: _Nesting | None = None,
        verbatim: Callable[[str], bool] = lambda name: False,
    ) -> None:
        self.phase = phase
        self.phase_of = phase_of
        self.nesting = nesting if nesting is not None else _Nesting()
        # verbatim(name): the operator's arguments are text to keep (``defer``, D8)
        self.verbatim = verbatim

    def is_operator(self, name: str) -> bool:
        return self.phase_of(name) == self.phase

    # --- the whole candidate -----------------------------------------------------------

    def parse(self, text: str) -> Node | None:
        """A call or an expression of this phase, or None when the text is not one.

        Raises ``ExprSyntaxError`` for an infix expression that does not parse.
        """
        if not is_candidate(text):
            return None
        if text.count("(") > MAX_NESTING + 2 and not self.nesting.depth:
            lexer.check_nesting(text[2:-2])  # refuse at once, before any deeper reading
        if self.quick:
            one = _ONE_REFERENCE.match(text)  # (( grab a.b )): the most common call
            if one is not None:
                word = one.group(2)
                if (
                    self.phase_of(one.group(1)) == self.phase
                    and word not in _WORDS
                    and (word[0] not in "iInN" or go_number(word) is None)  # inf, nan
                ):
                    return Call(one.group(1), [Ref(word, parse_reference(word))])
        simple = _SIMPLE_CALL.match(text) if self.quick else None
        if simple is not None and self.phase_of(simple.group(1)) == self.phase:
            words = _SIMPLE_WORD.findall(simple.group(2))
            if not any(word in OPERATOR_TOKENS for word in words):
                return Call(simple.group(1), [self.argument(word) for word in words])
        for shape in _shapes():
            match = shape.match(text)
            if match:
                try:
                    return self.call(match.group(1), match.group(2), match.group(3))
                except _NotCall:
                    break
                except _BadArguments:
                    return None
        inner = text[2:-2].strip()
        if _BOSH_VARIABLE.match(inner) and self.phase_of(inner) is None:
            return None  # a BOSH variable such as ((db-password)) stays as it is (D9)
        close = lexer.unmatched_close(inner)
        if close >= 0 and self._operand_only(inner[:close].strip()):
            return None  # graft reads up to there: ((cert))((key)) is text, as in graft
        try:
            node = self.expression(inner)
        except RefSyntaxError:
            return None
        if isinstance(node, (Binary, Not, Ternary)):
            return node if self.phase == "eval" else None
        if isinstance(node, Call):
            return node
        return None  # a plain operand is not an operator

    def _operand_only(self, head: str) -> bool:
        """Whether the text before an unmatched ``)`` reads as one plain operand
        (an operator's bare name is one there too: ``((grab))((x))`` is text)."""
        if _BOSH_VARIABLE.match(head):
            return True
        try:
            node = self.expression(head)
        except (ExprSyntaxError, RefSyntaxError):
            return False
        return not isinstance(node, (Binary, Not, Ternary, Call))

    def call(self, name: str, target: str | None, args: str | None) -> Call:
        known = self.phase_of(name)
        if known is None:
            raise _NotCall
        if known != self.phase:
            raise _BadArguments  # another phase's operator: nothing to do in this one
        if args is None or not args.strip():
            return Call(name, [], target)
        try:
            if lexer.has_top_level_comma(args):
                return Call(name, self.comma_args(args), target)
            words = lexer.split_words(args)
        except (LexError, RefSyntaxError, ExprSyntaxError):
            raise _BadArguments from None
        if any(w in OPERATOR_TOKENS and w != "||" for w in words) and not self.verbatim(name):
            raise _NotCall  # infix syntax around a call: parse it as an expression (D8)
        try:
            return Call(name, self.space_args(words), target)
        except (ExprSyntaxError, RefSyntaxError, LexError):
            raise _BadArguments from None

    # --- call arguments ----------------------------------------------------------------

    def comma_args(self, text: str) -> list[Node]:
        args: list[Node] = []
        for piece in lexer.split_commas(text):
            options = lexer.split_alternatives(piece)
            if any(not option for option in options):
                raise _BadArguments
            nodes = [self.argument(option) for option in options]
            args.append(nodes[0] if len(nodes) == 1 else Alternatives(nodes))
        return args

    def space_args(self, words: list[str]) -> list[Node]:
        args: list[Node] = []
        i = 0
        while i < len(words):
            if words[i] == "||":
                raise ExprSyntaxError("unexpected end of expression")
            node = self.argument(words[i])
            i += 1
            options = [node]
            while i < len(words) and words[i] == "||":
                i += 1
                if i >= len(words) or words[i] == "||":
                    raise ExprSyntaxError(f"unexpected token '{words[i - 2]}' after expression")
                if self.is_operator(words[i]) and i + 1 < len(words) and words[i + 1] != "||":
                    # `A || grab b`: the rest of the alternative is a call (D7/D8)
                    end = i + 1
                    while end < len(words) and words[end] != "||":
                        end += 1
                    options.append(Call(words[i], self.space_args(words[i + 1 : end])))
                    i = end
                else:
                    options.append(self.argument(words[i]))
                    i += 1
            args.append(node if len(options) == 1 else Alternatives(options))
        return args

    def argument(self, token: str) -> Node:
        """One call argument (docs/operators.md#calls-and-arguments)."""
        if self.quick:
            first = token[0]
            if first == '"' and len(token) >= 2 and token[-1] == '"' and "\\" not in token:
                return Literal(token[1:-1])  # the common string: no escapes
            if first in _REFERENCE_START and token not in _WORDS and "[" not in token:
                return Ref(token, parse_reference(token))  # the common reference
        if token in _NULL_WORDS:
            return Literal(None)
        if token in _TRUE_WORDS:
            return Literal(True)
        if token in _FALSE_WORDS:
            return Literal(False)
        if token.startswith("$"):
            return Env(token[1:])
        if len(token) >= 2 and token[0] == token[-1] and token[0] in "\"'":
            return Literal(lexer.unquote(token))
        if token[0] in _NUMBER_START:
            number = go_number(token)
            if number is not None:
                return Literal(number)
        if token.startswith("(") and token.endswith(")") and len(token) > 2:
            if self._unknown_call(token[1:-1].strip()):
                return Literal(token)  # `(bogus 1)`: graft keeps the text
            return self.parenthesised(token[1:-1].strip())
        return Ref(token, parse_reference(token))

    def _unknown_call(self, inner: str) -> bool:
        """Whether ``inner`` reads as a call of a name that is no operator: a bare
        name (no dots) and more words, none of them ``|`` or an infix operator.
        A group whose first part is a path (``(meta.base ":" key)``) is no call."""
        head = _CALL_HEAD.match(inner)
        if head is None or self.phase_of(head.group(1)) is not None:
            return False
        try:
            words = lexer.split_words(inner)
        except LexError:
            return False
        return len(words) > 1 and not any(w == "|" or w in OPERATOR_TOKENS for w in words)

    def parenthesised(self, inner: str) -> Node:
        """``(grab a)``, ``(concat a "b")``: a nested call; ``(x + 1)``, ``(a)``: an
        expression (D8)."""
        with self.nesting:
            return self._parenthesised(inner)

    def _parenthesised(self, inner: str) -> Node:
        words = lexer.split_words(inner)
        phase = self.phase_of(words[0]) if words else None
        if phase is not None:  # a nested call, whatever the phase of the outer one
            nested = (
                self
                if phase == self.phase
                else Parser(phase, self.phase_of, self.nesting, self.verbatim)
            )
            node = nested.parse(f"(( {inner} ))")
            if node is not None:
                return node
        if "|" in words:  # ( a | b ): choices, tried in order (D7)
            options, current = [], []
            for word in [*words, "|"]:
                if word == "|":
                    if not current:
                        raise ExprSyntaxError("empty choice in ( ... | ... )")
                    options.append(self.group(current))
                    current = []
                else:
                    current.append(word)
            return Choice(options)
        if len(words) > 1 and not any(word in OPERATOR_TOKENS for word in words):
            return self.group(words)  # ( a ":" b ): parts joined
        return self.expression(inner)

    def group(self, words: list[str]) -> Node:
        parts = [self.argument(word) for word in words]
        return parts[0] if len(parts) == 1 else Group(parts)

    # --- infix expressions -------------------------------------------------------------

    def expression(self, text: str) -> Node:
        try:
            tokens = lexer.tokens(text)
        except LexError as error:
            raise ExprSyntaxError(str(error)) from None
        if not tokens:
            raise ExprSyntaxError("empty expression")
        pratt = _Pratt(self, tokens)
        try:
            return pratt.parse()
        except ExprSyntaxError as error:
            if error.fragment is None:  # the innermost expression names the place
                error.fragment, error.offset = text, _token_offset(text, tokens, pratt.fault)
            raise

    def operand(self, token: str) -> Node:
        """An operand of an infix expression (docs/operators.md#infix-expressions)."""
        if token.startswith("(") and token.endswith(")"):
            return self.parenthesised(token[1:-1].strip())
        if "(" in token and token.endswith(")") and _IDENTIFIER.match(token[: token.index("(")]):
            node = self.parse(f"(( {token} ))")
            if node is not None:
                return node
        if token in ("nil", "~"):
            return Literal(None)
        if token in ("true", "false"):
            return Literal(token == "true")
        if len(token) >= 2 and token[0] == token[-1] and token[0] in "\"'":
            return Literal(lexer.unquote(token))
        if token[:1].isdigit():
            number = go_number(token)
            if number is not None:
                return Literal(number)
        if "." in token or _IDENTIFIER.match(token):
            return Ref(token, parse_reference(token))
        return Literal(token)


# Binding powers of the binary operators (docs/operators.md#infix-expressions).
_POWER = {
    "||": 2,
    "&&": 3,
    "==": 4,
    "!=": 4,
    "<": 5,
    ">": 5,
    "<=": 5,
    ">=": 5,
    "+": 6,
    "-": 6,
    "*": 7,
    "/": 7,
    "%": 7,
}


def _token_offset(text: str, tokens: list[str], index: int) -> int:
    """Where the ``index``-th token starts in ``text`` (its end past the last)."""
    offset = 0
    for token in tokens[:index]:
        found = text.find(token, offset)
        if found < 0:
            break
        offset = found + len(token)
    if index >= len(tokens):
        return len(text.rstrip())
    found = text.find(tokens[index], offset)
    return found if found >= 0 else offset


class _Pratt:
    def __init__(self, parser: Parser, tokens: list[str]) -> None:
        self.parser = parser
        self.tokens = tokens
        self.pos = 0
        self.fault = 0  # the index of the token a syntax error is about

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def next(self) -> str:
        token = self.peek()
        if token is None:
            self.fault = self.pos
            raise ExprSyntaxError("unexpected end of expression")
        self.pos += 1
        return token

    def parse(self) -> Node:
        return self.ternary()  # tokens left over are ignored, as graft does

    def ternary(self) -> Node:
        condition = self.binary(2)
        if self.peek() != "?":
            return condition
        self.pos += 1
        then = self.binary(2)
        if self.peek() != ":":
            self.fault = self.pos
            raise ExprSyntaxError("expected ':' for ternary operator")
        self.pos += 1
        with self.parser.nesting:
            return Ternary(condition, then, self.ternary())

    def binary(self, level: int) -> Node:
        left = self.unary()
        while True:
            op = self.peek()
            power = _POWER.get(op) if op is not None else None
            if power is None or power < level:
                return left
            self.pos += 1
            right = self.binary(power + 1)
            left = Binary(op, left, right)

    def unary(self) -> Node:
        token = self.next()
        if token == "!":
            negations = 1  # a run of ``!`` is counted, not recursed into
            while self.peek() == "!":
                self.pos += 1
                negations += 1
            node = self.unary()
            for _ in range(negations):
                node = Not(node)
            return node
        if token == "(":
            with self.parser.nesting:
                inner = self.ternary()
            if self.peek() != ")":
                self.fault = self.pos
                raise ExprSyntaxError("missing closing parenthesis")
            self.pos += 1
            return inner
        if token in OPERATOR_TOKENS or token == ")":
            self.fault = self.pos - 1
            raise ExprSyntaxError(f"unexpected token: {token}")
        if self.parser.is_operator(token) and self._operand_follows():
            return self.call(token)
        return self.parser.operand(token)

    def _operand_follows(self) -> bool:
        token = self.peek()
        return token is not None and token not in OPERATOR_TOKENS and token not in ("(", ")")

    def call(self, name: str) -> Call:
        """An operator call inside an expression: its arguments run to the next
        operator (D8)."""
        words = []
        while self._operand_follows():
            words.append(self.next())
        return Call(name, [self.parser.argument(word) for word in words])


__all__ = ["BINARY_OPS", "ExprSyntaxError", "Parser", "TooDeep", "go_number", "is_candidate"]
