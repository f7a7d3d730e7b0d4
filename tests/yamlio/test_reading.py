"""Reading input documents (SPEC §2 with D1, D3, D4 and D12)."""

from __future__ import annotations

import re

import pytest


def assert_yaml_error(result: tuple[int, str, str], name: str, line: int, column: int) -> None:
    """A YAML syntax error: graft's text, plus the file, line and column (D12)."""
    rc, out, err = result
    assert (rc, out) == (2, "")
    assert err.startswith(f"{name}: parse_error: failed to parse YAML"), err
    assert re.search(rf"\bline {line}\b", err), err
    assert re.search(rf"\bcolumn {column}\b", err), err
    assert "Traceback" not in err
    assert err.endswith("\n")


# --- D1: empty documents are empty maps -----------------------------------------------

EMPTY_DOCUMENTS = {
    "empty": "",
    "whitespace": "  \n\n    \n",
    "comments": "# nothing here\n   # nor here\n",
    "marker": "---\n",
    "tilde": "~\n",
}


@pytest.mark.parametrize("content", EMPTY_DOCUMENTS.values(), ids=EMPTY_DOCUMENTS.keys())
def test_empty_document_alone_is_an_empty_map(graft, content):
    assert graft("merge", "e.yml", files={"e.yml": content}) == (0, "{}\n\n", "")


def test_empty_documents_merge_as_empty_maps(graft):
    files = {f"{key}.yml": content for key, content in EMPTY_DOCUMENTS.items()}
    files["a.yml"] = "a: 1\nl: [x]\n"
    args = ["empty.yml", "a.yml", "whitespace.yml", "comments.yml", "marker.yml", "tilde.yml"]
    assert graft("merge", *args, files=files) == (0, "a: 1\nl:\n- x\n\n", "")


def test_empty_chunks_with_multi_doc_are_empty_maps(graft):
    files = {"docs.yml": "a: 1\n---\n# nothing\n---\n~\n---\n---\nb: 2\n---\n"}
    assert graft("merge", "-m", "docs.yml", files=files) == (0, "a: 1\nb: 2\n\n", "")


# --- D3: booleans, y/n and dates ------------------------------------------------------

BOOLEANS_IN = """\
q1: "yes"
q2: 'no'
q3: "on"
q4: "Off"
q5: 'YES'
u1: yes
u2: Yes
u3: YES
u4: no
u5: No
u6: NO
u7: on
u8: On
u9: ON
u10: off
u11: Off
u12: OFF
t1: true
t2: True
t3: TRUE
f1: false
f2: False
f3: FALSE
m1: yEs
m2: oN
s1: y
s2: Y
s3: n
s4: N
nested:
  list: [yes, "no", n]
odd:
  2: two
  a: yes
  b: "on"
"""

BOOLEANS_OUT = """\
f1: false
f2: false
f3: false
m1: yEs
m2: oN
nested:
  list:
  - true
  - "no"
  - "n"
odd:
  2: two
  a: true
  b: "on"
q1: "yes"
q2: "no"
q3: "on"
q4: "Off"
q5: "YES"
s1: "y"
s2: "Y"
s3: "n"
s4: "N"
t1: true
t2: true
t3: true
u1: true
u2: true
u3: true
u4: false
u5: false
u6: false
u7: true
u8: true
u9: true
u10: false
u11: false
u12: false

"""


def test_quoted_bool_words_stay_strings_and_unquoted_ones_are_booleans(graft):
    assert graft("merge", "b.yml", files={"b.yml": BOOLEANS_IN}) == (0, BOOLEANS_OUT, "")


KEYS_IN = """\
on: push
Yes: 1
NO: 2
off: {OFF: 3, true: 4}
True: 5
FALSE: 6
l: [on]
"""
KEYS_OUT = """\
false: 6
true: 5
"NO": 2
"Yes": 1
l:
- true
"off":
  true: 4
  "OFF": 3
"on": push

"""


def test_map_keys_are_never_converted_from_yes_no_on_off(graft):
    # errata 18: only the true/false words make boolean keys (a GitHub Actions
    # workflow starts with `on:`); `on:` and `yes:` in one map are two keys
    assert graft("merge", "k.yml", files={"k.yml": KEYS_IN}) == (0, KEYS_OUT, "")
    # spelled in flow style and read by the quick reader alike
    flat = "on: 1\nyes: 2\n"
    assert graft("merge", "k.yml", files={"k.yml": flat}) == (0, '"on": 1\n"yes": 2\n\n', "")
    flow = "m: {on: 1, yes: 2}\n"
    expected = 'm:\n  "on": 1\n  "yes": 2\n\n'
    assert graft("merge", "k.yml", files={"k.yml": flow}) == (0, expected, "")


def test_json_still_converts_yes_no_on_off_keys(graft):
    # the legacy reader of `json` (go-yaml v2) reads them as booleans
    assert graft("json", "k.yml", files={"k.yml": "on: 1\nno: 2\n"}) == (
        0,
        '{"false":2,"true":1}\n',
        "",
    )


