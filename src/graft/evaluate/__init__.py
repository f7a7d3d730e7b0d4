"""Evaluating the operators of a merged tree, phase by phase (SPEC §7).

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

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


class Evaluation:
    """The result of evaluating a tree: what to prune afterwards."""

    def __init__(self) -> None:
        self.pruned: list[Path] = []
        self.containers_written = False


def _under(path: Sequence[Any], pick: Sequence[str]) -> bool:
    return len(path) >= len(pick) and all(str(a) == b for a, b in zip(path, pick, strict=False))


def _picked(tree: Any, sites: list[Site], plan: Plan, picks: Sequence[Sequence[str]]) -> list[Site]:
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


def evaluate(
    tree: Any,
    *,
    insertion: bool = False,
    picks: Sequence[Sequence[str]] | None = None,
    session: dict | None = None,
    early: bool = True,
    settings: Settings | None = None,
    waits: bool = True,
) -> Evaluation:
    """Run every phase on ``tree`` in place. ``session`` is the state the operators
    of this run share (``vaultinfo`` puts its recorder there); ``settings`` the
    parallel execution and metrics settings (by default, the environment's).
    ``waits`` False says no operator that waits on I/O can be in the tree (the
    documents' text names none): the parallel executor then has nothing to do."""
    result = Evaluation()
    session = session if session is not None else {}
    settings = settings if settings is not None else config.current()
    # Without a call of the merge or param phase (``early`` False), only eval runs.
    phases_seen = set(PHASES) if early else {EVAL}
    for phase in PHASES:
        if phase not in phases_seen:
            continue  # no call of this phase in the text, or met by the merge walk
        seen = run_phase(tree, phase, insertion, picks, session, settings, result, waits)
        if phase == MERGE:
            phases_seen = seen | {EVAL}
    return result


def run_phase(
    tree: Any,
    phase: str,
    insertion: bool = False,
    picks: Sequence[Sequence[str]] | None = None,
    session: dict | None = None,
    settings: Settings | None = None,
    result: Evaluation | None = None,
    waits: bool = True,
) -> set[str]:
    """Scan, plan and run one phase; raise its errors. Returns the phases of the
    calls the scan met."""
    session = session if session is not None else {}
    settings = settings if settings is not None else config.current()
    result = result if result is not None else Evaluation()
    scanner = Scanner(phase)
    sites = scanner.scan(tree)
    if scanner.errors:
        raise ErrorList(scanner.errors)
    if not sites:
        return scanner.phases_seen
    plan = Plan(tree, sites, insertion, session)
    if picks:
        plan = Plan(tree, _picked(tree, sites, plan, picks), insertion, session)
    outcome = _execute(tree, plan, session, settings, waits)
    result.pruned.extend(outcome.pruned)
    result.containers_written |= outcome.containers_written
    if outcome.errors:
        if phase != EVAL:
            _raise_syntax_errors(tree)
        raise ErrorList(outcome.errors)
    return scanner.phases_seen


def _execute(tree: Any, plan: Plan, session: dict, settings: Settings, waits: bool) -> Outcome:
    """Run a planned phase: sequentially, or with the parallel executor (loaded
    only when parallel execution or metrics are asked for)."""
    sites = plan.order()
    if not (settings.parallel or settings.metrics):
        log.debug(f"Parallel execution disabled: running {len(sites)} operation(s) sequentially")
        return run(tree, sites, session)  # (the parallel module says the same with metrics)
    from graft.evaluate.parallel import execute
    from graft.metrics.collector import METRICS

    metrics = METRICS if settings.metrics else None
    return execute(tree, plan, sites, session, settings, metrics, waits)


def _raise_syntax_errors(tree: Any) -> None:
    """A syntax error anywhere is the only thing reported (SPEC §7.2): the
    expressions are parsed in the eval phase, so check them before another
    phase's errors are reported."""
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
    contain itself (SPEC §1.10 d), it nests at most ``MAX_DEPTH`` levels, and,
    each shared part counted as often as it appears, it holds at most
    ``GRAFT_MAX_ITEMS`` values. One walk, each container visited once."""
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
                        f"{_shown(path)}: operators made this value expand to more than "
                        f"{limit} values when written (GRAFT_MAX_ITEMS)"
                    ]
                )
            if len(path) + height > MAX_DEPTH:
                raise ErrorList(
                    [
                        f"{_shown(path[:1])}: operators nested values more than "
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


def _shown(path: Path) -> str:
    from graft.tree import path_text

    return path_text(path)
