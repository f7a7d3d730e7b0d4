"""Which operator sites the parallel executor hands to its thread pool.

Threads only pay off for operators that wait (Vault, AWS, NATS, files, URLs):
in-memory operators hold the GIL, so a pool would only add its own cost to
them. Every strategy therefore runs pure operators inline on the coordinating
thread; they differ in which waiting operators may leave it.

* ``conservative``: a site goes to the pool when it waits on I/O and every
  operator in it (nested calls included) is marked ``verified_safe`` (the
  parallel execution document's list).
* ``aggressive``: any site that waits on I/O, unless one of its operators is
  not parallel-safe or shapes the tree (``static_ips``, ``inject``, ``prune``,
  ``merge``).
* ``adaptive``: starts like ``aggressive``, then watches this run. Per operator,
  once ``MIN_SAMPLES`` sites have run, a waiting operator whose mean duration is
  below ``INLINE_BELOW`` (it answers from a cache, or from a local file) runs
  inline from then on: handing it to a thread costs more than it saves.
"""

from __future__ import annotations

from graft.expr.ast import Call, Literal, Node, Ref, children
from graft.operators.base import Operator

MIN_SAMPLES = 5
INLINE_BELOW = 0.0003  # seconds: a pool hand-off and wake-up cost tens of microseconds


def operator_label(node: Node) -> str:
    """The name a site is measured under: its operator, or ``(expression)``."""
    return node.name if type(node) is Call else "(expression)"


def call_names(node: Node) -> list[str]:
    """The operator names called in a site, nested calls included."""
    if type(node) is Call and all(type(a) is Ref or type(a) is Literal for a in node.args):
        return [node.name]  # the common case: no nesting
    names: list[str] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if type(current) is Call:
            names.append(current.name)
        stack.extend(children(current))
    return names


class Strategy:
    """Decides, site by site, between the pool and the coordinating thread."""

    name = "conservative"

    def __init__(self, registry: dict[str, Operator]) -> None:
        self.registry = registry

    def waits(self, names: list[str]) -> bool:
        registry = self.registry
        return any(registry[n].io_bound for n in names if n in registry)

    def allowed(self, names: list[str]) -> bool:
        registry = self.registry
        return all(n in registry and registry[n].verified_safe for n in names)

    def pooled(self, node: Node) -> bool:
        """Should this site run in the pool (asked when it becomes ready)?"""
        names = call_names(node)
        return self.waits(names) and self.allowed(names)

    def observe(self, node: Node, duration: float) -> None:
        """A site ran for ``duration`` seconds."""


class Aggressive(Strategy):
    name = "aggressive"

    def allowed(self, names: list[str]) -> bool:
        registry = self.registry
        return all(
            n not in registry or (registry[n].parallel_safe and not registry[n].shapes_tree)
            for n in names
        )


class Adaptive(Aggressive):
    name = "adaptive"

    def __init__(self, registry: dict[str, Operator]) -> None:
        super().__init__(registry)
        self.stats: dict[str, list[float]] = {}  # operator name -> [count, seconds]

    def pooled(self, node: Node) -> bool:
        if not super().pooled(node):
            return False
        seen = self.stats.get(operator_label(node))
        return seen is None or seen[0] < MIN_SAMPLES or seen[1] / seen[0] >= INLINE_BELOW

    def observe(self, node: Node, duration: float) -> None:
        entry = self.stats.setdefault(operator_label(node), [0, 0.0])
        entry[0] += 1
        entry[1] += duration


STRATEGIES: dict[str, type[Strategy]] = {
    "conservative": Strategy,
    "aggressive": Aggressive,
    "adaptive": Adaptive,
}
