"""``graft diff`` reports recorded from the Go graft (dyff v1.9.0), byte for byte.

``tests/data/diff/cases.json`` holds small pairs (``a``, ``b``) with the Go
graft's standard output for ``graft diff a.yml b.yml``: ``out`` with standard
output not a terminal (80 columns, no colors), ``tty`` with an 80-column
terminal (16 colors; the terminal's CR LF turned back into LF) and, for some,
``tty120_truecolor`` with a 120-column terminal and ``COLORTERM=truecolor``.
``cf*.yml`` are cut-down cf-deployment manifests (``cf.yml`` merged from
cf-deployment.yml, the others with an ops file) and ``cf-*.out`` the Go graft's
reports of ``cf.yml`` against each.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graft.documents import Stdin
from graft.verbs.diff import diff_report

DATA = next(  # tests/data/diff, wherever this file sits under tests/
    p / "data" / "diff" for p in Path(__file__).resolve().parents if (p / "data" / "diff").is_dir()
)
CASES = json.loads((DATA / "cases.json").read_text(encoding="utf-8"))


def _report(tmp_path: Path, a: str, b: str) -> tuple[str, bool]:
    (tmp_path / "a.yml").write_bytes(a.encode("utf-8"))
    (tmp_path / "b.yml").write_bytes(b.encode("utf-8"))
    report, differ = diff_report(str(tmp_path / "a.yml"), str(tmp_path / "b.yml"), Stdin(), 80)
    return report + "\n", differ


@pytest.mark.parametrize("name", sorted(CASES))
def test_recorded_case(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    out, differ = _report(tmp_path, case["a"], case["b"])
    assert out == case["out"]
    assert differ == (case["out"] != "\n\n")


TTY = sorted(name for name, case in CASES.items() if "tty" in case)
TRUECOLOR = sorted(name for name, case in CASES.items() if "tty120_truecolor" in case)


@pytest.mark.parametrize("name", TTY)
def test_recorded_case_in_a_terminal(tmp_path: Path, name: str) -> None:
    """The Go graft's report with standard output an 80-column terminal (16 colors)."""
    case = CASES[name]
    (tmp_path / "a.yml").write_bytes(case["a"].encode("utf-8"))
    (tmp_path / "b.yml").write_bytes(case["b"].encode("utf-8"))
    report, _ = diff_report(
        str(tmp_path / "a.yml"), str(tmp_path / "b.yml"), Stdin(), 80, colors=True
    )
    assert report + "\n" == case["tty"]


@pytest.mark.parametrize("name", TRUECOLOR)
def test_recorded_case_in_a_wide_truecolor_terminal(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    (tmp_path / "a.yml").write_bytes(case["a"].encode("utf-8"))
    (tmp_path / "b.yml").write_bytes(case["b"].encode("utf-8"))
    report, _ = diff_report(
        str(tmp_path / "a.yml"), str(tmp_path / "b.yml"), Stdin(), 120, True, True
    )
    assert report + "\n" == case["tty120_truecolor"]


@pytest.mark.parametrize("ops", ["bosh-lite", "use-postgres", "use-haproxy"])
def test_cf_deployment_with_an_ops_file(ops: str) -> None:
    report, differ = diff_report(str(DATA / "cf.yml"), str(DATA / f"cf-{ops}.yml"), Stdin(), 80)
    assert report + "\n" == (DATA / f"cf-{ops}.out").read_text(encoding="utf-8")
    assert differ


def test_cf_deployment_against_itself() -> None:
    assert diff_report(str(DATA / "cf.yml"), str(DATA / "cf.yml"), Stdin(), 80) == ("\n", False)