def test_keys_written_differently_are_no_duplicates(graft):
    # go-yaml compares keys as written: `null:` and `~:` are both the null key, the
    # later value wins; a key written twice the same way is an error
    result = graft("merge", "k.yml", files={"k.yml": "null: 1\n~: 2\n"})
    assert result == (0, "null: 2\n\n", "")
    assert_yaml_error(graft("merge", "k.yml", files={"k.yml": "on: 1\non: 2\n"}), "k.yml", 2, 1)


def test_dates_stay_as_written(graft):
    files = {
        "d.yml": (
            "d1: 2023-07-04\n"
            "d2: 2020-02-29T23:59:59Z\n"
            'd3: "1999-12-31"\n'
            "d4: 2001-12-14t21:59:43.10-05:00\n"
            "d5: 2002-1-5\n"
            "d6: 2002-12-14 21:59:43.10 -5\n"
            "list: [2010-10-10]\n"
            "2024-01-01: new year\n"
        )
    }
    expected = (
        "2024-01-01: new year\n"
        "d1: 2023-07-04\n"
        "d2: 2020-02-29T23:59:59Z\n"
        "d3: 1999-12-31\n"
        "d4: 2001-12-14t21:59:43.10-05:00\n"
        "d5: 2002-1-5\n"
        "d6: 2002-12-14 21:59:43.10 -5\n"
        "list:\n"
        "- 2010-10-10\n"
        "\n"
    )
    assert graft("merge", "d.yml", files=files) == (0, expected, "")


# --- numbers and nulls ----------------------------------------------------------------


def test_integer_float_and_null_forms(graft):
    files = {
        "n.yml": (
            "hex: 0x1F\n"
            "octal: 0o17\n"
            "legacy_octal: 017\n"
            "binary: 0b101\n"
            "underscores: 1_000\n"
            "plus: +12\n"
            "minus: -42\n"
            "zero: 0\n"
            "exp: 1e3\n"
            "half: .5\n"
            "neg_exp: -1.5e-3\n"
            "big_exp: 1.0e+20\n"
            "plain_float: 2.25\n"
            "n1: ~\n"
            "n2: null\n"
            "n3: Null\n"
            "n4: NULL\n"
            "n5:\n"
            "s1: 0x\n"
            "s2: 1_000x\n"
            "s3: 12:30:45x\n"
        )
    }
    expected = (
        "big_exp: 1e+20\n"
        "binary: 5\n"
        "exp: 1000\n"
        "half: 0.5\n"
        "hex: 31\n"
        "legacy_octal: 15\n"
        "minus: -42\n"
        "n1: null\n"
        "n2: null\n"
        "n3: null\n"
        "n4: null\n"
        "n5: null\n"
        "neg_exp: -0.0015\n"
        "octal: 15\n"
        "plain_float: 2.25\n"
        "plus: 12\n"
        "s1: 0x\n"
        "s2: 1_000x\n"
        "s3: 12:30:45x\n"
        "underscores: 1000\n"
        "zero: 0\n"
        "\n"
    )
    assert graft("merge", "n.yml", files=files) == (0, expected, "")


def test_big_integers_stay_exact(graft):
    text = (
        "huge: 99999999999999999999999\n"
        "neg: -18446744073709551617\n"
        "over_int64: 9223372036854775808\n"
        "uint64_max: 18446744073709551615\n"
        "int64_min: -9223372036854775808\n"
    )
    expected = (
        "huge: 99999999999999999999999\n"
        "int64_min: -9223372036854775808\n"
        "neg: -18446744073709551617\n"
        "over_int64: 9223372036854775808\n"
        "uint64_max: 18446744073709551615\n"
        "\n"
    )
    assert graft("merge", "big.yml", files={"big.yml": text}) == (0, expected, "")


# --- duplicate keys -------------------------------------------------------------------


def test_duplicate_top_level_key_is_an_error(graft):
    result = graft("merge", "dup.yml", files={"dup.yml": "a: 1\nb: 2\na: 3\n"})
    assert_yaml_error(result, "dup.yml", 3, 1)


def test_duplicate_nested_key_in_a_later_file_names_that_file(graft):
    files = {"ok.yml": "a: 1\n", "dup.yml": "outer:\n  x: 1\n  x: 2\n"}
    assert_yaml_error(graft("merge", "ok.yml", "dup.yml", files=files), "dup.yml", 3, 3)


# --- anchors, aliases and merge keys --------------------------------------------------


