"""Evaluating the operators of a merged tree, phase by phase (docs/operators.md#phases-and-order).

Each phase (merge: ``inject``; param: ``param``; eval: everything else) is
scanned, planned and run. Syntax errors stop everything; the errors of a
phase are reported together and the later phases do not run.
"""

from __future__ import annotations

from collections.abc import Sequence

from graft import config, log
from graft.config import Settings
from graft.errors import ErrorList, GraftError
from graft.evaluate.plan import Plan
from graft.evaluate.run import Outcome, run
from graft.evaluate.scan import Scanner, Site
from graft.operators.base import EVAL, MERGE, PHASES, Path
from graft.state import RunState
from graft.tree import path_text

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


class Evaluation:
    """One evaluation of a tree, in place: what it is asked to do and what it found.

    ``state`` is what the operators of the run share (a fresh ``RunState`` by
    default); ``settings`` the parallel execution and metrics settings (by
    default, the environment's); ``picks`` the ``--cherry-pick`` paths, whose
    operators (and what they need) are the only ones run; ``insertion`` the
    ``--dataflow-order``. ``early`` False says the documents' text names no
    operator of the merge or param phase, ``waits`` False that it names none that
    waits on I/O (the parallel executor then has nothing to do): both only skip
    work. ``pruned`` and ``containers_written`` are filled as phases run.
    """

    def __init__(
        self,
        tree: Any,
        *,
        state: RunState | None = None,
        settings: Settings | None = None,
        picks: Sequence[Sequence[str]] | None = None,
        insertion: bool = False,
        early: bool = True,
        waits: bool = True,
    ) -> None:
        self.tree = tree
        self.state = state if state is not None else RunState()
        self.settings = settings if settings is not None else config.current()
        self.picks = picks
        self.insertion = insertion
        self.early = early
        self.waits = waits
        self.pruned: list[Path] = []
        self.containers_written = False
        self.warnings: list[str] = []  # typo hints (D21), with locations on

    def run(self) -> Evaluation:
        """Run every phase; raise the errors of the first phase that has any."""
        # Without a call of the merge or param phase (``early`` False), only eval runs.
        phases_seen = set(PHASES) if self.early else {EVAL}
        for phase in PHASES:
            if phase not in phases_seen:
                continue  # no call of this phase in the text, or met by the merge walk
            try:
                seen = self.run_phase(phase)
            except GraftError as error:
                error.warnings = [*self.warnings, *error.warnings]
                raise
            if phase == MERGE:
                phases_seen = seen | {EVAL}
        return self

    def run_phase(self, phase: str) -> set[str]:
        """Scan, plan and run one phase; raise its errors. Returns the phases of the
        calls the scan met."""
        tree = self.tree
        scanner = Scanner(phase, hints=phase == EVAL)
        sites = scanner.scan(tree)
        self.warnings.extend(scanner.hints or ())
        if scanner.errors:
            raise ErrorList(scanner.errors)
        if not sites:
            return scanner.phases_seen
        plan = Plan(tree, sites, self.insertion, self.state)
        if self.picks:
            plan = Plan(
                tree, picked_sites(tree, sites, plan, self.picks), self.insertion, self.state
            )
        outcome = self._execute(plan)
        self.pruned.extend(outcome.pruned)
        self.containers_written |= outcome.containers_written
        if outcome.errors:
            if phase != EVAL:
                _raise_syntax_errors(tree)
            raise ErrorList(outcome.errors)
        return scanner.phases_seen

    def _execute(self, plan: Plan) -> Outcome:
        """Run a planned phase: sequentially, or with the parallel executor (loaded
        only when parallel execution or metrics are asked for)."""
        sites = plan.order()
        settings = self.settings
        if not (settings.parallel or settings.metrics):
            log.debug(
                f"Parallel execution disabled: running {len(sites)} operation(s) sequentially"
            )
            return run(self.tree, sites, self.state)  # (parallel.py says the same with metrics)
        from graft.evaluate.parallel import execute
        from graft.metrics.collector import METRICS

        metrics = METRICS if settings.metrics else None
        return execute(self.tree, plan, sites, self.state, settings, metrics, self.waits)


