"""Errors that say where (D21): ``FILE:LINE:COLUMN`` and the expression under
each operator error and warning, a caret under syntax errors, and typo hints;
all behind one switch (``--locations``, ``GRAFT_LOCATIONS``, a terminal)."""

import os
import pty
import subprocess
import sys

import pytest

from conftest import multi_error

PROD = (
    "meta:\n"
    "  x: 1\n"
    "jobs:\n"
    "  web:\n"
    "    password: (( grab meta.pw ))\n"
    '    q: "(( concat meta.x meta.nope ))"\n'
)
UNRESOLVED_PW = "Unable to resolve `meta.pw`: `$.meta.pw` could not be found in the datastructure"
UNRESOLVED_NOPE = (
    "Unable to resolve `meta.nope`: `$.meta.nope` could not be found in the datastructure"
)


def test_operator_errors_name_file_line_column_and_expression(graft):
    rc, out, err = graft("--locations", "on", "merge", "prod.yml", files={"prod.yml": PROD})
    assert (rc, out) == (2, "")
    assert err == multi_error(
        f"$.jobs.web.password: {UNRESOLVED_PW}\n   at prod.yml:5:15: (( grab meta.pw ))",
        f"$.jobs.web.q: {UNRESOLVED_NOPE}\n   at prod.yml:6:9: (( concat meta.x meta.nope ))",
    )


def test_off_stderr_is_grafts_byte_for_byte(graft):
    expected = multi_error(
        f"$.jobs.web.password: {UNRESOLVED_PW}", f"$.jobs.web.q: {UNRESOLVED_NOPE}"
    )
    assert graft("merge", "prod.yml", files={"prod.yml": PROD}) == (2, "", expected)
    assert graft("--locations", "off", "merge", "prod.yml", files={"prod.yml": PROD}) == (
        2,
        "",
        expected,
    )


def test_the_environment_variable_turns_them_on_and_the_flag_wins(graft):
    files = {"a.yml": "x: (( grab nope ))\n"}
    rc, _, err = graft("merge", "a.yml", files=files, env={"GRAFT_LOCATIONS": "on"})
    assert "\n   at a.yml:1:4: (( grab nope ))\n" in err
    rc, _, err = graft(
        "--locations", "off", "merge", "a.yml", files=files, env={"GRAFT_LOCATIONS": "on"}
    )
    assert rc == 2
    assert " at a.yml" not in err


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["--locations", "maybe"], {}, "Invalid --locations option: maybe."),
        ([], {"GRAFT_LOCATIONS": "maybe"}, "Invalid GRAFT_LOCATIONS value: maybe."),
    ],
)
def test_a_bad_switch_value_is_refused(graft, args, env, message):
    rc, out, err = graft(*args, "merge", "a.yml", files={"a.yml": "a: 1\n"}, env=env)
    assert (rc, out) == (1, "")
    assert err == f"{message} Must be 'on', 'off', or 'auto'.\n"


def test_the_last_file_to_write_an_operator_is_named(graft):
    files = {
        "base.yml": "meta: {}\nkey: (( grab meta.a ))\n",
        "prod.yml": "# prod\n\nkey: (( grab meta.b ))\n",
    }
    rc, _, err = graft("--locations", "on", "merge", "base.yml", "prod.yml", files=files)
    assert rc == 2
    assert "\n   at prod.yml:3:6: (( grab meta.b ))\n" in err


def test_lines_count_from_the_top_of_the_file_under_multi_doc(graft):
    files = {"m.yml": "a: 1\n---\nb: 2\n---\n# c\nc: (( grab nothing ))\n"}
    rc, _, err = graft("--locations", "on", "merge", "-m", "m.yml", files=files)
    assert rc == 2
    assert "\n   at m.yml:6:4: (( grab nothing ))\n" in err