def test_anchors_aliases_and_merge_keys(graft):
    text = """\
defaults: &defaults
  color: red
  size: 1
  tags: [a]
extra: &extra
  color: blue
  weight: 5
item:
  size: 2
  <<: *defaults
multi:
  <<: [*defaults, *extra]
  name: m
after:
  <<: *defaults
  color: green
copy: *defaults
scalar: &s hello
again: *s
"""
    expected = """\
after:
  color: green
  size: 1
  tags:
  - a
again: hello
copy:
  color: red
  size: 1
  tags:
  - a
defaults:
  color: red
  size: 1
  tags:
  - a
extra:
  color: blue
  weight: 5
item:
  color: red
  size: 2
  tags:
  - a
multi:
  color: red
  name: m
  size: 1
  tags:
  - a
  weight: 5
scalar: hello

"""
    assert graft("merge", "anchors.yml", files={"anchors.yml": text}) == (0, expected, "")


def test_aliases_do_not_share_objects(graft):
    files = {
        "a.yml": ("base: &b\n  x: 1\n  list: [1, 2]\nother: *b\nitem:\n  <<: *b\n  z: 0\n"),
        "b.yml": (
            "other:\n"
            "  x: 10\n"
            "  w: 2\n"
            "  list:\n"
            "  - (( append ))\n"
            "  - 3\n"
            "item:\n"
            "  list:\n"
            "  - (( prepend ))\n"
            "  - 0\n"
        ),
    }
    expected = """\
base:
  list:
  - 1
  - 2
item:
  list:
  - 0
  - 1
  - 2
  x: 1
  z: 0
other:
  list:
  - 1
  - 2
  - 3
  w: 2
  x: 10

"""
    rc, out, err = graft("merge", "--prune", "base.x", "a.yml", "b.yml", files=files)
    assert (rc, out, err) == (0, expected, "")


# --- several documents in one file ----------------------------------------------------

DOCS = {"docs.yml": "a: 1\nshared: first\n---\nb: 2\nshared: second\n"}


def test_only_the_first_document_is_read_without_multi_doc(graft):
    assert graft("merge", "docs.yml", files=DOCS) == (0, "a: 1\nshared: first\n\n", "")


@pytest.mark.parametrize("flag", ["-m", "--multi-doc"])
def test_multi_doc_merges_every_document(graft, flag):
    rc, out, err = graft("merge", flag, "docs.yml", files=DOCS)
    assert (rc, out, err) == (0, "a: 1\nb: 2\nshared: second\n\n", "")


def test_multi_doc_splits_only_on_a_bare_separator_line(graft):
    files = {"docs.yml": "---\na: 1\n--- \nb: 2\n---\nc: 3\n"}
    assert graft("merge", "-m", "docs.yml", files=files) == (0, "a: 1\nc: 3\n\n", "")


def test_multi_doc_names_documents_with_their_index(graft):
    files = {"ok.yml": "a: 1\n", "docs.yml": "b: 1\n---\nc: 2\n---\n- x\n"}
    rc, out, err = graft("merge", "-m", "ok.yml", "docs.yml", files=files)
    assert (rc, out, err) == (2, "", "docs.yml[2]: Root of YAML document is not a hash/map:\n\n")


def test_multi_doc_syntax_error_names_the_document(graft):
    files = {"docs.yml": "b: 1\n---\nc: [\n"}
    rc, out, err = graft("merge", "-m", "docs.yml", files=files)
    assert (rc, out) == (2, "")
    assert err.startswith("docs.yml[1]: parse_error: failed to parse YAML"), err


# --- roots that are not maps ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [("list.yml", "- a\n- b\n"), ("scalar.yml", "just text\n"), ("list.json", "[1, 2]\n")],
)
def test_root_that_is_not_a_map_is_an_error(graft, name, content):
    rc, out, err = graft("merge", name, files={name: content})
    assert (rc, out, err) == (2, "", f"{name}: Root of YAML document is not a hash/map:\n\n")


# --- syntax errors (D12: file, line and column) ---------------------------------------


@pytest.mark.parametrize(
    ("content", "line", "column"),
    [
        ("top:\n\tchild: 1\n", 2, 1),
        ("ok: 1\na: b: c\n", 2, 5),
        ("top:\n  child: 1\n bad: 2\n", 3, 2),
    ],
    ids=["tab-indent", "mapping-in-plain-value", "bad-indentation"],
)
def test_syntax_error_names_file_line_and_column(graft, content, line, column):
    files = {"a.yml": "a: 1\n", "bad.yml": content}
    assert_yaml_error(graft("merge", "a.yml", "bad.yml", files=files), "bad.yml", line, column)


# --- other input forms ----------------------------------------------------------------


def test_json_input_and_crlf_line_endings(graft):
    files = {
        "crlf.yml": b"name: crlf\r\nlist:\r\n- one\r\nmap:\r\n  k: v\r\n",
        "data.json": '{"map": {"k2": [true, null, 1.5]}, "num": 1}\n',
    }
    expected = (
        "list:\n- one\nmap:\n  k: v\n  k2:\n  - true\n  - null\n  - 1.5\nname: crlf\nnum: 1\n\n"
    )
    assert graft("merge", "crlf.yml", "data.json", files=files) == (0, expected, "")
