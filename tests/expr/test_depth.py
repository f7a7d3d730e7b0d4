"""Long and deep expressions: a chain of any length evaluates; nesting beyond the
limit is refused at once with a message that says what is too deep; depth is never
reported as a self-referencing dataset."""

from __future__ import annotations

import time

from graft.expr.lexer import MAX_NESTING
from inprocess import run_cli

TOO_DEEP = f"expression nested too deeply: more than {MAX_NESTING} levels of parentheses"


def merge(tmp_path, text: str) -> tuple[int, str, str]:
    path = tmp_path / "in.yml"
    path.write_text(text)
    return run_cli("merge", str(path))


def test_a_10000_term_infix_chain_evaluates(tmp_path):
    chain = " + ".join(["1"] * 10_000)
    assert merge(tmp_path, f"a: (( {chain} ))\n") == (0, "a: 10000\n\n", "")


def test_a_10000_term_chain_of_mixed_operators_keeps_precedence(tmp_path):
    chain = " + ".join(["2 * 3 - 1"] * 10_000)  # each term is 5
    assert merge(tmp_path, f"a: (( {chain} ))\n") == (0, "a: 50000\n\n", "")


def test_a_long_or_else_chain_takes_the_first_value_that_resolves(tmp_path):
    chain = " || ".join(["nope.x"] * 10_000)
    text = f"meta: {{v: 7}}\na: (( {chain} || meta.v || 1 ))\n"
    assert merge(tmp_path, text) == (0, "a: 7\nmeta:\n  v: 7\n\n", "")


def test_a_failure_in_a_chain_is_the_sites_error(tmp_path):
    chain = " + ".join(["1"] * 5_000)
    rc, out, err = merge(tmp_path, f"a: (( {chain} + nope.x ))\n")
    assert (rc, out) == (2, "")
    assert " - $.a: Unable to resolve `nope.x`" in err


def test_a_long_run_of_negations(tmp_path):
    assert merge(tmp_path, f"a: (( {'!' * 10_001}true ))\nb: (( {'! ' * 10_000}1 ))\n") == (
        0,
        "a: false\nb: true\n\n",
        "",
    )


def test_a_10000_term_calc_chain_evaluates(tmp_path):
    chain = " + ".join(["1"] * 10_000)
    assert merge(tmp_path, f'a: (( calc "{chain}" ))\n') == (0, "a: 10000\n\n", "")


def test_nesting_at_the_limit_evaluates(tmp_path):
    depth = MAX_NESTING - 1
    text = "a: (( " + "(1 + " * depth + "1" + ")" * depth + " ))\n"
    assert merge(tmp_path, text) == (0, f"a: {depth + 1}\n\n", "")


def _refused_quickly(tmp_path, text: str) -> str:
    started = time.perf_counter()
    rc, out, err = merge(tmp_path, text)
    elapsed = time.perf_counter() - started
    assert (rc, out) == (2, ""), err
    assert "self-referencing" not in err
    assert elapsed < 5, elapsed  # a generous bound: refusing never walks the nesting twice
    return err


def test_5000_nested_parentheses_are_refused_at_once(tmp_path):
    text = "a: (( " + "(" * 5000 + "1" + ")" * 5000 + " ))\n"
    assert _refused_quickly(tmp_path, text) == f"1 error(s) detected:\n - $.a: {TOO_DEEP}\n\n\n"


def test_5000_nested_groups_with_operators_are_refused_at_once(tmp_path):
    text = "a: (( " + "(1 + " * 5000 + "1" + ")" * 5000 + " ))\n"
    assert TOO_DEEP in _refused_quickly(tmp_path, text)


def test_5000_nested_calls_in_arguments_are_refused_at_once(tmp_path):
    # Each level could be read as a call, a group or an expression: refusing must not
    # try every reading of every level (that is exponential).
    text = "a: (( concat " + '(concat "a" ' * 5000 + '"b"' + ")" * 5000 + ' "c" ))\n'
    assert TOO_DEEP in _refused_quickly(tmp_path, text)
    text = "a: (( concat " + '(concat "a" ' * (MAX_NESTING + 5) + '"b"' + ")" * 205 + ' "c" ))\n'
    assert TOO_DEEP in _refused_quickly(tmp_path, text)


def test_deeply_nested_conditionals_are_refused(tmp_path):
    text = 'a: "(( ' + "false ? 1 : " * (MAX_NESTING + 1) + '7 ))"\n'
    assert TOO_DEEP in _refused_quickly(tmp_path, text)
    text = 'a: "(( ' + "false ? 1 : " * 50 + '7 ))"\n'
    assert merge(tmp_path, text) == (0, "a: 7\n\n", "")


def test_nested_calc_parentheses_are_not_a_self_reference(tmp_path):
    text = 'a: (( calc "' + "(" * 5000 + "1" + ")" * 5000 + '" ))\n'
    err = _refused_quickly(tmp_path, text)
    assert err == "1 error(s) detected:\n - $.a: calc expression is nested too deeply\n\n\n"
