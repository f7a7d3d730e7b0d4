"""The parser's shortcut for plain calls gives exactly what the long way gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from graft.expr.parse import ExprSyntaxError, Parser
from graft.operators import load, phase_of

load()
_WORDS = st.sampled_from(
    [
        "grab",
        "concat",
        "a.b",
        '"x y"',
        '"a,b"',
        "'q'",
        "$HOME",
        "1",
        "-2",
        "nil",
        "(grab a)",
        "||",
        "==",
        "+",
        "a[0]",
        '"esc\\"q"',
        "x,y",
        "@t",
        '"',
        "(",
        ")",
        "true",
        "inf",
        "NaN",
        "Infinity",
        "Null",
        "items.list",
        "name-x.y",
        "_u",
        "a.$VAR",
        '""',
        "nope.$HOME.x",
    ]
)


def _dump(node: object) -> object:
    """Every field of a node tree (repr shows too little: a Ref only by its text)."""
    if isinstance(node, list):
        return [_dump(n) for n in node]
    slots = getattr(type(node), "__slots__", None)
    if not slots:
        return ("float", repr(node)) if isinstance(node, float) else node
    return (type(node).__name__, {name: _dump(getattr(node, name)) for name in slots})


def _parse(parser: Parser, text: str) -> object:
    try:
        return _dump(parser.parse(text))
    except ExprSyntaxError as error:
        return f"error: {error}"


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(["grab", "concat", "join", "bogus"]), st.lists(_WORDS, max_size=5))
def test_the_shortcut_agrees_with_the_general_parser(name: str, words: list[str]) -> None:
    text = f"(( {name} {' '.join(words)} ))"
    quick = Parser("eval", phase_of)
    slow = Parser("eval", phase_of)
    slow.quick = False
    assert _parse(quick, text) == _parse(slow, text)


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="ab1. \"'\\|&=!<>+-*/%?:$", max_size=16))
def test_the_quick_infix_tokenizer_agrees_with_the_general_one(text: str) -> None:
    import re

    from graft.expr import lexer

    def tokens() -> object:
        try:
            return lexer.tokens(text)
        except lexer.LexError as error:
            return f"error: {error}"

    quick = tokens()
    saved = lexer._INFIX_TOKEN
    lexer._INFIX_TOKEN = re.compile(r"(?!)")  # never matches: the general way
    try:
        slow = tokens()
    finally:
        lexer._INFIX_TOKEN = saved
    assert quick == slow
