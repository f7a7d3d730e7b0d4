"""grab, concat, param, prune, sort, null, defer (SPEC §6) and vaultinfo (§9.4)."""

from __future__ import annotations

import pytest

from conftest import multi_error

DATA = "a: 1\ns: str\nl: [1, 2]\nl2: [3]\nm: {k: v}\nnul: ~\nf: 2.5\n"


def one(graft, expression: str, extra: str = "") -> tuple[int, str, str]:
    files = {"a.yml": DATA + extra + f"r: '{expression}'\n"}
    return graft("merge", "--cherry-pick", "r", "a.yml", files=files)


@pytest.mark.parametrize(
    ("expression", "output"),
    [
        ("(( grab a ))", "r: 1\n"),
        ("(( grab m ))", "r:\n  k: v\n"),
        ("(( grab l l2 s ))", "r:\n- 1\n- 2\n- 3\n- str\n"),
        ("(( grab nul ))", "r: null\n"),
        ('(( grab "lit" ))', "r: lit\n"),
        ('(( grab (concat "m." "k") ))', "r: v\n"),
        ("(( grab l[1] ))", "r: 2\n"),
        ("(( grab inf ))", "r: .inf\n"),
        ('(( concat "a" "b" ))', "r: ab\n"),
        ("(( concat 1 2.50 -3 ))", "r: 12.5-3\n"),
        ("(( concat true nil ))", "r: true<nil>\n"),
        ('(( concat "x" l ))', "r: x12\n"),
        ('(( concat m "" ))', "r: map[k:v]\n"),
        ('(( concat 007 "" ))', 'r: "7"\n'),
        ('(( concat "(( x ))" "y" ))', "r: (( x ))y\n"),
        ("(( null ))", "r: null\n"),
        ("(( null nul ))", "r: true\n"),
        ("(( null a ))", "r: false\n"),
        ("(( defer grab foo ))", "r: (( grab foo ))\n"),
        ('(( defer grab foo || "x" ))', 'r: (( grab foo || "x" ))\n'),
        ('(( defer concat "a" meta.b 1 ))', 'r: (( concat "a" meta.b 1 ))\n'),
        ("(( defer grab $HOME ))", "r: (( grab $HOME ))\n"),
        ("(( defer nil ))", "r: (( nil ))\n"),
        ("(( defer a == b ))", "r: (( a == b ))\n"),
    ],
)
def test_results(graft, expression, output):
    assert one(graft, expression) == (0, output + "\n", "")


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("(( grab ))", "no arguments specified to (( grab ... ))"),
        (
            "(( grab nope.x ))",
            "Unable to resolve `nope.x`: `$.nope` could not be found in the datastructure",
        ),
        (
            "(( grab s.x ))",
            "Unable to resolve `s.x`: $.s [=str] is a scalar (not a map or a list)",
        ),
        (
            "(( grab l.5 ))",
            "Unable to resolve `l.5`: `$.l.5` could not be found in the datastructure",
        ),
        # the path is printed canonical, as graft prints it (errata 22)
        (
            "(( grab l.[5] ))",
            "Unable to resolve `l.5`: `$.l.5` could not be found in the datastructure",
        ),
        (
            "(( grab l[0].x ))",
            "Unable to resolve `l.0.x`: $.l.0 [=1] is a scalar (not a map or a list)",
        ),
        (
            "(( grab m..k.[7] ))",
            "Unable to resolve `m.k.7`: $.m.k [=v] is a scalar (not a map or a list)",
        ),
        ('(( concat "a" (bogus 1) (x y) ))', None),
        ('(( concat "a" ))', "concat operator requires at least two arguments"),
        ("(( null a s ))", "null operator takes at most one argument"),
        ("(( defer ))", "Defer has no arguments - what are you deferring?"),
        (
            '(( concat "x" (grab nope) ))',
            "nested operator grab failed: $.r: Unable to resolve `nope`: `$.nope` could not "
            "be found in the datastructure",
        ),
    ],
)
def test_errors(graft, expression, message):
    if message is None:  # a parenthesised call of an unknown name is text, as in graft
        expected = "r: a(bogus 1)(x y)\n\n"
        assert one(graft, expression) == (0, expected, "")
        return
    assert one(graft, expression) == (2, "", multi_error(f"$.r: {message}"))


def test_param(graft):
    files = {"a.yml": 'a: (( param "please set a" ))\nc: (( param 42 ))\n'}
    assert graft("merge", "a.yml", files=files) == (
        2,
        "",
        multi_error("$.a: please set a", "$.c: 42"),
    )
    over = {"b.yml": "a: set\nc: 1\n"}
    assert graft("merge", "a.yml", "b.yml", files=files | over) == (0, "a: set\nc: 1\n\n", "")


def test_orphaned_sort_stays_and_sort_marker_sorts(graft):
    files = {"a.yml": "x: (( sort ))\nl: [c, a, b]\n", "b.yml": "l: (( sort ))\n"}
    expected = "l:\n- a\n- b\n- c\nx: (( sort ))\n\n"
    assert graft("merge", "a.yml", "b.yml", files=files) == (0, expected, "")


VAULT_DOC = """\
meta: {env: prod}
a: (( vault "secret/" meta.env "/db:password" ))
b: (( vault "secret/prod/db:password" ))
c: (( vault "secret/x:y" || "dflt" ))
d: [ '(( vault "secret/a:b" ))' ]
e: (( concat "pre-" (vault "secret/nested:k") ))
f: (( vault "secret/p1:k; secret/p2:k" ))
"""


def test_vaultinfo_lists_the_paths_and_where_they_are_read(graft):
    expected = (
        "secrets:\n"
        "- key: secret/a:b\n  references:\n  - d.0\n"
        "- key: secret/nested:k\n  references:\n  - e\n"
        "- key: secret/p1:k\n  references:\n  - f\n"
        "- key: secret/prod/db:password\n  references:\n  - a\n  - b\n"
        "- key: secret/x:y\n  references:\n  - c\n\n"
    )
    env = {"VAULT_ADDR": "", "VAULT_TOKEN": "", "HOME": "/nonexistent"}
    assert graft("vaultinfo", "a.yml", files={"a.yml": VAULT_DOC}, env=env) == (0, expected, "")
    assert graft("vaultinfo", "e.yml", files={"e.yml": "x: 1\n"}) == (0, "secrets: []\n\n", "")


def test_redact_answers_for_vault_without_contacting_it(graft):
    env = {"REDACT": "1", "VAULT_ADDR": "", "VAULT_TOKEN": "", "HOME": "/nonexistent"}
    rc, out, err = graft("merge", "a.yml", files={"a.yml": VAULT_DOC}, env=env)
    assert (rc, err) == (0, "")
    assert "b: REDACTED\n" in out and "e: pre-REDACTED\n" in out
    # the arguments are still evaluated: one that cannot be is an error, as in graft
    files = {"a.yml": 'a: (( vault nope.path ":k" ))\n'}
    expected = multi_error(
        "$.a: Unable to resolve `nope.path`: `$.nope` could not be found in the datastructure"
    )
    assert graft("merge", "a.yml", files=files, env=env) == (2, "", expected)
    env["REDACT"] = ""
    rc, out, err = graft("merge", "a.yml", files={"a.yml": 'a: (( vault "s/p:k" ))\n'}, env=env)
    assert (rc, out) == (2, "")
    assert err == multi_error(
        "$.a: Error during Vault client initialization: Failed to determine Vault URL / "
        "token, and the $REDACT environment variable is not set."
    )
