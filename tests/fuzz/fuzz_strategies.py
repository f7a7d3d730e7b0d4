"""Hypothesis strategies for the fuzz tests (tests/test_fuzz.py): documents, operator
expressions, array directives, go-patch files, raw byte mutations and command lines.

Everything is small on purpose: a few keys from one shared vocabulary (so references
and merges across files meet), nesting of at most three levels, at most three files.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml
from hypothesis import strategies as st

# One vocabulary of keys for every document, so that files overlap and references
# resolve as often as they miss. Odd keys: YAML 1.1 booleans, a number, unicode.
KEY_NAMES = ["a", "b", "c", "meta", "list", "name", "jobs", "v", "on", "yes", "key", "id", "é"]
odd_keys = st.sampled_from(
    [1, 0, -1, True, False, None, 2.5, "1", "true", "null", "~", "a b", "", " ", "a.b", "x[0]"]
    + ["(( grab a ))", "$FUZZ_A", "-", "<<", "&a", "*a", "!t", "? x", "日本", "\t", "\x00"]
)
keys = st.one_of(st.sampled_from(KEY_NAMES), odd_keys)

# Names of list entries (merge by name, insert before "NAME", delete "NAME", ...).
ENTRY_NAMES = ["x", "y", "web", "db", "1", "a"]

# Path segments of references, --prune and --cherry-pick: mostly keys that exist.
SEGMENTS = [*KEY_NAMES, "x", "web", "0", "1", "2", "nope", "-1"]

# $VARS set in the environment of every run ($FUZZ_UNSET never is).
ENV_VARS = {
    "FUZZ_A": "value",
    "FUZZ_NUM": "42",
    "FUZZ_NEG": "-3",
    "FUZZ_BOOL": "true",
    "FUZZ_JSON": '{"q": [1, 2]}',
    "FUZZ_LIST": "[a, b",  # starts with [ but is not valid YAML: a string
    "FUZZ_PATH": "meta.v",
}
ENV_REFS = [f"${name}" for name in ENV_VARS] + ["$FUZZ_UNSET", "$FUZZ_EMPTY"]

# Files that `file` and `load` read (relative to GRAFT_FILE_BASE_PATH, the temp dir).
AUX_FILES: dict[str, bytes] = {
    "f.txt": b"file text\n",
    "bin.dat": bytes(range(256)),
    "map.yml": b"k: yes\ny: n\nd: 2002-12-14\nl: [1, 2]\n",
    "list.yml": b"- 1\n- two\n",
    "scalar.yml": b"just a string\n",
    "bad.yml": b"a: [1\n",
    "empty.txt": b"",
}
AUX_NAMES = [*AUX_FILES, "sub", "missing.txt", "/nonexistent/x", "", "sub/../f.txt"]

# Scalars, including the ones YAML readers disagree about.
TRICKY_STRINGS = [
    "",
    " ",
    "on",
    "off",
    "yes",
    "No",
    "y",
    "n",
    "~",
    "null",
    "Null",
    "true",
    "0o17",
    "017",
    "0x1F",
    "1_000",
    "1e3",
    ".5",
    ".0_",
    "-.inf",
    ".NaN",
    "2024-01-15",
    "2001-12-14t21:59:43.10-05:00",
    "a: b",
    "- x",
    "#c",
    "x #c",
    "&anchor",
    "*alias",
    "!tag",
    "%",
    "@",
    "`",
    "'",
    '"',
    "\\",
    "é",
    "日本語",
    "😀",
    "\x00",
    "\x01\x02",
    "\x7f",
    "\x85",
    "\u2028",
    "\ufeff",
    "\t",
    "tab\there",
    "line\nbreak",
    "trailing\n",
    "\n\n",
    "((",
    "))",
    "(())",
    "(( ))",
    "((var))",
    "((a/b))",
    "((cert))((key))",
    "prefix-((var))",
    "((a))-((b))",
    "(( grab a ))junk",
    "text (( grab a )) text",
    "((for *\n(remind 24 hours)))",
    "((merge_token))",
    "10.0.0.0/24",
    "secret/x:y",
    "map",
    "list",
    "hash",
    "string",
    "-",
    "---",
    "...",
    "a" * 200,
    "=",
    "<<",
    "|",
    ">",
    "!",
    "[",
    "]",
    "{}",
    ",",
    "?",
    ":",
    "- ",
    "? x",
    ": x",
    "1:20",
    "0:30:05",
    "+1",
    "0b101",
    "+.inf",
    "Yes",
    "NULL",
    "TRUE",
    "1.0",
    "1e",
    "1.",
    "0.",
    "--",
    " a",
    "a ",
    "\ta",
    "a\r\nb",
    "#",
    "a #b",
    "a: ",
    "@x",
    "`x",
    "%x",
    "x: y: z",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.integers(),
    st.sampled_from([2**63, -(2**63) - 1, 2**64, 10**30]),
    st.floats(allow_nan=True, allow_infinity=True, width=64),
    st.sampled_from([0.1, 2.5, -0.0, 1e300, 3.141592653589793, 1e-7]),
    st.sampled_from(TRICKY_STRINGS),
    st.text(max_size=8),
    st.text(st.characters(codec="latin-1"), max_size=6),
)

# ---------------------------------------------------------------------------
# Operator expressions: the text between (( and )).

LITERALS = [
    "0",
    "1",
    "-3",
    "42",
    "007",
    "1e3",
    "2.5",
    "-0.5",
    "123456789012345678901234567890",
    '"x"',
    '""',
    '"a b"',
    '"10.0.0.0/24"',
    '"2001:db8::/64"',
    '"10.0.0.1"',
    '"secret/x:y"',
    '"secret/x:y; secret/z:w"',
    '"nocolon"',
    '"with \\"esc\\" q"',
    '"é"',
    '"map"',
    '"list"',
    '"hash"',
    '"string"',
    '","',
    '"/,+"',
    '"/["',
    '"-"',
    '"a,b,,c"',
    '"aGVsbG8="',
    '"not base64!"',
    '"(( grab a ))"',
    '"z1:0"',
    "true",
    "false",
    "nil",
    "null",
    "~",
]


@st.composite
def references(draw: st.DrawFn) -> str:
    """A reference path: mostly keys of the vocabulary, sometimes malformed."""
    shape = draw(st.integers(0, 9))
    segments = draw(st.lists(st.sampled_from(SEGMENTS), min_size=1, max_size=3))
    path = ".".join(segments)
    if shape == 0:
        return path + "[0]"
    if shape == 1:
        return draw(st.sampled_from(["list[0", "list.[1]", "a..b", "a.", "meta.list.[3]", "l[0]]"]))
    if shape == 2:
        return "meta." + path
    return path


paths = references()


@st.composite
def calc_strings(draw: st.DrawFn) -> str:
    """The quoted argument of calc: numbers, dotted paths, operators, functions."""
    atoms = st.one_of(
        st.sampled_from(["1", "2", "0", "10", "2.5", "1e3", "-1", "foo"]),
        st.sampled_from(["meta.v", "meta.a", "a.b", "list.0", "meta.list.1", "jobs.x"]),
        st.sampled_from(["min(1, 2)", "max(meta.v, 3)", "pow(2, 10)", "sqrt(4)", "floor(2.5)"]),
    )
    ops = st.sampled_from([" + ", " - ", " * ", " / ", " % ", " ** ", " == ", " < ", " && "])
    n = draw(st.integers(1, 4))
    parts = [draw(atoms)]
    for _ in range(n - 1):
        parts += [draw(ops), draw(atoms)]
    text = "".join(parts)
    if draw(st.booleans()):
        text = f"({text})"
    if draw(st.integers(0, 9)) == 0:
        text = text[: draw(st.integers(0, len(text)))]  # a syntax error
    return '"' + text + '"'


INFIX = ["+", "-", "*", "/", "%", "==", "!=", "<", ">", "<=", ">=", "&&", "||"]


def operands(depth: int) -> st.SearchStrategy[str]:
    """An argument of a call or an operand of an infix operator."""
    simple = st.one_of(
        st.sampled_from(LITERALS), paths, st.sampled_from(ENV_REFS), st.just('"' + "x" + '"')
    )
    if depth >= 2:
        return simple
    return st.one_of(
        simple,
        simple,
        calls(depth + 1).map(lambda call: f"({call})"),
        infix(depth + 1).map(lambda expr: f"({expr})"),
    )


def _args(depth: int, low: int, high: int) -> st.SearchStrategy[str]:
    return st.lists(operands(depth), min_size=low, max_size=high).map(" ".join)


@st.composite
def calls(draw: st.DrawFn, depth: int = 0) -> str:
    """A call of a real operator with arguments of the right and of the wrong kinds."""
    arg = operands(depth)
    name = draw(
        st.sampled_from(
            [
                "grab",
                "concat",
                "join",
                "calc",
                "ips",
                "cartesian-product",
                "keys",
                "sort",
                "stringify",
                "base64",
                "base64-decode",
                "empty",
                "null",
                "negate",
                "split",
                "param",
                "defer",
                "file",
                "load",
                "vault",
                "vault-try",
                "awsparam",
                "awssecret",
                "nats",
                "inject",
                "static_ips",
                "prune",
                "nosuchop",
                "parse",
            ]
        )
    )
    if name in ("grab", "concat", "keys", "cartesian-product"):
        return f"{name} {draw(_args(depth, 0, 4))}".rstrip()
    if name in ("stringify", "base64", "base64-decode", "empty", "null", "negate"):
        return f"{name} {draw(_args(depth, 0, 2))}".rstrip()
    if name == "join":
        sep = draw(st.one_of(st.sampled_from(['", "', '""', '"-"', "5", "nil"]), paths))
        return f"join {sep} {draw(_args(depth, 0, 3))}".rstrip()
    if name == "split":
        sep = draw(st.sampled_from(['","', '""', '"/,+"', '"/["', '"a"', "meta.v"]))
        return f"split {sep} {draw(_args(depth, 0, 2))}".rstrip()
    if name == "calc":
        return "calc " + draw(st.one_of(calc_strings(), arg, st.just("")))
    if name == "ips":
        base = draw(
            st.one_of(
                st.sampled_from(['"10.0.0.0/24"', '"10.0.0.5/30"', '"2001:db8::/64"', '"bad"']),
                arg,
            )
        )
        numbers = st.one_of(st.sampled_from(["0", "1", "2", "-1", "-4", "300", '"1"', "1.5"]), arg)
        count = draw(st.lists(numbers, max_size=2))
        return " ".join(["ips", base, *count])
    if name == "sort":
        return draw(st.sampled_from(["sort", "sort by name", "sort by id", "sort a"]))
    if name == "param":
        message = st.sampled_from(['"please set"', "42", ""])
        return f"param {draw(st.one_of(message, arg))}".rstrip()
    if name == "defer":
        return "defer " + draw(st.one_of(calls(depth + 1), infix(depth + 1), st.just("")))
    if name in ("file", "load"):
        names = st.sampled_from(AUX_NAMES).map(lambda n: '"' + n + '"')
        args = draw(st.lists(st.one_of(names, names, arg), min_size=0, max_size=2))
        return " ".join([name, *args])
    if name in ("vault", "vault-try", "awsparam", "awssecret", "nats"):
        secret = st.sampled_from(
            ['"secret/x:y"', '"secret/a:b" "secret/c:d"', '"kv:store/key"', '"nocolon"', '"a:"']
        )
        parts = draw(st.lists(st.one_of(secret, secret, arg), min_size=0, max_size=3))
        text = " ".join([name, *parts])
        if draw(st.booleans()):
            text += " || " + draw(arg)
        return text
    if name == "inject":
        return "inject " + " ".join(draw(st.lists(paths, min_size=0, max_size=2)))
    if name == "static_ips":
        offsets = st.sampled_from(["0", "1", "2", "5", "-1", '"z1:0"', '"z2:1"', '"x:y"', "a"])
        return "static_ips " + " ".join(draw(st.lists(offsets, min_size=0, max_size=4)))
    if name == "prune":
        return "prune"
    return f"{name} {draw(_args(depth, 0, 2))}".rstrip()


@st.composite
def infix(draw: st.DrawFn, depth: int = 0) -> str:
    """An infix expression: binary, unary !, ?: and || alternatives."""
    shape = draw(st.integers(0, 5))
    left = draw(operands(depth))
    right = draw(operands(depth))
    if shape == 0:
        return f"! {left}"
    if shape == 1:
        return f"{left} ? {right} : {draw(operands(depth))}"
    if shape == 2 and depth < 2:
        return f"{draw(calls(depth + 1))} || {right}"
    return f"{left} {draw(st.sampled_from(INFIX))} {right}"


# Tokens thrown together: what the expression parser must refuse without a crash.
TOKENS = [
    *"()[]{},.:?!-+*/%$\"'\\|&<>=@#",
    "||",
    "&&",
    "==",
    "!=",
    "<=",
    "((",
    "))",
    "grab",
    "concat",
    "calc",
    "vault",
    "defer",
    "a",
    "meta.v",
    "list.0",
    "1",
    "-1",
    "2.5",
    "nil",
    "true",
    '"x"',
    '"',
    "$FUZZ_A",
    "$",
    "\t",
    "é",
    " ",
]
token_soup = st.lists(st.sampled_from(TOKENS), max_size=10).map(
    lambda tokens: "".join(t if t in "()[]{},.:" else f" {t}" for t in tokens)
)


@st.composite
def expressions(draw: st.DrawFn) -> str:
    """A whole operator string, ``(( ... ))`` with its spacing varied."""
    odd = st.sampled_from(["", "nil", "1", "a", "meta.v"])
    body = draw(st.one_of(calls(), calls(), calls(), infix(), infix(), paths, odd, token_soup))
    opening, closing = draw(
        st.sampled_from([("(( ", " ))"), ("((", "))"), ("((  ", "  ))"), ("(( ", "))")])
    )
    text = opening + body + closing
    if draw(st.integers(0, 19)) == 0:  # a cut or an extra bracket
        text = draw(st.sampled_from([text[:-1], text[:-2], "(" + text, text + ")", text[1:]]))
    return text


# ---------------------------------------------------------------------------
# Array directives, as list elements.


@st.composite
def directives(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(ENTRY_NAMES))
    key = draw(st.sampled_from(["name", "id", "key", '"name"']))
    index = draw(st.sampled_from(["0", "1", "2", "5", "-1"]))
    body = draw(
        st.sampled_from(
            [
                "append",
                "prepend",
                f"insert after {index}",
                f"insert before {index}",
                f'insert after "{name}"',
                f'insert before "{name}"',
                f'insert after {key} "{name}"',
                f'insert before {key} "{name}"',
                "merge",
                f"merge on {key}",
                "inline",
                "replace",
                f"delete {index}",
                f'delete "{name}"',
                f"delete {name}",
                f'delete {key} "{name}"',
                "inject a",
                "sort",
                "prune",
            ]
        )
    )
    opening, closing = draw(st.sampled_from([("(( ", " ))"), ("((", "))"), ("((   ", " ))")]))
    return opening + body + closing


# ---------------------------------------------------------------------------
# Documents.


def leaves() -> st.SearchStrategy[object]:
    return st.one_of(scalars, scalars, expressions(), expressions())


@st.composite
def named_entries(draw: st.DrawFn, values: st.SearchStrategy[object]) -> dict[object, object]:
    key = draw(st.sampled_from(["name", "name", "name", "id", "key"]))
    entry: dict[object, object] = {key: draw(st.sampled_from(ENTRY_NAMES))}
    entry.update(draw(st.dictionaries(keys, values, max_size=2)))
    return entry


@st.composite
def lists_of(draw: st.DrawFn, values: st.SearchStrategy[object]) -> list[object]:
    """A plain or named list, with array directives at the front or in between."""
    if draw(st.booleans()):
        items = draw(st.lists(named_entries(values), max_size=3))
    else:
        items = draw(st.lists(values, max_size=3))
    for _ in range(draw(st.sampled_from([0, 0, 1, 1, 2]))):
        position = draw(st.integers(0, len(items))) if draw(st.booleans()) else 0
        items.insert(position, draw(directives()))
    return items


def values(depth: int = 0) -> st.SearchStrategy[object]:
    if depth >= 3:
        return leaves()
    inner = values(depth + 1)
    return st.one_of(
        leaves(),
        leaves(),
        st.dictionaries(keys, inner, max_size=3),
        lists_of(inner),
    )


@st.composite
def shared(draw: st.DrawFn, document: dict[object, object]) -> dict[object, object]:
    """The document with one of its values also placed elsewhere: the same object, so
    that yaml.safe_dump writes an anchor and an alias."""
    containers: list[object] = []

    def walk(value: object) -> None:
        if isinstance(value, (dict, list)):
            containers.append(value)
            for item in value.values() if isinstance(value, dict) else value:
                walk(item)

    walk(document)
    if len(containers) < 2:
        return document
    value = draw(st.sampled_from(containers[1:]))
    target = draw(st.sampled_from(containers))
    if isinstance(target, dict):
        target[draw(keys)] = value
    else:
        target.append(value)  # type: ignore[union-attr]
    return document


def _deep(depth: int) -> object:
    value: object = "(( grab meta.v ))"
    for level in range(depth):
        value = {"a": value} if level % 2 else [value]
    return value


deep_values = st.sampled_from([10, 50, 90]).map(_deep)
deep_expressions = (
    st.sampled_from([1, 20, 100, 199, 200, 201, 400])
    .map(
        lambda n: st.sampled_from(
            [
                "(( " + "(" * n + "1" + ")" * n + " ))",
                "(( " + "concat (" * n + '"x" "y"' + ")" * n + " ))",
                "(( " + " + ".join(["1"] * n) + " ))",
                "(( " + "! " * n + "true ))",
                "(( grab " + " || ".join(["nope"] * n) + " || 1 ))",
            ]
        )
    )
    .flatmap(lambda strategy: strategy)
)


@st.composite
def documents_(draw: st.DrawFn) -> dict[object, object]:
    document = draw(st.dictionaries(keys, values(), max_size=4))
    shape = draw(st.integers(0, 19))
    if shape < 2:
        document = draw(shared(document))
    elif shape == 2:
        document[draw(keys)] = draw(st.one_of(deep_values, deep_expressions))
    return document


documents = documents_()


@st.composite
def bosh_documents(draw: st.DrawFn) -> dict[object, object]:
    """A BOSH-like manifest for static_ips: networks and jobs/instance_groups."""
    subnets = []
    for _ in range(draw(st.integers(0, 2))):
        subnet: dict[object, object] = {
            "static": draw(
                st.lists(
                    st.sampled_from(
                        [
                            "10.0.0.5 - 10.0.0.10",
                            "10.0.0.20",
                            "10.1.0.5-10.1.0.6",
                            "10.0.0.9 - 10.0.0.1",
                            "bad",
                            "2001:db8::1 - 2001:db8::3",
                        ]
                    ),
                    max_size=2,
                )
            )
        }
        zone = draw(st.sampled_from([None, "z1", "z2", ["z1", "z2"], ["z2"], 5]))
        if isinstance(zone, list):
            subnet["azs"] = zone
        elif zone is not None:
            subnet["az"] = zone
        subnets.append(subnet)
    networks = [{"name": "net1", "subnets": subnets}]
    if draw(st.booleans()):
        networks.append({"name": "net2", "subnets": "(( grab meta.subnets ))"})
    groups = []
    for name in draw(st.lists(st.sampled_from(["web", "db", "web"]), min_size=1, max_size=2)):
        group: dict[object, object] = {
            "name": name,
            "instances": draw(st.sampled_from([0, 1, 2, 3, "2", "x", -1, "(( grab meta.n ))"])),
            "networks": [
                {
                    "name": draw(st.sampled_from(["net1", "net1", "net2", "none"])),
                    "static_ips": draw(
                        st.one_of(
                            calls()
                            .filter(lambda c: c.startswith("static_ips"))
                            .map(lambda c: f"(( {c} ))"),
                            st.sampled_from(["(( static_ips 0 1 2 ))", '(( static_ips "z2:0" ))']),
                        )
                    ),
                }
            ],
        }
        azs = draw(st.sampled_from([None, ["z1"], ["z1", "z2"], ["z9"], "z1"]))
        if azs is not None:
            group["azs"] = azs
        groups.append(group)
    return {
        "meta": {"n": 2, "subnets": [{"static": ["10.2.0.1 - 10.2.0.3"]}]},
        "networks": networks,
        draw(st.sampled_from(["jobs", "instance_groups"])): groups,
    }


# ---------------------------------------------------------------------------
# go-patch files.


@st.composite
def patch_paths(draw: st.DrawFn) -> str:
    segment = st.one_of(
        st.sampled_from([*KEY_NAMES, "0", "1", "-", "nope", "new", ""]),
        st.sampled_from(ENTRY_NAMES).map(lambda name: f"name={name}"),
    )
    segments = draw(st.lists(segment, min_size=0, max_size=3))
    suffixed = []
    for segment_text in segments:
        suffix = draw(st.sampled_from(["", "", "", "?", ":before", ":after", ":prev", ":next"]))
        suffixed.append(segment_text + suffix)
    return "/" + "/".join(suffixed) if draw(st.integers(0, 15)) else "/".join(suffixed)


@st.composite
def patch_operations(draw: st.DrawFn) -> object:
    shape = draw(st.integers(0, 15))
    if shape == 0:
        return draw(scalars)
    operation: dict[object, object] = {
        "type": draw(st.sampled_from(["replace", "replace", "remove", "test", "bogus"])),
        "path": draw(st.one_of(patch_paths(), patch_paths(), scalars)),
    }
    if draw(st.integers(0, 4)):
        operation["value"] = draw(values(1))
    if shape == 1:
        operation["absent"] = True
    if shape == 2:
        operation["extra"] = 1
    return operation


gopatch_files = st.lists(patch_operations(), max_size=4)


# ---------------------------------------------------------------------------
# File texts and raw mutations.


def dump(value: object, flow: bool | None, unicode: bool) -> str:
    return yaml.safe_dump(value, default_flow_style=flow, allow_unicode=unicode, sort_keys=False)


RAW_TEXTS = [
    "",
    "\n",
    "~\n",
    "---\n",
    "--- \n...\n",
    "# only a comment\n",
    "[1, 2]\n",
    "just a scalar\n",
    "a: 1\na: 2\n",
    "a: &x {b: 1}\nc: *x\n",
    "a: &x [1, *x]\n",
    "a: *nope\n",
    "<<: {a: 1}\nb: 2\n",
    "a: !!binary aGVsbG8=\n",
    "a: !!str 1\nb: !!int '2'\n",
    "a: !custom x\n",
    "? [1, 2]\n: complex key\n",
    "? {a: 1}\n: map key\n",
    "a:\n\t- tab\n",
    "a: b: c\n",
    "a: 'unterminated\n",
    'a: "bad \\q escape"\n',
    "%YAML 1.1\n---\na: 1\n",
    "%TAG ! tag:x,2024:\n---\na: !foo 1\n",
    "a: 1\n---\nb: 2\n---\n",
    "a: 1\n--- |\n  text\n",
    "\ufeffa: 1\n",
    "{a: 1, b: [2, {c: 3}]}\n",
    '{"json": [1, 2.5, null, true]}\n',
    "a: [" * 30 + "]" * 30 + "\n",
    "a: 0o17\nb: 017\nc: 1_000\nd: 0b101\ne: 0x_1F\nf: +12\n",
    "a: yes\nb: No\nc: ON\nd: y\n",
    "a: 2024-01-15\nb: 2001-12-14 21:59:43.10\n",
    "a: .inf\nb: -.Inf\nc: .nan\nd: 1e400\n",
]


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` truncated, with bytes inserted, deleted or replaced."""
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["truncate", "insert", "delete", "replace", "indent"]))
        at = draw(st.integers(0, len(data)))
        if kind == "truncate":
            data = data[:at]
        elif kind == "insert":
            noise = draw(
                st.one_of(
                    st.binary(min_size=1, max_size=4),
                    st.sampled_from(
                        [b":", b"-", b"\t", b"\n", b"  ", b"[", b"{", b"'", b'"', b"&a", b"*a"]
                    ),
                    st.sampled_from([b"!", b"|", b">", b"%", b"#", b"\x00", b"\xff", b"\xc3"]),
                    st.sampled_from([b"---\n", b"...\n", b"\r", b"\xef\xbb\xbf", b"(( ", b" ))"]),
                )
            )
            data = data[:at] + noise + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 4)) :]
        elif kind == "replace" and at < len(data):
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
        elif kind == "indent":
            data = data.replace(b"\n", b"\n ", 1)
    return data


