"""Merging documents (SPEC §4 with D2, D12 and errata 1, 2 and 16)."""

from __future__ import annotations

import pytest

from conftest import multi_error

# --- maps, nulls and type changes -------------------------------------------------------


def test_maps_merge_deeply_and_null_deletes_keys(graft):
    files = {
        "a.yml": """\
top:
  keep: 1
  change: old
  drop: x
  inner:
    a: 1
    b: 2
gone: bye
stay: here
nothing: ~
""",
        "b.yml": """\
top:
  change: new
  drop: ~
  inner:
    b: ~
    c: 3
  added: ~
gone: null
fresh: ~
jobs:
- name: j
""",
    }
    expected = """\
fresh: null
jobs:
- name: j
nothing: null
stay: here
top:
  added: null
  change: new
  inner:
    a: 1
    c: 3
  keep: 1

"""
    assert graft("merge", "a.yml", "b.yml", files=files) == (0, expected, "")


def test_three_files_merge_left_to_right(graft):
    files = {"a.yml": "v: a\nonly_a: 1\n", "b.yml": "v: b\nonly_b: 2\n", "c.yml": "v: c\n"}
    rc, out, err = graft("merge", "a.yml", "b.yml", "c.yml", files=files)
    assert (rc, out, err) == (0, "only_a: 1\nonly_b: 2\nv: c\n\n", "")


def test_type_changes(graft):
    files = {
        "a.yml": """\
map_to_scalar: {x: 1}
scalar_to_map: scalar
list_to_map: [1]
map_to_list: {a: 1}
int_to_string: 8080
string_to_list: text
list_to_scalar: [1, 2]
bool_to_int: true
list_to_null: [1]
map_to_null: {a: 1}
""",
        "b.yml": """\
map_to_scalar: scalar
scalar_to_map: {was: scalar}
list_to_map: {was: list}
map_to_list: [1, 2]
int_to_string: "8080"
string_to_list: [t]
list_to_scalar: flat
bool_to_int: 0
list_to_null: ~
map_to_null: ~
""",
    }
    expected = """\
bool_to_int: 0
int_to_string: "8080"
list_to_map:
  was: list
list_to_scalar: flat
map_to_list:
- 1
- 2
map_to_scalar: scalar
scalar_to_map:
  was: scalar
string_to_list:
- t

"""
    assert graft("merge", "a.yml", "b.yml", files=files) == (0, expected, "")


# --- default list merges ----------------------------------------------------------------

LISTS_BASE = """\
jobs:
- name: web
  port: 80
  tags: [a]
- name: db
  port: 5432
nums: [1, 2, 3]
short: [a]
maps: [{a: 1}, {b: 2}]
keep: [p, q]
mixed: [{name: a}, {other: 1}]
"""

LISTS_OVERLAY = """\
jobs:
- name: db
  port: 6543
- name: cache
  port: 11211
- name: web
  tags: [b]
nums: [one]
short: [p, q, r]
maps: [{c: 3}]
keep: []
mixed: [{name: b}]
fresh: [{name: z}]
"""


def test_named_lists_merge_by_name_and_plain_lists_by_index(graft):
    expected = """\
fresh:
- name: z
jobs:
- name: web
  port: 80
  tags:
  - b
- name: db
  port: 6543
- name: cache
  port: 11211
keep:
- p
- q
maps:
- a: 1
  c: 3
- b: 2
mixed:
- name: b
- other: 1
nums:
- one
- 2
- 3
short:
- p
- q
- r

"""
    files = {"a.yml": LISTS_BASE, "b.yml": LISTS_OVERLAY}
    assert graft("merge", "a.yml", "b.yml", files=files) == (0, expected, "")


def test_fallback_append_appends_lists_that_cannot_merge_by_name(graft):
    expected = """\
fresh:
- name: z
jobs:
- name: web
  port: 80
  tags:
  - a
  - b
- name: db
  port: 6543
- name: cache
  port: 11211
keep:
- p
- q
maps:
- a: 1
- b: 2
- c: 3
mixed:
- name: a
- other: 1
- name: b
nums:
- 1
- 2
- 3
- one
short:
- a
- p
- q
- r

"""
    files = {"a.yml": LISTS_BASE, "b.yml": LISTS_OVERLAY}
    rc, out, err = graft("merge", "--fallback-append", "a.yml", "b.yml", files=files)
    assert (rc, out, err) == (0, expected, "")


