"""``(( inject ... ))`` (SPEC §6.11, D13)."""

from __future__ import annotations

from conftest import multi_error


def test_inject_merges_under_the_containing_map_local_values_win(graft):
    files = {
        "a.yml": """\
meta:
  tmpl: {a: 1, b: {c: 2, d: 3}, l: [1, 2]}
job:
  inj: (( inject meta.tmpl ))
  b: {c: 20}
  l: [9]
"""
    }
    assert graft("merge", "a.yml", files=files) == (
        0,
        """\
job:
  a: 1
  b:
    c: 20
    d: 3
  l:
  - 1
  - 2
  - 9
meta:
  tmpl:
    a: 1
    b:
      c: 2
      d: 3
    l:
    - 1
    - 2

""",
        "",
    )


def test_inject_copies_the_template_for_each_use(graft):
    files = {
        "a.yml": """\
base: {opts: {x: 1}, tags: [t]}
one: {_: (( inject base )), opts: {y: 1}, tags: [one]}
two: {_: (( inject base )), opts: {z: 2}}
"""
    }
    assert graft("merge", "a.yml", files=files) == (
        0,
        """\
base:
  opts:
    x: 1
  tags:
  - t
one:
  opts:
    x: 1
    "y": 1
  tags:
  - t
  - one
two:
  opts:
    x: 1
    z: 2
  tags:
  - t

""",
        "",
    )


def test_inject_several_references_merge_left_to_right(graft):
    files = {
        "a.yml": """\
m1: {a: 1, n: {x: 1, y: 1}, l: [1, 2], s: first}
m2: {b: 2, n: {y: 2, z: 2}, l: [3], s: second}
out:
  _: (( inject m1 m2 ))
"""
    }
    assert graft("merge", "a.yml", files=files) == (
        0,
        """\
m1:
  a: 1
  l:
  - 1
  - 2
  "n":
    x: 1
    "y": 1
  s: first
m2:
  b: 2
  l:
  - 3
  "n":
    "y": 2
    z: 2
  s: second
out:
  a: 1
  b: 2
  l:
  - 3
  "n":
    x: 1
    "y": 2
    z: 2
  s: second

""",
        "",
    )


def test_inject_keeps_a_prune_from_an_earlier_reference(graft):
    files = {
        "a.yml": """\
m1: {a: 1, secret: (( prune ))}
m2: {secret: shown?}
out:
  _: (( inject m1 m2 ))
"""
    }
    assert graft("merge", "a.yml", files=files) == (
        0,
        "m1:\n  a: 1\nm2:\n  secret: shown?\nout:\n  a: 1\n\n",
        "",
    )


def test_inject_local_value_replaces_an_operator_of_the_template(graft):
    files = {
        "a.yml": """\
meta: {x: from-meta}
tmpl:
  v: (( grab meta.x ))
  w: (( concat meta.x "!" ))
svc:
  _: (( inject tmpl ))
  v: local
"""
    }
    assert graft("merge", "a.yml", files=files) == (
        0,
        """\
meta:
  x: from-meta
svc:
  v: local
  w: from-meta!
tmpl:
  v: from-meta
  w: from-meta!

""",
        "",
    )


def test_inject_results_are_seen_by_eval_operators(graft):
    files = {
        "a.yml": """\
tmpl: {port: 80, env: (( grab meta.env ))}
meta: {env: qa}
svc:
  _: (( inject tmpl ))
url: (( concat "http://host:" svc.port "/" svc.env ))
"""
    }
    assert graft("merge", "a.yml", files=files) == (
        0,
        """\
meta:
  env: qa
svc:
  env: qa
  port: 80
tmpl:
  env: qa
  port: 80
url: http://host:80/qa

""",
        "",
    )


def test_inject_waits_for_injects_under_the_referenced_map(graft):
    files = {
        "a.yml": """\
a:
  _: (( inject z.chain ))
z:
  base: {q: 1}
  chain:
    _: (( inject z.base ))
    r: 2
"""
    }
    expected = "a:\n  q: 1\n  r: 2\nz:\n  base:\n    q: 1\n  chain:\n    q: 1\n    r: 2\n\n"
    assert graft("merge", "a.yml", files=files) == (0, expected, "")
    assert graft("merge", "--dataflow-order", "insertion", "a.yml", files=files) == (
        0,
        expected,
        "",
    )


def test_inject_alternatives_fall_through_failures(graft):
    files = {
        "a.yml": """\
m: {a: 1}
alt: {_: (( inject nope || $NOPE_UNSET || m ))}
"""
    }
    assert graft("merge", "a.yml", files=files) == (
        0,
        "alt:\n  a: 1\nm:\n  a: 1\n\n",
        "",
    )


def test_inject_errors(graft):
    files = {
        "a.yml": """\
meta: {s: str, nul: ~, m: {a: 1}}
literal: {_: (( inject "lit" ))}
missing: {_: (( inject meta.nope ))}
nil: {_: (( inject meta.nul || meta.m ))}
none: {_: (( inject ))}
scalar: {_: (( inject meta.s ))}
"""
    }
    assert graft("merge", "a.yml", files=files) == (
        2,
        "",
        multi_error(
            "$.literal._: inject operator argument must resolve to a map",
            "$.missing._: `$.meta.nope` could not be found in the datastructure",
            "$.nil._: inject operator argument cannot be nil",
            "$.none._: no arguments specified to (( inject ... ))",
            "$.scalar._: meta.s is not a map",
        ),
    )


def test_inject_as_a_list_element_is_an_error(graft):
    files = {"a.yml": "m:\n  a: 1\nl:\n- (( inject m ))\n"}
    assert graft("merge", "a.yml", files=files) == (
        2,
        "",
        multi_error("$.l.0: inject can only be used as a map value, not as a list element"),
    )


def test_inject_errors_stop_before_the_eval_phase(graft):
    files = {"a.yml": "x: {_: (( inject nope ))}\ny: (( grab nope ))\n"}
    assert graft("merge", "a.yml", files=files) == (
        2,
        "",
        multi_error("$.x._: `$.nope` could not be found in the datastructure"),
    )


def test_inject_of_a_nested_call(graft):
    files = {"a.yml": "m: {a: 1}\nx:\n  i: (( inject (grab m) ))\n"}
    assert graft("merge", "a.yml", files=files) == (0, "m:\n  a: 1\nx:\n  a: 1\n\n", "")
