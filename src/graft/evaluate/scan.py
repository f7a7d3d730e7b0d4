"""Finding the operator sites of one phase (docs/operators.md#phases-and-order).

Maps are visited with their keys in plain string order, lists in index
order. A site's location names list elements by their ``name``, ``key`` or
``id`` (when that is a string and not itself an operator of this phase); its
canonical path uses indices. An element whose name an earlier element of the
list already has is addressed by its index (D19): graft collapses the two into
one site, writes the result into the first and leaves the other as text.
"""

from __future__ import annotations

import re
import sys

from graft.errors import Problem
from graft.expr.ast import Call, Node
from graft.expr.parse import ExprSyntaxError, Parser, TooDeep
from graft.gofmt import go_str
from graft.operators import PHASE_OF, phase_of, registry
from graft.operators.base import EVAL, Operator, Path
from graft.tree import ID_FIELDS, dotted, path_text
from graft.values import key_value

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

_HEAD = re.compile(r"\(\(\s*([A-Za-z][A-Za-z0-9_-]*)(?:[\s(@]|\)\)\Z)")
# `(( name args ))` and `(( name args`: what typo hints look at (D21); compiled when
# first needed, as hints are only made with locations on.
_CALL_SHAPE = r"\(\(\s+([A-Za-z][A-Za-z0-9_-]*)\s+\S.*\)\)\Z"
_UNCLOSED_SHAPE = r"\(\(\s*([A-Za-z][A-Za-z0-9_-]*)(?:\s|\Z)"


def _closest(name: str) -> str | None:
    """The operator name closest to a misspelt one, if one is close."""
    import difflib

    found = difflib.get_close_matches(name, list(PHASE_OF), n=1, cutoff=0.6)
    return found[0] if found else None


class Site:
    """One operator in the tree: where it is, what it says, what runs it."""

    __slots__ = (
        "canonical",
        "key",
        "location",
        "node",
        "operator",
        "order",
        "parent",
        "slot",
        "text",
    )

    def __init__(
        self, location: Path, canonical: Path, text: str, node: Node, operator: Operator
    ) -> None:
        self.location = location
        self.canonical = canonical
        self.text = text
        self.node = node
        self.operator = operator
        self.order = 0  # position in scan order
        self.key = dotted(canonical)  # the canonical path as text: sorting, lookups
        # The container and key that held the expression when it was scanned, when
        # they are the ones its location names (not a second element of one name).
        self.parent: Any = None
        self.slot: Any = None

    @property
    def display(self) -> str:
        """``$.jobs.web.port``: the location as messages show it."""
        return "$." + dotted(self.location)


class Expression(Operator):
    """An infix expression at the top of a site (``(( a + b ))``)."""

    name = "expression"

    def run(self, ctx: Any, call: Node) -> Any:
        return ctx.value(call)


EXPRESSION = Expression()


def _caret(where: str, text: str, offset: int | None) -> str:
    """A line with ``^`` under the place of a syntax error in ``text``, the last
    line of ``where`` (by default, the end of the expression, before its ``))``)."""
    if offset is None:
        offset = len(text.rstrip()[:-2].rstrip())
    return "\n" + " " * (len(where) - len(text) - 1 + offset) + "^"


def _worth_visiting(value: Any) -> bool:
    """A container, or a string that may be an operator (other scalars hold none)."""
    kind = type(value)
    if kind is str:
        return value.startswith("((")
    return kind is dict or kind is list


def _verbatim(name: str) -> bool:
    return registry()[name].verbatim_args