MERGE_KEY_FILES = {
    "a.yml": "vols: [{id: a, size: 1}, {id: b, size: 2}]\nnamed: [{name: n1, v: 1}]\n",
    "b.yml": "vols: [{id: b, size: 20}]\nnamed: [{name: n2, v: 2}]\n",
}


def test_default_merge_key_is_name(graft):
    expected = """\
named:
- name: n1
  v: 1
- name: n2
  v: 2
vols:
- id: b
  size: 20
- id: b
  size: 2

"""
    assert graft("merge", "a.yml", "b.yml", files=MERGE_KEY_FILES) == (0, expected, "")


def test_default_array_merge_key_changes_the_merge_key(graft):
    expected = """\
named:
- name: n2
  v: 2
vols:
- id: a
  size: 1
- id: b
  size: 20

"""
    env = {"DEFAULT_ARRAY_MERGE_KEY": "id"}
    rc, out, err = graft("merge", "a.yml", "b.yml", files=MERGE_KEY_FILES, env=env)
    assert (rc, out, err) == (0, expected, "")


# --- array directives -------------------------------------------------------------------


def test_append_prepend_inline_replace_and_merge_directives(graft):
    files = {
        "a.yml": """\
app: [a, b]
pre: [a, b]
inl: [{k: 1}, p, q]
rep: [a, b, c]
empty: [a, b]
multi: [a, b]
lead: [a, b]
pmaps: [{name: build}, {name: test}]
plugins:
- {name: auth, enabled: false}
- {name: cache, enabled: true}
vols:
- {id: 1, v: a}
- {id: 2, v: b}
""",
        "b.yml": """\
app: ["(( append ))", c, d]
pre: ["(( prepend ))", p, q]
inl: ["(( inline ))", {j: 2}, z]
rep: ["(( replace ))", r]
empty: ["(( replace ))"]
multi: ["(( prepend ))", p, "(( append ))", z]
lead: [z, "(( append ))", q]
pmaps: ["(( prepend ))", {name: checkout}]
plugins: ["(( merge ))", {name: auth, enabled: true}, {name: new}]
vols: ["(( merge on id ))", {id: 2, v: B}, {id: 3, v: C}]
fresh: ["(( append ))", one]
""",
    }
    expected = """\
app:
- a
- b
- c
- d
empty: []
fresh:
- one
inl:
- j: 2
  k: 1
- z
- q
lead:
- z
- b
- q
multi:
- p
- a
- b
- z
plugins:
- enabled: true
  name: auth
- enabled: true
  name: cache
- name: new
pmaps:
- name: checkout
- name: build
- name: test
pre:
- p
- q
- a
- b
rep:
- r
vols:
- id: 1
  v: a
- id: 2
  v: B
- id: 3
  v: C

"""
    assert graft("merge", "a.yml", "b.yml", files=files) == (0, expected, "")


def test_insert_directives(graft):
    files = {
        "a.yml": """\
after_idx: [a, b, c]
before_idx: [a, b, c]
at_end: [a, b]
after_name: [{name: fetch}, {name: compile}, {name: ship}]
before_name: [{name: fetch}, {name: ship}]
after_key: [{ref: base}, {ref: top}]
before_key: [{ref: base}, {ref: top}]
int_names: [{name: 1}, {name: 2}]
""",
        "b.yml": """\
after_idx: ["(( insert after 1 ))", X]
before_idx: ["(( insert before 0 ))", X, W]
at_end: ["(( insert after 1 ))", X]
after_name: ['(( insert after "compile" ))', {name: verify, strict: true}]
before_name: ['(( insert before "fetch" ))', {name: pre}]
after_key: ['(( insert after ref "base" ))', {ref: middle}]
before_key: ['(( insert before ref "top" ))', {ref: upper}]
int_names: ['(( insert after "1" ))', {name: 3}]
""",
    }
    expected = """\
after_idx:
- a
- b
- X
- c
after_key:
- ref: base
- ref: middle
- ref: top
after_name:
- name: fetch
- name: compile
- name: verify
  strict: true
- name: ship
at_end:
- a
- b
- X
before_idx:
- X
- W
- a
- b
- c
before_key:
- ref: base
- ref: upper
- ref: top
before_name:
- name: pre
- name: fetch
- name: ship
int_names:
- name: 1
- name: 3
- name: 2

"""
    assert graft("merge", "a.yml", "b.yml", files=files) == (0, expected, "")


