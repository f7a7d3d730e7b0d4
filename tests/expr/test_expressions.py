"""The ``(( ... ))`` language: call forms, alternatives, infix expressions (SPEC §5)."""

from __future__ import annotations

import pytest

from conftest import multi_error

DATA = "a: 1\nb: 2\ns: str\nt: true\nnul: ~\nl: [1, 2]\nm: {k: v}\nneg: -2\n"


def merge_value(graft, expression: str, env: dict | None = None) -> tuple[int, str, str]:
    files = {"a.yml": DATA + f"r: '{expression}'\n"}
    rc, out, err = graft("merge", "--cherry-pick", "r", "a.yml", files=files, env=env or {})
    return rc, out, err


@pytest.mark.parametrize(
    ("expression", "result"),
    [
        ("(( a + b ))", "3"),
        ("(( a + b * 2 ))", "5"),
        ("(( (a + b) * 2 ))", "6"),
        ("(( 10 - 3 - 2 ))", "5"),
        ("(( 100 / 10 / 5 ))", "2"),
        ("(( 7 / 2 ))", "3.5"),
        ("(( 2 * 3 % 4 ))", "2"),
        ("(( 1 + 2 == 3 ))", "true"),
        ("(( 1 < 2 == true ))", "true"),
        ("(( a == 1 && b == 2 ))", "true"),
        ("(( !false && false ))", "false"),
        ('(( a > b ? "big" : "small" ))', "small"),
        ('(( a == 2 ? "two" : a == 1 ? "one" : "other" ))', "one"),
        ("(( false ? 1 : true ? 2 : 3 ))", "2"),
        ("(( false || true ))", "false"),
        ("(( 0 || 5 ))", "0"),
        ("(( nul || 5 ))", "5"),
        ("(( nope || b ))", "2"),
        ('(( "abc" + 7 ))', "abc7"),
        ('(( "x" * 3 ))', "xxx"),
        ("(( l + l ))", "\n- 1\n- 2\n- 1\n- 2"),
        ("(( a + b 7 ))", "3"),
        ("(( 1 == 1.0 ))", "true"),
        ('(( 1 == "1" ))', "false"),
        ("(( true == 1 ))", "false"),
        ("(( nul + 5 ))", "5"),
        ("(( 5 - nul ))", "5"),
        ("(( $.a + 1 ))", "2"),
    ],
)
def test_infix_expressions(graft, expression, result):
    rc, out, err = merge_value(graft, expression)
    assert (rc, err) == (0, ""), err
    assert out == f"r:{'' if result.startswith(chr(10)) else ' '}{result}\n\n"


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("(( 3 > 2 > 1 ))", "greater operation not supported for types bool and int64"),
        ("(( s - s ))", "left operand: cannot use string 'str' in arithmetic operation"),
        ("(( 2 + s ))", "right operand: cannot use string 'str' in arithmetic operation"),
        ("(( t - t ))", "left operand: cannot use boolean 'true' in arithmetic operation"),
        ("(( l - l ))", "left operand: cannot convert []interface {} to numeric value"),
        ("(( a / 0 ))", "division by zero"),
        ("(( a % 0 ))", "modulo by zero"),
        ("(( 5 / nul ))", "division by null"),
        ('(( "x" * neg ))', "cannot repeat string negative times: -2"),
        ("(( -a ))", None),
    ],
)
def test_infix_errors_name_the_location(graft, expression, message):
    if message is None:  # no unary minus; as a lone word it is a BOSH variable (D9)
        assert merge_value(graft, expression) == (0, "r: (( -a ))\n\n", "")
        return
    assert merge_value(graft, expression) == (2, "", multi_error(f"$.r: {message}"))


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("(( a + ))", "unexpected end of expression"),
        ("(( ))", "empty expression"),
        ("(( a ? b ))", "expected ':' for ternary operator"),
        ("(( a == ) ))", "unexpected token: )"),
    ],
)
def test_syntax_errors_name_their_path_and_stop_everything(graft, expression, message):
    # graft gives no path; ours names the string's path (D20)
    files = {
        "a.yml": f"x: (( grab nope ))\nr: '{expression}'\nl: [{{name: e, v: '{expression}'}}]\n"
    }
    expected = multi_error(f"$.l.e.v: {message}", f"$.r: {message}")
    assert graft("merge", "a.yml", files=files) == (2, "", expected)


