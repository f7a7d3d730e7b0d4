"""Metrics of a run: the live server (scraped while graft runs), the Prometheus
text checked by the real ``promtool``, the JSON shape, the final file, and the
push to a real Pushgateway."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import _CLEARED_ENV
from servers import free_port
from servers.http_proxy import CountingProxy
from servers.prometheus import http
from servers.vault import VaultServer

FAMILIES = (
    "graft_operations_total",
    "graft_operation_duration_seconds",
    "graft_queue_wait_seconds",
    "graft_concurrency",
    "graft_speedup",
    "graft_parallel_ratio",
    "graft_operator_duration_seconds",
)


@pytest.fixture(scope="module")
def vault():
    server = VaultServer()
    for n in range(40):
        server.put(f"secret/m/p{n}", {"k": f"v{n}"})
    yield server
    server.stop()


def document(tmp_path: Path, reads: int = 40) -> Path:
    text = "".join(f'r{n}: (( vault "secret/m/p{n}:k" ))\n' for n in range(reads))
    text += "all: (( concat r0 r1 ))\nbad: (( grab nowhere || r2 ))\n"
    path = tmp_path / "a.yml"
    path.write_text(text)
    return path


def environment(*layers: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _CLEARED_ENV}
    for layer in layers:
        env.update(layer)
    return env


def check_with_promtool(promtool: str, text: str) -> None:
    result = subprocess.run(
        [promtool, "check", "metrics"], input=text.encode(), capture_output=True, check=False
    )
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()


def samples(text: str) -> dict[str, float]:
    found = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            found[name] = float(value)
    return found


def test_the_server_is_scraped_while_the_run_lasts(vault, tmp_path, promtool):
    proxy = CountingProxy(vault.addr, delay=0.05)  # a slow Vault: the run lasts seconds
    port = free_port()
    final = tmp_path / "final.prom"
    env = environment(
        vault.env(),
        {
            "VAULT_ADDR": proxy.url,
            "GRAFT_PARALLEL": "true",
            "GRAFT_PARALLEL_WORKERS": "4",
            "GRAFT_METRICS": "true",
            "GRAFT_METRICS_PORT": str(port),
            "GRAFT_METRICS_FILE": str(final),
        },
    )
    child = subprocess.Popen(
        [sys.executable, "-m", "graft", "merge", str(document(tmp_path))],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                health = json.loads(urllib.request.urlopen(f"{base}/health", timeout=2).read())
                break
            except OSError:
                assert child.poll() is None, "graft ended before its server answered"
                assert time.monotonic() < deadline, "no metrics server"
                time.sleep(0.02)
        assert health["status"] == "ok"
        live = urllib.request.urlopen(f"{base}/metrics", timeout=5)
        assert live.headers["Content-Type"].startswith("text/plain; version=0.0.4")
        text = live.read().decode()
        snapshot = json.loads(urllib.request.urlopen(f"{base}/metrics/json", timeout=5).read())
        assert child.poll() is None, "the scrape must happen during the run"
    finally:
        out, err = child.communicate(timeout=60)
        proxy.stop()
    assert child.returncode == 0, err.decode()
    assert b"r39: v39\n" in out
    check_with_promtool(promtool, text)
    for family in FAMILIES:
        assert f"# TYPE {family} " in text
    assert set(snapshot) >= {"operations", "duration", "concurrency", "performance"}
    assert set(snapshot["percentiles"]) == {"operation_duration", "queue_wait"}
    # After the run: every operation counted, in the file the run wrote.
    written = final.read_text()
    check_with_promtool(promtool, written)
    values = samples(written)
    assert values['graft_operations_total{type="parallel"}'] == 40
    assert values['graft_operations_total{type="sequential"}'] == 2
    assert values['graft_operations_total{type="failed"}'] == 0
    assert values['graft_operator_duration_seconds_count{operator="vault"}'] == 40
    assert values['graft_concurrency{type="max"}'] == 4
    assert values["graft_speedup"] > 1.5
    assert values["graft_parallel_ratio"] == pytest.approx(100 * 40 / 42)


def test_the_json_file_and_its_shape(graft, vault, tmp_path):
    env = {**vault.env(), "GRAFT_METRICS": "true", "GRAFT_METRICS_PORT": "0"}
    env["GRAFT_METRICS_FILE"] = str(tmp_path / "m.json")
    files = {"a.yml": "a: (( grab b ))\nb: (( grab c ))\nc: 1\nd: (( grab nope ))\n"}
    rc, out, _ = graft("merge", "a.yml", files=files, env=env)
    assert (rc, out) == (2, "")
    data = json.loads((tmp_path / "m.json").read_text())
    assert data["operations"] == {"total": 3, "parallel": 0, "sequential": 3, "failed": 1}
    assert data["concurrency"] == {"current": 0, "max": 0}
    assert data["performance"]["parallel_ratio"] == 0.0
    assert data["performance"]["failure_rate"] == pytest.approx(100 / 3, abs=0.001)
    assert data["duration"]["parallel"] == "0s"
    assert data["duration"]["total"].endswith(("s", "ms", "µs"))
    assert set(data["percentiles"]["queue_wait"]) == {"p50", "p95", "p99"}
    assert data["operators"]["grab"]["count"] == 3


def test_a_push_reaches_the_pushgateway(graft, vault, tmp_path, pushgateway_url):
    env = {
        **vault.env(),
        "GRAFT_PARALLEL": "true",
        "GRAFT_PARALLEL_MIN_OPS": "0",
        "GRAFT_METRICS": "true",
        "GRAFT_METRICS_PORT": "0",
        "GRAFT_METRICS_PUSHGATEWAY": pushgateway_url,
        "GRAFT_METRICS_JOB": "graft-test",
    }
    files = {"a.yml": "".join(f'r{n}: (( vault "secret/m/p{n}:k" ))\n' for n in range(7))}
    try:
        rc, _, err = graft("merge", "a.yml", files=files, env=env)
        assert (rc, err) == (0, "")
        status, text = http("GET", f"{pushgateway_url}/metrics")
        assert status == 200
        assert 'graft_operations_total{instance="",job="graft-test",type="parallel"} 7' in text
        quantile = 'graft_operation_duration_seconds{instance="",job="graft-test",quantile="0.99"}'
        assert quantile in text
    finally:  # the gateway is shared by the session's tests
        http("DELETE", f"{pushgateway_url}/metrics/job/graft-test")


def test_a_push_that_fails_is_a_warning(graft, tmp_path):
    env = {
        "GRAFT_METRICS": "true",
        "GRAFT_METRICS_PORT": "0",
        "GRAFT_METRICS_PUSHGATEWAY": f"http://127.0.0.1:{free_port()}",
    }
    rc, out, err = graft("merge", "a.yml", files={"a.yml": "a: (( grab b ))\nb: 1\n"}, env=env)
    assert (rc, out) == (0, "a: 1\nb: 1\n\n")
    assert err.startswith("warning: cannot push the metrics to http://127.0.0.1:")
    assert "Traceback" not in err


def test_a_busy_port_is_a_warning(graft):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {"GRAFT_METRICS": "true", "GRAFT_METRICS_PORT": str(port)}
        rc, out, err = graft("merge", "a.yml", files={"a.yml": "a: 1\n"}, env=env)
    assert (rc, out) == (0, "a: 1\n\n")
    assert err == (
        f"warning: metrics server: cannot listen on 127.0.0.1:{port}: Address already in use "
        "(choose another port with GRAFT_METRICS_PORT)\n"
    )


def test_metrics_are_not_served_unless_asked(graft, tmp_path):
    """Without GRAFT_METRICS nothing listens and prometheus_client is never loaded."""
    files = {"a.yml": "a: (( grab b ))\nb: 1\n"}
    env = {"PYTHONPROFILEIMPORTTIME": "1"}
    rc, _, err = graft("merge", "a.yml", files=files, env=env)
    assert rc == 0
    assert "prometheus_client" not in err
    assert "graft.metrics" not in err


def test_the_api_server(vault):
    from graft import MetricsServer, get_parallel_metrics

    metrics = get_parallel_metrics()
    with MetricsServer(metrics, 0) as server:
        assert server.url.startswith("http://127.0.0.1:")
        status, text = http("GET", f"{server.url}/metrics")
        assert status == 200 and "graft_speedup" in text
        assert http("GET", f"{server.url}/nothing-here")[0] == 404
        port = server.port
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2)


def test_metrics_change_no_line_of_a_traced_run_but_their_own(graft):
    files = {"a.yml": 'a: (( grab b ))\nb: (( concat c "x" ))\nc: 1\n'}
    plain = graft("merge", "a.yml", files=files, env={"TRACE": "1"})
    env = {"TRACE": "1", "GRAFT_METRICS": "true", "GRAFT_METRICS_PORT": "0"}
    measured = graft("merge", "a.yml", files=files, env=env)
    assert measured[:2] == plain[:2] == (0, "a: 1x\nb: 1x\nc: 1\n\n")
    lines = [line for line in measured[2].splitlines() if "metrics served at" not in line]
    assert lines == plain[2].splitlines()
    assert "-----> running $.a: (( grab b ))" in lines
