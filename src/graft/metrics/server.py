"""The metrics HTTP server: ``/metrics`` (Prometheus text), ``/metrics/json``
and ``/health``, served from a daemon thread for as long as a run lasts.

It binds to loopback unless told otherwise (``GRAFT_METRICS_HOST``). A port
that is taken is a ``MetricsServerError`` naming the address, never a traceback
(the CLI reports it as a warning and runs without the server).

The server must never slow or break the run it measures. One thread waits for
connections and for their requests to arrive (a selector: a connection that is
open and silent costs no thread and is closed after ``CONNECTION_TIMEOUT``);
a request that has arrived is answered by one of at most ``MAX_HANDLERS``
threads, each read and write bounded by the same timeout.
Clients that go away are not news: nothing is printed. ``stop()`` waits for
none of them.
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import selectors
import socket
import threading
import time
from collections import OrderedDict
from http.server import BaseHTTPRequestHandler
from queue import SimpleQueue

from graft.errors import GraftError
from graft.metrics.collector import ParallelMetrics

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

# Seconds a connection has to send its request, and for each read and write after.
CONNECTION_TIMEOUT = 5.0
# Connections waiting for their request; past this many the oldest is closed.
MAX_PENDING = 4096
# Threads answering requests; more requests wait for one of them to be free.
MAX_HANDLERS = 16
# How long stop() waits for the serving thread to close the socket.
STOP_TIMEOUT = 2.0


class MetricsServerError(GraftError):
    """The metrics server could not start."""


class MetricsServer:
    """``MetricsServer(metrics, 9090).start()`` ... ``.stop()``; port 0 picks a free one."""

    def __init__(self, metrics: ParallelMetrics, port: int = 9090, host: str = "127.0.0.1") -> None:
        self.metrics = metrics
        self.host = host
        self.port = port
        self.started_at = 0.0
        self._listener: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._wake: tuple[socket.socket, socket.socket] | None = None
        self._stopping = threading.Event()
        self._requests: _Requests | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def start(self) -> MetricsServer:
        if self._listener is not None:
            return self
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        try:
            listener = socket.create_server((self.host, self.port), family=family, backlog=1024)
        except OSError as error:
            reason = os.strerror(error.errno) if error.errno else str(error)
            raise MetricsServerError(
                f"metrics server: cannot listen on {self.host}:{self.port}: {reason} "
                "(choose another port with GRAFT_METRICS_PORT)"
            ) from None
        listener.setblocking(False)
        self._listener = listener
        self._wake = socket.socketpair()
        self._stopping.clear()
        self._requests = _Requests(_handler(self), self._stopping)
        self.port = listener.getsockname()[1]
        self.started_at = time.monotonic()
        self._thread = threading.Thread(target=self._serve, name="graft-metrics", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the port; requests being answered are not waited for."""
        if self._listener is None:
            return
        self._stopping.set()
        assert self._wake is not None
        with contextlib.suppress(OSError):
            self._wake[1].send(b"x")
        if self._thread is not None:
            self._thread.join(STOP_TIMEOUT)
        if self._requests is not None:
            self._requests.close()
        self._listener.close()  # closed by the thread already, unless it is stuck
        for end in self._wake:
            end.close()
        self._listener = None
        self._thread = None
        self._wake = None
        self._requests = None

    def __enter__(self) -> MetricsServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _serve(self) -> None:
        listener, wake = self._listener, self._wake
        assert listener is not None and wake is not None
        selector = selectors.DefaultSelector()
        selector.register(listener, selectors.EVENT_READ, "accept")
        selector.register(wake[0], selectors.EVENT_READ, "wake")
        # Connections waiting for their request, oldest first: (deadline, address).
        pending: OrderedDict[socket.socket, tuple[float, Any]] = OrderedDict()

        def drop(conn: socket.socket) -> None:
            pending.pop(conn, None)
            with contextlib.suppress(KeyError, ValueError):
                selector.unregister(conn)
            conn.close()

        try:
            while not self._stopping.is_set():
                timeout = None
                if pending:
                    first = next(iter(pending.values()))[0]
                    timeout = max(0.0, first - time.monotonic())
                for key, _ in selector.select(timeout):
                    if key.data == "accept":
                        self._accept(listener, selector, pending, drop)
                    elif key.data == "conn":
                        conn = key.fileobj
                        assert isinstance(conn, socket.socket)
                        address = pending.pop(conn)[1]
                        selector.unregister(conn)
                        self._answer(conn, address)
                now = time.monotonic()
                while pending:
                    conn, (deadline, _) = next(iter(pending.items()))
                    if deadline > now:
                        break
                    drop(conn)  # no request in time: a half-open connection
        except Exception:  # never a traceback from the server, and the run goes on
            pass
        finally:
            for conn in list(pending):
                drop(conn)
            selector.close()
            listener.close()

    def _accept(self, listener: socket.socket, selector: Any, pending: Any, drop: Any) -> None:
        for _ in range(256):  # a burst of connections at a time
            try:
                conn, address = listener.accept()
            except BlockingIOError:
                return
            except OSError as error:
                if error.errno in (errno.EMFILE, errno.ENFILE) and pending:
                    drop(next(iter(pending)))  # out of descriptors: make room
                    return
                continue  # a connection reset before it was accepted
            pending[conn] = (time.monotonic() + CONNECTION_TIMEOUT, address)
            selector.register(conn, selectors.EVENT_READ, "conn")
            if len(pending) > MAX_PENDING:
                drop(next(iter(pending)))

    def _answer(self, conn: socket.socket, address: Any) -> None:
        if self._requests is not None:
            self._requests.put(conn, address)
        else:
            conn.close()


