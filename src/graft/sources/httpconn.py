"""A small HTTP/1.1 client connection for the Vault client: GET requests on a
kept-alive connection, direct, through an HTTP proxy, or tunnelled (CONNECT)
to an HTTPS server.

Why not ``http.client``: it parses headers with the ``email`` package, whose
import alone costs 30-60 ms, paid on the critical path of every run that reads
Vault (before the first request can leave). Vault answers plain JSON with a
``Content-Length`` or chunked body; that is all this needs to read.
"""

from __future__ import annotations

import socket

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any
MAX_HEADER_BYTES = 64 * 1024


class HTTPError(OSError):
    """A malformed answer or a connection that closed mid-answer."""


class Response:
    __slots__ = ("body", "headers", "reason", "status")

    def __init__(self, status: int, reason: str, headers: dict[str, str], body: bytes) -> None:
        self.status = status
        self.reason = reason
        self.headers = headers  # lower-case names
        self.body = body

    @property
    def will_close(self) -> bool:
        return self.headers.get("connection", "").lower() == "close"


class Connection:
    """One connection to ``host`` (``name:port``), opened on first use."""

    def __init__(
        self,
        host: str,
        *,
        timeout: float,
        tls: Any = None,
        proxy: str | None = None,
    ) -> None:
        self.host = host
        self.timeout = timeout
        self.tls = tls  # an ssl.SSLContext for https
        self.proxy = proxy  # "name:port" of an HTTP proxy
        self.sock: Any = None
        self._buffer = b""

    @staticmethod
    def _address(host: str, default: int) -> tuple[str, int]:
        if host.startswith("["):
            name, _, rest = host[1:].partition("]")
            return name, int(rest[1:]) if rest.startswith(":") else default
        name, sep, port = host.rpartition(":")
        return (name, int(port)) if sep else (host, default)

    def _open(self) -> None:
        default = 443 if self.tls is not None else 80
        target = self.proxy or self.host
        sock = socket.create_connection(
            self._address(target, 80 if self.proxy else default), self.timeout
        )
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock, self._buffer = sock, b""
        if self.tls is not None:
            if self.proxy:
                self._send(f"CONNECT {self.host} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
                status, reason, _ = self._head()
                if status != 200:
                    self.close()
                    raise HTTPError(f"proxy CONNECT to {self.host} failed: {status} {reason}")
            name = self._address(self.host, default)[0]
            self.sock = self.tls.wrap_socket(sock, server_hostname=name)
            self._buffer = b""

    def close(self) -> None:
        if self.sock is not None:
            try:
                self.sock.close()
            finally:
                self.sock = None
                self._buffer = b""

    def _send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def _fill(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise HTTPError("the server closed the connection")
        self._buffer += chunk

    def _line(self) -> bytes:
        while b"\r\n" not in self._buffer:
            if len(self._buffer) > MAX_HEADER_BYTES:
                raise HTTPError("answer header too long")
            self._fill()
        line, _, self._buffer = self._buffer.partition(b"\r\n")
        return line

    def _exactly(self, size: int) -> bytes:
        while len(self._buffer) < size:
            self._fill()
        data, self._buffer = self._buffer[:size], self._buffer[size:]
        return data

    def _head(self) -> tuple[int, str, dict[str, str]]:
        status_line = self._line().decode("latin-1")
        parts = status_line.split(" ", 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
            raise HTTPError(f"malformed answer: {status_line[:80]!r}")
        headers: dict[str, str] = {}
        while True:
            line = self._line()
            if not line:
                break
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        return int(parts[1]), parts[2] if len(parts) > 2 else "", headers

    def _body(self, headers: dict[str, str]) -> bytes:
        if "chunked" in headers.get("transfer-encoding", "").lower():
            parts = []
            while True:
                size = int(self._line().split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    while self._line():  # trailers, then the empty line
                        pass
                    return b"".join(parts)
                parts.append(self._exactly(size))
                self._exactly(2)  # CRLF after each chunk
        if "content-length" in headers:
            return self._exactly(int(headers["content-length"]))
        data = self._buffer  # no length: the body runs to the end of the connection
        while True:
            chunk = self.sock.recv(65536)
            if not chunk:
                break
            data += chunk
        self._buffer = b""
        headers["connection"] = "close"
        return data

    def get(self, target: str, headers: dict[str, str]) -> Response:
        """``GET target``; the connection is opened if needed and stays open."""
        if self.sock is None:
            self._open()
        path = f"http://{self.host}{target}" if self.proxy and self.tls is None else target
        lines = [f"GET {path} HTTP/1.1", f"Host: {self.host}", "Accept: application/json"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        self._send(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        status, reason, answer = self._head()
        body = self._body(answer)
        response = Response(status, reason, answer, body)
        if response.will_close:
            self.close()
        return response

    @property
    def reused(self) -> bool:
        return self.sock is not None
