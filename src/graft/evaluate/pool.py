"""A small thread pool for operators that wait on I/O.

``concurrent.futures`` would do, but it imports ``logging`` (15 ms of start-up)
and costs more per task; this pool is a queue, up to ``workers`` daemon
threads started as work arrives, and tasks whose ``result()`` waits.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from queue import SimpleQueue

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


class Task:
    """A call handed to the pool; ``result()`` waits for it and returns its value
    or raises its exception."""

    __slots__ = ("_args", "_done", "_error", "_fn", "_value")

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        self._fn, self._args = fn, args
        self._done = threading.Event()
        self._value: Any = None
        self._error: BaseException | None = None

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

    def result(self) -> Any:
        self._done.wait()
        if self._error is not None:
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

    def submit(self, fn: Callable[..., Any], *args: Any) -> Task:
        task = Task(fn, args)
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
            for thread in self._threads:
                thread.join()
