"""The options of ``merge``: prune, cherry-pick, skip-eval, -m, go-patch (SPEC §7.7-7.9, §8)."""

from __future__ import annotations

SOURCE = {
    "a.yml": """\
meta:
  app: shop
  token: t0k
  nested: {deep: {x: 1, z2: 2}}
jobs:
- name: web
  size: 2
  tags: [a, b, c]
- name: worker
  size: 5
- name: db
  size: 1
groups:
- name: g1
  jobs: [{name: nginx}, {name: agent}]
vols: [{id: v1}, {id: v2}]
dups: [{name: x, v: 1}, {name: other}, {name: x, v: 2}]
"a,b": comma
top: 1
"""
}

# --- --prune --------------------------------------------------------------------------------


def test_prune_nested_repeated_and_missing_paths(graft):
    args = [
        "--prune",
        "meta.token",
        "--prune",
        "meta.nested.deep.x",
        "--prune",
        "nope",
        "--prune",
        "meta.nope.deeper",
        "--prune",
        "top.x",
        "--prune",
        "jobs.9",
        "--prune",
        "a,b",
        "--prune",
        "dups",
        "--prune",
        "groups",
    ]
    expected = """\
jobs:
- name: web
  size: 2
  tags:
  - a
  - b
  - c
- name: worker
  size: 5
- name: db
  size: 1
meta:
  app: shop
  nested:
    deep:
      z2: 2
top: 1
vols:
- id: v1
- id: v2

"""
    assert graft("merge", *args, "a.yml", files=SOURCE) == (0, expected, "")


def test_prune_named_list_entries(graft):
    args = [
        "--prune",
        "jobs.worker",
        "--prune",
        "jobs.web.tags.1",
        "--prune",
        "groups.g1.jobs.agent",
        "--prune",
        "vols.v2",
        "--prune",
        "meta",
        "--prune",
        "dups",
    ]
    expected = """\
a,b: comma
groups:
- jobs:
  - name: nginx
  name: g1
jobs:
- name: web
  size: 2
  tags:
  - a
  - c
- name: db
  size: 1
top: 1
vols:
- id: v1

"""
    assert graft("merge", *args, "a.yml", files=SOURCE) == (0, expected, "")


def test_prune_list_indices(graft):
    args = ["--prune", "jobs.2", "--prune", "jobs.0.tags.0", "--prune", "meta", "--prune", "dups"]
    args += ["--prune", "groups", "--prune", "vols", "--prune", "a,b"]
    expected = """\
jobs:
- name: web
  size: 2
  tags:
  - b
  - c
- name: worker
  size: 5
top: 1

"""
    assert graft("merge", *args, "a.yml", files=SOURCE) == (0, expected, "")


# --- --cherry-pick ----------------------------------------------------------------------------


def test_cherry_pick_nested_siblings_and_list_indices_in_reverse_order(graft):
    args = ["--cherry-pick", "meta.nested.deep.x", "--cherry-pick", "top"]
    args += ["--cherry-pick", "jobs.0", "--cherry-pick", "jobs.2"]
    expected = """\
jobs:
- name: db
  size: 1
- name: web
  size: 2
  tags:
  - a
  - b
  - c
meta:
  nested:
    deep:
      x: 1
top: 1

"""
    assert graft("merge", *args, "a.yml", files=SOURCE) == (0, expected, "")


def test_cherry_pick_list_elements_by_name(graft):
    args = ["--cherry-pick", "dups.x", "--cherry-pick", "jobs.worker", "--cherry-pick", "vols.v1"]
    expected = """\
dups:
- name: x
  v: 2
- name: x
  v: 1
jobs:
- name: worker
  size: 5
vols:
- id: v1

"""
    assert graft("merge", *args, "a.yml", files=SOURCE) == (0, expected, "")


def test_cherry_pick_through_a_scalar_and_through_a_named_entry(graft):
    args = ["--cherry-pick", "meta.app.x", "--cherry-pick", "jobs.web.tags"]
    expected = """\
jobs:
  web:
    tags:
    - a
    - b
    - c
meta:
  app:
    x: shop

"""
    assert graft("merge", *args, "a.yml", files=SOURCE) == (0, expected, "")


def test_cherry_pick_happens_after_pruning(graft):
    args = ["--prune", "meta.token", "--cherry-pick", "meta"]
    expected = "meta:\n  app: shop\n  nested:\n    deep:\n      x: 1\n      z2: 2\n\n"
    assert graft("merge", *args, "a.yml", files=SOURCE) == (0, expected, "")


def test_cherry_pick_of_a_missing_path_fails(graft):
    rc, out, err = graft("merge", "--cherry-pick", "meta.nope", "a.yml", files=SOURCE)
    assert (rc, out, err) == (
        2,
        "",
        "Merge failed: validation_error: key not found: meta.nope (missing segment 'nope')\n",
    )


