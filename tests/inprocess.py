"""Run the graft CLI inside the test process (much faster than a subprocess, for
property tests that run it hundreds of times): same arguments, same stdout,
stderr and exit status as the command."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator, Mapping

from conftest import _CLEARED_ENV
from graft import cli


@contextlib.contextmanager
def environment(env: Mapping[str, str]) -> Iterator[None]:
    """``os.environ`` without graft's variables, plus ``env``, restored after."""
    saved = dict(os.environ)
    for name in _CLEARED_ENV:
        os.environ.pop(name, None)
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def run_cli(*args: str, env: Mapping[str, str] | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with environment(env or {}):
        saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = out, err
        try:
            status = cli.run(list(args), "graft")
        finally:
            sys.stdout, sys.stderr = saved
    return status, out.getvalue(), err.getvalue()