def test_an_operator_written_by_a_go_patch_file_is_named(graft):
    files = {
        "base.yml": "a: 1\n",
        "ops.yml": "- type: replace\n  path: /b?\n  value: (( grab nothing ))\n",
    }
    rc, _, err = graft(
        "--locations", "on", "merge", "--go-patch", "base.yml", "ops.yml", files=files
    )
    assert rc == 2
    assert "\n   at ops.yml:3:10: (( grab nothing ))\n" in err


def test_a_syntax_error_shows_its_path_expression_and_a_caret(graft):
    files = {"a.yml": "meta:\n  x: 1\nc: (( meta.x + ))\nd: (( meta.x * * 2 ))\n"}
    rc, out, err = graft("--locations", "on", "merge", "a.yml", files=files)
    assert (rc, out) == (2, "")
    assert err == multi_error(
        "$.c: unexpected end of expression\n"
        "   at a.yml:3:4: (( meta.x + ))\n"
        "                            ^",  # after the `+`: an operand is missing
        "$.d: unexpected token: *\n"
        "   at a.yml:4:4: (( meta.x * * 2 ))\n"
        "                             ^",  # under the second `*`
    )


def test_a_cycle_names_where_each_of_its_operators_was_written(graft):
    files = {"a.yml": "a: (( grab b ))\nb: (( grab a ))\n"}
    rc, _, err = graft("--locations", "on", "merge", "a.yml", files=files)
    assert (rc, err) == (
        2,
        "Merge failed: cycle detected in operator data-flow graph: $.a -> $.b -> $.a\n"
        "   at a.yml:1:4: (( grab b ))\n"
        "   at a.yml:2:4: (( grab a ))\n",
    )


TYPOS = (
    "meta:\n"
    "  x: 1\n"
    "a: (( grabb meta.x ))\n"
    "b: (( grab meta.x\n"
    "c: ((name))\n"
    "d: ((a))((b))\n"
    "e: (( foo bar ))\n"
    "f: ((cert))-((key))\n"
    "g: (( name ))\n"
)


def test_typo_hints_warn_and_the_text_stays(graft):
    rc, out, err = graft("--locations", "on", "merge", "typo.yml", files={"typo.yml": TYPOS})
    assert rc == 0
    assert out == graft("merge", "typo.yml")[1]  # the output is graft's either way
    assert "a: (( grabb meta.x ))\n" in out
    assert err == (
        'warning: $.a: "grabb" is not an operator, so this stays text - did you mean "grab"?\n'
        "   at typo.yml:3:4: (( grabb meta.x ))\n"
        'warning: $.b: no closing "))", so this stays text\n'
        "   at typo.yml:4:4: (( grab meta.x\n"
        'warning: $.e: "foo" is not an operator, so this stays text\n'
        "   at typo.yml:7:4: (( foo bar ))\n"
    )


def test_typo_hints_need_the_switch(graft):
    assert graft("merge", "typo.yml", files={"typo.yml": TYPOS})[2] == ""


def test_typo_hints_come_before_an_error(graft):
    files = {"a.yml": "a: (( grabb x ))\nb: (( grab nope ))\n"}
    rc, _, err = graft("--locations", "on", "merge", "a.yml", files=files)
    assert rc == 2
    assert err.startswith('warning: $.a: "grabb" is not an operator')
    assert "1 error(s) detected:\n - $.b: Unable to resolve" in err


def test_on_by_default_when_stderr_is_a_terminal(tmp_path):
    (tmp_path / "a.yml").write_text("x: (( grab nope ))\n")
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "GRAFT_LOCATIONS"}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "graft", "--color", "off", "merge", "a.yml"],
            cwd=tmp_path,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=follower,
            env=env,
            timeout=30,
            check=False,
        )
        os.close(follower)
        follower = -1
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal has no writer left
                break
            if not chunk:
                break
            shown += chunk
    finally:
        if follower >= 0:
            os.close(follower)
        os.close(leader)
    assert done.returncode == 2
    assert b"   at a.yml:1:4: (( grab nope ))" in shown
