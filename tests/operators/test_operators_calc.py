"""``(( calc ... ))``: arithmetic in govaluate's language with paths substituted
(SPEC §5.11, §6.4)."""

from __future__ import annotations

from conftest import multi_error

# --- results -----------------------------------------------------------------------------


def test_calc_substitutes_paths_and_computes(graft):
    files = {
        "a.yml": """\
meta:
  a: 10
  b: 3
  list: [1, 2]
sum: (( calc "meta.a + meta.b" ))
quotient: (( calc "meta.a / meta.b" ))
smaller: (( calc "min(meta.a, meta.b)" ))
power: (( calc "pow(2, 10)" ))
cube: (( calc "2 ** 3" ))
rest: (( calc "10 % 3" ))
pick: "(( calc \\"meta.a == 10 ? 1 : 2\\" ))"
both: (( calc "meta.a >= 10 && meta.b < 5" ))
negated: (( calc "-meta.a" ))
element: (( calc "meta.list.0 + 5" ))
number: (( calc 42 ))
""",
    }
    expected = """\
both: true
cube: 8
element: 6
meta:
  a: 10
  b: 3
  list:
  - 1
  - 2
negated: -10
number: 42
pick: 1
power: 1024
quotient: 3.33333333333333
rest: 1
smaller: 3
sum: 13

"""
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_calc_functions(graft):
    files = {
        "a.yml": """\
lo: (( calc "min(4, 2.5)" ))
hi: (( calc "max(4, 2.5)" ))
mod: (( calc "mod(7, 3)" ))
pow: (( calc "pow(9, 0.5)" ))
root: (( calc "sqrt(2)" ))
down: (( calc "floor(2.7)" ))
up: (( calc "ceil(2.1)" ))
nested: (( calc "max(min(1, 2), floor(sqrt(10)))" ))
""",
    }
    expected = """\
down: 2
hi: 4
lo: 2.5
mod: 1
nested: 3
pow: 3
root: 1.4142135623731
up: 3

"""
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_calc_is_float_arithmetic_and_division_by_zero_is_infinite(graft):
    files = {
        "a.yml": """\
half: (( calc "7 / 2" ))
whole: (( calc "6 / 3" ))
tenth: (( calc "0.1 + 0.2" ))
inf: (( calc "5 / 0" ))
minus_inf: (( calc "-5 / 0" ))
nan: (( calc "0 / 0" ))
mod_zero: (( calc "5 % 0" ))
big: (( calc "2 ** 62" ))
huge: (( calc "2 ** 64" ))
""",
    }
    expected = """\
big: 4611686018427387904
half: 3.5
huge: 1.84467440737096e+19
inf: .inf
minus_inf: -.inf
mod_zero: .nan
nan: .nan
tenth: 0.3
whole: 2

"""
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_calc_precedence_and_left_associativity(graft):
    files = {
        "a.yml": """\
a: (( calc "1 + 2 * 3" ))
b: (( calc "(1 + 2) * 3" ))
c: (( calc "10 - 3 - 2" ))
d: (( calc "100 / 10 / 5" ))
e: (( calc "2 ** 3 ** 2" ))
f: (( calc "-2 ** 2" ))
g: (( calc "2 - -3" ))
h: (( calc "1 + 2 == 3 && !false" ))
i: "(( calc \\"false ? 1 : true ? 2 : 3\\" ))"
j: (( calc "1 < 2 == true" ))
""",
    }
    expected = """\
a: 7
b: 9
c: 5
d: 2
e: 64
f: 4
g: 5
h: true
i: 2
j: true

"""
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_calc_strings_comparisons_and_membership(graft):
    files = {
        "a.yml": """\
joined: (( calc "'v' + 1.5" ))
ordered: (( calc "'abc' < 'abd'" ))
equal: (( calc "'x' == 'x'" ))
mixed: (( calc "1 == '1'" ))
member: (( calc "2 in (1, 2, 3)" ))
match: (( calc "'web-01' =~ '^web'" ))
""",
    }
    expected = """\
equal: true
joined: v1.5
match: true
member: true
mixed: false
ordered: true

"""
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_calc_floats_are_substituted_with_six_decimals(graft):
    files = {
        "a.yml": """\
meta:
  f: 0.1234567
  expr: meta.f * 2
  n: 2.5
scaled: (( calc "meta.f * 1000000" ))
from_ref: (( calc meta.expr ))
from_float: (( calc meta.n ))
""",
    }
    expected = """\
from_float: 2.5
from_ref: 0.246914
meta:
  expr: meta.f * 2
  f: 0.1234567
  "n": 2.5
scaled: 123457

"""
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_calc_replaces_every_occurrence_of_a_path_text(graft):
    # Paths are replaced in the order they appear, each everywhere: `meta.a` first
    # also rewrites the `meta.a` inside `meta.ab` (graft's behaviour).
    files = {
        "a.yml": """\
meta: {a: 1, ab: 2}
long_first: (( calc "meta.ab + meta.a" ))
twice: (( calc "meta.a + meta.a" ))
""",
    }
    expected = "long_first: 3\nmeta:\n  a: 1\n  ab: 2\ntwice: 2\n\n"
    assert graft("merge", "a.yml", files=files) == (0, expected, "")
    files["a.yml"] = 'meta: {a: 1, ab: 2}\nshort_first: (( calc "meta.a + meta.ab" ))\n'
    expected_err = multi_error(
        "$.short_first: Cannot transition token types from NUMERIC [1] to VARIABLE [b]"
    )
    assert graft("merge", "a.yml", files=files) == (2, "", expected_err)


