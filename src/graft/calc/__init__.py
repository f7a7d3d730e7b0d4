"""The arithmetic engine behind ``(( calc ... ))`` (docs/operators.md#calc).

graft hands the expression text to govaluate, a Go library; this module is a
small re-implementation of the part of its language graft can reach. Text
becomes tokens (govaluate's lexer, including its table of which token may
follow which), tokens become a tree (one left-associative level per
precedence, a prefix operator binding to the primary right after it), and
the tree becomes a value. Numbers are floats; ``+`` also joins strings; a
division by zero gives an infinity; errors carry govaluate's texts.

Not an operator module: it registers nothing.
"""

from graft.calc.dates import parse_time
from graft.calc.errors import CalcError
from graft.calc.expression import Expression
from graft.calc.functions import FUNCTIONS, Function

__all__ = ["FUNCTIONS", "CalcError", "Expression", "Function", "parse_time"]
