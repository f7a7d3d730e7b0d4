"""What an operator sees while it runs: the tree, its own location, and the
evaluation of its argument nodes (references, literals, ``$VAR``, ``||``
alternatives, nested calls, infix expressions)."""

from __future__ import annotations

import os

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
from graft.expr.refs import expand_env
from graft.gofmt import go_str
from graft.operators import registry
from graft.operators.base import Inject, OpError, Path, Prune, Unchanged
from graft.operators.infix import arith, compare, equal, truthy
from graft.operators.limits import check_bytes, check_text_of
from graft.state import RunState
from graft.tree import ResolveError, dotted, resolve

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


def env_value(name: str) -> Any:
    """``$NAME`` as a value (docs/operators.md#calls-and-arguments): unset or empty fails."""
    text = os.environ.get(name)
    if not text:
        raise OpError(f"environment variable '{name}' is not set")
    if text in ("true", "false", "null") or text[0] in "{[-":
        from graft.yamlio.load import LoadError, load_document

        try:
            value = load_document(text.encode(), f"${name}")
        except LoadError:
            return text
        if type(value) is not str:
            return value
    return text


class Context:
    """The evaluation of one operator site."""

    def __init__(
        self, tree: Any, location: Path, canonical: Path, state: RunState | None = None
    ) -> None:
        self.tree = tree
        self.location = location  # with list element names, for messages
        self.canonical = canonical  # with list indices
        self.registry = registry()
        # State shared by the operators of one evaluation (caches, allocations, modes).
        self.state = state if state is not None else RunState()

    @property
    def here(self) -> str:
        return dotted(self.location)

    # --- references ------------------------------------------------------------------

    def resolve(self, ref: Ref) -> Any:
        segments = expand_env(ref.segments) if ref.dynamic else ref.segments
        try:
            return resolve(self.tree, segments)
        except ResolveError as error:
            # the path as graft prints it: canonical (`l.[3]`, `l[3]` -> `l.3`)
            written = ".".join(segments)
            raise OpError(f"Unable to resolve `{written}`: {error.message}") from None

    def resolve_path(self, text: str) -> Any:
        """A path computed at run time (``grab (concat "a." b)``)."""
        from graft.expr.refs import RefSyntaxError, parse_reference

        try:
            segments = parse_reference(text)
        except RefSyntaxError:
            raise OpError(f"Unable to resolve `{text}`: invalid path") from None
        return self.resolve(Ref(text, segments))

    # --- values ----------------------------------------------------------------------

    def value(self, node: Node) -> Any:
        """The value of an argument or expression node; ``OpError`` when it fails."""
        kind = type(node)
        if kind is Literal:
            return node.value
        if kind is Ref:
            return self.resolve(node)
        if kind is Env:
            return env_value(node.name)
        if kind is Alternatives or kind is Choice:
            return self.first(node.options)
        if kind is Group:
            texts = []
            for part in node.parts:
                value = self.value(part)
                check_text_of(value, "( ... )")
                texts.append(go_str(value))
            check_bytes(sum(map(len, texts)), "( ... )")
            return "".join(texts)
        if kind is Call:
            return self.call(node)
        if kind is Binary:
            return self.binary(node)
        if kind is Not:
            negations = 0  # a run of ``!`` is counted, not recursed into
            while type(node) is Not:
                negations += 1
                node = node.operand
            value = self.value(node)
            if negations % 2:
                return not truthy(value)
            return truthy(value)
        if kind is Ternary:
            return self.ternary(node)
        raise OpError(f"cannot evaluate {node!r}")

    def first(self, options: list[Node]) -> Any:
        """``A || B``: the first alternative that does not fail (null counts)."""
        error: OpError | None = None
        for option in options:
            try:
                return self.value(option)
            except OpError as failure:
                error = failure
        assert error is not None
        raise error

    def call(self, call: Call) -> Any:
        operator = self.registry.get(call.name)
        if operator is None:
            raise OpError(f"unknown operator {call.name}")
        try:
            result = operator.run(self, call)
        except OpError as error:
            raise OpError(
                f"nested operator {call.name} failed: $.{self.here}: {error.message}"
            ) from None
        if isinstance(result, Inject):
            return result.mapping
        if isinstance(result, (Prune, Unchanged)):  # markers for the executor, not values
            raise OpError(f"{call.name} cannot be used inside another operator")
        return result

    def binary(self, node: Binary) -> Any:
        """A binary node. A chain such as ``1 + 2 + ... + n`` is a tree as deep as it
        is long: its left spine is walked in a loop, not by recursion, so a chain of
        any length evaluates. A failure travels up the spine as the recursion would
        carry it: an ``||`` above it takes its right side instead."""
        spine = [node]
        bottom = node.left
        while type(bottom) is Binary:
            spine.append(bottom)
            bottom = bottom.left
        failure: OpError | None = None
        value: Any = None
        try:
            value = self.value(bottom)
        except OpError as error:
            failure = error
        for current in reversed(spine):
            op = current.op
            if op == "||":  # or-else: the left value unless it fails or is null
                if failure is None and value is not None:
                    continue
                failure = None
                try:
                    value = self.value(current.right)
                except OpError as error:
                    failure = error
            elif failure is not None:
                continue  # the failure goes on up to an ``||``, if any
            elif op == "&&":
                if truthy(value):
                    try:
                        value = truthy(self.value(current.right))
                    except OpError as error:
                        failure = error
                else:
                    value = False
            else:
                try:
                    value = self._apply(current, value, self.value(current.right))
                except OpError as error:
                    failure = error
        if failure is not None:
            raise failure
        return value

    @staticmethod
    def _apply(node: Binary, left: Any, right: Any) -> Any:
        op = node.op
        if op == "==":
            return equal(left, right)
        if op == "!=":
            return not equal(left, right)
        if op in ("<", ">", "<=", ">="):
            return compare(op, left, right, type(node.left) is Literal, type(node.right) is Literal)
        return arith(op, left, right)

    def ternary(self, node: Ternary) -> Any:
        try:
            condition = self.value(node.condition)
        except OpError as error:
            raise OpError(f"failed to evaluate ternary condition: {error.message}") from None
        branch, name = (node.then, "true") if truthy(condition) else (node.otherwise, "false")
        try:
            return self.value(branch)
        except OpError as error:
            raise OpError(f"failed to evaluate {name} branch: {error.message}") from None