def test_calc_waits_for_the_operators_its_expression_names(graft):
    # `a_total` sorts before `meta`, so only the dependency makes it wait.
    files = {
        "a.yml": """\
a_total: (( calc "meta.count * meta.size" ))
meta:
  count: (( grab base.count ))
  size: (( calc "base.size + 1" ))
base: {count: 3, size: 4}
""",
    }
    expected = """\
a_total: 15
base:
  count: 3
  size: 4
meta:
  count: 3
  size: 5

"""
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


# --- errors ------------------------------------------------------------------------------


def test_calc_errors(graft):
    files = {
        "a.yml": """\
meta:
  s: str
  nothing: ~
  m: {k: v}
  t: true
e01: (( calc "a" "b" ))
e02: (( calc meta.m ))
e03: (( calc "n * 6" ))
e04: (( calc "meta.s + 1" ))
e05: (( calc "meta.nothing + 1" ))
e06: (( calc "ghost.value + 1" ))
e07: (( calc "meta.s.x + 1" ))
e08: (( calc "1e3" ))
e09: (( calc "1 +" ))
e10: (( calc "len(3)" ))
e11: (( calc "min(1)" ))
e12: (( calc "true + 1" ))
e13: (( calc "(1" ))
e14: (( calc "'open" ))
e15: (( calc "1 = 1" ))
e16: (( calc "meta.t * 2" ))
e17: (( calc nope ))
e18: (( calc "sqrt(1, 2)" ))
e19: (( calc "a + b + a" ))
e20: "(( calc \\"1 ? 2 : 3\\" ))"
e21: (( calc "1 && true" ))
e22: (( calc meta.t ))
""",
    }
    expected_err = multi_error(
        "$.e01: calc operator only expects one argument containing the expression",
        "$.e02: calc operator argument must resolve to a string or number, "
        "got map[interface {}]interface {}",
        "$.e03: calc operator does not support named variables in expression: n",
        "$.e04: path meta.s is of type string, which cannot be used in calculations",
        "$.e05: path meta.nothing references a nil value, which cannot be used in calculations",
        "$.e06: `$.ghost` could not be found in the datastructure",
        "$.e07: $.meta.s [=str] is a scalar (not a map or a list)",
        "$.e08: Cannot transition token types from NUMERIC [1] to VARIABLE [e3]",
        "$.e09: Unexpected end of expression",
        "$.e10: Undefined function len",
        "$.e11: min function expects two arguments of type float64",
        "$.e12: Value 'true' cannot be used with the modifier '+', it is not a number",
        "$.e13: Unbalanced parenthesis",
        "$.e14: Unclosed string literal",
        "$.e15: Invalid token: '='",
        "$.e16: path meta.t is of type bool, which cannot be used in calculations",
        "$.e17: Unable to resolve `nope`: `$.nope` could not be found in the datastructure",
        "$.e18: sqrt function expects one argument of type float64",
        "$.e19: calc operator does not support named variables in expression: a, b, a",
        "$.e20: Value '1' cannot be used with the ternary operator '?', it is not a bool",
        "$.e21: Value '1' cannot be used with the logical operator '&&', it is not a bool",
        "$.e22: calc operator argument must resolve to a string or number, got bool",
    )
    assert graft("merge", "a.yml", files=files) == (2, "", expected_err)


def test_calc_of_a_list_path_names_its_kind(graft):
    files = {"a.yml": 'meta: {l: [1]}\nx: (( calc "meta.l * 2" ))\n'}
    expected_err = multi_error(
        "$.x: path meta.l is of type slice, which cannot be used in calculations"
    )
    assert graft("merge", "a.yml", files=files) == (2, "", expected_err)
