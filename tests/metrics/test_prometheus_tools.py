"""The real Prometheus tools the metrics tests rely on: promtool and a Pushgateway."""

from __future__ import annotations

import subprocess

import pytest

from servers.prometheus import http

# Every metric graft exposes, in the shape prometheus_client writes it.
GRAFT_EXPOSITION = """\
# HELP graft_operations_total Operations executed, by how they ran.
# TYPE graft_operations_total counter
graft_operations_total{type="parallel"} 150.0
graft_operations_total{type="sequential"} 50.0
graft_operations_total{type="failed"} 2.0
# HELP graft_operation_duration_seconds How long operations took.
# TYPE graft_operation_duration_seconds summary
graft_operation_duration_seconds{quantile="0.5"} 0.01
graft_operation_duration_seconds{quantile="0.95"} 0.05
graft_operation_duration_seconds{quantile="0.99"} 0.1
graft_operation_duration_seconds_sum 2.5
graft_operation_duration_seconds_count 200.0
# HELP graft_queue_wait_seconds Time an operation waited between ready and started.
# TYPE graft_queue_wait_seconds summary
graft_queue_wait_seconds{quantile="0.5"} 0.001
graft_queue_wait_seconds{quantile="0.95"} 0.002
graft_queue_wait_seconds{quantile="0.99"} 0.003
graft_queue_wait_seconds_sum 0.2
graft_queue_wait_seconds_count 200.0
# HELP graft_concurrency Operations running at once.
# TYPE graft_concurrency gauge
graft_concurrency{type="current"} 0.0
graft_concurrency{type="max"} 8.0
# HELP graft_speedup Sum of the operations' durations over the wall time.
# TYPE graft_speedup gauge
graft_speedup 3.5
# HELP graft_parallel_ratio Percent of operations run in parallel.
# TYPE graft_parallel_ratio gauge
graft_parallel_ratio 75.0
# HELP graft_operator_duration_seconds Time spent in each operator.
# TYPE graft_operator_duration_seconds summary
graft_operator_duration_seconds_sum{operator="vault"} 1.5
graft_operator_duration_seconds_count{operator="vault"} 3.0
graft_operator_duration_seconds_sum{operator="grab"} 0.01
graft_operator_duration_seconds_count{operator="grab"} 40.0
"""


def check_metrics(promtool: str, text: str) -> subprocess.CompletedProcess[str]:
    """``promtool check metrics`` with ``text`` on standard input."""
    return subprocess.run(
        [promtool, "check", "metrics"],
        input=text,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def samples(exposition: str) -> dict[str, str]:
    """``{'name{labels}': 'value'}`` for each sample line of an exposition text."""
    lines = (line for line in exposition.splitlines() if line and not line.startswith("#"))
    return dict(line.rsplit(" ", 1) for line in lines)


def test_promtool_accepts_valid_text(promtool: str) -> None:
    text = "# HELP demo_total A demo counter.\n# TYPE demo_total counter\ndemo_total 1\n"
    result = check_metrics(promtool, text)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_promtool_accepts_every_graft_metric(promtool: str) -> None:
    result = check_metrics(promtool, GRAFT_EXPOSITION)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.parametrize(
    ("text", "status", "message"),
    [
        # Not the text format: a label value that never ends.
        ('demo_total{a="b 1\n', 1, "text format parsing error"),
        # Parses, but the linter refuses it: a counter without _total and without help.
        ("# TYPE demo counter\ndemo 1\n", 3, 'should have "_total" suffix'),
    ],
    ids=["unparsable", "lint"],
)
def test_promtool_rejects_invalid_text(promtool: str, text: str, status: int, message: str) -> None:
    result = check_metrics(promtool, text)
    assert result.returncode == status
    assert message in result.stdout + result.stderr


def test_pushgateway_shows_a_push(pushgateway_url: str) -> None:
    group = f"{pushgateway_url}/metrics/job/graft"
    try:
        assert http("PUT", group, GRAFT_EXPOSITION) == (200, "")
        status, body = http("GET", f"{pushgateway_url}/metrics")
        assert status == 200
        shown = samples(body)
        assert shown['graft_speedup{instance="",job="graft"}'] == "3.5"
        assert shown['graft_operations_total{instance="",job="graft",type="failed"}'] == "2"
        assert (
            shown['graft_operator_duration_seconds_sum{instance="",job="graft",operator="vault"}']
            == "1.5"
        )
    finally:
        assert http("DELETE", group)[0] == 202
    assert "graft_speedup" not in http("GET", f"{pushgateway_url}/metrics")[1]


def test_pushgateway_refuses_invalid_text(pushgateway_url: str) -> None:
    status, message = http("PUT", f"{pushgateway_url}/metrics/job/graft", 'demo{a="b 1\n')
    assert status == 400
    assert "text format parsing error" in message
