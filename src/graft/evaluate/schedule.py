"""Which sites can run, given what each waits for.

``Scheduler`` has the shape of the standard library's
``graphlib.TopologicalSorter``: ``prepare()``, then ``get_ready()`` and
``done()`` while ``is_active()``. Nodes are positions (0..n-1). The planner
drives it in waves to find the order sites run in; the parallel executor drives
it as sites are written, to know which may be handed to the pool.
"""

from __future__ import annotations


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
