"""Writing the result as YAML (SPEC §3 with D4)."""

from __future__ import annotations

# --- key order ------------------------------------------------------------------------

# SPEC §3.2: the emitter's "natural" order, with each key written by the §3.5 rules.
NATURAL_ORDER = [
    ('""', '""'),
    ('" "', "' '"),
    ('"-"', "'-'"),
    ('"_"', "_"),
    ('"0"', '"0"'),
    ('"00"', '"00"'),
    ('"1.5"', '"1.5"'),
    ('"1.10"', '"1.10"'),
    ('"1a"', "1a"),
    ('"1b"', "1b"),
    ('"7"', '"7"'),
    ('"007"', '"007"'),
    ('"10"', '"10"'),
    ("A", "A"),
    ("B", "B"),
    ("Z9", "Z9"),
    ("a", "a"),
    ("a1", "a1"),
    ("a1b2", "a1b2"),
    ("a1b10", "a1b10"),
    ("a01", "a01"),
    ("b", "b"),
    ("item-2", "item-2"),
    ("item-10", "item-10"),
    ("item_2", "item_2"),
    ("n", '"n"'),
    ("x", "x"),
    ("x-", "x-"),
    ("x9", "x9"),
    ("x9y", "x9y"),
    ("x09y", "x09y"),
    ("x10y", "x10y"),
    ("xa", "xa"),
    ("y", '"y"'),
    ("z", "z"),
    ("ä", "ä"),
    ("é", "é"),
]


def test_string_keys_are_written_in_natural_order(graft):
    # Written in reverse, each key's value is its position in the expected order.
    text = "".join(
        f"{written}: {i}\n" for i, (written, _) in reversed(list(enumerate(NATURAL_ORDER)))
    )
    expected = "".join(f"{out}: {i}\n" for i, (_, out) in enumerate(NATURAL_ORDER)) + "\n"
    assert graft("merge", "keys.yml", files={"keys.yml": text}) == (0, expected, "")


def test_bool_int_float_and_null_keys_come_before_string_keys(graft):
    text = (
        "b: s2\n~: nothing\n2: two\n1.5: one-and-a-half\ntrue: yes-key\n"
        'false: no-key\n-1: minus\n0: zero\na: s1\n"1": string-one\n'
    )
    expected = (
        "-1: minus\n"
        "false: no-key\n"
        "0: zero\n"
        "true: yes-key\n"
        "1.5: one-and-a-half\n"
        "2: two\n"
        "null: nothing\n"
        '"1": string-one\n'
        "a: s1\n"
        "b: s2\n"
        "\n"
    )
    assert graft("merge", "keys.yml", files={"keys.yml": text}) == (0, expected, "")


# --- string styles (SPEC §3.5) ----------------------------------------------------------

