"""The whole: text to tokens to a tree, then the tree's value."""

from __future__ import annotations

from graft.calc.evaluate import evaluate
from graft.calc.functions import FUNCTIONS, Function
from graft.calc.lexer import VARIABLE, Lexer
from graft.calc.parser import Parser, _check_syntax, _compile_patterns

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


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
