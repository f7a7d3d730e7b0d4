"""Debug and trace lines on stderr (``-D``/``DEBUG``, ``-T``/``TRACE``; README "Commands").

Lines describe what graft does (files read, documents merged, paths pruned),
never the values themselves, so no secret reaches them.
"""

from __future__ import annotations

import sys

_state = {"debug": False, "trace": False}


def configure(*, debug: bool, trace: bool) -> None:
    _state["debug"] = debug or trace
    _state["trace"] = trace


def debugging() -> bool:
    return _state["debug"]


def tracing() -> bool:
    return _state["trace"]


def debug(message: str) -> None:
    if _state["debug"]:
        sys.stderr.write(f"DEBUG> {message}\n")


def trace(message: str) -> None:
    if _state["trace"]:
        sys.stderr.write(f"-----> {message}\n")
