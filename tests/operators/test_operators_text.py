"""Text operators: base64, base64-decode, join, split, stringify (SPEC §6.2, §6.3,
§6.13, §6.23, §6.25)."""

from __future__ import annotations

from conftest import multi_error

# --- base64 and base64-decode ------------------------------------------------------------


def test_base64_encodes_literals_and_references(graft):
    files = {
        "a.yml": """\
secret: "multi\\nline\\n"
hello: (( base64 "hello" ))
enc: (( base64 secret ))
empty: (( base64 "" ))
uni: (( base64 "grüße ☃" ))
fallback: (( base64 nope || "x" ))
""",
    }
    expected = """\
empty: ""
enc: bXVsdGkKbGluZQo=
fallback: eA==
hello: aGVsbG8=
secret: |
  multi
  line
uni: Z3LDvMOfZSDimIM=

"""
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_base64_decode_round_trips_and_skips_line_breaks(graft):
    files = {
        "a.yml": """\
enc: aGVsbG8=
plain: (( base64-decode enc ))
padded: (( base64-decode "YQ==" ))
broken: (( base64-decode "YW\\nJj" ))
both: (( base64-decode (base64 "grüße") ))
""",
    }
    expected = """\
both: grüße
broken: abc
enc: aGVsbG8=
padded: a
plain: hello

"""
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_base64_errors(graft):
    files = {
        "a.yml": """\
i: 5
n: ~
m: {k: v}
b_args: (( base64 "a" "b" ))
b_none: (( base64 ))
b_nil: (( base64 n ))
b_doc_int: (( base64 i ))
b_lit_int: (( base64 5 ))
b_map: (( base64 m ))
b_missing: (( base64 nope ))
""",
    }
    expected = multi_error(
        "$.b_args: base64 operator requires exactly one string or reference argument, "
        "got 2 arguments",
        "$.b_doc_int: base64 operator requires a string value, got int",
        "$.b_lit_int: base64 operator requires a string value, got int64",
        "$.b_map: base64 operator requires a string value, got map[interface {}]interface {}",
        "$.b_missing: Unable to resolve `nope`: `$.nope` could not be found in the datastructure",
        "$.b_nil: base64 operator argument resolved to nil",
        "$.b_none: base64 operator requires exactly one string or reference argument, "
        "got 0 arguments",
    )
    assert graft("merge", "a.yml", files=files) == (2, "", expected)


def test_base64_decode_errors_name_go_byte_offsets(graft):
    files = {
        "a.yml": """\
n: ~
args: (( base64-decode "a" "b" ))
nil: (( base64-decode n ))
int: (( base64-decode 5 ))
list: (( base64-decode l ))
l: [1, 2]
unpadded: (( base64-decode "YWI" ))
bad_char: (( base64-decode "YW*j" ))
trailing: (( base64-decode "YWJj=" ))
after_pad: (( base64-decode "YQ==YQ==" ))
half_pad: (( base64-decode "YQ=" ))
non_ascii: (( base64-decode "YWJjé" ))
""",
    }
    expected = multi_error(
        "$.after_pad: base64 decoding failed: illegal base64 data at input byte 4",
        "$.args: base64-decode operator requires exactly one string or reference argument",
        "$.bad_char: base64 decoding failed: illegal base64 data at input byte 2",
        "$.half_pad: base64 decoding failed: illegal base64 data at input byte 3",
        "$.int: tried to base64 decode 5, which is not a string",
        "$.list: tried to base64 decode [1 2], which is not a string",
        "$.nil: base64-decode operator argument resolved to nil",
        "$.non_ascii: base64 decoding failed: illegal base64 data at input byte 4",
        "$.trailing: base64 decoding failed: illegal base64 data at input byte 4",
        "$.unpadded: base64 decoding failed: illegal base64 data at input byte 0",
    )
    assert graft("merge", "a.yml", files=files) == (2, "", expected)


# --- join ------------------------------------------------------------------------------


def test_join_lists_scalars_maps_and_nulls(graft):
    files = {
        "a.yml": """\
l: [x, 1, true, 2.5]
ab: [a, b]
n: ~
m: {b: 2, a: 1, 10: x}
comma: (( join ", " l ))
mixed: (( join "-" ab n "x" ))
number_sep: (( join 5 l ))
pairs: (( join "" m ))
comma_form: (( join(",", ab) ))
empty_list: (( join "," e ))
e: []
""",
    }
    expected = """\
ab:
- a
- b
comma: x, 1, true, 2.5
comma_form: a,b
e: []
empty_list: ""
l:
- x
- 1
- true
- 2.5
m:
  10: x
  a: 1
  b: 2
mixed: a-b-x
"n": null
number_sep: x515true52.5
pairs: 10:<nil>a:1b:2

"""
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_join_waits_for_operators_inside_a_referenced_list(graft):
    # "a" sorts before "l.0": without the per-element dependencies it would run first.
    files = {
        "a.yml": """\
a: (( join "," l ))
l:
- (( grab x ))
- (( concat x "y" ))
- plain
x: 1
""",
    }
    expected = """\
a: 1,1y,plain
l:
- 1
- 1y
- plain
x: 1

"""
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_join_errors(graft):
    files = {
        "a.yml": """\
sep: ","
l: [a, b]
nested: [a, [b]]
maps: [{k: v}]
none: (( join ))
one: (( join "," ))
ref_sep: (( join sep l ))
nested_list: (( join "," l nested ))
map_entry: (( join "," maps ))
missing: (( join "," l nope ))
""",
    }
    expected = multi_error(
        "$.map_entry: entry #0 in list is not compatible for (( join ... ))",
        "$.missing: Unable to resolve `nope`: `$.nope` could not be found in the datastructure",
        "$.nested_list: entry #1 in list is not compatible for (( join ... ))",
        "$.none: no arguments specified to (( join ... ))",
        "$.one: too few arguments supplied to (( join ... ))",
        "$.ref_sep: join operator only accepts literal argument for the separator",
    )
    assert graft("merge", "a.yml", files=files) == (2, "", expected)