def test_delete_directives(graft):
    files = {
        "a.yml": """\
by_index: [a, b, c]
quoted: [--fast, --verbose, --color]
unquoted: [a, b, c]
maps_quoted: [{name: alpha}, {name: beta}]
maps_unquoted: [{name: alpha}, {name: beta}]
by_key: [{rid: r1, allow: true}, {rid: r2, allow: false}]
by_key_unquoted: [{rid: r1}, {rid: r2}]
simple_with_key: [a, b]
two: [a, b, c, d]
then_append: [a, b]
""",
        "b.yml": """\
by_index: ["(( delete 1 ))"]
quoted: ['(( delete "--verbose" ))']
unquoted: ["(( delete c ))"]
maps_quoted: ['(( delete "alpha" ))']
maps_unquoted: ["(( delete beta ))"]
by_key: ['(( delete rid "r1" ))']
by_key_unquoted: ["(( delete rid r2 ))"]
simple_with_key: ['(( delete name "a" ))']
two: ["(( delete 0 ))", '(( delete "c" ))']
then_append: ['(( delete "a" ))', "(( append ))", z]
""",
    }
    expected = """\
by_index:
- a
- c
by_key:
- allow: false
  rid: r2
by_key_unquoted:
- rid: r1
maps_quoted:
- name: beta
maps_unquoted:
- name: alpha
quoted:
- --fast
- --color
simple_with_key:
- a
- b
then_append:
- b
- z
two:
- b
- d
unquoted:
- a
- b

"""
    assert graft("merge", "a.yml", "b.yml", files=files) == (0, expected, "")


def test_directives_are_recognised_with_any_spacing(graft):
    files = {
        "a.yml": """\
s1: [a, b]
s2: [a, b]
s3: [a, b, c]
s4: [a, b, c]
s5: [a, b]
s6: [{name: a, v: 1}]
s7: [a, b]
s8: [a]
""",
        "b.yml": """\
s1: ["((append))", z]
s2: ["((  prepend  ))", z]
s3: ["((insert after 0))", z]
s4: ['((delete "b"))']
s5: ["((replace))", z]
s6: ["((merge   on   name))", {name: a, v: 2}]
s7: ["((\\tappend ))", z]
s8: ["(( inline))", q]
""",
    }
    expected = """\
s1:
- a
- b
- z
s2:
- z
- a
- b
s3:
- a
- z
- b
- c
s4:
- a
- c
s5:
- z
s6:
- name: a
  v: 2
s7:
- a
- b
- z
s8:
- q

"""
    assert graft("merge", "a.yml", "b.yml", files=files) == (0, expected, "")


def test_directives_in_the_first_file_are_applied(graft):
    files = {
        "first.yml": """\
l: ["(( append ))", x]
p: [a, "(( prepend ))", b]
r: ["(( replace ))", c]
""",
        "second.yml": "other: 1\n",
    }
    expected = "l:\n- x\nother: 1\np:\n- b\n- a\nr:\n- c\n\n"
    assert graft("merge", "first.yml", "second.yml", files=files) == (0, expected, "")


def test_directives_in_a_single_file_are_applied(graft):
    files = {"only.yml": 'l: ["(( append ))", x]\ntok: ((merge_token))\n'}
    assert graft("merge", "only.yml", files=files) == (0, "l:\n- x\ntok: ((merge_token))\n\n", "")


# --- misuse of directives (SPEC §4.4, D12) -------------------------------------------------

