"""The parallel executor: the same plan, the same writes, operators that wait run
ahead of their turn in a thread pool (docs/parallel-execution.md).

The coordinating thread runs the sequential executor's loop (``run.run``) over
the plan's order and is the only one that writes the tree, so results land in the
same order and the output cannot depend on timing. What changes is *when* an
operator that waits on I/O runs: as soon as every site it depends on has been
written, it is handed to the pool, and by the time the walk reaches it its
result is usually there. Pure operators run inline at their turn (the GIL
would make a pool slower for them).

With ``GRAFT_BATCH``, the fetches of sites that become ready together are
grouped per back end first (one read per Vault secret path, one
``GetParameters`` call per ten SSM names); the sites then find their values in
the run's cache.
"""

from __future__ import annotations

import time

from graft import log
from graft.config import Settings
from graft.evaluate.context import Context
from graft.evaluate.plan import Plan
from graft.evaluate.pool import Pool, Task
from graft.evaluate.run import Ahead, Observer, Outcome, call, run, unexpected
from graft.evaluate.scan import Site
from graft.evaluate.schedule import Scheduler
from graft.evaluate.strategy import STRATEGIES, operator_label
from graft.gofmt import format_duration
from graft.metrics.collector import ParallelMetrics
from graft.operators import registry
from graft.operators.base import OpError

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

    from graft.state import RunState

# Statistics of the last parallel phase (graft.parallel_execution_stats()).
LAST_STATS: dict[str, Any] = {}


def _timed(site: Site, ctx: Context) -> tuple[Any, OpError | None, float, float]:
    """Run one site: (result, error, start, duration)."""
    start = time.perf_counter()
    result, error = call(site, ctx)
    return result, error, start, time.perf_counter() - start


def _pooled_call(
    site: Site, ctx: Context, metrics: ParallelMetrics | None, batch: list[Task]
) -> tuple[Any, OpError | None, float, float]:
    for fetch in batch:
        fetch.result()  # the grouped fetch this site reads from (errors: the site reports)
    if metrics is None:
        return _timed(site, ctx)
    metrics.started()
    try:
        return _timed(site, ctx)
    finally:
        metrics.finished()


def execute(
    tree: Any,
    plan: Plan,
    sites: list[Site],
    state: RunState,
    settings: Settings,
    metrics: ParallelMetrics | None,
    waits: bool = True,
) -> Outcome:
    """Run one planned phase, in parallel when the settings ask for it. With
    ``waits`` False no site waits on I/O, so none is looked at for the pool."""
    count = len(sites)
    observer = _Metrics(metrics) if metrics is not None else None
    if not settings.parallel:
        log.debug(f"Parallel execution disabled: running {count} operation(s) sequentially")
        return run(tree, sites, state, observer=observer)
    if count < settings.min_ops:
        log.debug(
            "Parallel execution disabled or too few operations "
            f"({count} operation(s), minimum {settings.min_ops})"
        )
        return run(tree, sites, state, observer=observer)
    strategy = STRATEGIES[settings.strategy](registry())
    parallel = sum(strategy.pooled(site.node) for site in sites) if waits else 0
    log.debug(f"Running {count} operations: {parallel} in parallel, {count - parallel} sequential")
    if parallel == 0:
        return run(tree, sites, state, observer=observer)
    pooled = _Pooled(tree, plan, sites, state, settings, metrics, strategy)
    watcher = _Watcher(pooled, metrics, strategy, settings.workers)
    try:
        pooled.start()
        return run(tree, sites, state, ahead=pooled, observer=watcher)
    finally:
        pooled.pool.shutdown(wait=False)


class _Metrics(Observer):
    """Records each site and the phase in the metrics collector."""

    def __init__(self, metrics: ParallelMetrics) -> None:
        self.metrics = metrics

    def ran(
        self, position: int, site: Site, start: float, duration: float, ahead: bool, failed: bool
    ) -> None:
        self.metrics.record(operator_label(site.node), duration, 0.0, parallel=False, failed=failed)

    def finished(self, wall: float) -> None:
        self.metrics.phase(wall)