# (value as written in the input, value as graft writes it after "kN:")
STRING_STYLES = [
    # literal blocks and double quotes for line breaks
    (r'"a\n "', r' "a\n "'),
    (r'" a\nb"', " |2-\n   a\n  b"),
    (r'"a\n\n"', " |+\n  a\n"),
    (r'"\n"', " |2+\n"),
    (r'"a\nb"', " |-\n  a\n  b"),
    (r'"a \nb"', r' "a \nb"'),
    (r'"x\n"', " |\n  x"),
    # double quotes: the plain text would read back as something other than a string
    ('"1:20"', ' "1:20"'),
    ('"1:20:30"', ' "1:20:30"'),
    ('"0x1F"', ' "0x1F"'),
    ('"1_000"', ' "1_000"'),
    ('"+Inf"', ' "+Inf"'),
    ('".5"', ' ".5"'),
    ('"1e3"', ' "1e3"'),
    ('"0b101"', ' "0b101"'),
    ('"0o17"', ' "0o17"'),
    ('"017"', ' "017"'),
    ('"-3"', ' "-3"'),
    ('"+12"', ' "+12"'),
    ('"1.5"', ' "1.5"'),
    ('"~"', ' "~"'),
    ('""', ' ""'),
    ('"null"', ' "null"'),
    ('"Null"', ' "Null"'),
    ('"NULL"', ' "NULL"'),
    ('"y"', ' "y"'),
    ('"Y"', ' "Y"'),
    ('"yes"', ' "yes"'),
    ('"n"', ' "n"'),
    ('"NO"', ' "NO"'),
    ('"True"', ' "True"'),
    ('"FALSE"', ' "FALSE"'),
    ('"on"', ' "on"'),
    ('"OFF"', ' "OFF"'),
    ('".nan"', ' ".nan"'),
    ('".NaN"', ' ".NaN"'),
    ('".inf"', ' ".inf"'),
    ('"+.INF"', ' "+.INF"'),
    ('"-.Inf"', ' "-.Inf"'),
    # plain
    ('"2002-12-14"', " 2002-12-14"),
    ('"a,b"', " a,b"),
    ('"?x"', " ?x"),
    (r'"a\\b"', " a\\b"),
    ('"é"', " é"),
    ('"(( grab x ))"', " (( grab x ))"),
    ('"it\'s"', " it's"),
    ("'say \"hi\"'", ' say "hi"'),
    ('"<<"', " <<"),
    ('".0_"', " .0_"),
    ('"a:b"', " a:b"),
    ('"100%"', " 100%"),
    # single quotes: an indicator, ": ", " #", a trailing ":" or outer spaces
    ('"@foo"', " '@foo'"),
    ('"`x"', " '`x'"),
    ('"foo:"', " 'foo:'"),
    ('"foo: bar"', " 'foo: bar'"),
    ('"{a}"', " '{a}'"),
    ('"[a]"', " '[a]'"),
    ('"#x"', " '#x'"),
    ('"a #b"', " 'a #b'"),
    ('"!tag"', " '!tag'"),
    ('"%x"', " '%x'"),
    ('"&a"', " '&a'"),
    ('"|x"', " '|x'"),
    ('">x"', " '>x'"),
    ('"? x"', " '? x'"),
    ('"- "', " '- '"),
    ('"-"', " '-'"),
    ('"x "', " 'x '"),
    ('" lead"', " ' lead'"),
    ('"*x"', " '*x'"),
    ('"\'"', " ''''"),
    # double quotes with escapes: characters that are not printable
    (r'"a\tb"', r' "a\tb"'),
    (r'"a\r\nb"', r' "a\r\nb"'),
    (r'"\x01"', r' "\x01"'),
    (r'"x\x7fy"', r' "x\x7Fy"'),
]


def test_string_styles(graft):
    text = "".join(f"k{i}: {written}\n" for i, (written, _) in enumerate(STRING_STYLES))
    expected = "".join(f"k{i}:{out}\n" for i, (_, out) in enumerate(STRING_STYLES)) + "\n"
    rc, out, err = graft("merge", "--skip-eval", "s.yml", files={"s.yml": text})
    assert (rc, err) == (0, "")
    assert out.splitlines() == expected.splitlines()
    assert out == expected


def test_long_strings_fold_at_80_columns(graft):
    words = "The quick brown fox jumps over the lazy dog while the cat sleeps on the warm"
    text = (
        f"plain: {words} mat by the fire today ok\n"
        "nested:\n"
        f"  inner: {words} mat by the fire\n"
        "single: '@handle words and more words words and more words words and more words"
        " words and more words words and more words'\n"
        'double: "tab\\there and some more text and some more text and some more text'
        ' and some more text end"\n'
        f"short: {'x' * 120}\n"
    )
    expected = (
        'double: "tab\\there and some more text and some more text and some more text and some\n'
        '  more text end"\n'
        "nested:\n"
        "  inner: The quick brown fox jumps over the lazy dog while the cat sleeps on the warm\n"
        "    mat by the fire\n"
        "plain: The quick brown fox jumps over the lazy dog while the cat sleeps on the warm\n"
        "  mat by the fire today ok\n"
        f"short: {'x' * 120}\n"
        "single: '@handle words and more words words and more words words and more words words\n"
        "  and more words words and more words'\n"
        "\n"
    )
    assert graft("merge", "long.yml", files={"long.yml": text}) == (0, expected, "")


def test_literal_block_input_round_trips(graft):
    text = (
        "literal: |\n  line one\n  line two\n"
        "folded: >\n  folded text\n  continues here\n"
        "keep: |+\n  kept\n\n"
        "strip: |-\n  no newline at end\n"
        "indented: |2-\n    two extra\n  none\n"
        "z: end\n"
    )
    expected = (
        "folded: |\n  folded text continues here\n"
        "indented: |2-\n    two extra\n  none\n"
        "keep: |+\n  kept\n\n"
        "literal: |\n  line one\n  line two\n"
        "strip: no newline at end\n"
        "z: end\n"
        "\n"
    )
    assert graft("merge", "blocks.yml", files={"blocks.yml": text}) == (0, expected, "")


