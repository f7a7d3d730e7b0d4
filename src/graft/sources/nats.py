"""NATS JetStream key-value and object stores through nats-py (SPEC §6.16).

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
    future = asyncio.run_coroutine_threadsafe(coroutine, _event_loop())
    return future.result(timeout + 5)


class Client:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.values = Once(NatsError)
        self._connection: Any = None
        self._lock = threading.Lock()

    def _retrying(self, what: str, attempt_once: Any) -> Any:
        """Run ``attempt_once`` up to retries+1 times with exponential backoff."""
        settings = self.settings
        attempts = settings.retries + 1
        delay = settings.interval
        last: Exception | None = None
        for attempt in range(attempts):
            try:
                return attempt_once()
            except Exception as error:  # nats-py's errors: reported, never a traceback
                last = error
            if attempt + 1 < attempts:
                time.sleep(delay)
                delay = min(delay * settings.backoff, settings.max_interval)
        raise NatsError(f"{what} after {attempts} attempts: {_describe(last)}")

    def connection(self) -> Any:
        with self._lock:
            if self._connection is None:
                import nats  # a large import: only for documents that read NATS

                async def quiet(error: Exception) -> None:
                    pass  # reported by the read that fails, not logged on stderr

                async def connect() -> Any:
                    return await nats.connect(
                        self.settings.url,
                        connect_timeout=self.settings.timeout,
                        allow_reconnect=False,
                        max_reconnect_attempts=0,
                        error_cb=quiet,
                    )

                self._connection = self._retrying(
                    "failed to connect to NATS",
                    lambda: _wait(connect(), self.settings.timeout),
                )
            return self._connection

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
                return result.data or b"", content_type

            return self._retrying(
                f"failed to get object '{name}' from bucket '{bucket}'",
                lambda: _wait(get(), self.settings.timeout),
            )

        return self.values.get(("obj", bucket, name), fetch)


def _describe(error: Exception | None) -> str:
    if error is None:
        return "<nil>"
    text = str(error) or type(error).__name__
    if "no servers available" in text.lower() or isinstance(error, (OSError, TimeoutError)):
        return "nats: no servers available for connection"
    return text


_lock = threading.Lock()


def client(run: dict, settings: Settings) -> Client:
    """The client of a run for these settings, created on first use."""
    with _lock:
        clients = run.setdefault("nats", {})
        key = settings.key()
        if key not in clients:
            clients[key] = Client(settings)
        return clients[key]
