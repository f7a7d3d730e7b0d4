"""NATS JetStream key-value and object stores through nats-py (docs/operators.md#nats).

nats-py is asyncio only: one event loop runs in a daemon thread, and calls
from the evaluator wait on it with ``run_coroutine_threadsafe``. Connections
are made once per run and settings; every value is read once per run.
"""

from __future__ import annotations

import asyncio
import threading
import time

from graft.sources import SourceError
from graft.sources.once import Once

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

    from graft.state import RunState


class NatsError(SourceError):
    pass


class Settings:
    def __init__(self, url: str, timeout: float, retries: int, interval: float,
                 backoff: float, max_interval: float) -> None:  # fmt: skip
        self.url = url
        self.timeout = timeout
        self.retries = retries
        self.interval = interval
        self.backoff = backoff
        self.max_interval = max_interval

    def key(self) -> tuple:
        return (self.url, self.timeout, self.retries)


_loop: asyncio.AbstractEventLoop | None = None
_loop_lock = threading.Lock()


def _event_loop() -> asyncio.AbstractEventLoop:
    global _loop
    with _loop_lock:
        if _loop is None:
            _loop = asyncio.new_event_loop()
            threading.Thread(target=_loop.run_forever, name="graft-nats", daemon=True).start()
        return _loop


def _wait(coroutine: Any, timeout: float) -> Any:
    """Run ``coroutine`` on the event loop for at most ``timeout`` seconds."""

    async def bounded() -> Any:
        return await asyncio.wait_for(coroutine, timeout)

    future = asyncio.run_coroutine_threadsafe(bounded(), _event_loop())
    try:
        return future.result(timeout + 1.0)
    except TimeoutError:
        future.cancel()  # the attempt stops: nothing keeps running after it
        raise


def _pauses(settings: Settings) -> float:
    """How long the retries of one operation sleep in all."""
    total, delay = 0.0, settings.interval
    for _ in range(settings.retries):
        total += delay
        delay = min(delay * settings.backoff, settings.max_interval)
    return total


class Client:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        # An operation is up to retries+1 attempts of at most ``timeout`` (and the
        # second it may take to hand over), with the pauses between them; a value
        # waits for the connection, then for its own read.
        attempts = settings.retries + 1
        operation = attempts * (settings.timeout + 1.0) + _pauses(settings)
        bound = 2 * operation + 5.0
        self._connections = Once(NatsError, bound, describe=_describe)
        self.values = Once(NatsError, bound, describe=_describe, expired=self._no_answer)

    def _no_answer(self, key: tuple) -> str:
        from graft.gofmt import format_duration

        what = f"key '{key[2]}' from store" if key[0] == "kv" else f"object '{key[2]}' from bucket"
        bound = format_duration(self.values.bound)
        return f"failed to get {what} '{key[1]}': no answer within {bound}"

    def _retrying(self, what: str, attempt_once: Any, connecting: bool = False) -> Any:
        """Run ``attempt_once`` up to retries+1 times with exponential backoff."""
        settings = self.settings
        attempts = settings.retries + 1
        delay = settings.interval
        last: BaseException | None = None
        for attempt in range(attempts):
            try:
                return attempt_once()
            except Exception as error:  # nats-py's errors: reported, never a traceback
                last = error
            if attempt + 1 < attempts:
                time.sleep(delay)
                delay = min(delay * settings.backoff, settings.max_interval)
        raise NatsError(f"{what} after {attempts} attempts: {_describe(last, connecting)}")

    def connection(self) -> Any:
        return self._connections.get(None, self._connect)

    def _connect(self) -> Any:
        import nats  # a large import: only for documents that read NATS

        async def quiet(error: Exception) -> None:
            pass  # reported by the read that fails, not logged on stderr

        async def connect() -> Any:
            # One try of the address (nats-py counts the first as a reconnect),
            # no pause: the retries above are graft's own, with their backoff.
            return await nats.connect(
                self.settings.url,
                connect_timeout=self.settings.timeout,
                allow_reconnect=False,
                max_reconnect_attempts=1,
                reconnect_time_wait=0,
                error_cb=quiet,
            )

        return self._retrying(
            "failed to connect to NATS",
            lambda: _wait(connect(), self.settings.timeout),
            connecting=True,
        )

    def kv(self, store: str, key: str) -> bytes:
        def fetch() -> bytes:
            connection = self.connection()

            async def get() -> bytes:
                bucket = await connection.jetstream().key_value(store)
                entry = await bucket.get(key)
                return entry.value or b""

            return self._retrying(
                f"failed to get key '{key}' from store '{store}'",
                lambda: _wait(get(), self.settings.timeout),
            )

        return self.values.get(("kv", store, key), fetch)

    def obj(self, bucket: str, name: str) -> tuple[bytes, str]:
        def fetch() -> tuple[bytes, str]:
            connection = self.connection()

            async def get() -> tuple[bytes, str]:
                store = await connection.jetstream().object_store(bucket)
                result = await store.get(name)
                headers = getattr(result.info, "headers", None) or {}
                content_type = headers.get("Content-Type", "")
                if isinstance(content_type, list):
                    content_type = content_type[0] if content_type else ""
                return bytes(result.data or b""), str(content_type or "")

            return self._retrying(
                f"failed to get object '{name}' from bucket '{bucket}'",
                lambda: _wait(get(), self.settings.timeout),
            )

        return self.values.get(("obj", bucket, name), fetch)


def _describe(error: BaseException | None, connecting: bool = False) -> str:
    """nats-py's error in the words of Go's NATS client."""
    if error is None:
        return "<nil>"
    if isinstance(error, SourceError):
        return error.message
    if isinstance(error, TimeoutError) and not error.errno:
        return "nats: timeout"
    text = str(error) or type(error).__name__
    if "no servers available" in text.lower() or (connecting and isinstance(error, OSError)):
        return "nats: no servers available for connection"
    return text


_lock = threading.Lock()


def client(state: RunState, settings: Settings) -> Client:
    """The client of a run for these settings, created on first use."""
    with _lock:
        clients = state.nats
        key = settings.key()
        if key not in clients:
            clients[key] = Client(settings)
        return clients[key]
