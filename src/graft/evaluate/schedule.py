"""Which sites can run, given what each waits for.

``Scheduler`` has the shape of the standard library's
``graphlib.TopologicalSorter``: ``prepare()``, then ``get_ready()`` and
``done()`` while ``is_active()``. Nodes are positions (0..n-1). The planner
drives it in waves to find the order sites run in; the parallel executor drives
it as sites are written, to know which may be handed to the pool.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from collections.abc import Callable, Hashable
    from typing import TypeVar

    Node = TypeVar("Node", bound=Hashable)


class Scheduler:
    def __init__(self, waits_for: list[list[int]]) -> None:
        """``waits_for[i]``: the nodes node ``i`` must wait for."""
        self.waiting = [len(before) for before in waits_for]
        self.dependents: list[list[int]] = [[] for _ in waits_for]
        for node, before in enumerate(waits_for):
            for other in before:
                self.dependents[other].append(node)
        self._ready: list[int] = []
        self._handed = 0
        self._done = 0

    def add_wait(self, node: int, before: int) -> None:
        """Node ``node`` also waits for node ``before`` (only before ``prepare``)."""
        self.waiting[node] += 1
        self.dependents[before].append(node)

    def prepare(self) -> None:
        self._ready = [node for node, left in enumerate(self.waiting) if not left]

    def get_ready(self) -> list[int]:
        """The nodes that became ready since the last call (each given out once)."""
        ready, self._ready = self._ready, []
        self._handed += len(ready)
        return ready

    def done(self, *nodes: int) -> None:
        waiting, ready = self.waiting, self._ready
        for node in nodes:
            self._done += 1
            for other in self.dependents[node]:
                left = waiting[other] - 1
                waiting[other] = left
                if not left:
                    ready.append(other)

    def is_active(self) -> bool:
        """Whether anything is ready, or given out and not yet done (False with
        nodes left means those nodes wait for each other: a cycle)."""
        return bool(self._ready) or self._done < self._handed


def waves(waits_for: list[list[int]]) -> list[list[int]]:
    """The nodes in waves (Kahn's algorithm): the first waits for nothing, each
    next one only for earlier waves. Nodes on a cycle, or waiting for one, are in
    none."""
    scheduler = Scheduler(waits_for)
    scheduler.prepare()
    found = []
    while scheduler.is_active():
        wave = scheduler.get_ready()
        found.append(wave)
        scheduler.done(*wave)
    return found


def loop_from(start: Node, successor: Callable[[Node], Node]) -> list[Node]:
    """Follow ``successor`` from ``start`` until a node comes back: the loop it
    closes, as ``[a, b, a]`` (``start`` must lead into a cycle)."""
    seen: dict[Node, int] = {}
    path: list[Node] = []
    node = start
    while node not in seen:
        seen[node] = len(path)
        path.append(node)
        node = successor(node)
    return [*path[seen[node] :], node]