class Scanner:
    def __init__(self, phase: str, *, hints: bool = False) -> None:
        self.phase = phase
        self.registry = registry()
        self.parser = Parser(phase, phase_of, verbatim=_verbatim)
        self.errors: list[str] = []
        self.parsed: dict[str, Node | None] = {}
        self.failed: dict[str, str] = {}  # text -> its syntax error
        self.carets: dict[str, int | None] = {}  # text -> where its syntax error is
        self.phases_seen: set[str] = set()  # phases of the calls met in the walk
        # Warnings about text that looks like a mistyped operator: gathered only in
        # the eval phase and with locations on (D21).
        # graft.locations is imported only when locations may be on (see there)
        recorder = getattr(sys.modules.get("graft.locations"), "current", None)
        self.hints: list[str] | None = [] if hints and recorder and recorder.shown else None

    def parse(self, text: str, location: Path = ()) -> Node | None:
        """The parsed text; the same text is parsed once (nodes are never changed).

        A syntax error is recorded with the ``$.path`` of the string (graft
        gives none; D20) for every string that has it."""
        if text in self.parsed:
            node = self.parsed[text]
        else:
            try:
                node = self.parser.parse(text)
            except (ExprSyntaxError, TooDeep) as error:
                self.failed[text] = str(error)
                if type(error) is ExprSyntaxError:
                    self.carets[text] = error.place(text)
                node = None
            self.parsed[text] = node
        if node is None and text in self.failed:
            from graft import locations

            where = locations.at(text)
            if where:
                where += _caret(where, text, self.carets.get(text))
            problem = Problem(path_text(location), self.failed[text], locations.place(text), where)
            self.errors.append(problem)
        return node

    def _is_operator(self, value: Any) -> bool:
        if not (value.startswith("((") and value.endswith("))")):
            return False
        try:
            return self.parser.parse(value) is not None
        except (ExprSyntaxError, TooDeep):
            return False

    def _element_name(self, element: Any) -> str | None:
        if type(element) is dict:
            for field in ID_FIELDS:
                value = element.get(field)
                if type(value) is str and not self._is_operator(value):
                    return value
        return None

    def scan(self, tree: dict) -> list[Site]:
        """Every site of the phase in scan order."""
        sites: list[Site] = []
        # (value, location, canonical path, parent, slot in the parent)
        stack: list[tuple[Any, Path, Path, Any, Any]] = [(tree, (), (), None, None)]
        while stack:
            value, location, canonical, parent, slot = stack.pop()
            kind = type(value)
            if kind is dict:
                if all(type(k) is str for k in value):
                    keys = sorted(value, reverse=True)
                else:
                    keys = sorted(value, key=lambda k: go_str(key_value(k)), reverse=True)
                stack.extend(
                    (value[k], (*location, k), (*canonical, k), value, k)
                    for k in keys
                    if _worth_visiting(value[k])
                )
            elif kind is list:
                first_of: dict[str, int] = {}
                children: list[tuple[Any, Path, Path, Any, Any]] = []
                for i, element in enumerate(value):
                    name = self._element_name(element)
                    if name is None or first_of.setdefault(name, i) != i:
                        # No name, or one an earlier element has: the name would address
                        # that element, so this one is addressed by its index (D19).
                        here = (element, (*location, i), (*canonical, i), value, i)
                    else:
                        here = (element, (*location, name), (*canonical, i), value, i)
                    children.append(here)
                stack.extend(reversed(children))
            elif kind is str and value.startswith("((") and value.endswith("))"):
                head = _HEAD.match(value)
                phase = PHASE_OF.get(head.group(1)) if head is not None else None
                if phase is not None:
                    self.phases_seen.add(phase)
                    if phase != self.phase:
                        continue  # another phase's call (and not an expression)
                elif self.phase != EVAL:
                    continue  # an expression: the eval phase parses and runs it
                parsed = self.parse(value, location)
                if parsed is None and self.hints is not None and value not in self.failed:
                    self.hint(value, location, head)
                if parsed is not None:
                    operator = self.registry[parsed.name] if type(parsed) is Call else EXPRESSION
                    site = Site(location, canonical, value, parsed, operator)
                    site.order = len(sites)
                    if self.phase == EVAL:
                        site.parent, site.slot = parent, slot
                    sites.append(site)
            elif kind is str and self.hints is not None and "))" not in value:
                self.hint_unclosed(value, location)
        return sites

    def hint(self, value: str, location: Path, head: re.Match | None) -> None:
        """A warning for ``(( grabb x ))``: shaped like a call of a name that is no
        operator, so it stays text (D21). BOSH variables (``((name))``) have no space."""
        shape = re.match(_CALL_SHAPE, value, re.S)
        if shape is None or "))" in value[2:-2] or "((" in value[2:] or "\n" in value:
            return  # `(( a )) || (( b ))`: several groups side by side are text, no call
        from graft import locations

        name = shape.group(1)
        close = _closest(name)
        advice = f' - did you mean "{close}"?' if close else ""
        self.hints.append(
            f'{path_text(location)}: "{name}" is not an operator, so this stays text'
            f"{advice}{locations.at(value)}"
        )

    def hint_unclosed(self, value: str, location: Path) -> None:
        """A warning for ``(( grab x``: a call with no closing ``))`` stays text."""
        shape = re.match(_UNCLOSED_SHAPE, value)
        if (
            shape is None
            or "\n" in value
            or (shape.group(1) not in PHASE_OF and not _closest(shape.group(1)))
        ):
            return
        from graft import locations

        self.hints.append(
            f'{path_text(location)}: no closing "))", so this stays text{locations.at(value)}'
        )
