"""``graft-check``: the command of the pre-commit hook."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


@pytest.fixture
def check(tmp_path):
    def run(*args: str, files: dict[str, str] | None = None) -> tuple[int, str, str]:
        for name, text in (files or {}).items():
            (tmp_path / name).write_text(text)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("GRAFT_", "VAULT_"))}
        done = subprocess.run(
            [sys.executable, "-m", "graft.check", *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=60,
            check=False,
        )
        return done.returncode, done.stdout, done.stderr

    return run


GOOD = "meta: {port: 8080}\nport: (( grab meta.port ))\n"
BAD = "meta: {}\nport: (( grab meta.port ))\n"


def test_each_file_is_checked_on_its_own(check):
    rc, out, err = check("good.yml", "bad.yml", files={"good.yml": GOOD, "bad.yml": BAD})
    assert (rc, out) == (1, "")
    assert err == (
        "graft-check: bad.yml failed:\n"
        "1 error(s) detected:\n"
        " - $.port: Unable to resolve `meta.port`: `$.meta.port` could not be found in the "
        "datastructure\n"
        "   at bad.yml:2:7: (( grab meta.port ))\n\n"
        "graft-check: 1 of 2 failed\n"
    )
    assert check("good.yml") == (0, "", "")


def test_skip_eval_only_merges(check):
    assert check("--skip-eval", "bad.yml", files={"bad.yml": BAD}) == (0, "", "")
    rc, _, err = check("--skip-eval", "broken.yml", files={"broken.yml": "a: [1\n"})
    assert rc == 1
    assert "broken.yml: parse_error" in err


def test_together_merges_the_files_as_one(check):
    files = {"base.yml": "meta: {port: 1}\n", "app.yml": "port: (( grab meta.port ))\n"}
    assert check("app.yml", files=files)[0] == 1
    assert check("--together", "base.yml", "app.yml", files=files) == (0, "", "")


def test_redact_leaves_vault_alone(check):
    files = {"v.yml": 'pw: (( vault "secret/a:b" ))\n'}
    assert check("v.yml", files=files)[0] == 1
    assert check("--redact", "v.yml", files=files) == (0, "", "")


def test_multi_doc_and_go_patch(check):
    files = {
        "m.yml": "a: 1\n---\nb: (( grab a ))\n",
        "ops.yml": "- type: replace\n  path: /c?\n  value: 1\n",
    }
    assert check("m.yml", files=files)[0] == 0  # only the first document: nothing to fail
    assert check("-m", "m.yml") == (0, "", "")
    assert check("ops.yml")[0] == 1  # a list is no map without --go-patch
    assert check("--go-patch", "--together", "m.yml", "ops.yml") == (0, "", "")


def test_warnings_are_shown_but_do_not_fail(check):
    rc, out, err = check("t.yml", files={"t.yml": "a: (( grabb x ))\n"})
    assert (rc, out) == (0, "")
    assert err == (
        'graft-check: t.yml: warning: $.a: "grabb" is not an operator, so this stays text'
        ' - did you mean "grab"?\n   at t.yml:1:4: (( grabb x ))\n'
    )


@pytest.mark.parametrize(
    ("args", "first"), [(["--bogus", "a.yml"], "unknown flag: --bogus\n"), ([], "")]
)
def test_a_bad_command_line_exits_2(check, args, first):
    usage = "usage: graft-check [--skip-eval] [--redact] [--go-patch] [-m] [--together] FILE...\n"
    assert check(*args) == (2, "", first + usage)
