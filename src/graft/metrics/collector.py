"""What the executors measure: operations, durations, queue waits, concurrency and
the speedup of each phase. Thread-safe; one process-wide collector
(``graft.get_parallel_metrics()``) that every run adds to.

Definitions (docs/parallel-execution.md):

* an operation's *duration* is the time its operator ran; its *queue wait* is
  the time from the moment every site it depends on was done to its start;
* *speedup* is the sum of the durations of all operations divided by the wall
  time of the phases that ran them (sequential runs are about 1.0, never more);
* *parallel ratio* and *failure rate* are percentages of all operations.
"""

from __future__ import annotations

import math
import threading

from graft.gofmt import format_duration

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

QUANTILES = (0.5, 0.95, 0.99)
MAX_SAMPLES = 200_000  # per series; beyond this, a reservoir keeps a fair sample


def quantile(ordered: list[float], q: float) -> float:
    """The q-quantile of sorted samples (nearest rank); 0 when there are none."""
    if not ordered:
        return 0.0
    rank = max(1, math.ceil(q * len(ordered)))
    return ordered[rank - 1]


class _Samples:
    """Bounded samples: every value while there is room, then a reservoir."""

    __slots__ = ("_seed", "count", "total", "values")

    def __init__(self) -> None:
        self.values: list[float] = []
        self.count = 0
        self.total = 0.0
        self._seed = 0x2545F491

    def add(self, value: float) -> None:
        self.count += 1
        self.total += value
        if len(self.values) < MAX_SAMPLES:
            self.values.append(value)
            return
        self._seed = (self._seed * 1103515245 + 12345) & 0x7FFFFFFF  # no global random
        slot = self._seed % self.count
        if slot < MAX_SAMPLES:
            self.values[slot] = value

    def quantiles(self) -> dict[float, float]:
        ordered = sorted(self.values)
        return {q: quantile(ordered, q) for q in QUANTILES}


class MetricsSnapshot:
    """The state of the collector at one moment (plain numbers)."""

    def __init__(self, **values: Any) -> None:
        self.ops_total: int = values["ops_total"]
        self.ops_parallel: int = values["ops_parallel"]
        self.ops_sequential: int = values["ops_sequential"]
        self.ops_failed: int = values["ops_failed"]
        self.duration_total: float = values["duration_total"]  # wall time of the phases
        self.duration_parallel: float = values["duration_parallel"]  # summed op durations
        self.duration_sequential: float = values["duration_sequential"]
        self.concurrency_current: int = values["concurrency_current"]
        self.concurrency_max: int = values["concurrency_max"]
        self.speedup: float = values["speedup"]
        self.parallel_ratio: float = values["parallel_ratio"]  # percent
        self.failure_rate: float = values["failure_rate"]  # percent
        self.duration_quantiles: dict[float, float] = values["duration_quantiles"]
        self.duration_sum: float = values["duration_sum"]
        self.queue_wait_quantiles: dict[float, float] = values["queue_wait_quantiles"]
        self.queue_wait_sum: float = values["queue_wait_sum"]
        self.operators: dict[str, tuple[int, float]] = values["operators"]  # name -> count, sum
        self.phases: int = values["phases"]

    def __getitem__(self, name: str) -> Any:
        return getattr(self, name)

    def to_json(self) -> dict[str, Any]:
        """The shape of ``/metrics/json`` (docs/parallel-execution.md, "Metrics")."""

        def percentiles(values: dict[float, float]) -> dict[str, float]:
            return {f"p{round(q * 100)}": values[q] for q in QUANTILES}

        return {
            "operations": {
                "total": self.ops_total,
                "parallel": self.ops_parallel,
                "sequential": self.ops_sequential,
                "failed": self.ops_failed,
            },
            "duration": {
                "total": format_duration(self.duration_total),
                "parallel": format_duration(self.duration_parallel),
                "sequential": format_duration(self.duration_sequential),
            },
            "concurrency": {"current": self.concurrency_current, "max": self.concurrency_max},
            "performance": {
                "speedup": round(self.speedup, 3),
                "parallel_ratio": round(self.parallel_ratio, 3),
                "failure_rate": round(self.failure_rate, 3),
            },
            "percentiles": {
                "operation_duration": percentiles(self.duration_quantiles),
                "queue_wait": percentiles(self.queue_wait_quantiles),
            },
            "operators": {
                name: {"count": count, "seconds": round(total, 6)}
                for name, (count, total) in sorted(self.operators.items())
            },
        }


class ParallelMetrics:
    """Counters, samples and gauges of the executors."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self._parallel = 0
            self._sequential = 0
            self._failed = 0
            self._busy_parallel = 0.0
            self._busy_sequential = 0.0
            self._wall = 0.0
            self._current = 0
            self._max = 0
            self._phases = 0
            self._durations = _Samples()
            self._waits = _Samples()
            self._operators: dict[str, list[float]] = {}

    def record(
        self, operator: str, duration: float, wait: float, *, parallel: bool, failed: bool
    ) -> None:
        """One operation that ran (in the pool when ``parallel``)."""
        with self._lock:
            if parallel:
                self._parallel += 1
                self._busy_parallel += duration
            else:
                self._sequential += 1
                self._busy_sequential += duration
            if failed:
                self._failed += 1
            self._durations.add(duration)
            self._waits.add(wait)
            entry = self._operators.get(operator)
            if entry is None:
                self._operators[operator] = [1, duration]
            else:
                entry[0] += 1
                entry[1] += duration

    def started(self) -> None:
        """An operation started in the pool."""
        with self._lock:
            self._current += 1
            self._max = max(self._max, self._current)

    def finished(self) -> None:
        with self._lock:
            self._current -= 1

    def phase(self, wall: float) -> None:
        """A phase ended after ``wall`` seconds."""
        with self._lock:
            self._wall += wall
            self._phases += 1

    def get_snapshot(self) -> MetricsSnapshot:
        with self._lock:
            total = self._parallel + self._sequential
            busy = self._busy_parallel + self._busy_sequential
            return MetricsSnapshot(
                ops_total=total,
                ops_parallel=self._parallel,
                ops_sequential=self._sequential,
                ops_failed=self._failed,
                duration_total=self._wall,
                duration_parallel=self._busy_parallel,
                duration_sequential=self._busy_sequential,
                concurrency_current=self._current,
                concurrency_max=self._max,
                speedup=busy / self._wall if self._wall > 0 else 0.0,
                parallel_ratio=100.0 * self._parallel / total if total else 0.0,
                failure_rate=100.0 * self._failed / total if total else 0.0,
                duration_quantiles=self._durations.quantiles(),
                duration_sum=self._durations.total,
                queue_wait_quantiles=self._waits.quantiles(),
                queue_wait_sum=self._waits.total,
                operators={k: (int(v[0]), v[1]) for k, v in self._operators.items()},
                phases=self._phases,
            )


METRICS = ParallelMetrics()