MERGE_ERRORS = [
    (
        "l: [a, b]\n",
        "l: ['(( insert after \"a\" ))', {name: z}]\n",
        "$.l.0: original object is a string, not a map - cannot merge by key",
    ),
    (
        "l: [1, 2]\n",
        "l: ['(( merge ))', {name: a}]\n",
        "$.l.0: original object is a int, not a map - cannot merge by key",
    ),
    (
        "items: [{title: a}]\n",
        "items: ['(( merge on label ))', {label: a}]\n",
        "$.items.0: original object does not contain the key 'label' - cannot merge by key",
    ),
    (
        "items: [{name: a}]\n",
        "items: ['(( merge on name ))', {name: b}, {title: x}]\n",
        "$.items.1: new object does not contain the key 'name' - cannot merge by key",
    ),
    (
        "seq: [a]\n",
        "seq: ['(( insert after 4 ))', b]\n",
        "$.seq: unable to modify the list, because specified index 5 is out of bounds",
    ),
    (
        "seq: [a, b]\n",
        "seq: ['(( insert before 3 ))', c]\n",
        "$.seq: unable to modify the list, because specified index 3 is out of bounds",
    ),
    (
        "cfg:\n  zones: [z1, z2]\n",
        "cfg:\n  zones: ['(( delete 2 ))']\n",
        "$.cfg.zones: unable to modify the list, because specified index 2 is out of bounds",
    ),
    (
        "vals: [a, b, c]\n",
        "vals: ['(( delete -1 ))']\n",
        "$.vals: unable to modify the list, because specified index 3 is out of bounds",
    ),
    (
        "jobs: [{name: web, ports: [1]}]\n",
        "jobs: [{name: web, ports: ['(( delete 5 ))']}]\n",
        "$.jobs.web.ports: unable to modify the list, because specified index 5 is out of bounds",
    ),
    (
        "jobs: [{name: a}]\n",
        "jobs: ['(( insert after \"zz\" ))', {name: b}]\n",
        "$.jobs: unable to find specified modification point with 'name: zz'",
    ),
    (
        "l: [a, b]\n",
        "l: ['(( delete \"zz\" ))']\n",
        "$.l: unable to find specified modification point with 'zz'",
    ),
    (
        "l: [a, b]\n",
        "l: ['(( delete \"a\" ))', c]\n",
        '$.l: item in array directly after (( delete "a" )) must be one of the array '
        "operators 'append', 'prepend', 'delete', or 'insert'",
    ),
    (
        "jobs: [{name: a}, {name: b}]\n",
        "jobs: ['(( delete \"a\" ))', {name: c}]\n",
        '$.jobs: item in array directly after (( delete name "a" )) must be one of the array '
        "operators 'append', 'prepend', 'delete', or 'insert'",
    ),
    (
        "jobs: [{name: a}, {name: b}]\n",
        "jobs: ['(( insert after \"a\" ))', {name: b}]\n",
        "$.jobs: unable to insert, because new list entry 'name: b' is detected multiple times",
    ),
    (
        "x: 1\n",
        "x: (( merge ))\n",
        "$.x: inappropriate use of (( merge )) operator outside of a list (this is graft, "
        "after all)",
    ),
]


@pytest.mark.parametrize(
    ("base", "overlay", "message"),
    MERGE_ERRORS,
    ids=[
        "insert-by-name-on-strings",
        "merge-on-ints",
        "key-missing-in-original",
        "key-missing-in-new",
        "insert-after-out-of-bounds",
        "insert-before-out-of-bounds",
        "delete-out-of-bounds-nested",
        "delete-minus-one",
        "out-of-bounds-in-named-entry",
        "insert-name-not-found",
        "delete-simple-not-found",
        "item-after-simple-delete",
        "item-after-keyed-delete",
        "insert-duplicate",
        "merge-outside-list",
    ],
)
def test_misused_directives_report_the_real_cause(graft, base, overlay, message):
    files = {"a.yml": base, "b.yml": overlay}
    assert graft("merge", "a.yml", "b.yml", files=files) == (2, "", multi_error(message))


def test_several_merge_errors_are_reported_together_and_sorted(graft):
    files = {
        "a.yml": "a: 1\nz: [1]\n",
        "b.yml": "z: (( merge ))\nm: [1, '(( delete 7 ))']\na: ((merge on id))\n",
    }
    expected = multi_error(
        "$.a: inappropriate use of (( merge )) operator outside of a list (this is graft, "
        "after all)",
        "$.m: unable to modify the list, because specified index 7 is out of bounds",
        "$.z: inappropriate use of (( merge )) operator outside of a list (this is graft, "
        "after all)",
    )
    assert graft("merge", "a.yml", "b.yml", files=files) == (2, "", expected)


# --- warnings (SPEC §4.5) -----------------------------------------------------------------

# The list first replaces a scalar (no list merge, so no warning); c.yml then merges into it.
WARN_FILES = {
    "a.yml": "things: placeholder\n",
    "b.yml": "things:\n- name: [weird]\n  v: 1\n",
    "c.yml": "things:\n- name: [weird]\n  v: 2\n",
}
WARNING = (
    "warning: $.things.0: original object's key 'name' cannot have a value which is a hash "
    "or sequence - cannot merge by key\n"
)


def test_unmergeable_names_warn_and_fall_back_to_inline(graft):
    expected_out = "things:\n- name:\n  - weird\n  v: 2\n\n"
    expected_err = WARNING + "warning: Falling back to inline merge strategy\n"
    rc, out, err = graft("merge", "a.yml", "b.yml", "c.yml", files=WARN_FILES)
    assert (rc, out, err) == (0, expected_out, expected_err)


