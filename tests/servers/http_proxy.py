"""A loopback HTTP proxy in front of a server: it counts requests (GETs by path,
AWS POSTs by action) and can add a delay each way (tests and benchmarks of the
Vault and AWS clients). And a loopback server that answers badly on purpose
(``FaultServer``): bodies that are not JSON, cut short, connections closed or
reset, bytes that are not HTTP, no answer at all."""

from __future__ import annotations

import collections
import contextlib
import http.client
import socket
import struct
import threading
import time
from collections.abc import Callable
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


class Answer:
    """An HTTP answer of a ``FaultServer``; ``length`` is the Content-Length it
    claims (more than it sends: a truncated body), ``chunks`` sends the body in
    pieces ``pause`` seconds apart."""

    def __init__(
        self,
        status: int = 200,
        body: bytes = b"",
        content_type: str = "application/json",
        length: int | None = None,
        pause: float = 0.0,
        chunks: int = 1,
    ) -> None:
        self.status = status
        self.body = body
        self.content_type = content_type
        self.length = length
        self.pause = pause
        self.chunks = chunks


class Request:
    def __init__(self, method: str, path: str, headers: dict[str, str], body: bytes) -> None:
        self.method = method
        self.path = path
        self.headers = headers  # lower-case names
        self.body = body

    @property
    def action(self) -> str:
        """What is asked: an AWS action (``AmazonSSM.GetParameter``), else the path."""
        return self.headers.get("x-amz-target") or self.path


# Faults that are not answers: close the connection without a word, reset it (RST),
# send bytes that are not HTTP, or keep it open and never answer.
CLOSE, RESET, GARBAGE, HANG = "close", "reset", "garbage", "hang"


class FaultServer:
    """A loopback HTTP/1.1 server that answers badly on purpose. ``fault(request)``
    says how to answer each request: an ``Answer``, one of the faults above, or
    None to forward it to ``upstream`` (a real server behind it). Connections are
    kept alive as clients expect; ``counts`` counts requests by ``action``."""

    def __init__(self, fault: Callable[[Request], object], upstream: str | None = None) -> None:
        self.fault = fault
        self.upstream = upstream.rstrip("/") if upstream else None
        self.counts: collections.Counter[str] = collections.Counter()
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.open: set[socket.socket] = set()
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=512)
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            with self.lock:
                self.open.add(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        upstream = None
        reader = conn.makefile("rb")
        try:
            while not self.stopped.is_set():
                request = self._read(reader)
                if request is None:
                    return
                with self.lock:
                    self.counts[request.action] += 1
                fault = self.fault(request)
                if fault is None:
                    if upstream is None:
                        host = (self.upstream or "").partition("://")[2]
                        upstream = http.client.HTTPConnection(host, timeout=30)
                    upstream.request(
                        request.method, request.path, body=request.body or None,
                        headers={k: v for k, v in request.headers.items() if k != "host"},
                    )  # fmt: skip
                    reply = upstream.getresponse()
                    data = reply.read()
                    kind = reply.headers.get("Content-Type", "application/json")
                    fault = Answer(reply.status, data, kind)
                if fault == CLOSE:
                    return
                if fault == RESET:
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    return
                if fault == GARBAGE:
                    conn.sendall(b"SSH-2.0-OpenSSH_9.6\r\n\r\n")
                    return
                if fault == HANG:
                    self.stopped.wait(60)
                    return
                assert isinstance(fault, Answer)
                length = fault.length if fault.length is not None else len(fault.body)
                head = (
                    f"HTTP/1.1 {fault.status} {_REASONS.get(fault.status, 'Status')}\r\n"
                    f"Content-Type: {fault.content_type}\r\nContent-Length: {length}\r\n"
                    f"x-amzn-RequestId: fault-server\r\n\r\n"
                )
                conn.sendall(head.encode())
                size = -(-len(fault.body) // fault.chunks) if fault.body else 1
                for start in range(0, len(fault.body), size):
                    if start and fault.pause:
                        time.sleep(fault.pause)
                    conn.sendall(fault.body[start : start + size])
                if length != len(fault.body):
                    return  # a truncated body: the connection ends early
        except OSError:
            return
        finally:
            if upstream is not None:
                upstream.close()
            reader.close()
            with self.lock:
                self.open.discard(conn)
            conn.close()

    @staticmethod
    def _read(reader: object) -> Request | None:
        line = reader.readline()  # type: ignore[attr-defined]
        if not line:
            return None
        method, path, _ = line.decode("latin-1").split(" ", 2)
        headers = {}
        while True:
            line = reader.readline()  # type: ignore[attr-defined]
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length") or 0)
        body = reader.read(length) if length else b""  # type: ignore[attr-defined]
        return Request(method, path, headers, body)

    def total(self) -> int:
        with self.lock:
            return sum(self.counts.values())

    def stop(self) -> None:
        self.stopped.set()
        self.listener.close()
        with self.lock:
            connections = list(self.open)
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)


_REASONS = {
    200: "OK",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}
