"""The plan of a phase: which site waits for which, and the order they run in
(docs/operators.md#phases-and-order).

A dependency path finds the site at that path (as written, or canonical); if
the path does not fully exist yet, the nearest ancestor that is a site. Sites
are found through a dictionary of canonical path texts, so each dependency
costs time proportional to its own length, never to the number of sites (the
Go graft scans every site for every dependency, which makes it quadratic).

The order is Kahn's algorithm in waves: all sites whose dependencies are done,
sorted by canonical path (or by scan order with ``--dataflow-order
insertion``), then the next wave.
"""

from __future__ import annotations

from graft.errors import MergeFailed
from graft.evaluate.context import Context
from graft.evaluate.scan import Site
from graft.evaluate.schedule import loop_from, waves
from graft.expr.walk import references
from graft.operators.base import Operator, Path, Under
from graft.state import RunState
from graft.tree import canonical, dotted

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


class Plan:
    def __init__(
        self, tree: Any, sites: list[Site], insertion: bool = False, state: RunState | None = None
    ) -> None:
        self.tree = tree
        self.state = state if state is not None else RunState()
        self.sites = sites
        self.insertion = insertion
        self.by_text: dict[str, Site] = {site.key: site for site in sites}
        self._trie: dict | None = None
        # Filled by order(): what each site waits for (by id).
        self.edges: dict[int, list[Site]] = {}

    def _subtree(self, prefix: Path) -> list[Site]:
        """Every site whose canonical path starts with ``prefix`` (a trie walk:
        the cost is the length of the prefix plus what it finds)."""
        if self._trie is None:
            self._trie = {}
            for site in self.sites:
                node = self._trie
                for segment in site.canonical:
                    node = node.setdefault(dotted((segment,)), {})
                node.setdefault(None, []).append(site)
        node = self._trie
        for segment in prefix:
            node = node.get(dotted((segment,)))
            if node is None:
                return []
        found: list[Site] = []
        stack = [node]
        while stack:
            current = stack.pop()
            for key, child in current.items():
                if key is None:
                    found.extend(child)
                else:
                    stack.append(child)
        return found

    def under(self, path: Path) -> list[Site]:
        """Every site at or below ``path`` (as written, or canonical)."""
        base = canonical(self.tree, path)
        return self._subtree(base if base is not None else tuple(path))

    def site_at(self, path: Path) -> Site | None:
        """The site a dependency on ``path`` waits for (the three rules above)."""
        text = dotted(path)
        site = self.by_text.get(text)
        if site is not None:
            return site
        found = canonical(self.tree, path)
        if found is not None:
            return self.by_text.get(dotted(found))
        for length in range(len(path) - 1, 0, -1):
            ancestor = path[:length]
            site = self.by_text.get(dotted(ancestor))
            if site is not None:
                return site
            found = canonical(self.tree, ancestor)
            if found is not None:
                return self.by_text.get(dotted(found))
        return None

    def dependencies(self, site: Site) -> list[Site]:
        auto = references(site.node)
        if type(site.operator).dependencies is Operator.dependencies:
            paths = auto  # the default: the references, no context needed
        else:
            ctx = Context(self.tree, site.location, site.canonical, self.state)
            paths = site.operator.dependencies(ctx, site.node, auto)
        found = []
        for path in paths:
            if isinstance(path, Under):
                found.extend(self.under(path))
                continue
            target = self.site_at(tuple(path))
            if target is not None:
                found.append(target)
        return found

    def order(self) -> list[Site]:
        """The sites in the order they run: in waves of those whose dependencies have
        all run, each wave sorted by path (or by insertion order); ``MergeFailed``
        on a cycle."""
        sites = self.sites
        position = {id(site): i for i, site in enumerate(sites)}
        edges: dict[int, list[Site]] = {}
        waits_for: list[list[int]] = []
        for site in sites:
            deps = self.dependencies(site)
            edges[id(site)] = deps
            waits_for.append([position[id(dep)] for dep in deps])
        self.edges = edges  # for the parallel executor
        tie = (lambda s: s.order) if self.insertion else (lambda s: s.key)
        ordered: list[Site] = []
        for wave in waves(waits_for):
            ordered.extend(sorted((sites[i] for i in wave), key=tie))
        if len(ordered) < len(sites):
            raise MergeFailed(
                "cycle detected in operator data-flow graph: "
                + self._cycle(edges, {id(s) for s in ordered})
            )
        return ordered

    def _cycle(self, edges: dict[int, list[Site]], done: set[int]) -> str:
        """One cycle among the sites left, as ``$.a -> $.b -> $.a``."""
        start = next(s for s in sorted(self.sites, key=lambda s: s.key) if id(s) not in done)
        loop = loop_from(start, lambda s: next(d for d in edges[id(s)] if id(d) not in done))
        from graft import locations

        return " -> ".join(s.display for s in loop) + "".join(
            locations.at(s.text) for s in loop[:-1]
        )