def test_unmergeable_names_warn_and_fall_back_to_append(graft):
    expected_out = "things:\n- name:\n  - weird\n  v: 1\n- name:\n  - weird\n  v: 2\n\n"
    expected_err = WARNING + "warning: Falling back to append merge strategy\n"
    args = ["--fallback-append", "a.yml", "b.yml", "c.yml"]
    assert graft("merge", *args, files=WARN_FILES) == (0, expected_out, expected_err)


def test_a_single_document_is_merged_too_and_can_warn(graft):
    rc, out, err = graft("merge", "c.yml", files=WARN_FILES)
    assert (rc, out) == (0, "things:\n- name:\n  - weird\n  v: 2\n\n")
    assert err == (
        "warning: $.things.0: new object's key 'name' cannot have a value which is a hash "
        "or sequence - cannot merge by key\n"
        "warning: Falling back to inline merge strategy\n"
    )


# --- (( prune )) and (( sort )) while merging (SPEC §4.7, §4.8) ---------------------------


def test_prune_markers_during_merging(graft):
    files = {
        "a.yml": """\
meta:
  secret: s3cr3t
  creds: {user: u, pass: p}
  keep: k
marked: (( prune ))
replaced_marker: (( prune ))
listed: [a, b, c]
in_list: [a, "(( prune ))", b]
""",
        "b.yml": """\
meta:
  secret: (( prune ))
  creds: (( prune ))
replaced_marker: {new: value}
listed: [x, "(( prune ))"]
new_marker: (( prune ))
""",
    }
    expected = """\
in_list:
- a
- b
listed:
- x
- c
meta:
  keep: k

"""
    assert graft("merge", "a.yml", "b.yml", files=files) == (0, expected, "")


def test_sort_markers_during_merging(graft):
    files = {
        "a.yml": """\
letters: [c, a, b]
cased: [b, B, a, C]
nums: [3, 1, 2]
floats: [2.5, -1.0, 0.5]
by_id: [{id: 2}, {id: 1}]
by_name: [{name: b, v: 1}, {name: a, v: 2}]
by_key: [{x: 2, key: b}, {x: 1, key: a}]
custom: [{v: 2, name: a}, {v: 1, name: b}]
later: (( sort ))
""",
        "b.yml": """\
letters: (( sort ))
cased: (( sort ))
nums: (( sort ))
floats: (( sort ))
by_id: (( sort by id ))
by_name: (( sort ))
by_key: (( sort ))
custom: (( sort by v ))
later: [z, x, m]
""",
    }
    expected = """\
by_id:
- id: 1
- id: 2
by_key:
- key: a
  x: 1
- key: b
  x: 2
by_name:
- name: a
  v: 2
- name: b
  v: 1
cased:
- B
- C
- a
- b
custom:
- name: b
  v: 1
- name: a
  v: 2
floats:
- -1
- 0.5
- 2.5
later:
- m
- x
- z
letters:
- a
- b
- c
nums:
- 1
- 2
- 3

"""
    assert graft("merge", "a.yml", "b.yml", files=files) == (0, expected, "")


@pytest.mark.parametrize(
    ("base", "marker", "message"),
    [
        (
            "mixed: [1, a]\n",
            "mixed: (( sort ))\n",
            "$.mixed is a list with different types (not a list with homogeneous entry types)",
        ),
        (
            "lol: [[b], [a]]\n",
            "lol: (( sort ))\n",
            "$.lol is a list with list entries (not a list with maps, strings or numbers)",
        ),
        (
            "maps: [{name: a, v: 1}, {name: b}]\n",
            "maps: (( sort by v ))\n",
            "$.maps is a list with map entries, where some do not contain v (not a list with "
            "map entries each containing v)",
        ),
    ],
    ids=["mixed-types", "list-of-lists", "missing-sort-key"],
)
def test_unsortable_lists_are_reported(graft, base, marker, message):
    rc, out, err = graft("merge", "a.yml", "b.yml", files={"a.yml": base, "b.yml": marker})
    assert (rc, out) == (2, "")
    assert err in (multi_error(message), f"Merge failed: {message}\n"), err


def test_array_directives_over_a_scalar_or_a_map_apply_to_an_empty_list(graft):
    # D2 (errata 20): both Go tools keep the directive text as data
    files = {
        "a.yml": "thing: x\nm: {a: 1}\n",
        "b.yml": "thing: [(( append )), y]\nm: [(( prepend )), z]\n",
    }
    expected = 'm:\n- z\nthing:\n- "y"\n\n'
    assert graft("merge", "a.yml", "b.yml", files=files) == (0, expected, "")