def test_unicode_is_raw_but_emoji_and_controls_are_escaped(graft):
    text = (
        "accent: café\n"
        "cjk: 日本語\n"
        "greek: αβγ\n"
        "emoji: 😀\n"
        "mixed: hi 😀 there\n"
        'tab: "a\\tb"\n'
        "😀: key\n"
    )
    expected = (
        '"\\U0001F600": key\n'
        "accent: café\n"
        "cjk: 日本語\n"
        'emoji: "\\U0001F600"\n'
        "greek: αβγ\n"
        'mixed: "hi \\U0001F600 there"\n'
        'tab: "a\\tb"\n'
        "\n"
    )
    assert graft("merge", "u.yml", files={"u.yml": text}) == (0, expected, "")


# --- layout (SPEC §3.1) -----------------------------------------------------------------


def test_layout_of_nested_maps_and_lists(graft):
    text = """\
top:
  empty_map: {}
  empty_list: []
  lol: [[]]
  lom: [{}]
  mixed: [{k: 1, l: [1, {m: 2}]}]
  grid: [[1, 2], [3]]
  deep: [[[x]]]
jobs:
- name: a
  props: {x: 1, list: [p, q]}
"""
    expected = """\
jobs:
- name: a
  props:
    list:
    - p
    - q
    x: 1
top:
  deep:
  - - - x
  empty_list: []
  empty_map: {}
  grid:
  - - 1
    - 2
  - - 3
  lol:
  - []
  lom:
  - {}
  mixed:
  - k: 1
    l:
    - 1
    - m: 2

"""
    assert graft("merge", "nest.yml", files={"nest.yml": text}) == (0, expected, "")


def test_empty_root_prints_braces_and_the_extra_newline(graft):
    files = {"a.yml": "only: 1\n"}
    assert graft("merge", "--prune", "only", "a.yml", files=files) == (0, "{}\n\n", "")


def test_scalars_of_every_kind(graft):
    text = "s: text\nt: true\nf: false\nz: ~\ni: -42\nl: [1, two, 3.5, null, true]\n"
    expected = (
        "f: false\ni: -42\nl:\n- 1\n- two\n- 3.5\n- null\n- true\ns: text\nt: true\nz: null\n\n"
    )
    assert graft("merge", "a.yml", files={"a.yml": text}) == (0, expected, "")


# --- floats (D4) ----------------------------------------------------------------------


def test_floats_print_in_g_layout_with_15_significant_digits(graft):
    text = """\
whole: 3.0
big: 1e300
tiny: 1e-50
million: 1000000.0
hundred_k: 100000.0
almost_million: 999999.0
neg_zero: -0.0
pos_inf: .inf
pos_inf2: +.Inf
neg_inf: -.inf
nan: .nan
nan2: .NaN
pi: 3.141592653589793
third: 0.30000000000000004
tenth: 0.1
ten_thousandth: 0.0001
hundred_thousandth: 0.00001
half_k: 123456.5
mil_half: 1234567.5
f32_edge: 16777217.0
e20: 1.0e+20
neg_small: -1.5e-7
e15: 1e15
long_int_float: 123456789012345678.0
max: 1.7976931348623157e308
min_sub: 5e-324
"""
    expected = """\
almost_million: 999999
big: 1e+300
e15: 1e+15
e20: 1e+20
f32_edge: 1.6777217e+07
half_k: 123456.5
hundred_k: 100000
hundred_thousandth: 1e-05
long_int_float: 1.23456789012346e+17
max: 1.79769313486232e+308
mil_half: 1.2345675e+06
million: 1e+06
min_sub: 4.94065645841247e-324
nan: .nan
nan2: .nan
neg_inf: -.inf
neg_small: -1.5e-07
neg_zero: -0
pi: 3.14159265358979
pos_inf: .inf
pos_inf2: .inf
ten_thousandth: 0.0001
tenth: 0.1
third: 0.3
tiny: 1e-50
whole: 3

"""
    assert graft("merge", "f.yml", files={"f.yml": text}) == (0, expected, "")


def test_natural_key_orders_like_the_comparison():
    import functools

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from graft.yamlio.keyorder import natural_key, string_less

    def compare(a: str, b: str) -> int:
        return -1 if string_less(a, b) else (1 if string_less(b, a) else 0)

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.text(alphabet="aAzZ09 -_.é٣", max_size=6), max_size=12))
    def check(keys: list[str]) -> None:
        assert sorted(keys, key=natural_key) == sorted(keys, key=functools.cmp_to_key(compare))

    check()
