"""A loopback HTTP proxy in front of a server: it counts requests by path and can
add a delay each way (tests and benchmarks of the Vault client)."""

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
                with proxy.lock:
                    proxy.counts[self.path] += 1
                time.sleep(proxy.delay)
                headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
                status, body = proxy.forward(self.path, headers)
                time.sleep(proxy.delay)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = _QuietServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def forward(self, path: str, headers: dict[str, str]) -> tuple[int, bytes]:
        """GET ``path`` from the target on this thread's kept-alive connection."""
        connection = getattr(self.local, "connection", None)
        if connection is None:
            host = self.target.partition("://")[2]
            connection = self.local.connection = http.client.HTTPConnection(host, timeout=30)
        try:
            connection.request("GET", path, headers=headers)
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