def _under(path: Sequence[Any], pick: Sequence[str]) -> bool:
    return len(path) >= len(pick) and all(str(a) == b for a, b in zip(path, pick, strict=False))


def picked_sites(
    tree: Any, sites: list[Site], plan: Plan, picks: Sequence[Sequence[str]]
) -> list[Site]:
    """The sites under a picked path, and what they need.

    A pick matches a site by its canonical (index) path or by its location (with
    element names): graft matches only the first, so ``--cherry-pick jobs.web``
    left the operators inside ``web`` as text (D19: none is left so). What a site
    needs is its dependencies and every site under a path it references: the value
    it grabs must be evaluated even where nothing else of it is picked."""
    from graft.expr.walk import references
    from graft.tree import canonical

    targets = [tuple(pick) for pick in picks]
    targets += [tuple(str(s) for s in found) for pick in picks if (found := canonical(tree, pick))]
    chosen: dict[int, Site] = {}
    stack = [
        site
        for site in sites
        if any(_under(site.canonical, t) or _under(site.location, t) for t in targets)
    ]
    while stack:
        site = stack.pop()
        if id(site) in chosen:
            continue
        chosen[id(site)] = site
        stack.extend(plan.dependencies(site))
        for path in references(site.node):
            stack.extend(plan.under(path))
    return [site for site in sites if id(site) in chosen]


def evaluate(tree: Any, **request: Any) -> Evaluation:
    """Run every phase on ``tree`` in place (``Evaluation``'s keywords)."""
    return Evaluation(tree, **request).run()


def _raise_syntax_errors(tree: Any) -> None:
    """A syntax error anywhere is the only thing reported
    (docs/operators.md#infix-expressions): the expressions are parsed in the
    eval phase, so check them before another phase's errors are reported."""
    scanner = Scanner(EVAL)
    scanner.scan(tree)
    if scanner.errors:
        raise ErrorList(scanner.errors)


# The deepest a written document may nest. The reader (LibYAML) refuses input nested
# deeper than 1,000 levels; operators that place grabbed values inside each other
# can build deeper trees, which the writer handles up to about 3,000 levels.
MAX_DEPTH = 2_000


def check_written(tree: Any) -> None:
    """A tree that operators wrote containers into can be written out: it does not
    contain itself (graft's "self-referencing dataset" error), it nests at most
    ``MAX_DEPTH`` levels, and, each shared part counted as often as it appears,
    it holds at most ``GRAFT_MAX_ITEMS`` values. One walk, each container visited once."""
    from graft.operators.limits import max_items

    limit = max_items()
    sizes: dict[int, int] = {}  # id -> values in the written subtree (when done)
    heights: dict[int, int] = {}  # id -> levels below it (when done)
    on_path: set[int] = set()
    stack: list[tuple[Any, Path, bool]] = [(tree, (), False)]
    while stack:
        node, path, leaving = stack.pop()
        key = id(node)
        children = node.values() if type(node) is dict else node
        if leaving:
            on_path.discard(key)
            size, height = 1, 0
            for child in children:
                if type(child) is dict or type(child) is list:
                    size += sizes[id(child)]
                    height = max(height, heights[id(child)] + 1)
                else:
                    size += 1
            sizes[key], heights[key] = size, height
            if size > limit:
                raise ErrorList(
                    [
                        f"{path_text(path)}: operators made this value expand to more than "
                        f"{limit} values when written (GRAFT_MAX_ITEMS)"
                    ]
                )
            if len(path) + height > MAX_DEPTH:
                raise ErrorList(
                    [
                        f"{path_text(path[:1])}: operators nested values more than "
                        f"{MAX_DEPTH} levels deep"
                    ]
                )
            continue
        if key in on_path:
            raise GraftError("Hit max recursion depth. You seem to have a self-referencing dataset")
        if key in sizes:
            continue  # shared, and already measured
        on_path.add(key)
        stack.append((node, path, True))
        items = node.items() if type(node) is dict else enumerate(node)
        # In reverse, so that the first entry is visited first: a shared value is
        # measured, and reported, at the first (usually shortest) path it has.
        stack.extend(
            reversed(
                [
                    (child, (*path, name), False)
                    for name, child in items
                    if type(child) is dict or type(child) is list
                ]
            )
        )
