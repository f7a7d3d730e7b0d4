"""The collector's numbers in the Prometheus text format, through
``prometheus_client`` (imported here only: 47 ms, so only with metrics on).

``prometheus_client``'s own ``Summary`` has no quantiles, so a custom collector
yields the summaries with their ``quantile`` samples, ``_sum`` and ``_count``.
"""

from __future__ import annotations

from collections.abc import Iterator

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric

from graft.metrics.collector import QUANTILES, MetricsSnapshot, ParallelMetrics

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def _summary(
    name: str, text: str, quantiles: dict[float, float], total: float, count: int
) -> Metric:
    metric = Metric(name, text, "summary")
    for q in QUANTILES:
        metric.add_sample(name, {"quantile": str(q)}, quantiles[q])
    metric.add_sample(name + "_sum", {}, total)
    metric.add_sample(name + "_count", {}, count)
    return metric


def families(snapshot: MetricsSnapshot) -> Iterator[Metric]:
    """The metric families of one snapshot (names of docs/parallel-execution.md)."""
    operations = CounterMetricFamily(
        "graft_operations", "Operator sites run, by how they ran", labels=["type"]
    )
    operations.add_metric(["parallel"], snapshot.ops_parallel)
    operations.add_metric(["sequential"], snapshot.ops_sequential)
    operations.add_metric(["failed"], snapshot.ops_failed)
    yield operations
    yield _summary(
        "graft_operation_duration_seconds",
        "Time operators ran",
        snapshot.duration_quantiles,
        snapshot.duration_sum,
        snapshot.ops_total,
    )
    yield _summary(
        "graft_queue_wait_seconds",
        "Time from a site being ready (its dependencies done) to its start",
        snapshot.queue_wait_quantiles,
        snapshot.queue_wait_sum,
        snapshot.ops_total,
    )
    concurrency = GaugeMetricFamily(
        "graft_concurrency", "Operators running in the pool", labels=["type"]
    )
    concurrency.add_metric(["current"], snapshot.concurrency_current)
    concurrency.add_metric(["max"], snapshot.concurrency_max)
    yield concurrency
    yield GaugeMetricFamily(
        "graft_speedup",
        "Sum of operator durations divided by the wall time of the phases",
        value=snapshot.speedup,
    )
    yield GaugeMetricFamily(
        "graft_parallel_ratio",
        "Percentage of operator sites run in the pool",
        value=snapshot.parallel_ratio,
    )
    per_operator = Metric(
        "graft_operator_duration_seconds", "Time each operator ran, by operator", "summary"
    )
    for name, (count, total) in sorted(snapshot.operators.items()):
        per_operator.add_sample("graft_operator_duration_seconds_sum", {"operator": name}, total)
        per_operator.add_sample("graft_operator_duration_seconds_count", {"operator": name}, count)
    yield per_operator


class _Collector:
    def __init__(self, metrics: ParallelMetrics) -> None:
        self.metrics = metrics

    def collect(self) -> Iterator[Metric]:
        return families(self.metrics.get_snapshot())


def registry(metrics: ParallelMetrics) -> Any:
    """A registry holding only graft's metrics (no process or platform metrics)."""
    reg = CollectorRegistry(auto_describe=False)
    reg.register(_Collector(metrics))
    return reg


def exposition(metrics: ParallelMetrics) -> bytes:
    """The Prometheus text of the collector now."""
    return generate_latest(registry(metrics))
