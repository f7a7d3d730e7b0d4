"""Every error a user can cause, and how the CLI prints it (README, "Exit status").

Three shapes reach stderr:

* ``GraftError``: a single message printed as is (input errors, usage of
  files, YAML syntax errors);
* ``MergeFailed``: a single message printed after ``Merge failed: ``
  (go-patch failures, cycles, cherry-pick of a missing path);
* ``ErrorList``: the ``N error(s) detected:`` report, lines sorted as whole
  strings in byte order.

All of them exit with status 2 unless they say otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable


class GraftError(Exception):
    """An error caused by the input. ``str(e)`` and ``message`` are the message
    alone; ``report()`` is what the CLI prints (graft follows some messages with
    blank lines: ``trailer``)."""

    exit_code = 2

    def __init__(self, message: str, *, trailer: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.trailer = trailer
        self.warnings: list[str] = []  # printed before the error

    def report(self) -> str:
        return self.message + "\n" + self.trailer


class MergeFailed(GraftError):
    """A single error from the merge/evaluate engine: ``Merge failed: ...``."""

    def report(self) -> str:
        return "Merge failed: " + self.message + "\n" + self.trailer


class ErrorList(GraftError):
    """Several errors collected in one phase, printed as graft's report."""

    def __init__(self, messages: Iterable[str]) -> None:
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))

    def report(self) -> str:
        lines = sorted(" - " + m for m in self.messages)
        return (
            f"{len(lines)} error(s) detected:\n" + "".join(line + "\n" for line in lines) + "\n\n"
        )
