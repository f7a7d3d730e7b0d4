"""Values fetched once per run, however many operators ask for them at once."""

from __future__ import annotations

import threading
from collections.abc import Callable

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


def _unexpected(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


class Once:
    """A cache whose first caller for a key computes the value; callers asking at
    the same time wait for it (requests in flight are coalesced). A failure is
    cached too: it is raised to every caller.

    Whatever ``compute`` raises reaches every caller as a ``failure``: the
    source's own error as it is, any other exception described by ``describe``.
    A caller waits at most ``bound`` seconds for another's fetch (the longest a
    fetch can take with the client's timeouts and retries); then it gets the
    failure ``expired(key)`` describes.
    """

    def __init__(
        self,
        failure: type[Exception],
        bound: float,
        *,
        describe: Callable[[BaseException], str] = _unexpected,
        expired: Callable[[Any], str] | None = None,
    ) -> None:
        self._failure = failure
        self.bound = bound
        self._describe = describe
        self._expired = expired
        self._lock = threading.Lock()
        self._values: dict[Any, Any] = {}

    def get(self, key: Any, compute: Callable[[], Any]) -> Any:
        with self._lock:
            entry = self._values.get(key)
            owner = entry is None
            if owner:
                entry = self._values[key] = threading.Event()
        if owner:
            result: Any = None
            try:
                result = compute()
            except self._failure as error:
                result = error
            except Exception as error:  # a failure of any kind reaches every caller
                result = self._failure(self._describe(error))
            except BaseException:  # interrupted: the waiters hear of it too
                result = self._failure("the read was interrupted")
                raise
            finally:
                with self._lock:
                    self._values[key] = result
                entry.set()
        else:
            if isinstance(entry, threading.Event) and not entry.wait(self.bound):
                raise self._failure(self._expiry(key))
            with self._lock:
                result = self._values[key]
        if isinstance(result, self._failure):
            raise result
        return result

    def _expiry(self, key: Any) -> str:
        if self._expired is not None:
            return self._expired(key)
        from graft.gofmt import format_duration

        return f"no answer within {format_duration(self.bound)}"

    def put(self, key: Any, value: Any) -> None:
        """Store a value fetched another way (a batch), unless the key has one."""
        with self._lock:
            if key not in self._values:
                self._values[key] = value

    def __contains__(self, key: Any) -> bool:
        with self._lock:
            return key in self._values