@st.composite
def document_texts(draw: st.DrawFn, multi: bool = False, gopatch: bool = False) -> bytes:
    """The text of one input file: dumped documents (several with ``multi``), a go-patch
    file, a hand-written oddity, or any of them mutated."""
    flow = draw(st.sampled_from([False, None, True]))
    unicode = draw(st.booleans())
    shape = draw(st.integers(0, 19))
    if gopatch and draw(st.booleans()):
        shape = 14
    if shape < 14:
        count = draw(st.integers(1, 3)) if multi else 1
        parts = [dump(draw(documents), flow, unicode) for _ in range(count)]
        text = "---\n".join(parts)
        if draw(st.booleans()) and count > 1:
            text = "---\n" + text
    elif shape < 16:
        text = dump(draw(bosh_documents()), flow, unicode)
    elif shape < 17:
        text = dump(draw(gopatch_files), flow, unicode)
    elif shape < 19:
        text = draw(st.sampled_from(RAW_TEXTS))
    else:
        text = dump(draw(values(2)), flow, unicode)  # any root: a list, a scalar, ...
    data = text.encode("utf-8")
    if draw(st.integers(0, 9)) == 0:
        data = draw(mutated(data))
    return data


# ---------------------------------------------------------------------------
# Command lines.


@dataclass
class Case:
    """One generated input: files, command line, environment and standard input."""

    files: dict[str, bytes]
    args: list[str]
    env: dict[str, str] = field(default_factory=dict)
    stdin: bytes | None = None
    verb: str = "merge"
    checks_output: bool = True  # a run whose stdout must be YAML/JSON when it succeeds
    debug: bool = False  # -D/-T: debug lines (with timings) differ in parallel runs


