"""The pure-Python reader of small simple documents agrees with LibYAML or declines."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import loaded_after_merge
from graft.values import TypedKey
from graft.yamlio import libyaml
from graft.yamlio.load import LoadError, load_document
from graft.yamlio.simple import DECLINE, Declined, load_simple, parse

# --- type-strict equality -----------------------------------------------------------


def same(a: Any, b: Any) -> bool:
    """Equal values of equal types, dict keys in the same order; NaN equals NaN."""
    if type(a) is not type(b):
        return False
    if type(a) is dict:
        return len(a) == len(b) and all(
            same(ka, kb) and same(a[ka], b[kb]) for ka, kb in zip(a, b, strict=True)
        )
    if type(a) is list:
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if type(a) is TypedKey:
        return same(a.value, b.value)
    if type(a) is float:
        return repr(a) == repr(b)  # nan, -0.0
    return a == b


def libyaml_value(data: bytes) -> Any:
    """LibYAML's value for ``data``, or the exception it raises."""
    try:
        return libyaml.load_document(data, "doc.yml")
    except Exception as exc:
        return exc


def check(data: bytes) -> Any:
    """Assert the simple reader declines or agrees with LibYAML; its result."""
    try:
        simple = parse(data.decode("utf-8"))
    except (Declined, UnicodeDecodeError):
        simple = DECLINE
    assert same(load_simple(data), simple) or simple is DECLINE
    if simple is DECLINE:
        return DECLINE
    expected = libyaml_value(data)
    assert not isinstance(expected, Exception), (data, simple, expected)
    assert same(simple, expected), (data, simple, expected)
    return simple


# --- the grammar --------------------------------------------------------------------

KEYS = [
    "a", "b", "c", "key", "a.b", "x-y", "a/b", "_", "A1", "a_", "1", "01", "0x1", "1_0",
    "1.0", "1e3", "true", "True", "yes", "on", "y", "n", "null", "Null",
]  # fmt: skip
ODD_KEYS = [
    "~", "<<", '"q"', "'q'", "a b", "-a", ".inf", ".nan", "a#", "a #b", "é", "?a", "a:b",
    "[a]", "a" * 129,
]  # fmt: skip

SCALARS = [
    # numbers, booleans and nulls in many spellings
    "1", "-1", "+1", "0", "-0", "007", "08", "0o17", "0O7", "0x1F", "0b101", "1_000",
    "0x_1", "1.5", "-1.5", "1e3", "1E-3", "6.02e+23", ".5", "1.", "+.5", "-.5", "1e400",
    ".inf", "-.Inf", "+.INF", ".nan", ".NaN", "nan", "inf", "true", "True", "TRUE",
    "tRUE", "false", "yes", "Yes", "no", "NO", "on", "Off", "y", "n", "Y", "null",
    "Null", "NULL", "~", "2001-01-01", "12:30", "1:2",
    # strings, operators
    "x", "hello world", "x  y", "a#b", "a #b", "a # b: c", "http://x:1/y", "C:\\dir",
    "a,b", "x]", "x}", "x [y]", "x &y", "x *y", "x !y", "x | y", "x >", "-x", "--", "---",
    "...", ".", "é", "日本", "x'y", 'x"y', "(( grab a.b ))", '(( grab a.b || "x" ))',
    '(( concat "a-" b ))', '(( grab a || "x #y" ))', '(( grab a || "x: y" ))',
    '(( concat "x:" y ))', '(( vault "secret/x:y" ))', "(( grab $.a ))",
    # quoted
    "'x'", "'it''s'", "''", "' a '", "'#'", '"x"', '""', '"x #y"', "'x' #c", "'a\\nb'",
]  # fmt: skip
ODD_SCALARS = [
    # not one scalar, or not a scalar the reader accepts
    '"x"#c', "'x' y", "'x':", "'unterminated", '"a\\"b"', '"a\\nb"',
    "x:", "a: b", "x :y", "x :", "- x", "-", "? x", ": x",
    # outside the subset
    "[1, 2]", "[]", "{a: 1}", "{}", "&a x", "*a", "!!str 1", "!!int 1", "!custom x",
    "!!binary aGk=", "|", "|-", ">", "%x", "@x", "`x", ",x",
    # characters the reader refuses
    "x\ty", "\tx", "x\x85y", "\u00a0x", "x\u2028y", "\ufeffx", "x\ry", "x\x07",
]  # fmt: skip

ODD_LINES = [
    "---", "--- x", "...", "%YAML 1.1", "? a", ": b", "a : b", "- - x", "-", "- ", "  ",
    "# comment", "#", "&a a: 1", "<<: *a", "a: &x 1", "b: *x", "x", "'q': 1", "\t", "a:\tb",
]  # fmt: skip


