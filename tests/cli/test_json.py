"""``graft json``: YAML documents to compact JSON lines (SPEC §9.2, errata 17)."""

from __future__ import annotations


def test_compact_sorted_escaped_yaml_1_1_output(graft):
    text = """\
b: 1
a: [1, 2.5, "x", true, null, yes, y, No, off, n, Y]
c: {z: 1, 1: one, 2.5: f, true: t}
d: 2002-12-14
e: "<&>"
f: "(( grab b ))"
Z: upper
u: café
nest: {deep: [{}, [], {k: ~}]}
dup: 1
dup: 2
"""
    expected = (
        '{"Z":"upper","a":[1,2.5,"x",true,null,true,true,false,false,false,true],"b":1,'
        '"c":{"1":"one","2.5":"f","true":"t","z":1},"d":"2002-12-14","dup":2,'
        '"e":"\\u003c\\u0026\\u003e","f":"(( grab b ))","nest":{"deep":[{},[],{"k":null}]},'
        '"u":"café"}\n'
    )
    assert graft("json", "a.yml", files={"a.yml": text}) == (0, expected, "")


def test_number_forms(graft):
    text = """\
int: 42
neg: -7
big: 123456789012345678
one: 1.0
half: 0.5
e20: 1e20
e21: 1e21
e23: 1e23
small: 1e-7
micro: 0.000001
exp: 1e3
"""
    expected = (
        '{"big":123456789012345678,"e20":100000000000000000000,"e21":1e+21,"e23":1e+23,'
        '"exp":1000,"half":0.5,"int":42,"micro":0.000001,"neg":-7,"one":1,"small":1e-7}\n'
    )
    assert graft("json", "n.yml", files={"n.yml": text}) == (0, expected, "")


def test_infinity_cannot_be_converted(graft):
    files = {"ok.yml": "a: 1\n", "inf.yml": "a: 1\n---\nb: .inf\n"}
    rc, out, err = graft("json", "ok.yml", "inf.yml", files=files)
    assert (rc, out, err) == (2, "", "inf.yml[1]: json: unsupported value: +Inf\n")


def test_strict_accepts_string_keys(graft):
    files = {"s.yml": 'codes:\n  "200": ok\n  "404": missing\n'}
    expected = '{"codes":{"200":"ok","404":"missing"}}\n'
    assert graft("json", "--strict", "s.yml", files=files) == (0, expected, "")


def test_strict_rejects_non_string_keys(graft):
    files = {"k.yml": "a: 1\n---\nb:\n  2: x\n"}
    rc, out, err = graft("json", "--strict", "k.yml", files=files)
    assert (rc, out, err) == (
        2,
        "",
        "k.yml[1]: Non-string keys found during strict JSON conversion\n",
    )


def test_keys_that_collide_as_text_warn(graft):
    rc, out, err = graft("json", "c.yml", files={"c.yml": 'm: {1: int, "1": str}\n'})
    assert (rc, err) == (0, "warning: Duplicate key detected: 1\n")
    assert out in ('{"m":{"1":"int"}}\n', '{"m":{"1":"str"}}\n')


def test_empty_input_prints_nothing(graft):
    assert graft("json", "empty.yml", files={"empty.yml": ""}) == (0, "", "")


def test_every_document_is_a_line_and_piped_stdin_comes_last(graft):
    files = {
        "docs.yml": "---\nfirst: 1\n---\nsecond: [2]\n---\nthird: {t: 3}\n",
        "one.yml": "one: true\n",
    }
    rc, out, err = graft("json", "docs.yml", "one.yml", files=files, stdin=b"piped: [1, 2]\n")
    assert (rc, out, err) == (
        0,
        '{"first":1}\n{"second":[2]}\n{"third":{"t":3}}\n{"one":true}\n{"piped":[1,2]}\n',
        "",
    )


def test_non_map_root_is_an_error(graft):
    rc, out, err = graft("json", "a.yml", files={"a.yml": "a: 1\n"}, stdin=b"- x\n")
    assert (rc, out, err) == (
        2,
        "",
        "-[0]: Root of YAML document is not a hash/map: "
        "type assertion to map[interface]interface{} failed\n\n",
    )


def test_malformed_document_is_an_error_and_nothing_is_printed(graft):
    files = {"good.yml": "a: 1\n", "bad.yml": "b: 2\n---\nc: [1, 2\n"}
    rc, out, err = graft("json", "good.yml", "bad.yml", files=files)
    assert (rc, out) == (2, "")
    assert err.startswith("bad.yml[1]: "), err
    assert "line" in err
    assert err.endswith("\n")
    assert "Traceback" not in err


def test_missing_file(graft):
    rc, out, err = graft("json", "nope.yml")
    assert (rc, out, err) == (
        2,
        "",
        "Error reading file nope.yml: open nope.yml: no such file or directory\n",
    )


def test_a_dash_is_standard_input_even_when_empty(graft):
    # `-` reads standard input (read once: a second `-` or the piped input at the end
    # finds nothing more); empty standard input prints nothing
    assert graft("json", "-", stdin=b"") == (0, "", "")
    files = {"one.yml": "one: 1\n"}
    rc, out, err = graft("json", "-", "one.yml", "-", files=files, stdin=b"piped: 2\n")
    assert (rc, out, err) == (0, '{"piped":2}\n{"one":1}\n', "")
    assert graft("json", "-", stdin=b"- 1\n") == (
        2,
        "",
        "-[0]: Root of YAML document is not a hash/map: "
        "type assertion to map[interface]interface{} failed\n\n",
    )
