"""Splitting expression text into tokens (docs/operators.md, "Calls and
arguments" and "Infix expressions"; D14).

Two tokenisers: ``split_args`` for the arguments of a call (whitespace or
commas separate them; quotes and parentheses group), and ``tokens`` for infix
expressions (operator characters split words). Inside quotes a backslash
escapes the next character (D14).
"""

from __future__ import annotations

import re

TWO_CHAR_OPS = ("||", "&&", "==", "!=", "<=", ">=")
ONE_CHAR_OPS = frozenset("?:!<>+-*/%")
BINARY_OPS = frozenset(("||", "&&", "==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "%"))
OPERATOR_TOKENS = BINARY_OPS | {"?", ":", "!"}


class LexError(ValueError):
    """Text that cannot be split (an unterminated quote or parenthesis)."""


# A word of space mode without parentheses: quoted strings (with escapes) and other
# non-space characters, side by side.
_WORD = re.compile(r"""(?:"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|[^\s"'])+""")


# Infix tokens without parentheses: quoted strings, two- then one-character
# operators, and words (a single |, & or = belongs to a word).
_INFIX_TOKEN = re.compile(
    r""""(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|\|\||&&|==|!=|<=|>=|[?:!<>+\-*/%]"""
    r"""|(?:[^\s"'()?:!<>+\-*/%|&=]|\|(?!\|)|&(?!&)|=(?!=))+"""
)


def _quoted_end(text: str, start: int) -> int:
    """Index just past the quoted string that starts at ``start``."""
    quote = text[start]
    i = start + 1
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == quote:
            return i + 1
        i += 1
    raise LexError("unterminated quote")


def _paren_end(text: str, start: int) -> int:
    """Index just past the parenthesis group that starts at ``start``."""
    depth = 0
    i = start
    while i < len(text):
        ch = text[i]
        if ch in "\"'":
            i = _quoted_end(text, i)
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise LexError("missing closing parenthesis")


# The deepest nesting of parentheses (and of ``!`` and ``? :``) an expression may
# have. The Go graft has no limit (its stack grows); ours is far beyond anything
# written by hand and keeps lexing, parsing and evaluating short and within Python's
# stack, whatever its limit.
MAX_NESTING = 200
TOO_DEEP = f"expression nested too deeply: more than {MAX_NESTING} levels of parentheses"


class TooDeep(Exception):
    """Nesting beyond ``MAX_NESTING``. Not a ``LexError``: no reading of the text
    may catch it and try another (that would make refusing exponential)."""

    def __init__(self) -> None:
        super().__init__(TOO_DEEP)


def _paren_scan(text: str) -> tuple[dict[int, int], int]:
    """One pass over the parentheses outside quotes: for each ``(`` that is closed,
    the index just past its ``)`` (looking each group's end up by scanning would
    make nested groups quadratic), and the index of the first ``)`` that closes
    none (-1 if there is none). Deeper nesting than ``MAX_NESTING`` is refused."""
    ends: dict[int, int] = {}
    opened: list[int] = []
    unmatched = -1
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in "\"'":
            try:
                i = _quoted_end(text, i)
            except LexError:
                break  # the groups still open are not closed
            continue
        if ch == "(":
            opened.append(i)
            if len(opened) > MAX_NESTING:
                raise TooDeep
        elif ch == ")":
            if opened:
                ends[opened.pop()] = i + 1
            elif unmatched < 0:
                unmatched = i
        i += 1
    return ends, unmatched


def _paren_ends(text: str) -> dict[int, int]:
    return _paren_scan(text)[0]


def unmatched_close(text: str) -> int:
    """The index of the first ``)`` outside quotes that closes no ``(``, or -1.

    graft's expression parser stops reading there: ``((a))((b))`` reads as the
    operand ``a`` followed by text it never looks at (so it is not an operator),
    and ``(( a + 1) ))`` as ``a + 1``.
    """
    return _paren_scan(text)[1] if ")" in text else -1


def check_nesting(text: str) -> None:
    """``TooDeep`` when parentheses outside quotes nest deeper than ``MAX_NESTING``."""
    _paren_ends(text)


def _split_outside_quotes(text: str, separator: str) -> list[str]:
    parts = []
    start = 0
    i = 0
    while i < len(text):
        if text[i] in "\"'":
            i = _quoted_end(text, i)
        elif text.startswith(separator, i):
            parts.append(text[start:i])
            i += len(separator)
            start = i
        else:
            i += 1
    parts.append(text[start:])
    return parts


def has_top_level_comma(text: str) -> bool:
    return "," in text and len(_split_outside_quotes(text, ",")) > 1


def split_commas(text: str) -> list[str]:
    """Comma mode: split at every comma outside quotes (parentheses do not count)."""
    return [p.strip() for p in _split_outside_quotes(text, ",") if p.strip()]


def split_alternatives(text: str) -> list[str]:
    """A comma-mode piece cut at ``||`` outside quotes."""
    return [p.strip() for p in _split_outside_quotes(text, "||")]


def split_words(text: str) -> list[str]:
    """Space mode: split at whitespace outside quotes and parentheses."""
    if "(" not in text:
        if "'" not in text and '"' not in text:
            return text.split()
        words = _WORD.findall(text)
        if "".join(words) == "".join(text.split()):
            return words  # every quote was closed: the quick split is the whole story
    words = []
    i = 0
    n = len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start = i
        while i < n and not text[i].isspace():
            ch = text[i]
            try:
                if ch in "\"'":
                    i = _quoted_end(text, i)
                elif ch == "(":
                    i = _paren_end(text, i)
                else:
                    i += 1
            except LexError:
                i = n  # unbalanced: the rest is one word, as graft splits it
        words.append(text[start:i])
    return words


def _is_word_start(ch: str) -> bool:
    return ch.isalpha() or ch == "_"


def _spaced_binary_operator(inner: str) -> bool:
    return any(word in BINARY_OPS for word in split_words(inner))


def tokens(text: str) -> list[str]:
    """Infix tokens: operators, ``(``/``)``, quoted strings, and operand words.

    A parenthesised group whose text starts with a word and holds no spaced
    binary operator (``(grab a)``, ``(a)``) is one operand token, and so is
    ``name(args)``.
    """
    if "(" not in text and ")" not in text:
        found = _INFIX_TOKEN.findall(text)
        if "".join(found) == "".join(text.split()):
            return found  # no parentheses and every quote closed: the quick way
    out: list[str] = []
    ends = _paren_ends(text)

    def paren_end(start: int) -> int:
        end = ends.get(start)
        if end is None:
            raise LexError("missing closing parenthesis")
        return end

    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in "\"'":
            end = _quoted_end(text, i)
            out.append(text[i:end])
            i = end
        elif ch == "(":
            end = paren_end(i)
            inner = text[i + 1 : end - 1].strip()
            if inner and _is_word_start(inner[0]) and not _spaced_binary_operator(inner):
                out.append(text[i:end])
                i = end
            else:
                out.append("(")
                i += 1
        elif ch == ")":
            out.append(")")
            i += 1
        elif text[i : i + 2] in TWO_CHAR_OPS:
            out.append(text[i : i + 2])
            i += 2
        elif ch in ONE_CHAR_OPS:
            out.append(ch)
            i += 1
        else:
            start = i
            while i < n:
                ch = text[i]
                if ch.isspace() or ch in "\"'()" or ch in ONE_CHAR_OPS:
                    break
                if text[i : i + 2] in TWO_CHAR_OPS:
                    break
                i += 1
            word = text[start:i]
            if i < n and text[i] == "(" and word and _is_word_start(word[0]):
                end = paren_end(i)  # name(args): one operand
                word = text[start:end]
                i = end
            out.append(word)
    return out


def unquote(token: str) -> str:
    """The text of a quoted token, backslash escapes applied (D14)."""
    body = token[1:-1]
    if "\\" not in body:
        return body
    out = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            mapped = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\", '"': '"', "'": "'"}.get(nxt)
            if mapped is not None:
                out.append(mapped)
            else:
                out.append(ch + nxt)
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)
