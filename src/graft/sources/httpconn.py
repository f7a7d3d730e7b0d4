"""A small HTTP/1.1 client connection for the Vault client: GET requests on a
kept-alive connection, direct, through an HTTP proxy, or tunnelled (CONNECT)
to an HTTPS server.

Why not ``http.client``: it parses headers with the ``email`` package, whose
import alone costs 30-60 ms, paid on the critical path of every run that reads
Vault (before the first request can leave). Vault answers plain JSON with a
``Content-Length`` or chunked body; that is all this needs to read.

Every request has a deadline: connecting, sending and reading the whole answer
end by then, however slowly the server trickles bytes. A failure is an
``HTTPError`` whose text is what Go's ``net/http`` says of it.
"""

from __future__ import annotations

import socket
import time

from graft.sources import dial_error, errno_text, host_port

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any
MAX_HEADER_BYTES = 64 * 1024

AWAITING_HEADERS = "context deadline exceeded (Client.Timeout exceeded while awaiting headers)"
READING_BODY = (
    "context deadline exceeded (Client.Timeout or context cancellation while reading body)"
)
BROKEN = "net/http: HTTP/1.x transport connection broken: "
# The CLI lets SIGPIPE end the process (``graft ... | head``): a write to a server
# that went away must fail as an error instead.
_NO_SIGNAL = getattr(socket, "MSG_NOSIGNAL", 0)


class HTTPError(OSError):
    """A failed exchange, in Go's words. ``body``: it failed while reading the
    body, after the status and headers (Go reports those without the request);
    ``timeout``: the deadline passed."""

    def __init__(self, text: str, *, body: bool = False, timeout: bool = False) -> None:
        super().__init__(text)
        self.text = text
        self.body = body
        self.timeout = timeout

    def __str__(self) -> str:
        return self.text


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


