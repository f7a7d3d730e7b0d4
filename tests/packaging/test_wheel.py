"""The distribution (`graft-yaml`): the sdist and wheel build and pass `twine
check`; the wheel holds the package and nothing else; installed alone into a
fresh venv (the core: PyYAML only) it merges the bundled example, says which
extra a document needs instead of failing on an import, and is typed for mypy."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
VERSION = PROJECT["version"]


def run(*argv: str | Path, cwd: Path = ROOT, env: dict | None = None, timeout: float = 300):
    return subprocess.run(
        [str(a) for a in argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
        check=False,
    )


def clean_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(
            ("GRAFT_", "VAULT_", "AWS_", "NATS_", "REDACT", "PYTHON", "VIRTUAL_ENV")
        )
    }
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """The sdist and wheel, built from a copy of the checkout's files."""
    source = tmp_path_factory.mktemp("source")
    listed = run("git", "ls-files", "-co", "--exclude-standard", "-z")
    assert listed.returncode == 0, listed.stderr
    for name in filter(None, listed.stdout.split("\0")):
        path = ROOT / name
        if path.is_file():
            target = source / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    out = tmp_path_factory.mktemp("dist")
    built = run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, source)
    assert built.returncode == 0, built.stdout + built.stderr
    return out


@pytest.fixture(scope="module")
def wheel(dist) -> Path:
    (found,) = dist.glob("graft_yaml-*.whl")
    return found


@pytest.fixture(scope="module")
def venv(tmp_path_factory, wheel) -> Path:
    """A fresh venv with the wheel installed and no extra."""
    where = tmp_path_factory.mktemp("venv")
    made = run(sys.executable, "-m", "venv", where)
    assert made.returncode == 0, made.stderr
    installed = run(where / "bin" / "python", "-m", "pip", "install", "-q", wheel, env=clean_env())
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return where


def test_twine_check_passes(dist):
    checked = run(sys.executable, "-m", "twine", "check", "--strict", *sorted(dist.iterdir()))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count("PASSED") == 2


