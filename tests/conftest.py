"""Shared helpers: run the real ``graft`` CLI end to end in a scratch directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from servers.prometheus import promtool_fixture as promtool_fixture
from servers.prometheus import pushgateway_url_fixture as pushgateway_url_fixture

# Variables that change graft's behaviour; a test sets them explicitly when it needs them.
_CLEARED_ENV = (
    "DEBUG",
    "TRACE",
    "DEFAULT_ARRAY_MERGE_KEY",
    "GRAFT_FILE_BASE_PATH",
    "REDACT",
    "VAULT_ADDR",
    "VAULT_TOKEN",
    "GRAFT_PARALLEL",
    "GRAFT_PARALLEL_WORKERS",
    "GRAFT_PARALLEL_MIN_OPS",
    "GRAFT_PARALLEL_STRATEGY",
    "GRAFT_BATCH",
    "GRAFT_METRICS",
    "GRAFT_METRICS_PORT",
    "GRAFT_METRICS_HOST",
    "GRAFT_METRICS_FILE",
    "GRAFT_METRICS_PUSHGATEWAY",
    "GRAFT_METRICS_JOB",
    "GRAFT_LOCATIONS",
)

Result = tuple[int, str, str]


def run_graft(
    cwd: Path,
    *args: str,
    files: Mapping[str, str | bytes] | None = None,
    stdin: bytes | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 30,
    command: list[str] | None = None,
) -> Result:
    """Run ``python -m graft ARGS`` in ``cwd`` and return ``(rc, stdout, stderr)``.

    ``files`` are written into ``cwd`` first (text as UTF-8, bytes as is).
    Without ``stdin`` the child's standard input is ``/dev/null`` (a character
    device, i.e. "nothing piped"); with it, the bytes are piped in.
    """
    for name, content in (files or {}).items():
        path = cwd / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    child_env = {k: v for k, v in os.environ.items() if k not in _CLEARED_ENV}
    child_env.update(env or {})
    argv = (command or [sys.executable, "-m", "graft"]) + list(args)
    completed = subprocess.run(
        argv,
        cwd=cwd,
        input=stdin,
        stdin=subprocess.DEVNULL if stdin is None else None,
        capture_output=True,
        env=child_env,
        timeout=timeout,
        check=False,
    )
    return (
        completed.returncode,
        completed.stdout.decode("utf-8", "backslashreplace"),
        completed.stderr.decode("utf-8", "backslashreplace"),
    )


Graft = Callable[..., Result]


@pytest.fixture
def graft(tmp_path: Path) -> Graft:
    """``graft(*args, files=..., stdin=..., env=...)`` run inside ``tmp_path``."""

    def call(*args: str, **kwargs: object) -> Result:
        return run_graft(tmp_path, *args, **kwargs)  # type: ignore[arg-type]

    return call


NO_STDIN = (
    "Error reading STDIN: no data found. Did you forget to pipe data to STDIN, "
    "or specify yaml files to merge?\n"
)


def multi_error(*messages: str) -> str:
    """graft's multi-error report (SPEC §1.10 a), messages given in their sorted order."""
    lines = [f" - {m}\n" for m in messages]
    assert lines == sorted(lines), "write the expected messages in byte order"
    return f"{len(lines)} error(s) detected:\n" + "".join(lines) + "\n\n"


def loaded_after_merge(cwd: Path, text: str, names: tuple[str, ...]) -> tuple[str, list[str]]:
    """Run ``graft merge`` on ``text`` in a fresh interpreter: (its stdout, which of
    ``names`` were imported by then)."""
    (cwd / "a.yml").write_text(text)
    script = (
        "import json, sys\n"
        "from graft.cli import run\n"
        "assert run(['merge', 'a.yml'], 'graft') == 0\n"
        f"print(json.dumps(sorted(m for m in {names!r} if m in sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=cwd, capture_output=True, text=True, check=True
    )
    *output, loaded = done.stdout.split("\n")[:-1]
    return "\n".join(output) + "\n", json.loads(loaded)