def mostly(usual: list[str], odd: list[str]) -> st.SearchStrategy[str]:
    """Mostly one of ``usual``, sometimes one of ``odd``."""
    return st.sampled_from(usual * 4 + odd)


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    """Block documents built from a small grammar, then roughed up a little."""
    lines: list[str] = []
    scalar = mostly(SCALARS, ODD_SCALARS)
    key = mostly(KEYS, ODD_KEYS)

    def comment() -> str:
        return draw(st.sampled_from(["", "", "", " # c", " #c", "#c", "  # a: b"]))

    def value(indent: int, depth: int, head: str) -> None:
        """``head`` (``KEY:`` or ``-``) and its value."""
        kind = draw(st.sampled_from(["scalar"] * 4 + ["null", "map", "seq", "seq0"]))
        if depth >= 3 or kind == "scalar":
            lines.append(f"{head} {draw(scalar)}{comment()}")
        elif kind == "null":
            lines.append(head + comment())
        elif kind == "map" and head == "-" and draw(st.booleans()):
            mapping(indent + 2, depth + 1, first=f"{' ' * indent}- ")
        elif kind == "seq" and head == "-" and draw(st.booleans()):
            sequence(indent + 2, depth + 1, first=f"{' ' * indent}- ")
        else:
            lines.append(head + comment())
            step = 0 if kind == "seq0" else draw(st.integers(1, 4))
            if kind == "map":
                mapping(indent + max(step, 1), depth + 1)
            else:
                sequence(indent + step, depth + 1)

    def mapping(indent: int, depth: int, first: str | None = None) -> None:
        for i in range(draw(st.integers(1, 3))):
            prefix = first if i == 0 and first is not None else " " * indent
            value(indent, depth, f"{prefix}{draw(key)}:")

    def sequence(indent: int, depth: int, first: str | None = None) -> None:
        for i in range(draw(st.integers(1, 3))):
            prefix = first if i == 0 and first is not None else " " * indent
            value(len(prefix), depth, f"{prefix}-")

    if draw(st.integers(0, 4)) == 0:
        sequence(0, 0)
    else:
        mapping(draw(st.sampled_from([0, 0, 0, 1, 2])), 0)

    # Rough it up: comments and blank lines anywhere, odd indentation, odd lines.
    noise = mostly(["", "  ", "# c", "    # deep", "#", "# a: b"], ODD_LINES)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(lines)))
        lines.insert(at, " " * draw(st.integers(0, 3)) + draw(noise))
    if lines and draw(st.integers(0, 3)) == 0:
        at = draw(st.integers(0, len(lines) - 1))
        lines[at] = " " * draw(st.integers(1, 2)) + lines[at]
    if lines and draw(st.integers(0, 5)) == 0:
        at = draw(st.integers(0, len(lines) - 1))
        lines[at] = lines[at] + draw(st.sampled_from(["  ", " ", ":", " :", "\t"]))
    text = "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))
    return text.encode("utf-8")


@st.composite
def line_soup(draw: st.DrawFn) -> bytes:
    """Short lists of loosely related lines at assorted indentations."""
    key = mostly(KEYS, ODD_KEYS)
    scalar = mostly(SCALARS, ODD_SCALARS)
    shapes = st.sampled_from(["k:", "k: v", "k: v", "- v", "- k: v", "- k:", "- - v", "odd"])
    lines = []
    for _ in range(draw(st.integers(1, 7))):
        shape = draw(shapes)
        if shape == "odd":
            body = draw(st.sampled_from(ODD_LINES))
        else:
            body = shape.replace("k", draw(key), 1).replace("v", draw(scalar), 1)
        lines.append(" " * draw(st.sampled_from([0, 0, 1, 2, 2, 3, 4])) + body)
    return ("\n".join(lines) + "\n").encode("utf-8")


_SETTINGS = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(documents())
def test_grammar_documents_agree_with_libyaml(data):
    check(data)


@_SETTINGS
@given(line_soup())
def test_line_soup_agrees_with_libyaml(data):
    check(data)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=40) | st.text(max_size=40).map(lambda t: t.encode("utf-8")))
def test_arbitrary_bytes_never_raise(data):
    check(data)


def test_grammar_documents_are_often_accepted():
    """The differential tests are worth something only if many documents are read."""
    accepted = 0

    @settings(max_examples=300, deadline=None, database=None)
    @given(documents())
    def count(data):
        nonlocal accepted
        accepted += check(data) is not DECLINE

    count()
    assert accepted >= 30


# --- hand-written cases -------------------------------------------------------------


def test_three_line_document_is_read():
    assert load_simple(b"a: 1\nb: (( grab a ))\nc: x\n") == {
        "a": 1,
        "b": "(( grab a ))",
        "c": "x",
    }


