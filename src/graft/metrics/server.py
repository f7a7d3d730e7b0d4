"""The metrics HTTP server: ``/metrics`` (Prometheus text), ``/metrics/json``
and ``/health``, served from a daemon thread for as long as a run lasts.

It binds to loopback unless told otherwise (``GRAFT_METRICS_HOST``). A port
that is taken is a ``GraftError`` naming the address, never a traceback.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from graft.errors import GraftError
from graft.metrics.collector import ParallelMetrics

# How often the serving thread checks for stop(): stop() waits up to this long.
POLL_INTERVAL = 0.02


class MetricsServerError(GraftError):
    """The metrics server could not start."""


class MetricsServer:
    """``MetricsServer(metrics, 9090).start()`` ... ``.stop()``; port 0 picks a free one."""

    def __init__(self, metrics: ParallelMetrics, port: int = 9090, host: str = "127.0.0.1") -> None:
        self.metrics = metrics
        self.host = host
        self.port = port
        self.started_at = 0.0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def start(self) -> MetricsServer:
        if self._server is not None:
            return self
        handler = _handler(self)
        server_class = ThreadingHTTPServer
        if ":" in self.host:
            import socket

            server_class = type(
                "Server6", (ThreadingHTTPServer,), {"address_family": socket.AF_INET6}
            )
        try:
            self._server = server_class((self.host, self.port), handler)
        except OSError as error:
            reason = error.strerror or str(error)
            raise MetricsServerError(
                f"metrics server: cannot listen on {self.host}:{self.port}: {reason} "
                "(choose another port with GRAFT_METRICS_PORT)"
            ) from None
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self.started_at = time.monotonic()
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            args=(POLL_INTERVAL,),
            name="graft-metrics",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        self._server = None
        self._thread = None

    def __enter__(self) -> MetricsServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _handler(owner: MetricsServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path == "/metrics":
                from graft.metrics.prometheus import CONTENT_TYPE, exposition

                self._send(200, CONTENT_TYPE, exposition(owner.metrics))
            elif path == "/metrics/json":
                body = json.dumps(
                    owner.metrics.get_snapshot().to_json(), indent=2, ensure_ascii=False
                )
                self._send(200, "application/json", body.encode() + b"\n")
            elif path in ("/health", "/healthz"):
                health = {
                    "status": "ok",
                    "uptime_seconds": round(time.monotonic() - owner.started_at, 3),
                }
                self._send(200, "application/json", json.dumps(health).encode() + b"\n")
            else:
                self._send(404, "text/plain; charset=utf-8", b"not found\n")

        def _send(self, status: int, content_type: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass  # no access log on graft's stderr

    return Handler