@pytest.mark.parametrize(
    ("expression", "result"),
    [
        ('(( concat "a" "b" ))', "ab"),
        ('(( concat("a", "b") ))', "ab"),
        ('(( concat "a", "b" ))', "ab"),
        ("(( concat (grab a) (grab b) ))", '"12"'),
        ('(( concat "esc\\"q" "x" ))', 'esc"qx'),
        ("(( grab nope || b ))", "2"),
        ('(( grab nope || nope2 || "last" ))', "last"),
        ('(( grab nul || "x" ))', "null"),
        ("(( grab $A_PATH ))", "from-env"),
        ("(( grab m.$KEY_NAME ))", "v"),
        ('(( concat "a" (a + 1) ))', "a2"),
        ("(( grab x == 5 ))", "false"),
        ("(( ! grab t ))", "false"),
        ('(( grab a > 0 ? grab s : "none" ))', "str"),
        ("(( grab l ))", "\n- 1\n- 2"),
        ("(( grab l a ))", "\n- 1\n- 2\n- 1"),
    ],
)
def test_calls(graft, expression, result):
    env = {"A_PATH": "from-env", "KEY_NAME": "k"}
    files = {"a.yml": DATA + "x: 4\n" + f"r: '{expression}'\n"}
    rc, out, err = graft("merge", "--cherry-pick", "r", "a.yml", files=files, env=env)
    assert (rc, err) == (0, ""), err
    assert out == f"r:{'' if result.startswith(chr(10)) else ' '}{result}\n\n"


def test_text_that_is_not_an_operator_stays(graft):
    files = {
        "a.yml": (
            "unknown: (( bogus x 1 ))\n"
            "bosh: ((db-password))\n"
            "bosh_path: ((/director/dep/var))\n"
            "prefixed: x (( grab a ))\n"
            "spaced: ' (( grab a ))'\n"
            "bad_ref: (( grab a[[0] ))\n"
            '"(( grab a ))": key\n'
            "a: 1\n"
        )
    }
    expected = (
        "(( grab a )): key\n"
        "a: 1\n"
        "bad_ref: (( grab a[[0] ))\n"
        "bosh: ((db-password))\n"
        "bosh_path: ((/director/dep/var))\n"
        "prefixed: x (( grab a ))\n"
        "spaced: ' (( grab a ))'\n"
        "unknown: (( bogus x 1 ))\n\n"
    )
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_environment_values(graft):
    files = {"a.yml": "n: (( grab $NUM ))\nb: (( grab $BOOL ))\nm: (( grab $JSON ))\n"}
    env = {"NUM": "5", "BOOL": "true", "JSON": '{"q": 1}'}
    assert graft("merge", "a.yml", files=files, env=env) == (
        0,
        'b: true\nm:\n  q: 1\n"n": "5"\n\n',
        "",
    )
    rc, _, err = graft("merge", "a.yml", files=files, env={"NUM": "5", "BOOL": "x"})
    assert rc == 2
    assert "$.m: environment variable 'JSON' is not set" in err


BOSH_SIDE_BY_SIDE = """\
a: ((cert))((key))
b: ((a))-((b))
c: prefix-((var))
d: ((var))suffix
e: "((x)) ((y))"
f: ((a)) + ((b))
g: (( a )) || (( b ))
h: (("q"))((r))
i: ((grab))((x))
"""


def test_bosh_variables_side_by_side_are_text(graft):
    # errata 19: graft's expression reader stops at the first `)` that closes
    # nothing, and what it read before is a plain word: the string is text
    expected = BOSH_SIDE_BY_SIDE.replace('"((x)) ((y))"', "((x)) ((y))") + "\n"
    assert graft("merge", "v.yml", files={"v.yml": BOSH_SIDE_BY_SIDE}) == (0, expected, "")


def test_an_expression_before_a_stray_parenthesis_is_still_evaluated(graft):
    # graft reads `(( a + 1) ))` as `a + 1`; a call before the stray `)` is not a
    # plain word either, so it is still a syntax error (with its path)
    files = {"v.yml": "a: 1\nv: (( a + 1) ))\n"}
    assert graft("merge", "v.yml", files=files) == (0, "a: 1\nv: 2\n\n", "")
    files = {"v.yml": "a: 1\nv: (( grab a ) + ( grab b ))\n"}
    assert graft("merge", "v.yml", files=files) == (
        2,
        "",
        multi_error("$.v: missing closing parenthesis"),
    )


MULTI_LINE = """\
a: 1
rules: |-
  ((for *
  (remind 24 hours)))
x: "(( grab\\n a ))"
l:
- "((\\n  append ))"
- b
"""


def test_parentheses_on_different_lines_are_text(graft):
    # D16: an operator (and an array directive) is on one line, as in spruce
    files = {"base.yml": "l: [a]\n", "v.yml": MULTI_LINE}
    expected = (
        "a: 1\nl:\n- |-\n  ((\n    append ))\n- b\n"
        "rules: |-\n  ((for *\n  (remind 24 hours)))\nx: |-\n  (( grab\n   a ))\n\n"
    )
    assert graft("merge", "base.yml", "v.yml", files=files) == (0, expected, "")