class _Requests:
    """Connections whose request has arrived, and up to ``MAX_HANDLERS`` daemon
    threads answering them (started as they are needed)."""

    def __init__(self, handler: type[BaseHTTPRequestHandler], stopping: threading.Event) -> None:
        self.handler = handler
        self.stopping = stopping
        self.queue: SimpleQueue[tuple[socket.socket, Any] | None] = SimpleQueue()
        self.lock = threading.Lock()
        self.workers = 0  # threads started
        self.idle = 0  # threads waiting for a connection

    def put(self, conn: socket.socket, address: Any) -> None:
        if self.queue.qsize() >= MAX_PENDING:
            conn.close()  # swamped: the client may ask again
            return
        self.queue.put((conn, address))
        with self.lock:
            if self.idle < self.queue.qsize() and self.workers < MAX_HANDLERS:
                self.workers += 1
                name = "graft-metrics-request"
                threading.Thread(target=self._work, name=name, daemon=True).start()

    def close(self) -> None:
        """Let the threads end when they are free (nobody waits for them)."""
        with self.lock:
            workers = self.workers
        for _ in range(workers):
            self.queue.put(None)

    def _work(self) -> None:
        while True:
            with self.lock:
                self.idle += 1
            item = self.queue.get()
            with self.lock:
                self.idle -= 1
            if item is None:
                return
            conn, address = item
            try:
                if not self.stopping.is_set():
                    conn.setblocking(True)
                    conn.settimeout(CONNECTION_TIMEOUT)
                    self.handler(conn, address, self)
            except Exception:  # a client that went away or timed out: nothing to say
                pass
            finally:
                with contextlib.suppress(OSError):
                    conn.close()


# The CLI lets SIGPIPE end the process (``graft ... | head``): a write to a client
# that went away must not, so every write says MSG_NOSIGNAL and fails quietly.
_NO_SIGNAL = getattr(socket, "MSG_NOSIGNAL", 0)


class _Writer(io.BufferedIOBase):
    """The handler's ``wfile``: unbuffered writes that raise rather than signal."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self._sock.sendall(data, _NO_SIGNAL)
        with memoryview(data) as view:
            return view.nbytes

    def fileno(self) -> int:
        return self._sock.fileno()


def _handler(owner: MetricsServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        timeout = CONNECTION_TIMEOUT

        def setup(self) -> None:
            super().setup()
            self.wfile = _Writer(self.connection)

        def do_GET(self) -> None:
            try:
                status, content_type, body = self._page(self.path.split("?", 1)[0])
            except Exception:  # a page that cannot be made is a 500, not a traceback
                status, content_type, body = 500, "text/plain; charset=utf-8", b"error\n"
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _page(self, path: str) -> tuple[int, str, bytes]:
            if path == "/metrics":
                from graft.extras import advice, installed

                if not installed("prometheus_client"):  # /metrics/json and /health still work
                    text = advice("prometheus_client", "/metrics") + "\n"
                    return 503, "text/plain; charset=utf-8", text.encode()
                from graft.metrics.prometheus import CONTENT_TYPE, exposition

                return 200, CONTENT_TYPE, exposition(owner.metrics)
            if path == "/metrics/json":
                body = json.dumps(
                    owner.metrics.get_snapshot().to_json(), indent=2, ensure_ascii=False
                )
                return 200, "application/json", body.encode() + b"\n"
            if path in ("/health", "/healthz"):
                health = {
                    "status": "ok",
                    "uptime_seconds": round(time.monotonic() - owner.started_at, 3),
                }
                return 200, "application/json", json.dumps(health).encode() + b"\n"
            return 404, "text/plain; charset=utf-8", b"not found\n"

        def log_message(self, *args: object) -> None:
            pass  # no access log on graft's stderr

    return Handler
