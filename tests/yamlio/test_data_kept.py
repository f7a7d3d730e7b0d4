"""Data kept as written (issue 9, point 5): ``!!binary`` bytes, the non-specific tag
``!`` and the anchor named in a recursive-alias error (SPEC §2, §3)."""

from __future__ import annotations

import base64

import pytest

from graft.values import go_bytes, go_canonical, go_string
from graft.yamlio.gobase64 import binary_text
from graft.yamlio.jsonout import json_string
from graft.yamlio.load import LoadError, load_document
from graft.yamlio.simple import DECLINE, load_simple

# --- !!binary: a Go string holding the bytes ------------------------------------------

RAW = b"\x00\xffbin"  # 0xFF is not UTF-8


def test_binary_that_is_not_utf8_is_written_back_as_binary(graft):
    files = {"a.yml": "a: !!binary AP9iaW4=\n"}
    assert graft("merge", "a.yml", files=files) == (0, "a: !!binary AP9iaW4=\n\n", "")


def test_binary_that_is_utf8_is_an_ordinary_string(graft):
    files = {"a.yml": "a: !!binary aGVsbG8=\nb: !!binary w6k=\nc: !!binary dHJ1ZQ==\n"}
    # go-yaml decodes !!binary into a string; a UTF-8 one prints as any string would
    assert graft("merge", "a.yml", files=files) == (0, 'a: hello\nb: é\nc: "true"\n\n', "")


def test_binary_bytes_are_kept_in_process():
    value = load_document(b"a: !!binary AP9iaW4=\n", "a.yml")["a"]
    assert type(value) is str
    assert go_bytes(value) == RAW
    assert load_document(b"a: !!binary AP9iaW4=\n", "a.yml", legacy=True)["a"] == value


def test_the_simple_reader_declines_tags():
    for text in (b"a: !!binary AP9iaW4=\n", b'a: ! "2"\n', b"a: ! 2\n", b"- !!binary aGk=\n"):
        assert load_simple(text) is DECLINE


def test_binary_over_several_lines_is_read():
    text = "a: !!binary |\n  AP9i\n  aW4=\n"
    assert go_bytes(load_document(text.encode(), "a.yml")["a"]) == RAW


def test_invalid_base64_is_an_error(graft):
    # go-yaml's base64 skips line breaks only: a space is invalid, as in graft
    for value in ("'AP9i aW4='", "AP9iaW4", "'@@@@'"):
        rc, out, err = graft("merge", "a.yml", files={"a.yml": f"a: !!binary {value}\n"})
        assert (rc, out) == (2, ""), value
        assert err.startswith("a.yml: parse_error: failed to parse YAML: line 1, column 4: ")
        assert "!!binary value contains invalid base64 data" in err


def long_binary(size: int) -> tuple[str, bytes]:
    data = b"\xff" + bytes(range(size - 1))
    return base64.b64encode(data).decode("ascii"), data


def test_binary_shorter_than_70_characters_stays_on_one_line(graft):
    encoded, _ = long_binary(51)
    assert len(encoded) == 68
    files = {"a.yml": f"a: !!binary {encoded}\n"}
    assert graft("merge", "a.yml", files=files) == (0, f"a: !!binary {encoded}\n\n", "")


def test_long_binary_is_a_literal_block_of_70_character_lines(graft):
    # go-yaml's encodeBase64: from 70 characters on, lines of 70, each ending in a break
    encoded, _ = long_binary(200)
    assert len(encoded) == 268
    lines = [encoded[i : i + 70] for i in range(0, 268, 70)]
    files = {"a.yml": f"m:\n  k: !!binary {encoded}\nl:\n- !!binary {encoded}\n"}
    expected = (
        "l:\n- !!binary |\n"
        + "".join(f"  {line}\n" for line in lines)
        + "m:\n  k: !!binary |\n"
        + "".join(f"    {line}\n" for line in lines)
        + "\n"
    )
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_binary_text_wraps_as_go_yaml_does():
    assert binary_text(RAW) == "AP9iaW4="
    encoded, data = long_binary(52)  # 72 characters: 70, then 2
    assert binary_text(data) == encoded[:70] + "\n" + encoded[70:] + "\n"


