"""Every example of the README's "Everyday use" section, run in
``examples/everyday`` and compared with what the README shows."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
SECTION = "## Everyday use"


def examples() -> list[tuple[str, list[tuple[str, str]]]]:
    """Each ```console block of the section: (its first command, [(command, output)])."""
    text = (ROOT / "README.md").read_text()
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```console\n(.*?)```", section, re.S)
    found = []
    for block in blocks:
        steps: list[tuple[str, str]] = []
        for line in block.splitlines(keepends=True):
            if line.startswith("$ "):
                steps.append((line[2:].rstrip("\n"), ""))
            else:
                command, output = steps[-1]
                steps[-1] = (command, output + line)
        found.append((steps[0][0], steps))
    return found


EXAMPLES = examples()


def test_the_section_has_examples_of_every_topic():
    commands = [command for _, steps in EXAMPLES for command, _ in steps]
    for needed in ("graft help", "completion bash", "completion zsh", "completion fish"):
        assert any(needed in c for c in commands), needed
    assert any("--locations on" in c for c in commands)
    assert sum("graft plan" in c for c in commands) == 3


@pytest.fixture
def shell(tmp_path):
    """A bash in a copy of examples/everyday, with `graft` on its PATH and a
    home of its own."""
    work = tmp_path / "work"
    shutil.copytree(ROOT / "examples" / "everyday", work)
    home = tmp_path / "home"
    home.mkdir()
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "graft"
    shim.write_text(f'#!/bin/sh\nexec {sys.executable} -m graft "$@"\n')
    shim.chmod(0o755)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GRAFT_", "VAULT_", "DEBUG", "TRACE"))
    }
    env.update(HOME=str(home), PATH=f"{bin_dir}:{env.get('PATH', '')}")

    def run(command: str) -> str:
        done = subprocess.run(
            ["bash", "-c", command + " 2>&1"],
            cwd=work,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        return done.stdout

    run.home = home  # type: ignore[attr-defined]
    run.work = work  # type: ignore[attr-defined]
    return run


@pytest.mark.parametrize("steps", [steps for _, steps in EXAMPLES], ids=[i for i, _ in EXAMPLES])
def test_each_example_prints_what_the_readme_shows(shell, steps):
    for command, output in steps:
        assert shell(command).rstrip("\n") == output.rstrip("\n"), command
    for command, _ in steps:
        redirect = re.search(r"> (\S+)$", command)
        if redirect is None:
            continue
        target = Path(redirect.group(1).replace("~", str(shell.home), 1))
        written = (target if target.is_absolute() else shell.work / target).read_text()
        completion = re.match(r"graft completion (\w+) ", command)
        if completion:  # the installed script is the one graft prints
            assert written == shell(f"graft completion {completion.group(1)}")
        elif "--format json" in command:
            paths = [op["path"] for op in json.loads(written)["phases"][0]["operators"]]
            assert "$.meta.db_password" in paths
        elif "--format dot" in command:
            assert written.startswith('digraph "graft plan" {')
        else:
            pytest.fail(f"no check for {command}")
