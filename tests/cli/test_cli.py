"""The command line: options, verbs, usage, standard input and exit codes (SPEC §1)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from conftest import NO_STDIN, run_graft

SIMPLE = {"a.yml": "b: 2\na: 1\n"}
SIMPLE_OUT = "a: 1\nb: 2\n\n"


def assert_usage_screen(result: tuple[int, str, str]) -> None:
    """The usage screen: stderr only, exit 1; it names the verbs and global options."""
    rc, out, err = result
    assert (rc, out) == (1, "")
    for word in ("merge", "json", "--debug", "--trace", "--version", "--color", "--prune"):
        assert word in err
    assert "Traceback" not in err


def assert_usage(result: tuple[int, str, str], problem: str, verb: str = "") -> None:
    """A usage error (D18): one line naming the problem, one pointing at help; exit 1."""
    pointer = (
        f"Run 'graft help {verb}' to see its options.\n"
        if verb
        else "Run 'graft help' to see the verbs and options.\n"
    )
    assert result == (1, "", problem + "\n" + pointer)


# --- global options -------------------------------------------------------------------


@pytest.mark.parametrize("option", ["-D", "--debug"])
def test_debug_option_prints_debug_lines_on_stderr_only(graft, option):
    rc, out, err = graft(option, "merge", "a.yml", files=SIMPLE)
    assert (rc, out) == (0, SIMPLE_OUT)
    lines = err.splitlines()
    assert lines, "debug mode printed nothing"
    assert all(line.startswith("DEBUG> ") for line in lines), err


@pytest.mark.parametrize("option", ["-T", "--trace"])
def test_trace_option_enables_debug_and_trace_lines(graft, option):
    rc, out, err = graft(option, "merge", "a.yml", files=SIMPLE)
    assert (rc, out) == (0, SIMPLE_OUT)
    lines = err.splitlines()
    assert any(line.startswith("DEBUG> ") for line in lines), err
    assert all(line.startswith(("DEBUG> ", "-----> ")) for line in lines), err


@pytest.mark.parametrize(
    ("variable", "value", "debug"),
    [
        ("DEBUG", "1", True),
        ("TRACE", "1", True),
        ("DEBUG", "0", False),
        ("DEBUG", "FaLsE", False),
        ("DEBUG", "", False),
        ("GRAFT_DEBUG", "1", False),
    ],
)
def test_debug_and_trace_environment_variables(graft, variable, value, debug):
    rc, out, err = graft("merge", "a.yml", files=SIMPLE, env={variable: value})
    assert (rc, out) == (0, SIMPLE_OUT)
    if debug:
        assert err.startswith("DEBUG> ") or err.startswith("-----> "), err
    else:
        assert err == ""


def test_global_option_after_the_verb_is_a_file_name(graft):
    rc, out, err = graft("merge", "--color", "off", "a.yml", files=SIMPLE)
    assert (rc, out, err) == (
        2,
        "",
        "Error reading file --color: open --color: no such file or directory\n",
    )


def test_debug_option_after_the_verb_is_a_file_name(graft):
    rc, out, err = graft("merge", "-D", "a.yml", files=SIMPLE)
    assert (rc, out, err) == (2, "", "Error reading file -D: open -D: no such file or directory\n")


VERSION = r" - Version \S+\n"


@pytest.mark.parametrize(
    "args",
    [
        ["-v"],
        ["--version", "merge", "missing.yml"],
        ["-v", "--color", "purple", "json"],
    ],
    ids=["short", "with-verb-and-missing-file", "before-colour-check"],
)
def test_version_prints_program_name_and_exits_0(graft, args):
    rc, out, err = graft(*args)
    assert (rc, err) == (0, "")
    assert re.fullmatch("graft" + VERSION, out), out


def test_version_names_the_command_not_the_path_of_its_script(tmp_path):
    script = Path(sys.executable).parent / "graft"
    assert script.exists(), "the graft console script is installed with the package"
    rc, out, err = run_graft(tmp_path, "--version", command=[str(script)])
    assert (rc, err) == (0, "")
    assert re.fullmatch("graft" + VERSION, out), out


def test_help_is_checked_before_version(graft):
    rc, out, err = graft("-v", "merge", "-h")
    assert (rc, err) == (0, "")
    assert out.startswith("graft merge [options] FILE...\n")


@pytest.mark.parametrize("value", ["on", ""])
def test_valid_colour_values_are_accepted(graft, value):
    assert graft("--color", value, "merge", "a.yml", files=SIMPLE) == (0, SIMPLE_OUT, "")


@pytest.mark.parametrize("value", ["purple", "ON"])
def test_invalid_colour_value_is_rejected_with_exit_1(graft, value):
    rc, out, err = graft("--color", value, "merge", "a.yml", files=SIMPLE)
    assert (rc, out, err) == (
        1,
        "",
        f"Invalid --color option: {value}. Must be 'on', 'off', or 'auto'.\n",
    )


def test_colour_without_a_value_is_a_usage_error(graft):
    assert_usage(graft("--color"), "flag needs an argument: --color")


OUT_OF_BOUNDS = {
    "a.yml": "zones: [z1, z2]\n",
    "b.yml": "zones:\n- (( delete 4 ))\n",
}
OUT_OF_BOUNDS_MSG = "$.zones: unable to modify the list, because specified index 4 is out of bounds"


def test_colour_on_paints_the_error_count_red(graft):
    rc, out, err = graft("--color", "on", "merge", "a.yml", "b.yml", files=OUT_OF_BOUNDS)
    assert (rc, out) == (2, "")
    assert err.startswith("\x1b[00;31m1\x1b[00m error(s) detected:\n"), repr(err)
    assert err.endswith("\n\n\n")


def test_colour_on_paints_the_parts_of_path_errors_as_graft_does(graft):
    files = {"a.yml": "l: [a]\nx: (( grab nope ))\ny: (( grab l.0.x ))\n"}
    rc, out, err = graft("--color", "on", "merge", "a.yml", files=files)
    red, bold_red, cyan, magenta, reset = (
        "\x1b[00;31m",
        "\x1b[01;31m",
        "\x1b[00;36m",
        "\x1b[00;35m",
        "\x1b[00m",
    )
    assert (rc, out) == (2, "")
    assert err == (
        f"{red}2{reset} error(s) detected:\n"
        f" - $.x: Unable to resolve `nope`: {bold_red}`{reset}{cyan}$.nope{reset}"
        f"{bold_red}` could not be found in the datastructure{reset}\n"
        f" - $.y: Unable to resolve `l.0.x`: {cyan}$.l.0{reset} {bold_red}[=a] is a scalar "
        f"(not{reset} {magenta}a map or a list{reset}{bold_red}){reset}\n\n\n"
    )


@pytest.mark.parametrize("value", ["off", "auto"])
def test_colour_off_or_auto_without_a_terminal_prints_no_escapes(graft, value):
    rc, out, err = graft("--color", value, "merge", "a.yml", "b.yml", files=OUT_OF_BOUNDS)
    assert (rc, out, err) == (2, "", f"1 error(s) detected:\n - {OUT_OF_BOUNDS_MSG}\n\n\n")


# --- usage ----------------------------------------------------------------------------


def test_no_arguments_print_the_usage_screen_on_stderr_and_exit_1(graft):
    assert_usage_screen(graft())


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["frobnicate"], 'unknown command "frobnicate"'),
        (["mrege", "a.yml"], 'unknown command "mrege" - did you mean "merge"?'),
        (["--bogus", "merge", "a.yml"], "unknown flag: --bogus"),
        (["-D"], "missing verb: graft merge, fan, json, diff or vaultinfo"),
        (["--prune", "x", "merge"], "unknown flag: --prune"),
    ],
    ids=lambda a: " ".join(a) if isinstance(a, list) else "",
)
def test_a_usage_error_names_the_problem_in_one_line_then_points_at_help(graft, args, problem):
    assert_usage(graft(*args, files=SIMPLE), problem)


# --- verb options ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["merge", "a.yml", "--prune", "a"], "--prune"),
        (["merge", "--bogus", "a.yml"], "--bogus"),
        (["merge", "--prune=a", "a.yml"], "--prune=a"),
        (["json", "a.yml", "--strict"], "--strict"),
    ],
)
def test_an_option_after_the_first_file_or_unknown_is_a_file_name(graft, args, name):
    rc, out, err = graft(*args, files=SIMPLE)
    assert (rc, out, err) == (
        2,
        "",
        f"Error reading file {name}: open {name}: no such file or directory\n",
    )


@pytest.mark.parametrize("option", ["--prune", "--cherry-pick"])
def test_value_option_without_a_value_is_a_usage_error(graft, option):
    assert_usage(graft("merge", option), f"flag needs an argument: {option}", "merge")


def test_option_value_is_taken_from_the_next_argument_even_if_it_looks_like_an_option(graft):
    files = {"a.yml": "-m: 1\nkeep: 2\n"}
    assert graft("merge", "--prune", "-m", "a.yml", files=files) == (0, "keep: 2\n\n", "")


def test_dataflow_order_accepts_any_value(graft):
    rc, out, err = graft("merge", "--dataflow-order", "sideways", "a.yml", files=SIMPLE)
    assert (rc, out, err) == (0, SIMPLE_OUT, "")


# --- standard input -------------------------------------------------------------------


def test_piped_stdin_is_read_when_no_file_is_given(graft):
    assert graft("merge", stdin=b"z: 1\nx: [a]\n") == (0, "x:\n- a\nz: 1\n\n", "")


def test_dash_reads_stdin_in_its_place(graft):
    files = {"a.yml": "a: 1\nb: 1\n", "c.yml": "c: 3\nb: 3\n"}
    rc, out, err = graft("merge", "a.yml", "-", "c.yml", files=files, stdin=b"b: 2\nd: 2\n")
    assert (rc, out, err) == (0, "a: 1\nb: 3\nc: 3\nd: 2\n\n", "")


def test_piped_stdin_is_ignored_when_files_are_given_without_dash(graft):
    assert graft("merge", "a.yml", files=SIMPLE, stdin=b"c: 3\n") == (0, SIMPLE_OUT, "")


def test_stdin_can_be_read_only_once(graft):
    assert graft("merge", "-", "-", stdin=b"a: 1\n") == (2, "", NO_STDIN)


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        ([], None),
        (["-"], None),
        (["a.yml", "-"], None),
        (["-"], b""),
    ],
    ids=["nothing-piped", "dash-nothing-piped", "file-then-dash", "dash-empty"],
)
def test_no_data_on_stdin_is_an_error(graft, args, stdin):
    assert graft("merge", *args, files=SIMPLE, stdin=stdin) == (2, "", NO_STDIN)


def test_stdin_is_named_STDIN_in_errors(graft):
    rc, out, err = graft("merge", stdin=b"- a\n- b\n")
    assert (rc, out, err) == (2, "", "STDIN: Root of YAML document is not a hash/map:\n\n")


def test_stdin_documents_are_numbered_with_multi_doc(graft):
    rc, out, err = graft("merge", "-m", "-", stdin=b"a: 1\n---\n- b\n")
    assert (rc, out, err) == (2, "", "STDIN[1]: Root of YAML document is not a hash/map:\n\n")


# --- exit codes -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "files", "code"),
    [
        (["json", "a.yml"], SIMPLE, 0),
        (["json", "missing.yml"], {}, 2),
        (["merge", "a.yml", "b.yml"], OUT_OF_BOUNDS, 2),
        (["merge", "--cherry-pick", "nope", "a.yml"], SIMPLE, 2),
        (["nope"], {}, 1),
    ],
)
def test_exit_codes(graft, args, files, code):
    rc, out, err = graft(*args, files=files)
    assert rc == code
    assert (out == "") == (code != 0)
    assert (err == "") == (code == 0)


def test_debug_lines_never_show_values(graft):
    files = {"a.yml": "password: s3cr3t-value\n", "b.yml": "user: admin\n"}
    rc, out, err = graft("-T", "merge", "a.yml", "b.yml", files=files)
    assert (rc, out) == (0, "password: s3cr3t-value\nuser: admin\n\n")
    assert "DEBUG> read a.yml: 23 bytes\n" in err
    assert "s3cr3t" not in err


def test_a_reader_that_goes_away_ends_the_run_quietly(tmp_path):
    import subprocess
    import sys

    big = "".join(f"key{i}: value {i}\n" for i in range(200_000))
    (tmp_path / "big.yml").write_text(big)
    merge = subprocess.Popen(
        [sys.executable, "-m", "graft", "merge", "big.yml"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    first = merge.stdout.readline()
    merge.stdout.close()  # the reader leaves, as `| head -1` does
    err = merge.stderr.read()
    rc = merge.wait(timeout=30)
    assert first == b"key0: value 0\n"
    assert err == b""
    import signal

    assert rc == -signal.SIGPIPE  # as Go's graft: killed by SIGPIPE, quietly


# --- help (D18) -----------------------------------------------------------------------


@pytest.mark.parametrize("args", [["-h"], ["--help"], ["help"], ["-D", "help"], ["help", "help"]])
def test_help_prints_the_usage_on_stdout_and_exits_0(graft, args):
    rc, out, err = graft(*args)
    assert (rc, err) == (0, "")
    assert out.startswith("Usage: graft [global options] <verb> [verb options]\n")
    for word in ("merge", "json", "--debug", "--color", "--prune"):
        assert word in out
    assert out.endswith("Run 'graft help VERB' for a verb's options and an example.\n")


@pytest.mark.parametrize("verb", ["merge", "fan", "diff", "json", "vaultinfo", "completion"])
def test_every_verb_has_its_own_help_page_with_an_example(graft, verb):
    pages = {
        graft("help", verb),
        graft(verb, "--help"),
        graft(verb, "-h"),
    }
    assert len(pages) == 1, pages
    rc, out, err = pages.pop()
    assert (rc, err) == (0, "")
    assert out.startswith(f"graft {verb} ")
    assert "\nExample:\n  graft " + verb in out


def test_merge_help_lists_every_merge_option(graft):
    rc, out, _ = graft("merge", "--skip-eval", "--help")
    assert rc == 0
    for option in ("--skip-eval", "--prune", "--cherry-pick", "--fallback-append", "--go-patch"):
        assert option in out
    assert "--multi-doc" in out and "--dataflow-order" in out


def test_help_of_an_unknown_verb_names_the_closest_one(graft):
    assert graft("help", "mrege") == (
        1,
        "",
        'unknown command "mrege" - did you mean "merge"?\nRun \'graft help\' to see the verbs.\n',
    )
    rc, out, err = graft("help", "zzz")
    assert (rc, out) == (1, "")
    assert err.startswith('unknown command "zzz"\n')