def test_cherry_pick_of_an_index_past_the_end_of_a_list_fails(graft):
    # D17: graft nests the whole list under a new key "10"
    files = {"a.yml": "list: [a, b]\n"}
    assert graft("merge", "--cherry-pick", "list.10", "a.yml", files=files) == (
        2,
        "",
        "Merge failed: validation_error: key not found: list.10 (missing segment '10')\n",
    )
    assert graft("merge", "--cherry-pick", "list.1", "a.yml", files=files) == (
        0,
        "list:\n- b\n\n",
        "",
    )


# --- --skip-eval ------------------------------------------------------------------------------


def test_skip_eval_keeps_operators_but_merges_and_prunes(graft):
    files = {
        "a.yml": """\
meta: {app: shop}
title: (( concat meta.app "-svc" ))
ref: (( grab meta.app ))
secret: (( prune ))
creds: {user: u}
list: [a, b]
pre: [c]
s: plain
srt: [b, a]
""",
        "b.yml": """\
creds: (( prune ))
s: (( prune ))
list: ["(( append ))", c]
pre: ["(( prepend ))", x]
srt: (( sort ))
ref2: (( grab title ))
""",
    }
    expected = """\
list:
- a
- b
- c
meta:
  app: shop
pre:
- x
- c
ref: (( grab meta.app ))
ref2: (( grab title ))
s: (( prune ))
secret: (( prune ))
srt:
- b
- a
title: (( concat meta.app "-svc" ))

"""
    assert graft("merge", "--skip-eval", "a.yml", "b.yml", files=files) == (0, expected, "")


# --- -m -----------------------------------------------------------------------------------


def test_multi_doc_applies_directives_between_documents_and_prunes(graft):
    files = {
        "docs.yml": (
            'items: [a]\nsecret: 1\n---\nitems: ["(( append ))", b]\n---\n'
            'items: ["(( prepend ))", z]\n'
        ),
        "more.yml": "extra: 1\n---\nitems: ['(( delete \"a\" ))']\n",
    }
    rc, out, err = graft("merge", "-m", "--prune", "secret", "docs.yml", "more.yml", files=files)
    assert (rc, out, err) == (0, "extra: 1\nitems:\n- z\n- b\n\n", "")


# --- --go-patch -----------------------------------------------------------------------------

GO_PATCH = {
    "base.yml": """\
name: base
list:
- {name: a, v: 1}
- {name: b, v: 2}
simple: [p, q]
""",
    "ops.yml": """\
- type: replace
  path: /name
  value: patched
- type: replace
  path: /list/name=a/v
  value: 100
- type: replace
  path: /list/-
  value: {name: c, v: 3}
- type: remove
  path: /simple/0
- type: replace
  path: /new?/deep
  value: created
- type: replace
  path: /list/0:before
  value: {name: first}
""",
    "after.yml": "name: after\nlater: 1\n",
}


def test_go_patch_is_applied_after_all_regular_documents(graft):
    expected = """\
later: 1
list:
- name: first
- name: a
  v: 100
- name: b
  v: 2
- name: c
  v: 3
name: patched
new:
  deep: created
simple:
- q

"""
    rc, out, err = graft("merge", "--go-patch", "base.yml", "ops.yml", "after.yml", files=GO_PATCH)
    assert (rc, out, err) == (0, expected, "")


def test_go_patch_failure(graft):
    files = {"base.yml": GO_PATCH["base.yml"], "ops.yml": "- type: remove\n  path: /missing\n"}
    rc, out, err = graft("merge", "--go-patch", "base.yml", "ops.yml", files=files)
    assert (rc, out, err) == (
        2,
        "",
        "Merge failed: Expected to find a map key 'missing' for path '/missing' "
        "(found map keys: 'list', 'name', 'simple')\n",
    )


def test_prune_leaves_a_value_grabbed_elsewhere_alone(graft):
    # found by the fuzz tests: after `x: (( grab a ))`, removing `a.b` removed `x.b`
    # too (one shared map); graft prunes the path named only
    files = {"a.yml": "a: {b: 1, c: 3, l: [1, 2, 3]}\nx: (( grab a ))\ny: (( grab a.l ))\n"}
    args = ["--prune", "a.l.1", "--prune", "a.b", "--prune", "a.l.0"]
    expected = (
        "a:\n  c: 3\n  l:\n  - 3\n"
        "x:\n  b: 1\n  c: 3\n  l:\n  - 1\n  - 2\n  - 3\n"
        '"y":\n- 1\n- 2\n- 3\n\n'
    )
    assert graft("merge", *args, "a.yml", files=files) == (0, expected, "")