def test_the_wheel_holds_the_package_and_nothing_else(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    info = f"graft_yaml-{VERSION}.dist-info/"
    assert wheel.name == f"graft_yaml-{VERSION}-py3-none-any.whl"
    assert all(n.startswith(("graft/", info)) for n in names), names
    for needed in ("graft/py.typed", "graft/cli.py", "graft/api.py", "graft/check.py"):
        assert needed in names
    assert "graft/operators/grab.py" in names and "graft/diff/report.py" in names
    assert not [n for n in names if re.search(r"(^|/)(tests?|benchmarks|examples)/", n)]
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    assert f"{info}licenses/LICENSE" in names
    wheel_file = zipfile.ZipFile(wheel)
    entry_points = wheel_file.read(f"{info}entry_points.txt").decode()
    assert "graft = graft.__main__:main" in entry_points
    assert "graft-check = graft.check:main" in entry_points
    metadata = wheel_file.read(f"{info}METADATA").decode()
    assert "\nName: graft-yaml\n" in metadata
    assert "\nLicense-Expression: MIT\n" in metadata
    requires = re.findall(r"^Requires-Dist: (.*)$", metadata, re.M)
    assert [r for r in requires if "extra ==" not in r] == ["PyYAML>=6.0.1"]
    for extra in ("aws", "nats", "metrics", "all"):
        assert f"\nProvides-Extra: {extra}\n" in metadata
    assert "Classifier: Typing :: Typed" in metadata


def test_the_readme_on_the_package_page_links_only_to_absolute_addresses(wheel):
    metadata = zipfile.ZipFile(wheel).read(f"graft_yaml-{VERSION}.dist-info/METADATA").decode()
    description = metadata.split("\n\n", 1)[1]
    links = re.findall(r"\]\(([^)]+)\)", description)
    assert links
    relative = [link for link in links if not link.startswith(("https://", "#"))]
    assert relative == []


def test_installed_alone_it_merges_the_bundled_example(venv):
    merged = run(venv / "bin" / "graft", "merge", "examples/base.yml", "examples/prod.yml")
    expected = run(sys.executable, "-m", "graft", "merge", "examples/base.yml", "examples/prod.yml")
    assert (merged.returncode, merged.stderr) == (0, "")
    assert merged.stdout == expected.stdout
    version = run(venv / "bin" / "graft", "--version")
    assert version.stdout == f"graft - Version {VERSION}\n"
    imported = run(venv / "bin" / "python", "-c", "import graft; print(graft.__version__)")
    assert imported.stdout == f"{VERSION}\n"


def test_the_core_installs_pyyaml_and_nothing_more(venv):
    listed = run(venv / "bin" / "python", "-m", "pip", "list", "--format", "json")
    names = {p["name"].lower() for p in json.loads(listed.stdout)}
    assert {"graft-yaml", "pyyaml"} <= names
    assert not names & {"boto3", "botocore", "nats-py", "prometheus-client"}


def test_a_missing_extra_is_named_with_the_install_command(venv, tmp_path):
    (tmp_path / "a.yml").write_text(
        'a: (( awsparam "/x" ))\nb: (( nats "kv:store/k" ))\nc: (( awssecret "s" ))\nd: 1\n'
    )
    failed = run(venv / "bin" / "graft", "merge", "a.yml", cwd=tmp_path, env=clean_env())
    assert (failed.returncode, failed.stdout) == (2, "")
    assert failed.stderr == (
        "3 error(s) detected:\n"
        ' - $.a: awsparam needs boto3: pip install "graft-yaml[aws]"\n'
        ' - $.b: nats needs nats-py: pip install "graft-yaml[nats]"\n'
        ' - $.c: awssecret needs boto3: pip install "graft-yaml[aws]"\n\n\n'
    )
    redacted = run(
        venv / "bin" / "graft", "merge", "a.yml", cwd=tmp_path, env=clean_env(REDACT="1")
    )
    assert (redacted.returncode, redacted.stderr) == (0, "")  # nothing to read: no extra needed
    metrics = clean_env(
        GRAFT_METRICS="true", GRAFT_METRICS_PORT="0", GRAFT_METRICS_FILE=str(tmp_path / "m.prom")
    )
    (tmp_path / "b.yml").write_text("a: 1\nb: (( grab a ))\n")
    measured = run(venv / "bin" / "graft", "merge", "b.yml", cwd=tmp_path, env=metrics)
    assert (measured.returncode, measured.stdout) == (0, "a: 1\nb: 1\n\n")
    assert (
        'warning: a .prom metrics file needs prometheus_client: pip install "graft-yaml[metrics]"'
        in measured.stderr
    )


TYPED_USE = """\
from typing import Any
import graft

tree: dict[str, Any] = graft.merge({"a": 1}, "b: 2\\n", prune=["x"], parallel=True)
files: dict[str, Any] = graft.merge_files("a.yml", "b.yml", go_patch=True, multi_doc=True)
text: str = graft.render(tree) + graft.render_json(files)
version: str = graft.__version__
try:
    graft.merge("a: (( grab b ))\\n")
except graft.ErrorList as many:
    first: graft.ErrorDetail = many.errors[0]
except graft.GraftError as error:
    report: str = error.report()
    details: list[graft.ErrorDetail] = error.errors
    where: str | None = details[0].location
features: graft.Features = graft.get_features()
features.set_parallel_enabled(True)
features.update({"parallel_max_workers": 8})
graft.enable_parallel_execution(False)
config = graft.ParallelEvaluatorConfig(enabled=True, max_workers=4, strategy="adaptive")
graft.set_parallel_config(config)
evaluator = graft.Evaluator(tree={"a": "(( concat 1 2 ))"})
evaluator.run_phase(graft.MERGE_PHASE)
evaluator.run_phase(graft.PARAM_PHASE, parallel=False)
evaluator.run_phase_parallel(graft.EVAL_PHASE)
evaluator.run()
stats: dict[str, Any] = graft.parallel_execution_stats()
metrics: graft.ParallelMetrics = graft.get_parallel_metrics()
snapshot: graft.MetricsSnapshot = metrics.get_snapshot()
total: int = snapshot.ops_total
with graft.MetricsServer(metrics, 0) as server:
    url: str = server.url
"""

MISUSED = """\
import graft

count: int = graft.merge({})
graft.merge_files(42)
graft.render("text")
graft.Evaluator(tree=[1])
"""


def test_mypy_strict_sees_the_typed_api_of_the_installed_wheel(venv, tmp_path):
    (tmp_path / "use.py").write_text(TYPED_USE)
    (tmp_path / "misuse.py").write_text(MISUSED)
    mypy = [sys.executable, "-m", "mypy", "--strict", "--no-incremental"]
    mypy += ["--python-executable", str(venv / "bin" / "python")]
    checked = run(*mypy, "use.py", cwd=tmp_path, env=clean_env())
    assert checked.returncode == 0, checked.stdout + checked.stderr
    wrong = run(*mypy, "misuse.py", cwd=tmp_path, env=clean_env())
    assert wrong.returncode == 1
    assert re.findall(r"misuse\.py:(\d+): error", wrong.stdout) == ["3", "4", "5", "6"], (
        wrong.stdout
    )
