"""Value and collection operators: empty, negate, keys, shuffle, cartesian-product
(SPEC §6.8, §6.17, §6.14, §6.21, §6.5)."""

from __future__ import annotations

import yaml

from conftest import multi_error

# --- empty -----------------------------------------------------------------------------


def test_empty_builds_values_from_type_names(graft):
    files = {
        "a.yml": """\
h: (( empty hash ))
m: (( empty MAP ))
a: (( empty array ))
l: (( empty list ))
s: (( empty string ))
deep: (( empty meta.nothing.hash ))
lit_map: (( empty "map" ))
lit_list: (( empty "List" ))
""",
    }
    expected = """\
a: []
deep: {}
h: {}
l: []
lit_list: []
lit_map: {}
m: {}
s: ""

"""
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_empty_replaces_a_value_from_an_earlier_file(graft):
    files = {
        "a.yml": "opts: {keep: 1, drop: 2}\ntags: [a, b]\n",
        "b.yml": "opts: (( empty hash ))\ntags: (( empty array ))\n",
    }
    assert graft("merge", "a.yml", "b.yml", files=files) == (0, "opts: {}\ntags: []\n\n", "")


def test_empty_tests_other_values(graft):
    files = {
        "a.yml": """\
hash: map
full: {k: v}
none: ~
zero: 0
zero_f: 0.0
off_flag: false
one: 1
l: []
t_key_named_hash: (( empty hash ))
t_full: (( empty full ))
t_none: (( empty none ))
t_zero: (( empty zero ))
t_zero_f: (( empty zero_f ))
t_false: (( empty off_flag ))
t_one: (( empty one ))
t_list: (( empty l ))
t_empty_str: (( empty "" ))
t_str: (( empty "foo" ))
""",
    }
    rc, out, err = graft("merge", "a.yml", files=files)
    assert (rc, err) == (0, "")
    results = {k: v for k, v in yaml.safe_load(out).items() if k.startswith("t_")}
    assert results == {
        "t_key_named_hash": {},  # the key's value "map" is a type name
        "t_full": False,
        "t_none": True,
        "t_zero": True,
        "t_zero_f": True,
        "t_false": True,
        "t_one": False,
        "t_list": True,
        "t_empty_str": True,
        "t_str": False,
    }


def test_empty_errors(graft):
    files = {
        "a.yml": """\
s: str
none: (( empty ))
two: (( empty hash list ))
missing: (( empty nope ))
""",
    }
    expected = multi_error(
        "$.missing: Unable to resolve `nope`: `$.nope` could not be found in the datastructure",
        "$.none: empty operator requires exactly one argument",
        "$.two: empty operator requires exactly one argument",
    )
    assert graft("merge", "a.yml", files=files) == (2, "", expected)


# --- negate ----------------------------------------------------------------------------


def test_negate_uses_truthiness(graft):
    files = {
        "a.yml": """\
flags: {prod: true, debug: false}
e: []
not_prod: (( negate flags.prod ))
not_debug: (( negate flags.debug ))
lit_true: (( negate true ))
zero: (( negate 0 ))
str: (( negate "x" ))
empty_str: (( negate "" ))
nil: (( negate nil ))
empty_list: (( negate e ))
map: (( negate flags ))
""",
    }
    expected = """\
e: []
empty_list: true
empty_str: true
flags:
  debug: false
  prod: true
lit_true: false
map: false
nil: true
not_debug: true
not_prod: false
str: false
zero: true

"""
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_negate_errors(graft):
    files = {
        "a.yml": """\
none: (( negate ))
two: (( negate true false ))
missing: (( negate nope ))
""",
    }
    expected = multi_error(
        "$.missing: Unable to resolve `nope`: `$.nope` could not be found in the datastructure",
        "$.none: negate operator requires exactly one argument",
        "$.two: negate operator requires exactly one argument",
    )
    assert graft("merge", "a.yml", files=files) == (2, "", expected)


# --- keys ------------------------------------------------------------------------------


