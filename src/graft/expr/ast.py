"""The nodes of a parsed ``(( ... ))`` expression.

Plain classes with slots: a site is parsed once and its tree is walked by the
evaluator (``graft.evaluate.values``) and by each operator.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


class Node:
    __slots__ = ()


class Literal(Node):
    """A literal value written in the expression (``"x"``, ``42``, ``nil``, ``true``)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        return f"Literal({self.value!r})"


class Ref(Node):
    """A reference to a path in the document (``meta.name``, ``jobs.web.port``)."""

    __slots__ = ("dynamic", "segments", "text")

    def __init__(self, text: str, segments: tuple[str, ...]) -> None:
        self.text = text  # as written, for messages
        self.segments = segments
        # Does a segment name an environment variable ($NAME), to expand at run time?
        self.dynamic = "$" in text and any(s.startswith("$") for s in segments)

    def __repr__(self) -> str:
        return f"Ref({self.text!r})"


class Env(Node):
    """``$NAME`` as a call argument: the value of an environment variable."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"Env({self.name!r})"


class Alternatives(Node):
    """``A || B || C`` among call arguments: the first that does not fail."""

    __slots__ = ("options",)

    def __init__(self, options: list[Node]) -> None:
        self.options = options

    def __repr__(self) -> str:
        return f"Alternatives({self.options!r})"


class Group(Node):
    """``( a ":" b )`` among call arguments: the texts of the parts joined."""

    __slots__ = ("parts",)

    def __init__(self, parts: list[Node]) -> None:
        self.parts = parts

    def __repr__(self) -> str:
        return f"Group({self.parts!r})"


class Choice(Node):
    """``( a | b )`` among call arguments: the first choice that works (D7)."""

    __slots__ = ("options",)

    def __init__(self, options: list[Node]) -> None:
        self.options = options

    def __repr__(self) -> str:
        return f"Choice({self.options!r})"


class Call(Node):
    """An operator call: ``grab meta.x``, ``concat("a", b)``, ``vault@prod "p:k"``."""

    __slots__ = ("args", "name", "target")

    def __init__(self, name: str, args: list[Node], target: str | None = None) -> None:
        self.name = name
        self.args = args
        self.target = target

    def __repr__(self) -> str:
        return f"Call({self.name!r}, {self.args!r})"


class Binary(Node):
    """An infix operation: ``a + b``, ``x == 5``, ``a && b``, ``a || b`` (or-else)."""

    __slots__ = ("left", "op", "right")

    def __init__(self, op: str, left: Node, right: Node) -> None:
        self.op = op
        self.left = left
        self.right = right

    def __repr__(self) -> str:
        return f"Binary({self.op!r}, {self.left!r}, {self.right!r})"


class Not(Node):
    """``!x``."""

    __slots__ = ("operand",)

    def __init__(self, operand: Node) -> None:
        self.operand = operand

    def __repr__(self) -> str:
        return f"Not({self.operand!r})"


class Ternary(Node):
    """``cond ? a : b``."""

    __slots__ = ("condition", "otherwise", "then")

    def __init__(self, condition: Node, then: Node, otherwise: Node) -> None:
        self.condition = condition
        self.then = then
        self.otherwise = otherwise

    def __repr__(self) -> str:
        return f"Ternary({self.condition!r}, {self.then!r}, {self.otherwise!r})"


def children(node: Node) -> list[Node]:
    """The nodes directly inside ``node`` (arguments, options, parts, operands)."""
    kind = type(node)
    if kind is Call:
        return node.args
    if kind is Alternatives or kind is Choice:
        return node.options
    if kind is Group:
        return node.parts
    if kind is Binary:
        return [node.left, node.right]
    if kind is Not:
        return [node.operand]
    if kind is Ternary:
        return [node.condition, node.then, node.otherwise]
    return []
