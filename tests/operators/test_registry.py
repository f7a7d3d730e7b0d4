"""The operator index agrees with the operator modules, and a run imports only the
modules of the operators it uses."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys

import graft.operators as operators
from graft.operators import INDEX, REGISTRY, load


def test_the_index_names_every_operator_with_its_module_phase_and_kind():
    folder = os.path.dirname(operators.__file__)
    for file in sorted(os.listdir(folder)):
        if file.endswith(".py") and file not in ("__init__.py", "base.py", "infix.py"):
            importlib.import_module(f"graft.operators.{file[:-3]}")
    registered = {
        name: (type(op).__module__.rsplit(".", 1)[1], op.phase, op.io_bound)
        for name, op in REGISTRY.items()
    }
    assert registered == INDEX
    assert set(load()) == set(INDEX)


def test_unknown_names_are_not_operators():
    assert "nope" not in REGISTRY
    assert REGISTRY.get("nope") is None
    assert REGISTRY.get("grab").name == "grab"


def test_a_run_imports_only_the_operators_it_uses(tmp_path):
    path = tmp_path / "a.yml"
    path.write_text("a: 1\nb: (( grab a ))\nc: (( concat a b ))\n")
    code = (
        "import sys; from graft.cli import run; run(['merge', sys.argv[1]], 'graft'); "
        "print(sorted(m for m in sys.modules if m.startswith('graft.operators.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    ).stdout
    loaded = out.splitlines()[-1]
    # base, infix and limits are what every operator shares, not operators
    assert loaded == (
        "['graft.operators.base', 'graft.operators.concat', 'graft.operators.grab', "
        "'graft.operators.infix', 'graft.operators.limits']"
    )
