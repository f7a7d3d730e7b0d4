"""Every error a user can cause, and how the CLI prints it (README, "Exit status").

Three shapes reach stderr:

* ``GraftError``: a single message printed as is (input errors, usage of
  files, YAML syntax errors);
* ``MergeFailed``: a single message printed after ``Merge failed: ``
  (go-patch failures, cycles, cherry-pick of a missing path);
* ``ErrorList``: the ``N error(s) detected:`` report, lines sorted as whole
  strings in byte order.

All of them exit with status 2 unless they say otherwise. ``str(error)`` is what
the CLI prints without its trailing newlines; ``error.errors`` lists each error
as an ``ErrorDetail`` (its ``$.path``, message and, where known, the place the
failing operator was written).
"""

from __future__ import annotations

from collections.abc import Iterable


class ErrorDetail:
    """One error: the ``$.path`` it is about (None when it is about no path), the
    message, and ``FILE:LINE:COLUMN`` of the operator that failed, when known."""

    __slots__ = ("location", "message", "path")

    def __init__(self, path: str | None, message: str, location: str | None = None) -> None:
        self.path = path
        self.message = message
        self.location = location

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ErrorDetail) and (self.path, self.message, self.location) == (
            other.path,
            other.message,
            other.location,
        )

    def __hash__(self) -> int:
        return hash((self.path, self.message, self.location))

    def __repr__(self) -> str:
        return (
            f"ErrorDetail(path={self.path!r}, message={self.message!r}, location={self.location!r})"
        )


class Problem(str):
    """A line of an error report (``$.path: message``, and with locations on, the
    ``at`` lines) that keeps its parts for ``GraftError.errors``."""

    path: str | None
    detail: str
    location: str | None

    def __new__(
        cls, path: str, detail: str, location: str | None = None, shown: str = ""
    ) -> Problem:
        line = super().__new__(cls, f"{path}: {detail}{shown}")
        line.path, line.detail, line.location = path, detail, location
        return line


def _detail(text: str) -> ErrorDetail:
    """The parts of a message: ``$.a.b: message`` names a path."""
    if isinstance(text, Problem):
        return ErrorDetail(text.path, text.detail, text.location)
    if text.startswith("$"):
        path, colon, rest = text.partition(": ")
        if colon and " " not in path:
            return ErrorDetail(path, rest)
    return ErrorDetail(None, text)


class GraftError(Exception):
    """An error caused by the input. ``message`` is the message alone; ``report()``
    is what the CLI prints (graft follows some messages with blank lines:
    ``trailer``), and ``str(e)`` that without its trailing newlines."""

    exit_code = 2

    def __init__(self, message: str, *, trailer: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.trailer = trailer
        self.warnings: list[str] = []  # printed before the error

    def report(self) -> str:
        return self.message + "\n" + self.trailer

    def __str__(self) -> str:
        return self.report().rstrip("\n")

    @property
    def errors(self) -> list[ErrorDetail]:
        """Each error of the report, in the report's order."""
        return [_detail(self.message)]


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

    @property
    def errors(self) -> list[ErrorDetail]:
        return [_detail(m) for m in sorted(self.messages, key=lambda m: " - " + m)]
