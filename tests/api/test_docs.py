"""docs/python-api.md: every example runs (it is a doctest), and every public
name of ``graft`` is described there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import graft

ROOT = Path(__file__).parents[2]
DOC = ROOT / "docs" / "python-api.md"


def test_every_example_of_the_page_runs_and_prints_what_it_shows():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GRAFT_", "VAULT_"))}
    done = subprocess.run(
        [sys.executable, "-m", "doctest", "-o", "ELLIPSIS", str(DOC)],
        cwd=ROOT,  # the examples read examples/*.yml
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_the_page_has_examples_and_names_every_public_name():
    text = DOC.read_text()
    assert text.count(">>> ") > 40
    missing = [name for name in graft.__all__ if f"graft.{name}" not in text]
    assert missing == []
