"""``graft completion bash|zsh|fish`` (issue 12): the bash script is sourced in a
real bash and asked for completions; the zsh and fish scripts are parsed by their
shells where those are installed."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys

import pytest

from graft.completion import GLOBAL_FLAGS, VERB_FLAGS


@pytest.fixture(scope="module")
def bash_script(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("completion")
    script = folder / "graft.bash"
    result = subprocess.run(
        [sys.executable, "-m", "graft", "completion", "bash"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    script.write_text(result.stdout)
    for name in ("a.yml", "a2.yml", "b.json"):
        (folder / name).write_text("a: 1\n")
    return script


def complete(script, words: list[str]) -> list[str]:
    """What bash offers for the last of ``words`` (the command line typed so far)."""
    program = (
        f"source {shlex.quote(str(script))}\n"
        f"COMP_WORDS=({' '.join(shlex.quote(w) for w in words)})\n"
        f"COMP_CWORD={len(words) - 1}\n"
        "_graft\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", program],
        capture_output=True,
        text=True,
        cwd=script.parent,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, ""), result
    return sorted(line for line in result.stdout.split("\n") if line)


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        (["graft", ""], sorted(VERB_FLAGS)),
        (["graft", "me"], ["merge"]),
        (["graft", "--co"], ["--color"]),
        (["graft", "--lo"], ["--locations"]),
        (["graft", "--locations", "o"], ["off", "on"]),
        (["graft", "--locations", "on", "pl"], ["plan"]),
        (["graft", "plan", "--format", ""], ["dot", "json", "text"]),
        (["graft", "plan", "--workers", ""], []),
        (["graft", "plan", "--s"], []),
        (["graft", "-"], sorted(GLOBAL_FLAGS)),
        (["graft", "--color", ""], ["auto", "off", "on"]),
        (["graft", "--color", "on", "f"], ["fan"]),
        (["graft", "-D", "js"], ["json"]),
        (["graft", "merge", "--p"], ["--prune"]),
        (["graft", "fan", "--dataflow-order", "i"], ["insertion"]),
        (["graft", "merge", "--prune", ""], []),
        (["graft", "json", "--"], ["--help", "--strict"]),
        (["graft", "vaultinfo", "-"], ["--go-patch"]),
        (["graft", "merge", "a"], ["a.yml", "a2.yml"]),
        (["graft", "diff", "a.yml", "b"], ["b.json"]),
        (["graft", "completion", ""], ["bash", "fish", "zsh"]),
        (["graft", "help", "me"], ["merge"]),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",
)
def test_bash_offers_verbs_flags_values_and_files(bash_script, words, offered):
    assert complete(bash_script, words) == offered


def test_every_merge_flag_is_offered(bash_script):
    offered = complete(bash_script, ["graft", "merge", "-"])
    assert offered == sorted(VERB_FLAGS["merge"])
    assert "--cherry-pick" in offered and "--skip-eval" in offered


@pytest.mark.parametrize(("shell", "check"), [("zsh", ["zsh", "-n"]), ("fish", ["fish", "-n"])])
def test_zsh_and_fish_scripts(graft, tmp_path, shell, check):
    rc, out, err = graft("completion", shell)
    assert (rc, err) == (0, "")
    for verb in VERB_FLAGS:
        assert verb in out
    assert "--cherry-pick" in out.replace("-l cherry-pick", "--cherry-pick")
    if shutil.which(check[0]):  # parsed by the shell itself where it is installed
        script = tmp_path / f"graft.{shell}"
        script.write_text(out)
        result = subprocess.run([*check, str(script)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        if shell == "fish":  # and asked for completions
            asked = f"source {shlex.quote(str(script))}; complete -C 'graft --color '"
            result = subprocess.run(["fish", "-c", asked], capture_output=True, text=True)
            offered = sorted(line.split("\t")[0] for line in result.stdout.split("\n") if line)
            assert offered == ["auto", "off", "on"], result


def test_an_unknown_or_missing_shell_is_a_usage_error(graft):
    for args in (["completion", "tcsh"], ["completion"], ["completion", "bash", "zsh"]):
        assert graft(*args) == (1, "", "usage: graft completion bash|zsh|fish\n")
