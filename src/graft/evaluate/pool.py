"""A small thread pool for operators that wait on I/O.

``concurrent.futures`` would do, but it imports ``logging`` (15 ms of start-up)
and costs more per task; this pool is a queue, up to ``workers`` daemon
threads started as work arrives, and tasks whose ``result()`` waits.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from queue import SimpleQueue

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


# How long ``result()`` waits for a task. A task is one operator's call, and every
# fetch it makes ends by its client's deadline (sources/: Vault's timeout and
# retries, botocore's, NATS_TIMEOUT and NATS_RETRIES); this is the last safety
# net, well above them, so that no wait of the run can last for ever.
TASK_BOUND = 3600.0


class TaskTimeout(TimeoutError):
    """A task that did not end within its bound."""


class Task:
    """A call handed to the pool; ``result()`` waits for it and returns its value
    or raises its exception. A ``quiet`` task (a fetch that only fills a cache)
    returns None instead of raising: whoever reads the cache reports the error."""

    __slots__ = ("_args", "_done", "_error", "_fn", "_value", "quiet")

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...], quiet: bool = False) -> None:
        self._fn, self._args = fn, args
        self._done = threading.Event()
        self._value: Any = None
        self._error: BaseException | None = None
        self.quiet = quiet

    def run(self) -> None:
        try:
            self._value = self._fn(*self._args)
        except BaseException as error:  # handed to whoever waits for the result
            self._error = error
        finally:
            self._args = ()
            self._done.set()

    def cancel(self) -> None:
        self._error = RuntimeError("cancelled: the run ended before this operation started")
        self._args = ()
        self._done.set()

    def result(self, timeout: float | None = None) -> Any:
        """The task's value; waits ``timeout`` seconds at most (``TASK_BOUND`` by
        default), then raises ``TaskTimeout``."""
        bound = TASK_BOUND if timeout is None else timeout
        if not self._done.wait(bound):
            if self.quiet:
                return None
            from graft.gofmt import format_duration

            raise TaskTimeout(f"the operation did not end within {format_duration(bound)}")
        if self._error is not None:
            if self.quiet:
                return None
            raise self._error
        return self._value


class Pool:
    def __init__(self, workers: int, name: str = "graft-op") -> None:
        self.workers = max(1, workers)
        self.name = name
        self._queue: SimpleQueue[Task | None] = SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._idle = 0
        self._lock = threading.Lock()
        self._closed = False

    def submit(self, fn: Callable[..., Any], *args: Any, quiet: bool = False) -> Task:
        task = Task(fn, args, quiet)
        self._queue.put(task)
        with self._lock:
            # A new thread when more tasks wait than threads are waiting for work.
            if len(self._threads) < self.workers and self._queue.qsize() > self._idle:
                thread = threading.Thread(
                    target=self._work, name=f"{self.name}-{len(self._threads)}", daemon=True
                )
                self._threads.append(thread)
                thread.start()
        return task

    def _work(self) -> None:
        queue, lock = self._queue, self._lock
        while True:
            with lock:
                self._idle += 1
            task = queue.get()
            with lock:
                self._idle -= 1
            if task is None:
                return
            if self._closed:
                task.cancel()
            else:
                task.run()

    def shutdown(self, wait: bool = True) -> None:
        """Stop the threads once the queued tasks are done (cancelled when not ``wait``)."""
        self._closed = not wait
        for _ in self._threads:
            self._queue.put(None)
        if wait:
            deadline = time.monotonic() + TASK_BOUND
            for thread in self._threads:
                thread.join(max(0.0, deadline - time.monotonic()))
