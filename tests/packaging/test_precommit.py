"""The pre-commit hook of ``.pre-commit-hooks.yaml``, tried the way a user tries
it (``pre-commit try-repo``) on a scratch repository with a good and a bad file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parents[2]
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def scratch(tmp_path) -> tuple[Path, dict[str, str]]:
    repo = tmp_path / "repo"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    (repo / "good.yml").write_text("meta: {port: 8080}\nport: (( grab meta.port ))\n")
    (repo / "bad.yml").write_text("meta: {}\nport: (( grab meta.port ))\n")
    (repo / "notes.txt").write_text("(( grab nothing )) is not YAML, so not checked\n")
    git("add", ".", cwd=repo)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GRAFT_", "VIRTUAL_ENV"))}
    env.update(
        PRE_COMMIT_HOME=str(tmp_path / "cache"),
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.com",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.com",
    )
    return repo, env


def try_repo(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*PRE_COMMIT, "try-repo", str(ROOT), "graft-check", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_the_hook_fails_on_the_bad_file_and_passes_the_good_one(scratch):
    repo, env = scratch
    failed = try_repo(repo, env, "--all-files")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "graft merge check" in failed.stdout and "Failed" in failed.stdout
    assert "graft-check: bad.yml failed:" in failed.stdout
    assert "   at bad.yml:2:7: (( grab meta.port ))" in failed.stdout
    assert "good.yml" not in failed.stdout.split("graft-check:", 1)[1]
    assert "notes.txt" not in failed.stdout
    passed = try_repo(repo, env, "--files", "good.yml")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "graft merge check" in passed.stdout and "Passed" in passed.stdout


def test_the_hook_definition():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert (hook["id"], hook["entry"], hook["language"]) == ("graft-check", "graft-check", "python")
    assert hook["types_or"] == ["yaml", "json"]
