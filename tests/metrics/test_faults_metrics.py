"""The metrics server never breaks or stalls the merge it measures (issue 9): a
taken port is a warning, clients that reset their connections print nothing,
a thousand connections that never send a request neither slow the run nor keep
the server from answering, and stopping waits for none of them."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import _CLEARED_ENV
from servers import free_port
from servers.http_proxy import CountingProxy
from servers.vault import VaultServer

READS = 60  # vault reads of the long run, one after another
HALF_OPEN = 1000


@pytest.fixture(scope="module")
def vault():
    server = VaultServer()
    for n in range(READS):
        server.put(f"secret/m/p{n}", {"k": f"v{n}"})
    yield server
    server.stop()


class LongRun:
    """``graft merge`` of READS vault reads through a slow proxy (seconds long),
    serving its metrics on ``port``."""

    def __init__(self, vault: VaultServer, tmp_path: Path) -> None:
        self.proxy = CountingProxy(vault.addr, delay=0.05)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        text = "".join(f'r{n}: (( vault "secret/m/p{n}:k" ))\n' for n in range(READS))
        (tmp_path / "a.yml").write_text(text)
        env = {k: v for k, v in os.environ.items() if k not in _CLEARED_ENV}
        env |= vault.env() | {
            "VAULT_ADDR": self.proxy.url,
            "GRAFT_METRICS": "true",
            "GRAFT_METRICS_PORT": str(self.port),
        }
        self.child = subprocess.Popen(
            [sys.executable, "-m", "graft", "merge", "a.yml"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )

    def wait_for_server(self) -> None:
        deadline = time.monotonic() + 20
        while True:
            try:
                assert get(f"{self.base}/health")["status"] == "ok"
                return
            except OSError:
                assert self.child.poll() is None, "graft ended before its server answered"
                assert time.monotonic() < deadline, "no metrics server"
                time.sleep(0.02)

    def finish(self) -> tuple[int, str, str]:
        try:
            out, err = self.child.communicate(timeout=120)
        finally:
            self.proxy.stop()
        return self.child.returncode, out.decode(), err.decode()

    def expected_output(self) -> str:
        return "".join(f"r{n}: v{n}\n" for n in range(READS)) + "\n"


def get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=5) as reply:
        return json.loads(reply.read())


def reset(sock: socket.socket) -> None:
    """Close with a RST rather than a FIN."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def test_a_taken_port_is_a_warning_and_the_merge_goes_on(graft, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {
            "GRAFT_METRICS": "true",
            "GRAFT_METRICS_PORT": str(port),
            "GRAFT_METRICS_FILE": str(tmp_path / "m.json"),
        }
        files = {"a.yml": "a: (( grab b ))\nb: 1\n"}
        rc, out, err = graft("merge", "a.yml", files=files, env=env)
    assert (rc, out) == (0, "a: 1\nb: 1\n\n")
    assert err == (
        f"warning: metrics server: cannot listen on 127.0.0.1:{port}: Address already in use "
        "(choose another port with GRAFT_METRICS_PORT)\n"
    )
    # The metrics themselves are still collected and written.
    assert json.loads((tmp_path / "m.json").read_text())["operations"]["total"] == 1


def test_clients_that_reset_their_connections_print_nothing(vault, tmp_path):
    run = LongRun(vault, tmp_path)
    try:
        run.wait_for_server()
        address = ("127.0.0.1", run.port)
        for _ in range(20):
            with contextlib.suppress(OSError):  # the request, then a reset at once
                sock = socket.create_connection(address, timeout=5)
                sock.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
                reset(sock)
            with contextlib.suppress(OSError):  # a reset before any request
                reset(socket.create_connection(address, timeout=5))
            with contextlib.suppress(OSError):  # half a request line, then a reset
                sock = socket.create_connection(address, timeout=5)
                sock.sendall(b"GET /met")
                reset(sock)
            with contextlib.suppress(OSError):  # a request, then gone without reading
                sock = socket.create_connection(address, timeout=5)
                sock.sendall(b"GET /metrics/json HTTP/1.0\r\n\r\n")
                sock.close()
        assert get(f"{run.base}/health")["status"] == "ok"
        assert run.child.poll() is None, "the clients must come during the run"
    finally:
        rc, out, err = run.finish()
    assert "Traceback" not in err
    assert (rc, out, err) == (0, run.expected_output(), "")


def test_half_open_connections_neither_slow_the_merge_nor_block_the_server(vault, tmp_path):
    run = LongRun(vault, tmp_path)
    opened: list[socket.socket] = []
    try:
        run.wait_for_server()
        for _ in range(HALF_OPEN):  # connected, and never a byte sent
            opened.append(socket.create_connection(("127.0.0.1", run.port), timeout=5))
        assert get(f"{run.base}/health")["status"] == "ok"
        with urllib.request.urlopen(f"{run.base}/metrics", timeout=5) as reply:
            assert b"graft_operations_total" in reply.read()
        assert run.child.poll() is None, "the connections must be open during the run"
    finally:
        rc, out, err = run.finish()  # a generous bound (120 s) on a run of a few seconds
        for sock in opened:
            sock.close()
    assert (rc, out, err) == (0, run.expected_output(), "")


def test_the_server_closes_silent_connections_and_stops_without_waiting(tmp_path):
    from graft import MetricsServer, get_parallel_metrics
    from graft.metrics.server import CONNECTION_TIMEOUT, MAX_HANDLERS

    server = MetricsServer(get_parallel_metrics(), 0).start()
    opened: list[socket.socket] = []
    try:
        threads = threading.active_count()
        for _ in range(HALF_OPEN):
            opened.append(socket.create_connection(("127.0.0.1", server.port), timeout=5))
        assert get(f"{server.url}/health")["status"] == "ok"
        # A silent connection costs no thread...
        assert threading.active_count() - threads < MAX_HANDLERS
        # ...and is closed by the server once its time is up.
        opened[0].settimeout(CONNECTION_TIMEOUT + 10)
        assert opened[0].recv(1) == b""
        started = time.monotonic()
        server.stop()
        assert time.monotonic() - started < 10
        with pytest.raises(OSError):
            urllib.request.urlopen(f"{server.url}/health", timeout=2)
    finally:
        server.stop()
        for sock in opened:
            sock.close()
