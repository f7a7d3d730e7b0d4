"""No operator is left in the output as text with exit 0: it is evaluated, or the
run fails and says why (D19)."""

from __future__ import annotations

import pytest

from conftest import multi_error
from inprocess import run_cli

PARALLEL = {"GRAFT_PARALLEL": "true", "GRAFT_PARALLEL_MIN_OPS": "0"}


def merge(tmp_path, text: str, *flags: str, env: dict | None = None) -> tuple[int, str, str]:
    path = tmp_path / "in.yml"
    path.write_text(text)
    return run_cli("merge", *flags, str(path), env=env)


def test_an_inject_of_its_own_map_is_a_cycle(tmp_path):
    assert merge(tmp_path, "a: {b: 1, c: (( inject a ))}\n") == (
        2,
        "",
        "Merge failed: cycle detected in operator data-flow graph: $.a.c -> $.a.c\n",
    )


def test_an_inject_of_a_map_above_it_is_a_cycle(tmp_path):
    rc, out, err = merge(tmp_path, "top:\n  a: {b: 1, c: (( inject top ))}\n")
    assert (rc, out) == (2, "")
    assert err.startswith("Merge failed: cycle detected in operator data-flow graph: $.top.a.c")


def test_an_inject_of_a_sibling_still_works(tmp_path):
    text = "base: {b: 1, d: 4}\na: {b: 2, c: (( inject base ))}\n"
    assert merge(tmp_path, text) == (0, "a:\n  b: 2\n  d: 4\nbase:\n  b: 1\n  d: 4\n\n", "")


@pytest.mark.parametrize("env", [{}, PARALLEL], ids=["sequential", "parallel"])
def test_entries_with_the_same_name_are_each_evaluated(tmp_path, env):
    text = (
        "meta: {x: 1, y: 2}\n"
        "jobs: [{name: web, a: (( grab meta.x ))}, {name: web, a: (( grab meta.y ))}]\n"
    )
    assert merge(tmp_path, text, env=env) == (
        0,
        'jobs:\n- a: 1\n  name: web\n- a: 2\n  name: web\nmeta:\n  x: 1\n  "y": 2\n\n',
        "",
    )


def test_an_entry_whose_name_repeats_an_earlier_one_is_evaluated(tmp_path):
    text = (
        "meta: {y: 2}\n"
        "jobs:\n- {name: web, size: 1}\n- {name: db, size: 3}\n"
        '- {name: web, a: (( grab meta.y )), b: (( concat jobs.web.size "!" ))}\n'
    )
    rc, out, err = merge(tmp_path, text)
    assert (rc, err) == (0, "")
    assert "- a: 2\n  b: 1!\n  name: web\n" in out


def test_errors_in_a_repeated_entry_name_it_by_its_index(tmp_path):
    text = "jobs:\n- {name: web, a: (( grab nope.x ))}\n- {name: web, a: (( grab nope.y ))}\n"
    rc, out, err = merge(tmp_path, text)
    assert (rc, out) == (2, "")
    assert err == multi_error(
        "$.jobs.1.a: Unable to resolve `nope.y`: `$.nope` could not be found in the datastructure",
        "$.jobs.web.a: Unable to resolve `nope.x`: `$.nope` could not be found in the "
        "datastructure",
    )


def test_a_reference_by_a_repeated_name_reads_the_first_entry(tmp_path):
    text = (
        "jobs: [{name: web, size: 1}, {name: web, size: (( grab other ))}]\n"
        "other: 5\nfirst: (( grab jobs.web.size ))\n"
    )
    rc, out, err = merge(tmp_path, text)
    assert (rc, err) == (0, "")
    assert out.startswith("first: 1\njobs:\n- name: web\n  size: 1\n- name: web\n  size: 5\n")


def test_cherry_pick_by_name_evaluates_the_entry(tmp_path):
    text = "meta: {x: 1}\njobs:\n- {name: web, port: (( grab meta.x ))}\n- {name: db, port: 2}\n"
    assert merge(tmp_path, text, "--cherry-pick", "jobs.web") == (
        0,
        "jobs:\n- name: web\n  port: 1\n\n",
        "",
    )


def test_cherry_pick_evaluates_the_operators_inside_what_it_grabs(tmp_path):
    text = (
        "meta: {x: 1}\nl0: [a, b]\n"
        "l1: [(( grab l0 )), (( grab meta.x ))]\n"
        "l2: [(( grab l1 ))]\n"
        "skipped: (( grab nope ))\n"
    )
    assert merge(tmp_path, text, "--cherry-pick", "l2") == (
        0,
        "l2:\n- - - a\n    - b\n  - 1\n\n",
        "",
    )


def test_prune_and_sort_inside_another_operator_are_errors(tmp_path):
    text = 'a: (( concat (prune) "x" ))\nb: (( stringify (sort) ))\nc: (( (prune) || 1 ))\n'
    assert merge(tmp_path, text) == (
        2,
        "",
        multi_error(
            "$.a: prune cannot be used inside another operator",
            "$.b: sort cannot be used inside another operator",
        ),
    )


def test_a_pooled_operator_waits_for_earlier_operators_it_may_read(tmp_path):
    # graft records no dependency on the operators inside a referenced map; the
    # sequential run evaluates m.x first (alphabetical order), so a pooled z that
    # reads m must not run sooner.
    (tmp_path / "x:1").write_text("ok")
    text = 'z: (( file (join "" m) ))\nm: {x: (( grab c ))}\nc: 1\n'
    expected = (0, "c: 1\nm:\n  x: 1\nz: ok\n\n", "")
    base = {"GRAFT_FILE_BASE_PATH": str(tmp_path)}
    assert merge(tmp_path, text, env=base) == expected
    for _ in range(20):
        env = {**base, **PARALLEL, "GRAFT_PARALLEL_WORKERS": "4"}
        assert merge(tmp_path, text, env=env) == expected