ACCEPTED = {
    "empty": (b"", None),
    "comments": (b"# a\n\n   # b\n", None),
    "operators": (
        b'a: (( grab a.b || "x" ))\nb: (( concat "a-" b )) # note\nc: (( grab $.a ))\n',
        {"a": '(( grab a.b || "x" ))', "b": '(( concat "a-" b ))', "c": "(( grab $.a ))"},
    ),
    "nested": (
        b"a:\n  b:\n    - x\n    - y: 1\n      z: x[2\nc:\n- 1\n- - 2\n  - 3\n",
        {"a": {"b": ["x", {"y": 1, "z": "x[2"}]}, "c": [1, [2, 3]]},
    ),
    "typed": (
        b"1: a\ntrue: b\n1e3: c\nnull: d\nx: 0x10\ny: yes\nz: .nan\nw:\n",
        {
            1: "a",
            TypedKey(True): "b",
            TypedKey(1000.0): "c",
            None: "d",
            "x": 16,
            "y": True,
            "z": float("nan"),
            "w": None,
        },
    ),
    "quoted": (b"a: 'it''s' # c\nb: \"x #y\"\nc: ''\n", {"a": "it's", "b": "x #y", "c": ""}),
    "colons": (b"url: http://x:8080/y\nt: 12:30\n", {"url": "http://x:8080/y", "t": "12:30"}),
    "root list": (b"- a\n- b: 1\n  c: 2\n", ["a", {"b": 1, "c": 2}]),
    "empty items": (b"-\n- # c\n-\n  a: 1\n-\n   - x\n-\n", [None, None, {"a": 1}, ["x"], None]),
    "unicode": ("a: café 日本\n".encode(), {"a": "café 日本"}),
}


@pytest.mark.parametrize(("data", "expected"), ACCEPTED.values(), ids=ACCEPTED.keys())
def test_accepted(data, expected):
    assert same(check(data), expected)


DECLINED = {
    "flow list": b"a: [1, 2]\n",
    "flow map": b"a: {b: 1}\n",
    "anchor": b"a: &x 1\nb: *x\n",
    "merge key": b"a: &x {b: 1}\nc:\n  <<: *x\n",
    "tag": b"a: !!str 1\n",
    "literal": b"a: |\n  x\n",
    "folded": b"a: >\n  x\n",
    "multi-line plain": b"a: x\n  y\n",
    "multi-line quoted": b"a: 'x\n  y'\n",
    "escape": b'a: "x\\ty"\n',
    "document start": b"---\na: 1\n",
    "document end": b"a: 1\n...\n",
    "directive": b"%YAML 1.1\n---\na: 1\n",
    "complex key": b"? a\n: 1\n",
    "quoted key": b'"a": 1\n',
    "key with space": b"a b: 1\n",
    "merge": b"<<: 1\n",
    "tab": b"a:\t1\n",
    "tab in comment": b"a: 1 #\tx\n",
    "carriage return": b"a: 1\r\nb: 2\r\n",
    "bom": b"\xef\xbb\xbfa: 1\n",
    "not utf-8": b"a: \xff\n",
    "nul": b"a: \x00\n",
    "colon space in value": b'a: (( grab b || "x: y" ))\n',
    "trailing colon": b"a: b:\n",
    "duplicate key": b"a: 1\nb: 2\na: 3\n",
    "duplicate typed key": b"1: a\n0x1: b\n",
    "root scalar": b"hello\n",
    "bad indentation": b"a:\n    b: 1\n  c: 2\n",
    "text after quote": b"a: 'x' y\n",
    "comment right after quote": b"a: 'x'#c\n",
}


@pytest.mark.parametrize("data", DECLINED.values(), ids=DECLINED.keys())
def test_declined(data):
    assert load_simple(data) is DECLINE


def libyaml_error(data: bytes) -> str:
    with pytest.raises(LoadError) as caught:
        libyaml.load_document(data, "bad.yml")
    return caught.value.message


ERRORS = {
    "bad indentation": (b"a:\n  b: 1\n c: 2\n", "line 3, column 2"),
    "duplicate key": (b"a: 1\nb: 2\na: 3\n", 'line 3, column 1: mapping key "a" already defined'),
    "stray text": (b"a: 1\nb\nc: 2\n", "line 3, column 1"),
    "tab": (b"a:\n\tb: 1\n", "line 2, column 1"),
}


@pytest.mark.parametrize(("data", "where"), ERRORS.values(), ids=ERRORS.keys())
def test_errors_come_from_libyaml(data, where):
    with pytest.raises(LoadError) as caught:
        load_document(data, "bad.yml")
    assert caught.value.message == libyaml_error(data)
    assert caught.value.message.startswith("bad.yml: parse_error: failed to parse YAML: ")
    assert where in caught.value.message


def test_large_documents_go_to_libyaml():
    data = b"a: 1\n" + b"# padding\n" * 2000 + b"a: 2\n"
    with pytest.raises(LoadError, match="already defined"):
        load_document(data, "big.yml")


# --- start-up: PyYAML is not imported for a simple merge ----------------------------


def test_simple_merge_does_not_import_yaml(tmp_path):
    text = 'a: 1\nb: (( grab a ))\nc: (( concat "x-" a ))\n'
    assert loaded_after_merge(tmp_path, text, ("yaml",)) == ("a: 1\nb: 1\nc: x-1\n\n", [])


def test_other_documents_still_read(tmp_path):
    text = "a: &x [1, 2]\nb: *x\n"
    output, loaded = loaded_after_merge(tmp_path, text, ("yaml",))
    assert loaded == ["yaml"]
    assert "- 1" in output
