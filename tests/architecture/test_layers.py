"""The parts of src/graft import only downwards (docs/architecture.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parents[2] / "tools"
sys.path.insert(0, str(TOOLS))

import import_cycles  # noqa: E402


def test_no_import_cycle_between_the_parts_of_graft():
    result = subprocess.run(
        [sys.executable, str(TOOLS / "import_cycles.py")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("no import cycles"), result.stdout


def test_the_checker_finds_a_cycle():
    graph = {"a": {"b": {"a.py"}}, "b": {"c": {"b.py"}}, "c": {"a": {"c.py"}}, "d": {"a": set()}}
    assert import_cycles.cycles(graph) == [["a", "b", "c"]]
    assert import_cycles.cycles({"a": {"b": set()}, "b": {}}) == []


def test_operators_never_import_the_evaluator():
    graph = import_cycles.edges()
    assert "evaluate" not in graph["operators"]
    for lower in ("values", "gofmt", "tree", "yamlio", "merging", "expr"):
        assert "operators" not in graph.get(lower, {}), lower
        assert "evaluate" not in graph.get(lower, {}), lower


def test_the_library_does_not_import_the_command_line():
    graph = import_cycles.edges()
    for library in ("api", "pipeline", "evaluate", "operators"):
        for cli in ("cli", "verbs"):
            assert cli not in graph.get(library, {}), (library, cli)