# --- split -----------------------------------------------------------------------------


def test_split_plain_and_character_forms(graft):
    files = {
        "a.yml": """\
csv: a,b,,c
num: 12345
plain: (( split "," csv ))
number: (( split "," num ))
multi: (( split ", " "x, y, z" ))
chars: (( split "" "abc" ))
bytes: (( split "" "héllo" ))
none_found: (( split ";" "abc" ))
empty: (( split "," "" ))
reversed_doc_order: (( split "a,b,c" "," ))
""",
    }
    expected = """\
bytes:
- h
- é
- null
- l
- l
- o
chars:
- a
- b
- c
csv: a,b,,c
empty:
- ""
multi:
- x
- "y"
- z
none_found:
- abc
num: 12345
number:
- "12345"
plain:
- a
- b
- ""
- c
reversed_doc_order:
- ','

"""
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_split_regex_drops_empty_pieces_between_adjacent_matches(graft):
    files = {
        "a.yml": """\
runs: (( split "/,+" "a,b,,c" ))
adjacent: (( split "/," "a,,b" ))
leading: (( split "/," ",a" ))
trailing: (( split "/," "a," ))
spaces: (( split "/\\\\s+" "one  two\\tthree" ))
class: (( split "/[0-9]" "a1b22c" ))
""",
    }
    expected = """\
adjacent:
- a
- b
class:
- a
- b
- c
leading:
- ""
- a
runs:
- a
- b
- c
spaces:
- one
- two
- three
trailing:
- a
- ""

"""
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_split_errors(graft):
    files = {
        "a.yml": """\
sep: ","
n: ~
none: (( split ))
one: (( split "," ))
three: (( split "," "a" "b" ))
ref_sep: (( split sep "a,b" ))
nil: (( split "," n ))
missing: (( split "," nope ))
bad_regex: (( split "/[" "a" ))
""",
    }
    expected = multi_error(
        "$.bad_regex: invalid PCRE regex pattern [: error parsing regexp: "
        "unterminated [] set in `[`",
        "$.missing: Unable to resolve `nope`: `$.nope` could not be found in the datastructure",
        "$.nil: cannot split nil value in (( split ... ))",
        "$.none: no arguments specified to (( split ... ))",
        "$.one: too few arguments supplied to (( split ... ))",
        "$.ref_sep: split operator only accepts literal argument for the separator",
        "$.three: too many arguments supplied to (( split ... ))",
    )
    assert graft("merge", "a.yml", files=files) == (2, "", expected)


# --- stringify -------------------------------------------------------------------------


def test_stringify_scalars_maps_and_lists(graft):
    files = {
        "a.yml": """\
m: {b: 2, a: 1, 10: x}
l: [1, two, {three: 3}]
n: ~
map: (( stringify m ))
list: (( stringify l ))
int: (( stringify 42 ))
float: (( stringify 3.141592653589793 ))
bool: (( stringify true ))
str: (( stringify "as is" ))
nil: (( stringify n ))
empty_map: (( stringify e ))
e: {}
""",
    }
    expected = """\
bool: "true"
e: {}
empty_map: |
  {}
float: "3.141592653589793"
int: "42"
l:
- 1
- two
- three: 3
list: |
  - 1
  - two
  - three: 3
m:
  10: x
  a: 1
  b: 2
map: |
  10: x
  a: 1
  b: 2
"n": null
nil: null
str: as is

"""
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_stringify_does_not_wait_for_operators_inside(graft):
    files = {
        "a.yml": """\
meta:
  base: 10
  inner:
    x: (( grab meta.base ))
a_str: (( stringify meta.inner ))
z_str: (( stringify meta.inner ))
""",
    }
    expected = """\
a_str: |
  x: (( grab meta.base ))
meta:
  base: 10
  inner:
    x: 10
z_str: |
  x: 10

"""
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_stringify_errors(graft):
    files = {
        "a.yml": """\
none: (( stringify ))
two: (( stringify "a" "b" ))
missing: (( stringify not.there ))
""",
    }
    expected = multi_error(
        "$.missing: Unable to resolve `not.there`: `$.not` could not be found in the datastructure",
        "$.none: stringify operator requires exactly one argument",
        "$.two: stringify operator requires exactly one argument",
    )
    assert graft("merge", "a.yml", files=files) == (2, "", expected)


def test_base64_decode_of_bytes_that_are_not_utf8_is_written_as_binary(graft):
    files = {"a.yml": 'raw: (( base64-decode "/+7dzA==" ))\n'}
    assert graft("merge", "a.yml", files=files) == (0, "raw: !!binary /+7dzA==\n\n", "")
