"""Values fetched once per run, however many operators ask for them at once."""

from __future__ import annotations

import threading
from collections.abc import Callable

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


class Once:
    """A cache whose first caller for a key computes the value; callers asking at
    the same time wait for it (requests in flight are coalesced). A failure is
    cached too: it is raised to every caller."""

    def __init__(self, failure: type[Exception]) -> None:
        self._failure = failure
        self._lock = threading.Lock()
        self._values: dict[Any, Any] = {}

    def get(self, key: Any, compute: Callable[[], Any]) -> Any:
        with self._lock:
            entry = self._values.get(key)
            owner = entry is None
            if owner:
                entry = self._values[key] = threading.Event()
        if owner:
            try:
                result: Any = compute()
            except self._failure as error:
                result = error
            with self._lock:
                self._values[key] = result
            entry.set()
        else:
            if isinstance(entry, threading.Event):
                entry.wait()
            with self._lock:
                result = self._values[key]
        if isinstance(result, self._failure):
            raise result
        return result

    def put(self, key: Any, value: Any) -> None:
        """Store a value fetched another way (a batch), unless the key has one."""
        with self._lock:
            if key not in self._values:
                self._values[key] = value

    def __contains__(self, key: Any) -> bool:
        with self._lock:
            return key in self._values
