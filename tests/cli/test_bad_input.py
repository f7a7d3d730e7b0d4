"""Hostile or broken input ends with a short error naming the file, never a crash or a hang."""

from __future__ import annotations

import re

import pytest

# A deep or explosive input must still finish quickly; the subprocess is killed after this.
TIMEOUT = 10


def assert_input_error(result: tuple[int, str, str], prefix: str) -> None:
    rc, out, err = result
    assert (rc, out) == (2, "")
    assert err.startswith(prefix), err
    assert "Traceback" not in err
    assert 1 <= len(err.strip().splitlines()) <= 2, err
    assert err.endswith("\n")


def test_missing_file(graft):
    files = {"a.yml": "a: 1\n"}
    assert graft("merge", "a.yml", "absent.yml", files=files) == (
        2,
        "",
        "Error reading file absent.yml: open absent.yml: no such file or directory\n",
    )


def test_directory(graft, tmp_path):
    (tmp_path / "adir").mkdir()
    assert graft("merge", "adir") == (
        2,
        "",
        "Error reading file adir: read adir: is a directory\n\n",
    )


def test_binary_junk(graft):
    result = graft(
        "merge", "a.yml", "junk.bin", files={"a.yml": "a: 1\n", "junk.bin": bytes(range(256))}
    )
    assert_input_error(result, "junk.bin: parse_error: failed to parse YAML")
    assert re.search(r"\bline 1\b.*\bcolumn 1\b", result[2]), result[2]


def test_png_header(graft):
    junk = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"
    assert_input_error(graft("merge", "img.png", files={"img.png": junk}), "img.png: ")


def test_invalid_utf8(graft):
    result = graft("merge", "latin1.yml", files={"latin1.yml": b"name: caf\xe9\n"})
    assert_input_error(result, "latin1.yml: parse_error: failed to parse YAML")
    assert re.search(r"\bline 1\b.*\bcolumn 10\b", result[2]), result[2]


@pytest.mark.parametrize(
    "content",
    [
        "a: [1, 2\n",
        'a: "unterminated\n',
        '{"a": 1,, "b": 2}\n',
        "a: *nowhere\n",
        "base: &b [1, 2]\nderived:\n  <<: *b\n",
        "? [a, b]\n: complex key\n",
    ],
    ids=["open-flow", "open-quote", "bad-json", "unknown-alias", "merge-key-not-a-map", "list-key"],
)
def test_malformed_yaml(graft, content):
    assert_input_error(graft("merge", "bad.yml", files={"bad.yml": content}), "bad.yml: ")


@pytest.mark.parametrize("content", ["- a\n", "42\n", '"text"\n'])
def test_root_that_is_not_a_map(graft, content):
    assert graft("merge", "r.yml", files={"r.yml": content}) == (
        2,
        "",
        "r.yml: Root of YAML document is not a hash/map:\n\n",
    )


@pytest.mark.parametrize(
    "content",
    ["[" * 10_000 + "]" * 10_000 + "\n", "a: " + "[" * 10_000 + "]" * 10_000 + "\n"],
    ids=["list-root", "under-a-key"],
)
def test_10000_nested_lists_are_rejected_quickly(graft, content):
    result = graft("merge", "deep.yml", files={"deep.yml": content}, timeout=TIMEOUT)
    assert_input_error(result, "deep.yml: ")


def test_deep_but_reasonable_nesting_is_merged(graft):
    # 900 levels of block maps (LibYAML allows 1,000): merged and written back unchanged.
    content = "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 900)) + "  " * 900
    content += "end: 1\n"
    overlay = "a: {k1: {k2: {extra: 2}}}\n"
    expected = content.replace("    k2:\n", "    k2:\n      extra: 2\n", 1) + "\n"
    files = {"deep.yml": content, "over.yml": overlay}
    result = graft("merge", "deep.yml", "over.yml", files=files, timeout=TIMEOUT)
    assert result == (0, expected, "")


BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


@pytest.mark.parametrize("verb", ["merge", "json"])
def test_alias_bomb_is_rejected_quickly(graft, verb):
    result = graft(verb, "bomb.yml", files={"bomb.yml": BILLION_LAUGHS}, timeout=TIMEOUT)
    assert_input_error(result, "bomb.yml")
