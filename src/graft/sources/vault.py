"""A small Vault (and OpenBao) client: configuration as graft reads it, KV v1 and
v2 detected per mount, one read per secret path per run (docs/operators.md#vault, D6).

Only the standard library and ``httpconn`` (a small HTTP/1.1 connection), imported
when a document reads Vault; each thread keeps its connection alive between reads. The
token never appears in a message.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from urllib.parse import quote

from graft.sources import (
    JSONError,
    SourceError,
    decode_json,
    dial_error,
    errno_text,
    unmarshal_error,
)
from graft.sources.once import Once

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

    from graft.state import RunState

_FALSE_WORDS = {"", "no", "false", "0", "off"}
_NO_CONFIG = (
    "Error during Vault client initialization: Failed to determine Vault URL / token, "
    "and the $REDACT environment variable is not set."
)


class VaultError(SourceError):
    """A failed read; ``not_found`` lets callers move on to the next path."""

    def __init__(self, message: str, not_found: bool = False) -> None:
        super().__init__(message)
        self.not_found = not_found


class _Retry(Exception):
    """A failure worth another try (no connection, a timeout, a 5xx answer)."""

    def __init__(self, error: VaultError) -> None:
        super().__init__(error.message)
        self.error = error


def _timeout() -> float:
    """``VAULT_CLIENT_TIMEOUT`` (seconds or a Go duration), else 60 s as Vault's client."""
    from graft.gofmt import parse_duration

    text = os.environ.get("VAULT_CLIENT_TIMEOUT", "")
    try:
        return parse_duration(text) if text else 60.0
    except ValueError:
        return 60.0


class Config:
    def __init__(self, addr: str, token: str, namespace: str, skip_verify: bool) -> None:
        self.addr = addr.rstrip("/")
        self.token = token
        self.namespace = namespace
        self.skip_verify = skip_verify

    @classmethod
    def from_env(cls, target: str | None = None) -> Config:
        """``VAULT_ADDR``/``VAULT_TOKEN``/..., or ``VAULT_<TARGET>_*`` for a target
        (D6); then ``~/.svtoken`` and ``~/.vault-token`` as graft reads them."""
        prefix = f"VAULT_{target.upper().replace('-', '_')}_" if target else "VAULT_"
        addr = os.environ.get(prefix + "ADDR", "")
        token = os.environ.get(prefix + "TOKEN", "")
        namespace = os.environ.get(prefix + "NAMESPACE", "")
        skip = os.environ.get(prefix + "SKIP_VERIFY", "").lower() not in _FALSE_WORDS
        home = Path(os.environ.get("HOME", "~")).expanduser()
        if not target and (not addr or not token):
            svtoken = _read_svtoken(home / ".svtoken")
            if svtoken:
                addr = str(svtoken.get("vault") or addr)
                token = str(svtoken.get("token") or token)
                namespace = str(svtoken.get("namespace") or namespace)
                skip = str(svtoken.get("skip_verify", "")).lower() not in _FALSE_WORDS
        if not token and not target:
            try:
                token = (home / ".vault-token").read_text().strip()
            except OSError:
                token = ""
        if not addr or not token:
            raise VaultError(_NO_CONFIG)
        return cls(_with_port(addr), token, namespace, skip)


def _read_svtoken(path: Path) -> dict | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    from graft.yamlio.load import LoadError, load_document

    try:
        value = load_document(data, str(path))
    except LoadError:
        return None
    return value if type(value) is dict else None


def _with_port(addr: str) -> str:
    scheme, sep, rest = addr.partition("://")
    if not sep:
        return addr
    host = rest.split("/", 1)[0]
    if ":" in host.rsplit("]", 1)[-1]:
        return addr
    port = "80" if scheme == "http" else "443"
    return f"{scheme}://{host}:{port}{rest[len(host) :]}"


def proxy_for(scheme: str, host: str) -> str | None:
    """The ``host:port`` of the proxy for a server, from ``HTTPS_PROXY``/``HTTP_PROXY``
    and ``NO_PROXY`` (either case), as Go reads them: loopback is never proxied.
    Credentials in the proxy's address are not used."""
    name = host[1:].split("]")[0] if host.startswith("[") else host.rsplit(":", 1)[0]
    name = name.lower()
    if name in ("localhost", "::1") or name.startswith("127."):
        return None
    proxy = os.environ.get(f"{scheme}_proxy") or os.environ.get(f"{scheme.upper()}_PROXY")
    if not proxy:
        return None
    for entry in (os.environ.get("no_proxy") or os.environ.get("NO_PROXY") or "").split(","):
        entry = entry.strip().lower()
        if entry == "*":
            return None
        entry = entry.lstrip("*").lstrip(".")
        if entry and (name == entry or name.endswith("." + entry)):
            return None
    address = proxy.split("://", 1)[-1].split("/", 1)[0].rsplit("@", 1)[-1]
    return address or None