def test_binary_key(graft):
    files = {"a.yml": "? !!binary AP9iaW4=\n: 1\n"}
    assert graft("merge", "a.yml", files=files) == (0, "!!binary AP9iaW4=: 1\n\n", "")


OPERATORS = """\
bin: !!binary AP9iaW4=
g: (( grab bin ))
c: (( concat "x-" bin ))
j: (( join "," bin "y" ))
s: (( stringify bin ))
sm: (( stringify m ))
m:
  k: (( grab bin ))
b: (( base64 bin ))
bd: (( base64-decode b ))
same: (( bin == bd ))
other: (( bin == hi ))
hi: !!binary aGVsbG8=
"""


def test_operators_treat_binary_as_the_go_string_of_its_bytes(graft):
    expected = """\
b: AP9iaW4=
bd: !!binary AP9iaW4=
bin: !!binary AP9iaW4=
c: !!binary eC0A/2Jpbg==
g: !!binary AP9iaW4=
hi: hello
j: !!binary AP9iaW4seQ==
m:
  k: !!binary AP9iaW4=
other: false
s: !!binary AP9iaW4=
same: true
sm: |
  k: !!binary AP9iaW4=

"""
    assert graft("merge", "a.yml", files={"a.yml": OPERATORS}) == (0, expected, "")
    assert base64.b64decode("eC0A/2Jpbg==") == b"x-" + RAW
    assert base64.b64decode("AP9iaW4seQ==") == RAW + b",y"


def test_bytes_joined_into_a_character_are_that_character(graft):
    # 0xC3 and 0xA9 apart are not UTF-8; Go joins the bytes into "é"
    files = {
        "a.yml": """\
h1: !!binary ww==
h2: !!binary qQ==
c: (( concat h1 h2 ))
j: (( join "" h1 h2 ))
e: (( c == "é" ))
"""
    }
    expected = "c: é\ne: true\nh1: !!binary ww==\nh2: !!binary qQ==\nj: é\n\n"
    assert graft("merge", "a.yml", files=files) == (0, expected, "")
    assert go_canonical(go_string(b"\xc3") + go_string(b"\xa9")) == "é"


def test_json_writes_bytes_that_are_not_utf8_as_replacement_characters(graft):
    # Go's encoding/json replaces each invalid byte by \ufffd; a real U+FFFD stays as is
    files = {"a.yml": 'a: !!binary AP9iaW4=\nb: !!binary aGVsbG8=\nc: "\\ufffd<"\n'}
    expected = '{"a":"\\u0000\\ufffdbin","b":"hello","c":"\ufffd\\u003c"}\n'
    assert graft("json", "a.yml", files=files) == (0, expected, "")
    assert json_string(go_string(b"\xe2\x82")) == '"\\ufffd\\ufffd"'


def test_base64_decode_bytes_are_kept_through_base64(graft):
    files = {"a.yml": 'raw: (( base64-decode "/+7dzA==" ))\nback: (( base64 raw ))\n'}
    expected = "back: /+7dzA==\nraw: !!binary /+7dzA==\n\n"
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


# --- the non-specific tag '!': a string --------------------------------------------------


def test_non_specific_tag_keeps_a_scalar_a_string(graft):
    files = {"a.yml": 'a: ! "2"\nb: ! "false"\nc: ! |-\nd: ! 2\ne: ! .inf\nf: ! ~\n'}
    expected = 'a: "2"\nb: "false"\nc: ""\nd: "2"\ne: ".inf"\nf: "~"\n\n'
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_non_specific_tag_in_json(graft):
    files = {"a.yml": "d: ! '.inf'\ne: ! .inf\nf: ! 2\ng: ! y\n"}
    expected = '{"d":".inf","e":".inf","f":"2","g":"y"}\n'
    assert graft("json", "a.yml", files=files) == (0, expected, "")