def _quote(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


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
        self._plain: Any = None  # the TCP socket, before any TLS
        self._buffer = b""
        self._deadline = 0.0
        self._in_body = False
        self._ends = ""  # "local->remote" of the open connection, for messages

    @staticmethod
    def _address(host: str, default: int) -> tuple[str, int]:
        if host.startswith("["):
            name, _, rest = host[1:].partition("]")
            return name, int(rest[1:]) if rest.startswith(":") else default
        name, sep, port = host.rpartition(":")
        return (name, int(port)) if sep else (host, default)

    def _remaining(self) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise self._expired()
        return left

    def _expired(self) -> HTTPError:
        if self._in_body:
            return HTTPError(READING_BODY, body=True, timeout=True)
        return HTTPError(AWAITING_HEADERS, timeout=True)

    def _connect(self, name: str, port: int) -> Any:
        """A TCP connection, as Go's dialer makes one: every address of the name
        in turn, the first failure reported."""
        try:
            infos = socket.getaddrinfo(name, port, type=socket.SOCK_STREAM)
        except socket.gaierror as error:
            raise HTTPError(dial_error(host_port(name, port), error)) from None
        first: str | None = None
        for family, kind, proto, _, address in infos:
            where = host_port(address[0], address[1])
            sock = socket.socket(family, kind, proto)
            try:
                sock.settimeout(self._remaining())
                sock.connect(address)
            except HTTPError:
                sock.close()
                raise
            except OSError as error:
                sock.close()
                if isinstance(error, TimeoutError) and not error.errno:
                    text = f"{dial_error(where, error)} ({AWAITING_HEADERS.split('(')[1]}"
                    raise HTTPError(text, timeout=True) from None
                first = first or dial_error(where, error)
                continue
            try:
                local = sock.getsockname()
                self._ends = f"{host_port(local[0], local[1])}->{where}"
            except OSError:
                self._ends = where
            return sock
        raise HTTPError(first or f"dial tcp {host_port(name, port)}: no addresses")

    def _open(self) -> None:
        default = 443 if self.tls is not None else 80
        target = self.proxy or self.host
        try:
            sock = self._connect(*self._address(target, 80 if self.proxy else default))
        except HTTPError as error:
            if self.proxy:
                error.text = "proxyconnect tcp: " + error.text
            raise
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock, self._plain, self._buffer = sock, sock, b""
        if self.tls is not None:
            if self.proxy:
                self._send(f"CONNECT {self.host} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
                status, reason, _ = self._head()
                if status != 200:
                    self.close()
                    raise HTTPError(reason or "unknown status code")  # Go's words
            name = self._address(self.host, default)[0]
            try:
                sock.settimeout(self._remaining())
                self.sock = self.tls.wrap_socket(sock, server_hostname=name)
            except TimeoutError as error:
                self.close()
                if error.errno:
                    raise
                raise HTTPError("net/http: TLS handshake timeout", timeout=True) from None
            except BaseException:
                sock.close()
                self.sock = None
                raise
            self._buffer = b""

    def close(self) -> None:
        if self.sock is not None:
            try:
                self.sock.close()
            finally:
                self.sock = None
                self._buffer = b""

    def _send(self, data: bytes) -> None:
        try:
            self.sock.settimeout(self._remaining())
            if self.sock is self._plain:
                self.sock.sendall(data, _NO_SIGNAL)  # a closed peer is an error, not SIGPIPE
            else:
                self.sock.sendall(data)
        except HTTPError:
            raise
        except TimeoutError as error:
            if error.errno:
                raise HTTPError(f"write tcp {self._ends}: write: {errno_text(error)}") from None
            raise self._expired() from None
        except OSError as error:
            if not error.errno:
                raise
            raise HTTPError(f"write tcp {self._ends}: write: {errno_text(error)}") from None

    def _fill(self) -> None:
        try:
            self.sock.settimeout(self._remaining())
            chunk = self.sock.recv(65536)
        except HTTPError:
            raise
        except TimeoutError as error:
            if error.errno:
                raise HTTPError(f"read tcp {self._ends}: read: {errno_text(error)}") from None
            raise self._expired() from None
        except OSError as error:
            if not error.errno:
                raise  # TLS errors keep their own words
            text = f"read tcp {self._ends}: read: {errno_text(error)}"
            raise HTTPError(text, body=self._in_body) from None
        if not chunk:
            partial = self._in_body or bool(self._buffer)
            raise HTTPError("unexpected EOF" if partial else "EOF", body=self._in_body)
        self._buffer += chunk

    def _line(self) -> bytes:
        while b"\r\n" not in self._buffer:
            if len(self._buffer) > MAX_HEADER_BYTES:
                raise HTTPError(
                    f"net/http: server response headers exceeded {MAX_HEADER_BYTES} bytes; aborted"
                )
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
            raise HTTPError(f"{BROKEN}malformed HTTP response {_quote(status_line[:80])}")
        headers: dict[str, str] = {}
        while True:
            line = self._line()
            if not line:
                break
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        return int(parts[1]), parts[2] if len(parts) > 2 else "", headers

    def _body(self, status: int, headers: dict[str, str]) -> bytes:
        if status in (204, 304) or 100 <= status < 200:
            return b""
        self._in_body = True
        if "chunked" in headers.get("transfer-encoding", "").lower():
            parts = []
            while True:
                text = self._line().split(b";", 1)[0].strip()
                try:
                    size = int(text, 16)
                except ValueError:
                    raise HTTPError("invalid byte in chunk length", body=True) from None
                if size == 0:
                    while self._line():  # trailers, then the empty line
                        pass
                    return b"".join(parts)
                parts.append(self._exactly(size))
                self._exactly(2)  # CRLF after each chunk
        if "content-length" in headers:
            text = headers["content-length"]
            if not text.isdigit():
                raise HTTPError(f"{BROKEN}bad Content-Length {_quote(text)}")
            return self._exactly(int(text))
        data = self._buffer  # no length: the body runs to the end of the connection
        self._buffer = b""
        while True:
            try:
                self._fill()
            except HTTPError as error:
                if error.text != "unexpected EOF":
                    raise
                break
            data += self._buffer
            self._buffer = b""
        headers["connection"] = "close"
        return data

    def get(self, target: str, headers: dict[str, str], deadline: float | None = None) -> Response:
        """``GET target``; the connection is opened if needed and stays open. The
        whole exchange ends by ``deadline`` (``time.monotonic()``), by default
        ``timeout`` seconds from now."""
        self._deadline = deadline if deadline is not None else time.monotonic() + self.timeout
        self._in_body = False
        if self.sock is None:
            self._open()
        path = f"http://{self.host}{target}" if self.proxy and self.tls is None else target
        lines = [f"GET {path} HTTP/1.1", f"Host: {self.host}", "Accept: application/json"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        self._send(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        status, reason, answer = self._head()
        body = self._body(status, answer)
        self._in_body = False
        response = Response(status, reason, answer, body)
        if response.will_close:
            self.close()
        return response

    @property
    def reused(self) -> bool:
        return self.sock is not None