def test_keys_sorted_union_as_strings(graft):
    files = {
        "a.yml": """\
m: {b: 2, a: 1, 10: x, Alpha: 3}
m2: {c: 3, a: 9}
n: ~
e: {}
one: (( keys m ))
union: (( keys m2 m n ))
empty: (( keys e ))
""",
    }
    expected = """\
e: {}
empty: []
m:
  10: x
  Alpha: 3
  a: 1
  b: 2
m2:
  a: 9
  c: 3
"n": null
one:
- "10"
- Alpha
- a
- b
union:
- "10"
- Alpha
- a
- b
- c

"""
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_keys_errors(graft):
    files = {
        "a.yml": """\
s: str
m: {a: 1}
none: (( keys ))
scalar_ref: (( keys m s ))
literal: (( keys "x" ))
literal_int: (( keys m 5 ))
missing: (( keys ghost ))
""",
    }
    expected = multi_error(
        "$.literal: keys operator only works on maps, argument 0 is string",
        "$.literal_int: keys operator only works on maps, argument 1 is int64",
        "$.missing: Unable to resolve `ghost`: `$.ghost` could not be found in the datastructure",
        "$.none: no arguments specified to (( keys ... ))",
        "$.scalar_ref: s is not a map",
    )
    assert graft("merge", "a.yml", files=files) == (2, "", expected)


# --- shuffle ---------------------------------------------------------------------------


def test_shuffle_keeps_every_value(graft):
    files = {
        "a.yml": """\
src: [c, b, a, d]
mixed: (( shuffle src "e" 1 ))
nothing: (( shuffle ))
""",
    }
    rc, out, err = graft("merge", "a.yml", files=files)
    assert (rc, err) == (0, "")
    data = yaml.safe_load(out)
    assert sorted(data["mixed"], key=str) == [1, "a", "b", "c", "d", "e"]
    assert data["nothing"] == []
    assert data["src"] == ["c", "b", "a", "d"]


def test_shuffle_then_sort_from_a_later_file(graft):
    files = {"a.yml": "src: [c, b, a]\nmixed: (( shuffle src ))\n", "b.yml": "mixed: (( sort ))\n"}
    expected = "mixed:\n- a\n- b\n- c\nsrc:\n- c\n- b\n- a\n\n"
    assert graft("merge", "a.yml", "b.yml", files=files) == (0, expected, "")


def test_shuffle_errors(graft):
    files = {
        "a.yml": """\
n: ~
m: {k: v}
nil: (( shuffle n ))
map: (( shuffle m ))
""",
    }
    expected = multi_error(
        "$.map: shuffle only accepts arrays and scalar values",
        "$.nil: shuffle operator argument cannot be nil",
    )
    assert graft("merge", "a.yml", files=files) == (2, "", expected)


# --- cartesian-product -----------------------------------------------------------------


def test_cartesian_product_combinations(graft):
    files = {
        "a.yml": """\
l: [x, 1, true, 2.5]
hosts: [a, b]
ports: [80, 443]
none: []
prefixed: (( cartesian-product "a" l ))
single: (( cartesian-product l ))
three: (( cartesian-product hosts ":" ports ))
with_empty: (( cartesian-product hosts none ))
""",
    }
    expected = """\
hosts:
- a
- b
l:
- x
- 1
- true
- 2.5
none: []
ports:
- 80
- 443
prefixed:
- ax
- a1
- atrue
- a2.5
single:
- x
- "1"
- "true"
- "2.5"
three:
- a:80
- a:443
- b:80
- b:443
with_empty: []

"""
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_cartesian_product_waits_for_operators_under_its_references(graft):
    # "a" sorts before the list's own operators; it must still see their results.
    files = {
        "a.yml": """\
a: (( cartesian-product l "-" m ))
l:
- (( grab x ))
- (( concat x "y" ))
m: [(( grab x ))]
x: 1
""",
    }
    expected = """\
a:
- 1-1
- 1y-1
l:
- 1
- 1y
m:
- 1
x: 1

"""
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_cartesian_product_errors(graft):
    files = {
        "a.yml": """\
a: [x]
n: ~
m: {k: v}
nested: [[x]]
maps: [{k: v}]
none: (( cartesian-product ))
nil: (( cartesian-product a n ))
map: (( cartesian-product a m ))
nested_list: (( cartesian-product nested ))
list_of_maps: (( cartesian-product a maps ))
missing: (( cartesian-product a nope ))
""",
    }
    expected = multi_error(
        "$.list_of_maps: cartesian-product operator can only operate on lists of scalar values",
        "$.map: cartesian-product operator only accepts arrays and string values",
        "$.missing: Unable to resolve `nope`: `$.nope` could not be found in the datastructure",
        "$.nested_list: cartesian-product operator can only operate on lists of scalar values",
        "$.nil: cartesian-product operator argument cannot be nil",
        "$.none: no arguments specified to (( cartesian-product ... ))",
    )
    assert graft("merge", "a.yml", files=files) == (2, "", expected)