MERGE_FLAGS = ["--skip-eval", "--fallback-append", "--go-patch", "-m", "--multi-doc"]


@st.composite
def merge_options(draw: st.DrawFn) -> list[str]:
    """Flags of merge and fan, in any order (an option and its value stay together)."""
    groups: list[list[str]] = []
    for flag in MERGE_FLAGS:
        if draw(st.integers(0, 4)) == 0:
            groups.append([flag])
    for flag in ("--prune", "--cherry-pick"):
        for path in draw(st.lists(paths, max_size=2)) if draw(st.integers(0, 3)) == 0 else []:
            groups.append([flag, path])
    if draw(st.integers(0, 3)) == 0:
        groups.append(["--dataflow-order", draw(st.sampled_from(["insertion", "alphabetical"]))])
    if draw(st.integers(0, 49)) == 0:  # usage errors: a value missing or wrong
        groups.append(draw(st.sampled_from([["--prune"], ["--dataflow-order", "x"], ["--nope"]])))
    return [option for group in draw(st.permutations(groups)) for option in group]


@st.composite
def cases(draw: st.DrawFn) -> Case:
    verb = draw(st.sampled_from(["merge"] * 6 + ["fan"] * 2 + ["json", "diff", "vaultinfo"]))
    count = draw(st.integers(2, 3) if verb == "fan" else st.integers(1, 3))
    if verb == "diff":
        count = draw(st.sampled_from([2, 2, 2, 2, 1, 3]))
    options: list[str] = []
    if verb in ("merge", "fan"):
        options = draw(merge_options())
    elif verb == "json" and draw(st.booleans()):
        options = ["--strict"]
    elif verb == "vaultinfo" and draw(st.booleans()):
        options = ["--go-patch"]
    multi = verb in ("fan", "json", "diff") or "-m" in options or draw(st.integers(0, 5)) == 0
    gopatch = "--go-patch" in options
    files = {f"f{n}.yml": draw(document_texts(multi, gopatch)) for n in range(count)}
    names = list(files)
    if draw(st.integers(0, 14)) == 0:  # a file that is not there, a directory, stdin
        extra_name = draw(st.sampled_from(["missing.yml", "sub", "-", "-"]))
        names.insert(draw(st.integers(0, len(names))), extra_name)
    if verb == "diff" and count == 2 and draw(st.integers(0, 3)) == 0:
        names = [names[0], names[0]]  # the same file twice: no differences
    args = [*options, *names]
    checks_output = True
    if draw(st.integers(0, 29)) == 0:  # usage errors, help, version, colour
        extra = draw(
            st.sampled_from(
                [["--color", "on"], ["--color", "off"], ["--color", "bad"], ["-v"], ["--help"]]
            )
        )
        prefix = extra
        checks_output = extra[0] == "--color" and extra[1] != "bad"
        args = [*prefix, verb, *args]
    elif draw(st.integers(0, 49)) == 0:
        args = [draw(st.sampled_from(["mrege", "", "help", "-x"])), *args]
        checks_output = False
    else:
        args = [verb, *args]
    debug = draw(st.integers(0, 29)) == 0
    if debug:
        args = [draw(st.sampled_from(["-D", "-T", "--debug", "--trace"])), *args]
    env: dict[str, str] = {}
    if draw(st.integers(0, 5)) == 0:
        merge_key = st.sampled_from(["id", "key", "name", "", "a b", "(( grab a ))", "é"])
        env["DEFAULT_ARRAY_MERGE_KEY"] = draw(merge_key)
    if draw(st.integers(0, 9)) == 0:  # small limits on what operators build
        env["GRAFT_MAX_ITEMS"] = draw(st.sampled_from(["1", "3", "50"]))
    if draw(st.integers(0, 9)) == 0:
        env["GRAFT_MAX_BYTES"] = draw(st.sampled_from(["1", "16", "1KiB"]))
    stdin = draw(st.one_of(st.none(), st.none(), st.none(), document_texts(multi=True)))
    return Case(files, args, env, stdin, verb, checks_output, debug)


parallel_variants = st.fixed_dictionaries(
    {
        "GRAFT_PARALLEL": st.sampled_from(["true", "1", "yes"]),
        "GRAFT_PARALLEL_MIN_OPS": st.sampled_from(["0", "0", "1"]),
        "GRAFT_PARALLEL_WORKERS": st.sampled_from(["1", "2", "4", "16"]),
        "GRAFT_PARALLEL_STRATEGY": st.sampled_from(["conservative", "aggressive", "adaptive"]),
        "GRAFT_BATCH": st.sampled_from(["false", "true"]),
        # Locations only add lines to stderr (D21): the fuzz tests strip them again.
        "GRAFT_LOCATIONS": st.sampled_from(["off", "off", "on"]),
    }
)