class Client:
    """Reads secrets; caches whole secrets by path and coalesces reads in flight."""

    def __init__(self, config: Config, timeout: float | None = None, attempts: int = 3) -> None:
        self.config = config
        self.timeout = timeout if timeout is not None else _timeout()
        self.attempts = attempts  # connection errors and 5xx are tried this many times
        # A read is the mount table then the secret, each up to ``attempts`` requests
        # that end by their deadline, with a short backoff between them.
        bound = 2 * (attempts * self.timeout + 0.1 * 2**attempts) + 1.0
        self._secrets = Once(VaultError, bound, expired=self._no_answer)  # path -> secret
        self._mounts = Once(VaultError, bound, expired=self._no_answer)  # the mount table
        self._local = threading.local()  # per thread: one kept-alive connection
        rest = config.addr.partition("://")[2]
        self._base = "/" + rest.split("/", 1)[1].rstrip("/") if "/" in rest else ""
        self._host = rest.split("/", 1)[0]

    def _no_answer(self, path: str | None) -> str:
        from graft.gofmt import format_duration

        what = f"secret {path}" if path is not None else "the mount table"
        return f"no answer from Vault for {what} within {format_duration(self._secrets.bound)}"

    def _request(self, path: str) -> Any:
        """GET ``/v1/<path>``; connection errors and 5xx answers are retried a few
        times with a short backoff, other answers are final."""
        delay = 0.1
        for attempt in range(self.attempts):
            try:
                return self._request_once(path)
            except _Retry as retry:
                if attempt + 1 == self.attempts:
                    raise retry.error from None
                time.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")

    def _request_once(self, path: str) -> Any:
        from graft.sources.httpconn import HTTPError

        url = f"{self.config.addr}/v1/{path}"
        headers = {"X-Vault-Token": self.config.token}
        if self.config.namespace:
            headers["X-Vault-Namespace"] = self.config.namespace
        deadline = time.monotonic() + self.timeout
        try:
            status, reason, body, answer = self._get(f"{self._base}/v1/{path}", headers, deadline)
            if status in (301, 302, 303, 307, 308) and answer.get("location"):
                status, reason, body, answer = self._follow(url, headers, deadline)  # HA standby
        except HTTPError as error:
            # Go reports a failure after the headers (reading the body) on its own.
            text = error.text if error.body else f'Transport Error: Get "{url}": {error.text}'
            raise _Retry(VaultError(text)) from None
        except OSError as error:  # TLS and the like
            raise _Retry(VaultError(f'Transport Error: Get "{url}": {error}')) from None
        if status == 200:
            return _object(_json(body))
        if 200 < status < 300:
            return {}  # no content
        if status == 404:
            raise VaultError("404 Not Found", not_found=True)
        try:
            messages = _object(_json(body)).get("errors") or []
        except VaultError as undecodable:
            failure = undecodable
            content_type = answer.get("content-type", "")
            if content_type != "application/json":
                failure = VaultError(
                    "Could not parse response body as JSON, and returned Content-Type is "
                    f"`{content_type}'. Client may not be reaching Vault"
                )
            if status >= 500:
                raise _Retry(failure) from None
            raise failure from None
        if type(messages) is not list:
            messages = [messages]
        detail = "; ".join(str(m) for m in messages) or reason
        failure = VaultError(f"{status} {reason}: {detail}")
        if status >= 500:
            raise _Retry(failure)
        raise failure

    def _connection(self) -> Any:
        """This thread's connection to the server (kept alive between requests),
        through ``HTTPS_PROXY``/``HTTP_PROXY`` when they apply (as Go's client)."""
        connection = getattr(self._local, "connection", None)
        if connection is None:
            from graft.sources.httpconn import Connection

            scheme = self.config.addr.partition("://")[0]
            connection = Connection(
                self._host,
                timeout=self.timeout,
                tls=self._tls() if scheme == "https" else None,
                proxy=proxy_for(scheme, self._host),
            )
            self._local.connection = connection
        return connection

    def _tls(self) -> Any:
        import ssl

        context = ssl.create_default_context(cafile=os.environ.get("VAULT_CACERT") or None)
        if self.config.skip_verify:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        return context

    def _get(
        self, target: str, headers: dict[str, str], deadline: float
    ) -> tuple[int, str, bytes, dict[str, str]]:
        """One GET on the kept-alive connection; a connection the server closed
        while idle is replaced once."""
        for attempt in (1, 2):
            connection = self._connection()
            reused = connection.reused
            try:
                reply = connection.get(target, headers, deadline)
            except OSError as error:
                connection.close()
                self._local.connection = None
                if attempt == 1 and reused and not getattr(error, "timeout", False):
                    continue  # closed while idle: once more on a new connection
                raise
            return reply.status, reply.reason, reply.body, reply.headers
        raise AssertionError("unreachable")

    def _follow(
        self, url: str, headers: dict[str, str], deadline: float
    ) -> tuple[int, str, bytes, dict[str, str]]:
        """A request that follows redirects (urllib), for the rare redirected read."""
        import http.client
        import urllib.error
        import urllib.request

        from graft.sources.httpconn import AWAITING_HEADERS, HTTPError

        context = self._tls() if url.startswith("https") else None
        request = urllib.request.Request(url, headers=headers)
        timeout = max(deadline - time.monotonic(), 0.001)
        try:
            with urllib.request.urlopen(request, timeout=timeout, context=context) as reply:
                answer = {k.lower(): v for k, v in reply.headers.items()}
                return reply.status, reply.reason, reply.read(), answer
        except urllib.error.HTTPError as error:
            answer = {k.lower(): v for k, v in error.headers.items()}
            return error.code, str(error.reason), error.read(), answer
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, TimeoutError) and not reason.errno:
                raise HTTPError(AWAITING_HEADERS, timeout=True) from None
            if isinstance(reason, OSError) and not isinstance(reason, ssl_errors()):
                raise HTTPError(dial_error(request.host, reason)) from None
            raise OSError(str(reason)) from None
        except TimeoutError as error:
            if error.errno:
                raise HTTPError(errno_text(error)) from None
            raise HTTPError(AWAITING_HEADERS, timeout=True) from None
        except http.client.IncompleteRead:
            raise HTTPError("unexpected EOF", body=True) from None
        except (http.client.HTTPException, ConnectionError) as error:
            raise HTTPError(str(error) or "EOF") from None

    def _mount_table(self) -> dict[str, dict]:
        reply = self._request("sys/internal/ui/mounts")
        data = _object(reply.get("data"), "data")
        mounts = _object(data.get("secret"), "data.secret")
        for name, mount in mounts.items():
            entry = _object(mount, f"data.secret.{name}")
            _object(entry.get("options"), f"data.secret.{name}.options")
        return mounts

    def _mount(self, path: str) -> tuple[str, int]:
        """The mount holding ``path`` and its KV version."""
        mounts = self._mounts.get(None, self._mount_table)
        best = ""
        for mount in mounts:
            if (path + "/").startswith(mount) and len(mount) > len(best):
                best = mount
        if not best:
            return "", 1
        options = mounts[best].get("options") or {}
        return best, 2 if str(options.get("version", "1")) == "2" else 1

    def _fetch(self, path: str) -> dict:
        mount, version = self._mount(path)
        if version == 2:
            rest = path[len(mount) :]
            reply = self._request(f"{quote(mount)}data/{quote(rest)}")
            data = _object(reply.get("data"), "data").get("data")
        else:
            reply = self._request(quote(path))
            data = reply.get("data")
        if data is None:
            raise VaultError("not found", not_found=True)
        return _object(data, "data")

    def secret(self, path: str) -> dict:
        """The whole secret at ``path``; one request per path, however many ask."""
        return self._secrets.get(path, lambda: self._fetch(path))


def ssl_errors() -> tuple[type[BaseException], ...]:
    import ssl

    return (ssl.SSLError, ssl.CertificateError)


def _object(value: Any, field: str = "") -> dict:
    """``value`` when it is a JSON object (None reads as an empty one), else
    Go's complaint about decoding it into a map."""
    if value is None:
        return {}
    if type(value) is dict:
        return value
    raise VaultError(unmarshal_error(value, "map[string]interface {}", field))


def _json(body: bytes) -> Any:
    try:
        return decode_json(body)
    except JSONError as error:
        raise VaultError(str(error)) from None


_clients_lock = threading.Lock()


def client(state: RunState, target: str | None) -> Client:
    """The client of a run (one per target), created on first use."""
    clients = state.vault_clients
    with _clients_lock:
        existing = clients.get(target)
        if existing is None:
            existing = clients[target] = Client(Config.from_env(target))
        return existing
