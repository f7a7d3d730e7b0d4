"""The metrics of a CLI run: the server while it lasts, then the final numbers
to a file (``GRAFT_METRICS_FILE``) and to a Pushgateway
(``GRAFT_METRICS_PUSHGATEWAY``), the usual way for batch jobs that end before
anyone scrapes them."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from graft import log
from graft.config import Settings
from graft.errors import GraftError
from graft.extras import installed, require
from graft.metrics.collector import METRICS, ParallelMetrics
from graft.metrics.server import MetricsServer, MetricsServerError


def write_file(metrics: ParallelMetrics, path: str) -> None:
    """JSON when the name ends in ``.json``, else the Prometheus text (a ``.prom``
    file suits node_exporter's textfile collector)."""
    if path.endswith(".json"):
        data = (
            json.dumps(metrics.get_snapshot().to_json(), indent=2, ensure_ascii=False) + "\n"
        ).encode()
    else:
        require("prometheus_client", "a .prom metrics file")
        from graft.metrics.prometheus import exposition

        data = exposition(metrics)
    try:
        with open(path, "wb") as handle:
            handle.write(data)
    except OSError as error:
        raise GraftError(f"{path}: cannot write the metrics: {error.strerror or error}") from None


def push(metrics: ParallelMetrics, gateway: str, job: str = "graft") -> None:
    """Replace the job's metrics on a Pushgateway (``PUT /metrics/job/<job>``)."""
    require("prometheus_client", "GRAFT_METRICS_PUSHGATEWAY")
    from prometheus_client import push_to_gateway

    from graft.metrics.prometheus import registry

    try:
        push_to_gateway(gateway, job=job, registry=registry(metrics), timeout=10)
    except Exception as error:  # urllib's errors: reported, never a traceback
        raise GraftError(f"cannot push the metrics to {gateway}: {error}") from None


@contextmanager
def metrics_run(settings: Settings, warn: Callable[[str], None]) -> Iterator[ParallelMetrics]:
    """Serve the metrics while the body runs; then write and push them. A server
    that cannot start (a taken port), a failed write or push is reported as a
    warning: the metrics never break the merge."""
    server: MetricsServer | None = MetricsServer(
        METRICS, settings.metrics_port, settings.metrics_host or "127.0.0.1"
    )
    try:
        server.start()
    except MetricsServerError as error:
        warn(error.message)
        server = None
    else:
        log.debug(f"metrics served at {server.url}/metrics")
        if not installed("prometheus_client"):
            from graft.extras import advice

            warn(advice("prometheus_client", "/metrics (the Prometheus text)"))
    try:
        yield METRICS
    finally:
        if server is not None:
            server.stop()
        if settings.metrics_file:
            try:
                write_file(METRICS, settings.metrics_file)
            except GraftError as error:
                warn(error.message)
        if settings.pushgateway:
            try:
                push(METRICS, settings.pushgateway, settings.metrics_job or "graft")
            except GraftError as error:
                warn(error.message)