class _Watcher(Observer):
    """The parallel phase's observer: the adaptive strategy learns from each site;
    metrics (if on) record each site's queue wait; the phase's figures go to
    ``LAST_STATS`` (``graft.parallel_execution_stats()``)."""

    def __init__(
        self, pooled: _Pooled, metrics: ParallelMetrics | None, strategy: Any, workers: int
    ) -> None:
        self.pooled, self.metrics, self.strategy, self.workers = pooled, metrics, strategy, workers
        self.busy = 0.0
        self.in_pool = 0
        self.count = 0

    def ran(
        self, position: int, site: Site, start: float, duration: float, ahead: bool, failed: bool
    ) -> None:
        self.busy += duration
        self.in_pool += ahead
        self.count += 1
        self.strategy.observe(site.node, duration)
        if self.metrics is not None:
            ready = self.pooled.ready_at[position] or self.pooled.started
            self.metrics.record(
                operator_label(site.node),
                duration,
                max(0.0, start - ready),
                parallel=ahead,
                failed=failed,
            )

    def finished(self, wall: float) -> None:
        if self.metrics is not None:
            self.metrics.phase(wall)
        speedup = self.busy / wall if wall > 0 else 0.0
        LAST_STATS.clear()
        LAST_STATS.update(
            operations=self.count,
            parallel=self.in_pool,
            sequential=self.count - self.in_pool,
            wall_seconds=wall,
            busy_seconds=self.busy,
            speedup=speedup,
            strategy=self.strategy.name,
            workers=self.workers,
        )
        log.debug(
            f"Parallel execution completed in {format_duration(round(wall, 3))} "
            f"({speedup:.1f}x speedup)"
        )


class _Pooled(Ahead):
    """Hands the sites the strategy picks to the pool as soon as everything they
    wait for is written (the scheduler knows when), and gives their results back
    at their turn."""

    def __init__(
        self,
        tree: Any,
        plan: Plan,
        sites: list[Site],
        state: RunState,
        settings: Settings,
        metrics: ParallelMetrics | None,
        strategy: Any,
    ) -> None:
        self.tree, self.sites, self.state = tree, sites, state
        self.metrics, self.strategy = metrics, strategy
        position = {id(site): i for i, site in enumerate(sites)}
        self.scheduler = Scheduler([[position[id(d)] for d in plan.edges[id(s)]] for s in sites])
        self._wait_for_earlier_reads(plan, position)
        self.ready_at = [0.0] * len(sites)
        self.started = 0.0
        self.futures: dict[int, Task] = {}
        self.pool = Pool(settings.workers)
        self.batcher = None
        if settings.batch:
            from graft.evaluate.batch import Batcher

            self.batcher = Batcher(self.pool, state)

    def _wait_for_earlier_reads(self, plan: Plan, position: dict[int, int]) -> None:
        """graft's dependencies leave some reads out (the right side of ``A || B``
        when A is a literal, the operators inside a referenced map). In the
        sequential order every site before a reader has been written when it runs;
        a pooled reader must not run sooner, or it could read an operator's text
        that the sequential run would have evaluated. So a site also waits for each
        earlier site at or under any path it references (never a later one: the
        order, and so the output, stays the sequential run's)."""
        from graft.expr.ast import Ref, children
        from graft.expr.refs import expand_env

        for i, site in enumerate(self.sites):
            known = {position[id(d)] for d in plan.edges[id(site)]}
            stack = [site.node]
            while stack:
                node = stack.pop()
                if type(node) is Ref:
                    path = expand_env(node.segments) if node.dynamic else node.segments
                    found = plan.under(path)
                    at = plan.site_at(tuple(path))
                    if at is not None:
                        found = [*found, at]
                    for other in found:
                        j = position.get(id(other))
                        if j is not None and j < i and j not in known:
                            known.add(j)
                            self.scheduler.add_wait(i, j)
                else:
                    stack.extend(children(node))

    def start(self) -> None:
        self.started = time.perf_counter()
        self.scheduler.prepare()
        self._submit(self.scheduler.get_ready())

    def take(self, position: int) -> tuple[Any, OpError | None, float, float] | None:
        future = self.futures.pop(position, None)
        if future is None:
            return None
        try:
            return future.result()
        except Exception as failure:  # the pool's bound, or a cancelled task
            return None, unexpected(failure), time.perf_counter(), 0.0

    def written(self, position: int) -> None:
        self.scheduler.done(position)
        ready = self.scheduler.get_ready()
        if ready:
            if self.metrics is not None:
                now = time.perf_counter()
                for j in ready:
                    self.ready_at[j] = now
            self._submit(ready)

    def _submit(self, positions: list[int]) -> None:
        """Hand the sites at ``positions`` (ready now) to the pool, if they go there."""
        chosen = [i for i in positions if self.strategy.pooled(self.sites[i].node)]
        if not chosen:
            return
        contexts = {}
        for i in chosen:
            site = self.sites[i]
            contexts[i] = Context(self.tree, site.location, site.canonical, self.state)
        fetches: dict[int, list[Task]] = {}
        if self.batcher is not None:
            fetches = self.batcher.fetch([(i, self.sites[i], contexts[i]) for i in chosen])
        for i in chosen:
            self.futures[i] = self.pool.submit(
                _pooled_call, self.sites[i], contexts[i], self.metrics, fetches.get(i, [])
            )


__all__ = ["LAST_STATS", "execute"]