def test_non_specific_tag_wherever_a_node_starts(graft):
    text = """\
a: &a ! 2
b: ! &b 3
c: &c
  ! 4
d: [! 5, ! , &f ! 6, {k: ! 7}]
! 8: x
e: *a
f: ! |
  9
g: !  "10"
h: ! [1]
k: !
"""
    expected = """\
"8": x
a: "2"
b: "3"
c: "4"
d:
- "5"
- ""
- "6"
- k: "7"
e: "2"
f: |
  9
g: "10"
h:
- 1
k: ""

"""
    assert graft("merge", "a.yml", files={"a.yml": text}) == (0, expected, "")


def test_exclamation_marks_that_are_no_tags_change_nothing(graft):
    text = 'a: "wow ! yes"\nb: wow! 1\nc: (( concat "!" " " ))\nd: -! 1\ne: |\n  ! 2\nf: 3\n'
    expected = "a: wow ! yes\nb: wow! 1\nc: '! '\nd: -! 1\ne: |\n  ! 2\nf: 3\n\n"
    assert graft("merge", "a.yml", files={"a.yml": text}) == (0, expected, "")


@pytest.mark.parametrize(
    "data",
    [
        "é: x\na: ! 2\n".encode(),
        b"\xef\xbb\xbfa: ! 2\n",
        b"x: 1\r\na: ! 2\r\n",
        "a: ! 2\n",
    ],
    ids=["non-ascii before", "byte order mark", "crlf", "text"],
)
def test_non_specific_tag_is_found_wherever_the_text_puts_it(data):
    assert load_document(data, "a.yml")["a"] == "2"
    assert load_document(data, "a.yml", legacy=True)["a"] == "2"


def test_non_specific_merge_key_still_merges():
    value = load_document(b"b: &b {x: 1}\na:\n  ! <<: *b\n  y: 2\n", "a.yml")
    assert value["a"] == {"x": 1, "y": 2}


# --- a recursive alias names its anchor ------------------------------------------------


def test_recursive_alias_names_the_anchor(graft):
    files = {"anc.yml": "a: &x {b: *x}\n"}
    expected = "anc.yml: parse_error: failed to parse YAML: anchor 'x' value contains itself\n\n"
    assert graft("merge", "anc.yml", files=files) == (2, "", expected)


def test_recursive_alias_names_the_anchor_in_json(graft):
    files = {"anc.yml": "a: &x {b: *x}\n"}
    expected = (
        "anc.yml[0]: unmarshal []byte to yaml failed: yaml: anchor 'x' value contains itself\n"
    )
    rc, out, err = graft("json", "anc.yml", files=files)
    assert (rc, out) == (2, "")
    assert err.startswith(expected)


@pytest.mark.parametrize(
    ("text", "main", "legacy"),
    [
        ("a: &x {b: &y {c: *x, d: *y}}\n", "x", "x"),
        ("a: &x {b: &y {d: *y, c: *x}}\n", "y", "y"),
        ("- &a [*a]\n", "a", "a"),
        ("a: &a\n  <<: *a\n", "a", "a"),
        ("a: &a\n  b: 1\n  <<: [*a]\n", "a", "a"),
        # go-yaml v3 (merge) takes a merge key last, go-yaml v2 (json) where it stands
        ("b: &x\n  <<: *x\n  k: &y [*y]\n", "y", "x"),
    ],
)
def test_recursive_alias_is_the_first_one_go_yaml_meets_twice(text, main, legacy):
    for is_legacy, anchor in ((False, main), (True, legacy)):
        with pytest.raises(LoadError) as caught:
            load_document(text.encode(), "a.yml", legacy=is_legacy)
        assert caught.value.message == (
            f"a.yml: parse_error: failed to parse YAML: anchor '{anchor}' value contains itself"
        )
        assert caught.value.report() == caught.value.message + "\n\n"  # graft's blank line
