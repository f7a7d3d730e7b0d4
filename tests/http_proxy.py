"""A loopback HTTP proxy in front of a server: it counts requests (GETs by path,
AWS POSTs by action) and can add a delay each way (tests and benchmarks of the
Vault and AWS clients)."""

from __future__ import annotations

import collections
import http.client
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _QuietServer(ThreadingHTTPServer):
    request_queue_size = 256  # many clients connect at once (parallel execution)

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (a timeout under test) is not news


class CountingProxy:
    def __init__(self, target: str, delay: float = 0.0) -> None:
        self.target = target.rstrip("/")
        self.delay = delay  # seconds added before forwarding and before answering
        self.counts: collections.Counter[str] = collections.Counter()
        self.lock = threading.Lock()
        self.local = threading.local()  # per handler thread: a connection to the target
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep connections alive, as the client does
            disable_nagle_algorithm = True  # headers and body go out in two writes

            def do_GET(self) -> None:
                self.relay("GET", self.path, None)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                # AWS JSON APIs all POST to "/": count them by their action.
                self.relay("POST", self.headers.get("X-Amz-Target") or self.path, body)

            def relay(self, method: str, counted: str, body: bytes | None) -> None:
                with proxy.lock:
                    proxy.counts[counted] += 1
                time.sleep(proxy.delay)
                headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
                status, reply = proxy.forward(method, self.path, headers, body)
                time.sleep(proxy.delay)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args: object) -> None:
                pass

        self.server = _QuietServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def forward(
        self, method: str, path: str, headers: dict[str, str], body: bytes | None = None
    ) -> tuple[int, bytes]:
        """``method path`` on the target, on this thread's kept-alive connection."""
        connection = getattr(self.local, "connection", None)
        if connection is None:
            host = self.target.partition("://")[2]
            connection = self.local.connection = http.client.HTTPConnection(host, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            reply = connection.getresponse()
            return reply.status, reply.read()
        except (OSError, http.client.HTTPException):
            connection.close()
            self.local.connection = None
            return 502, b'{"errors": ["proxy: the server did not answer"]}'

    def total(self) -> int:
        with self.lock:
            return sum(self.counts.values())

    def reset(self) -> None:
        with self.lock:
            self.counts.clear()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
