"""The dependency analysis of the parallel executor, shown rather than run
(``graft plan``; docs/parallel-execution.md, "Seeing the plan").

For each phase: every operator with its ``$.path``, where it was written and
what it waits for; the waves (groups whose members wait only on earlier
waves, so could run together); which operators the strategy would hand to
the pool; the longest chain of dependencies; the cycles, if any; and, for the
operators that wait on I/O, an estimate of the time a sequential and a
parallel run would spend waiting. Nothing is evaluated and no back end is
contacted: what an operator waits on is known from its name.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from graft import locations
from graft.errors import ErrorList
from graft.evaluate.plan import Plan
from graft.evaluate.scan import Scanner, Site
from graft.evaluate.schedule import loop_from, waves
from graft.evaluate.strategy import STRATEGIES, call_names, operator_label
from graft.operators import registry
from graft.operators.base import PHASES
from graft.state import RunState

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

    from graft.config import Settings


class Step:
    """One operator of the plan."""

    __slots__ = ("expression", "io", "location", "needs", "operator", "path", "pool", "wave")

    def __init__(self, site: Site, io: bool, pool: bool) -> None:
        self.path = site.display
        self.location = locations.place(site.text)
        self.expression = site.text
        self.operator = operator_label(site.node)
        self.needs: list[str] = []  # the paths of the operators it waits for
        self.wave = 0  # 1 for the first wave; 0 for an operator that waits on a cycle
        self.io = io  # waits on Vault, AWS, NATS, a file or a URL
        self.pool = pool  # the strategy would hand it to the pool

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


class Estimate:
    """Time spent waiting on I/O, each such operator taken as one round trip."""

    def __init__(self, io: int, sequential: float, parallel: float) -> None:
        self.io = io
        self.sequential = sequential
        self.parallel = parallel

    @property
    def speedup(self) -> float:
        return self.sequential / self.parallel if self.parallel > 0 else 1.0


class PhaseView:
    """The plan of one phase."""

    def __init__(self, phase: str) -> None:
        self.phase = phase
        self.steps: list[Step] = []
        self.waves: list[list[str]] = []
        self.chain: list[str] = []
        self.cycles: list[list[str]] = []
        self.estimate = Estimate(0, 0.0, 0.0)


class PlanView:
    """The plan of a run: its phases and the settings it was made with."""

    def __init__(self, settings: Settings, workers: int, latency: float) -> None:
        self.strategy = settings.strategy
        self.parallel = settings.parallel
        self.min_ops = settings.min_ops
        self.workers = workers
        self.latency = latency
        self.phases: list[PhaseView] = []

    @property
    def cycles(self) -> list[list[str]]:
        return [cycle for view in self.phases for cycle in view.cycles]


def explain(
    tree: Any,
    settings: Settings,
    *,
    workers: int,
    latency: float,
    picks: Sequence[Sequence[str]] | None = None,
    insertion: bool = False,
) -> PlanView:
    """The plan of every phase of ``tree`` (merged, not evaluated): of the
    operators under ``picks`` and what they need, when given (``--cherry-pick``).
    Syntax errors are raised as ``graft merge`` raises them."""
    view = PlanView(settings, workers, latency)
    strategy = STRATEGIES[settings.strategy](registry())
    for phase in PHASES:
        scanner = Scanner(phase)
        sites = scanner.scan(tree)
        if scanner.errors:
            raise ErrorList(scanner.errors)
        if sites and picks:
            from graft.evaluate import picked_sites

            sites = picked_sites(tree, sites, Plan(tree, sites, insertion), picks)
        if sites:
            plan = Plan(tree, sites, insertion, RunState())
            view.phases.append(_phase(plan, phase, strategy, workers, latency))
    return view


def _phase(plan: Plan, phase: str, strategy: Any, workers: int, latency: float) -> PhaseView:
    view = PhaseView(phase)
    sites = plan.sites
    index = {id(site): i for i, site in enumerate(sites)}
    needs = [sorted({index[id(d)] for d in plan.dependencies(site)}) for site in sites]
    for site, deps in zip(sites, needs, strict=True):
        names = call_names(site.node)
        io = strategy.waits(names)
        step = Step(site, io, io and strategy.allowed(names))
        step.needs = [sites[d].display for d in deps]
        view.steps.append(step)
    levels = _levels(needs)
    tie = (lambda i: sites[i].order) if plan.insertion else (lambda i: sites[i].key)
    by_key = sorted(range(len(sites)), key=tie)
    for i, level in enumerate(levels):
        view.steps[i].wave = level
    for wave in range(1, max(levels, default=0) + 1):
        view.waves.append([sites[i].display for i in by_key if levels[i] == wave])
    view.chain = [sites[i].display for i in _longest_chain(needs, levels, by_key)]
    view.cycles = [[sites[i].display for i in cycle] for cycle in _cycles(needs, levels, by_key)]
    view.estimate = _estimate(view.steps, needs, levels, workers, latency)
    return view


def _levels(needs: list[list[int]]) -> list[int]:
    """The wave of each operator, from 1; 0 for those a cycle blocks."""
    levels = [0] * len(needs)
    for number, wave in enumerate(waves(needs), 1):
        for i in wave:
            levels[i] = number
    return levels


def _longest_chain(needs: list[list[int]], levels: list[int], order: list[int]) -> list[int]:
    """The longest run of operators each waiting on the one before, first to run first."""
    if not any(levels):
        return []
    deepest = max(levels)
    current = next(i for i in order if levels[i] == deepest)
    chain = [current]
    while levels[current] > 1:
        current = next(d for d in needs[current] if levels[d] == levels[current] - 1)
        chain.append(current)
    return chain[::-1]


def _cycles(needs: list[list[int]], levels: list[int], order: list[int]) -> list[list[int]]:
    """One loop for each group of operators that wait on each other, as
    ``[a, b, a]``; operators that only wait on a loop are in none."""
    left = {i for i in order if levels[i] == 0}
    cycles: list[list[int]] = []
    reported: set[int] = set()
    for start in order:
        if start not in left or start in reported:
            continue
        loop = loop_from(start, lambda i: next(d for d in needs[i] if d in left))
        if not reported.intersection(loop):  # a walk may lead into a loop already seen
            cycles.append(loop)
        reported.update(loop)
    return cycles


def _estimate(
    steps: list[Step], needs: list[list[int]], levels: list[int], workers: int, latency: float
) -> Estimate:
    """Time waiting on I/O: one round trip of ``latency`` per operator that waits,
    nothing for the others. Sequentially, the sum; in parallel, a simulation of
    ``workers`` threads taking the pooled operators as soon as what they wait for
    is done, the others run one at a time by the coordinating thread."""
    live = [i for i in range(len(steps)) if levels[i] > 0]
    cost = [latency if step.io else 0.0 for step in steps]
    io = sum(1 for i in live if steps[i].io)
    sequential = sum(cost[i] for i in live)
    waiting = {i: len(needs[i]) for i in live}
    dependents: dict[int, list[int]] = {i: [] for i in live}
    for i in live:
        for d in needs[i]:
            dependents[d].append(i)
    pooled: list[int] = []
    inline: list[int] = []
    for i in live:
        if waiting[i] == 0:
            (pooled if steps[i].pool else inline).append(i)
    events: list[tuple[float, int, int, bool]] = []  # (end, order, operator, pooled)
    free, coordinator_busy, now, count = workers, False, 0.0, 0
    while True:
        pooled.sort(reverse=True)
        inline.sort(reverse=True)
        while pooled and free > 0:
            i = pooled.pop()
            free -= 1
            count += 1
            heapq.heappush(events, (now + cost[i], count, i, True))
        if inline and not coordinator_busy:
            i = inline.pop()
            coordinator_busy = True
            count += 1
            heapq.heappush(events, (now + cost[i], count, i, False))
        if not events:
            break
        now, _, i, was_pooled = heapq.heappop(events)
        if was_pooled:
            free += 1
        else:
            coordinator_busy = False
        for j in dependents[i]:
            waiting[j] -= 1
            if waiting[j] == 0:
                (pooled if steps[j].pool else inline).append(j)
    return Estimate(io, sequential, now)
