"""go-patch support (SPEC §8): pointers, operations, definitions and messages."""

from __future__ import annotations

from typing import Any

import pytest

from graft.errors import GraftError, MergeFailed
from graft.gopatch import (
    AfterLastIndexToken,
    IndexToken,
    KeyToken,
    MatchingIndexToken,
    Modifier,
    PointerError,
    RemoveOp,
    ReplaceOp,
    TestOp,
    apply_operations,
    parse_operations,
    parse_pointer,
)
from graft.values import TypedKey


def run(tree: dict[Any, Any], ops: list[Any]) -> dict[Any, Any]:
    return apply_operations(tree, parse_operations(ops, "ops.yml"))


def failure(tree: dict[Any, Any], ops: list[Any]) -> str:
    operations = parse_operations(ops, "ops.yml")
    with pytest.raises(MergeFailed) as caught:
        apply_operations(tree, operations)
    return caught.value.report()


def parse_failure(data: object, source: str | None = None) -> str:
    with pytest.raises(GraftError) as caught:
        parse_operations(data, "ops.yml", source)
    return caught.value.report()


def replace(path: str, value: object) -> dict[str, object]:
    return {"type": "replace", "path": path, "value": value}


def remove(path: str) -> dict[str, object]:
    return {"type": "remove", "path": path}


def check(path: str, value: object) -> dict[str, object]:
    return {"type": "test", "path": path, "value": value}


def spec_base() -> dict[str, Any]:
    return {
        "name": "base",
        "list": [{"name": "a", "v": 1}, {"name": "b", "v": 2}],
        "simple": ["x", "y"],
    }


def corpus_base() -> dict[str, Any]:
    return {
        "name": "orig",
        "ports": [80, 443],
        "groups": [{"name": "g1", "size": 1}, {"name": "g2", "size": 2}],
        "conf": {"keep": True, "drop": "me"},
    }


def docs_base() -> dict[str, Any]:
    """The example document of the library's docs/examples.md."""
    return {
        "key": 1,
        "key2": {"nested": {"super_nested": 2}, "other": 3},
        "array": [4, 5, 6],
        "items": [{"name": "item7"}, {"name": "item8"}, {"name": "item8"}],
    }


# --- pointers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("", ()),
        ("/", (KeyToken(""),)),
        ("//", (KeyToken(""), KeyToken(""))),
        ("/key/key2", (KeyToken("key"), KeyToken("key2"))),
        (
            "/key?/key2/key3",
            (KeyToken("key", True), KeyToken("key2", True), KeyToken("key3", True)),
        ),
        ("/0", (IndexToken(0),)),
        ("/-2", (IndexToken(-2),)),
        ("/ary/-", (KeyToken("ary"), AfterLastIndexToken())),
        ("/-/key", (KeyToken("-"), KeyToken("key"))),
        ("/0:before", (IndexToken(0, (Modifier.BEFORE,)),)),
        ("/-1:prev:before", (IndexToken(-1, (Modifier.PREV, Modifier.BEFORE)),)),
        ("/name=val", (MatchingIndexToken("name", "val"),)),
        ("/name=val?", (MatchingIndexToken("name", "val", True),)),
        ("/=", (MatchingIndexToken("", ""),)),
        ("/==", (MatchingIndexToken("", "="),)),
        ("/name=val:after", (MatchingIndexToken("name", "val", False, (Modifier.AFTER,)),)),
        (
            "/name=val?/key",
            (MatchingIndexToken("name", "val", True), KeyToken("key", True)),
        ),
        ("/m~0n", (KeyToken("m~n"),)),
        ("/a~01b", (KeyToken("a~1b"),)),
        ("/a~1b", (KeyToken("a/b"),)),
        ("/m~7n", (KeyToken("m:n"),)),
        ("/name~0n=val~0n", (MatchingIndexToken("name~n", "val~n"),)),
        ("/c%d", (KeyToken("c%d"),)),
    ],
)
def test_pointer_round_trip(text: str, tokens: tuple[object, ...]) -> None:
    pointer = parse_pointer(text)
    assert pointer.tokens == tokens
    assert str(pointer) == text


@pytest.mark.parametrize(
    ("text", "tokens", "shown"),
    [
        ("/key/key2?", (KeyToken("key"), KeyToken("key2", True)), "/key/key2?"),
        ("/+3", (IndexToken(3),), "/3"),
        ("/007", (IndexToken(7),), "/7"),
        ("/99999999999999999999", (KeyToken("99999999999999999999"),), "/99999999999999999999"),
        ("/1_000", (KeyToken("1_000"),), "/1_000"),
        ("/a?/b?", (KeyToken("a", True), KeyToken("b", True)), "/a?/b"),
        ("/key??", (KeyToken("key?", True),), "/key??"),
        ("/a?=b", (MatchingIndexToken("a?", "b"),), "/a?=b"),
        ("/n=v?:after", (MatchingIndexToken("n", "v", True, (Modifier.AFTER,)),), "/n=v?:after"),
    ],
)
def test_pointer_parsing_normalises(text: str, tokens: tuple[object, ...], shown: str) -> None:
    pointer = parse_pointer(text)
    assert pointer.tokens == tokens
    assert str(pointer) == shown


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abc", "Expected to start with '/'"),
        (
            "/abc:unknown",
            "Expected to find one of the following modifiers: 'prev', 'next', 'before', "
            "or 'after' but found 'unknown'",
        ),
        (
            "/0:prev:bogus",
            "Expected to find one of the following modifiers: 'prev', 'next', 'before', "
            "or 'after' but found 'prev'",
        ),
        ("/-:prev", "Expected not to find any modifiers with after last index token"),
        ("/key:prev", "Expected not to find any modifiers with key token"),
    ],
)
def test_pointer_errors(text: str, message: str) -> None:
    with pytest.raises(PointerError) as caught:
        parse_pointer(text)
    assert str(caught.value) == message


# --- parsing operation definitions --------------------------------------------


def test_parse_builds_operations() -> None:
    ops = parse_operations(
        [
            replace("/a", {"b": 1}),
            remove("/a/b"),
            check("/x", 1),
            {"type": "test", "path": "/y", "absent": True},
        ],
        "ops.yml",
    )
    assert ops == [
        ReplaceOp(parse_pointer("/a"), {"b": 1}),
        RemoveOp(parse_pointer("/a/b")),
        TestOp(parse_pointer("/x"), 1, False),
        TestOp(parse_pointer("/y"), None, True),
    ]


def test_parse_empty_and_null_roots() -> None:
    assert parse_operations([], "ops.yml") == []
    assert parse_operations(None, "ops.yml") == []


def test_unknown_type_matches_conformance_stderr() -> None:
    assert parse_failure([{"type": "frobnicate", "path": "/name"}]) == (
        "ops.yml: @R{Unable to parse go-patch definitions: Unknown operation [0] with type "
        "'frobnicate' within\n"
        "{\n"
        '  "Type": "frobnicate",\n'
        '  "Path": "/name"\n'
        "}\n\n\n"
    )


def test_unknown_type_shows_every_given_field_with_value_redacted() -> None:
    ops = [
        replace("/ok", 1),
        {"type": "bogus", "path": "/p", "value": [1], "absent": False, "error": "why"},
    ]
    assert parse_failure(ops) == (
        "ops.yml: @R{Unable to parse go-patch definitions: Unknown operation [1] with type "
        "'bogus' within\n"
        "{\n"
        '  "Type": "bogus",\n'
        '  "Path": "/p",\n'
        '  "Value": "<redacted>",\n'
        '  "Absent": false,\n'
        '  "Error": "why"\n'
        "}\n\n\n"
    )


def test_null_item_is_an_empty_definition() -> None:
    assert parse_failure([None]) == (
        "ops.yml: @R{Unable to parse go-patch definitions: Unknown operation [0] with type '' "
        "within\n{}\n\n\n"
    )


def test_type_is_read_as_text_and_unknown_keys_are_ignored() -> None:
    assert parse_failure([{"type": 5, "Path": "/x", "path": "/y"}]) == (
        "ops.yml: @R{Unable to parse go-patch definitions: Unknown operation [0] with type '5' "
        'within\n{\n  "Type": "5",\n  "Path": "/y"\n}\n\n\n'
    )


def test_json_escapes_like_go() -> None:
    ops = [{"type": "x", "path": 'a<b>&"c\\\n\t\x01\u2028é'}]
    assert parse_failure(ops) == (
        "ops.yml: @R{Unable to parse go-patch definitions: Unknown operation [0] with type 'x' "
        'within\n{\n  "Type": "x",\n  "Path": "a<b>\\u0026\\"c\\\\\\n\\t\\u0001\\u2028é"\n}\n\n\n'
    )


def test_replace_missing_value() -> None:
    assert parse_failure([{"type": "replace", "path": "/name"}]) == (
        "ops.yml: @R{Unable to parse go-patch definitions: Replace operation [0]: Missing value "
        'within\n{\n  "Type": "replace",\n  "Path": "/name"\n}\n\n\n'
    )


def test_replace_with_null_value_counts_as_missing() -> None:
    assert parse_failure([replace("/name", None)]) == (
        "ops.yml: @R{Unable to parse go-patch definitions: Replace operation [0]: Missing value "
        'within\n{\n  "Type": "replace",\n  "Path": "/name"\n}\n\n\n'
    )


def test_replace_missing_path_is_reported_before_missing_value() -> None:
    assert parse_failure([{"type": "replace"}]) == (
        "ops.yml: @R{Unable to parse go-patch definitions: Replace operation [0]: Missing path "
        'within\n{\n  "Type": "replace"\n}\n\n\n'
    )


def test_invalid_path() -> None:
    assert parse_failure([remove("/ok"), remove("name")]) == (
        "ops.yml: @R{Unable to parse go-patch definitions: Remove operation [1]: Invalid path: "
        "Expected to start with '/' within\n"
        '{\n  "Type": "remove",\n  "Path": "name"\n}\n\n\n'
    )


def test_remove_with_value() -> None:
    assert parse_failure([{"type": "remove", "path": "/a", "value": 1}]) == (
        "ops.yml: @R{Unable to parse go-patch definitions: Remove operation [0]: Cannot specify "
        'value within\n{\n  "Type": "remove",\n  "Path": "/a",\n  "Value": "<redacted>"\n}\n\n\n'
    )


def test_test_without_value_or_absent() -> None:
    assert parse_failure([{"type": "test", "path": "/a"}]) == (
        "ops.yml: @R{Unable to parse go-patch definitions: Test operation [0]: Missing value or "
        'absent within\n{\n  "Type": "test",\n  "Path": "/a"\n}\n\n\n'
    )


def test_decoder_errors_with_line_numbers_from_source() -> None:
    source = "- this\n- [1]\n- type: replace\n  absent: nope\n  path:\n  - 1\n"
    data = ["this", [1], {"type": "replace", "absent": "nope", "path": [1]}]
    assert parse_failure(data, source) == (
        "ops.yml: Root of YAML document is not a hash/map. Tried parsing it as go-patch, but "
        "got: yaml: unmarshal errors:\n"
        "  line 1: cannot unmarshal !!str `this` into patch.OpDefinition\n"
        "  line 2: cannot unmarshal !!seq into patch.OpDefinition\n"
        "  line 4: cannot unmarshal !!str `nope` into bool\n"
        "  line 6: cannot unmarshal !!seq into string\n\n\n"
    )


def test_decoder_errors_without_source_and_long_values() -> None:
    assert parse_failure([12, "a rather long string", {"absent": 1, "error": {"a": 1}}]) == (
        "ops.yml: Root of YAML document is not a hash/map. Tried parsing it as go-patch, but "
        "got: yaml: unmarshal errors:\n"
        "  line ?: cannot unmarshal !!int `12` into patch.OpDefinition\n"
        "  line ?: cannot unmarshal !!str `a rathe...` into patch.OpDefinition\n"
        "  line ?: cannot unmarshal !!int `1` into bool\n"
        "  line ?: cannot unmarshal !!map into string\n\n\n"
    )


def test_decoder_error_for_a_map_root() -> None:
    assert parse_failure({"a": 1}, "a: 1\n") == (
        "ops.yml: Root of YAML document is not a hash/map. Tried parsing it as go-patch, but "
        "got: yaml: unmarshal errors:\n"
        "  line 1: cannot unmarshal !!map into []patch.OpDefinition\n\n\n"
    )


# --- SPEC and conformance examples ----------------------------------------------


def test_spec_worked_example() -> None:
    ops = [
        replace("/name", "patched"),
        replace("/list/name=a/v", 100),
        replace("/list/-", {"name": "c", "v": 3}),
        remove("/simple/0"),
        replace("/new?/deep", "created"),
        replace("/list/name=zzz?/v", 5),
    ]
    assert run(spec_base(), ops) == {
        "list": [
            {"name": "a", "v": 100},
            {"name": "b", "v": 2},
            {"name": "c", "v": 3},
            {"name": "zzz", "v": 5},
        ],
        "name": "patched",
        "new": {"deep": "created"},
        "simple": ["y"],
    }


def test_spec_insertions_and_removals() -> None:
    assert run(spec_base(), [replace("/list/0:after", "new")])["list"] == [
        {"name": "a", "v": 1},
        "new",
        {"name": "b", "v": 2},
    ]
    assert run(spec_base(), [replace("/list/0:before", "new")])["list"] == [
        "new",
        {"name": "a", "v": 1},
        {"name": "b", "v": 2},
    ]
    assert run(spec_base(), [remove("/list/name=b")])["list"] == [{"name": "a", "v": 1}]
    assert run(spec_base(), [remove("/nope?")]) == spec_base()


@pytest.mark.parametrize(
    ("ops", "message"),
    [
        (
            [replace("/nope", 1)],
            "Merge failed: Expected to find a map key 'nope' for path '/nope' "
            "(found map keys: 'list', 'name', 'simple')\n",
        ),
        (
            [replace("/list/name=zzz/v", 1)],
            "Merge failed: Expected to find exactly one matching array item for path "
            "'/list/name=zzz' but found 0\n",
        ),
        (
            [replace("/list/5", 1)],
            "Merge failed: Expected to find array index '5' but found array of length '2' "
            "for path '/list/5'\n",
        ),
    ],
)
def test_spec_failures(ops: list[Any], message: str) -> None:
    assert failure(spec_base(), ops) == message


def test_corpus_before_after_index() -> None:
    ops = [replace("/ports/0:before", 22), replace("/ports/1:after", 8000)]
    assert run(corpus_base(), ops) == {
        "name": "orig",
        "ports": [22, 80, 8000, 443],
        "groups": [{"name": "g1", "size": 1}, {"name": "g2", "size": 2}],
        "conf": {"keep": True, "drop": "me"},
    }


def test_corpus_missing_path() -> None:
    assert failure(corpus_base(), [remove("/conf/absent")]) == (
        "Merge failed: Expected to find a map key 'absent' for path '/conf/absent' "
        "(found map keys: 'drop', 'keep')\n"
    )


def test_corpus_test_pass() -> None:
    ops = [check("/name", "orig"), replace("/name", "tested")]
    assert run(corpus_base(), ops)["name"] == "tested"


# --- replace -----------------------------------------------------------------------


def test_replace_map_keys() -> None:
    assert run(docs_base(), [replace("/key", 10)])["key"] == 10
    assert run(docs_base(), [replace("/new_key?", 10)])["new_key"] == 10
    assert run(docs_base(), [replace("/key2/nested/super_nested", 10)])["key2"] == {
        "nested": {"super_nested": 10},
        "other": 3,
    }
    assert run(docs_base(), [replace("/key2/nested?/another_nested/super_nested", 10)])["key2"] == {
        "nested": {"another_nested": {"super_nested": 10}, "super_nested": 2},
        "other": 3,
    }


def test_replace_creates_lists_for_optional_keys() -> None:
    assert run({}, [replace("/array2?/-", 10)]) == {"array2": [10]}
    assert run({}, [replace("/jobs?/name=web/instances", 2)]) == {
        "jobs": [{"name": "web", "instances": 2}]
    }
    assert run({}, [replace("/jobs?/name=web", {"x": 1})]) == {"jobs": [{"x": 1}]}


def test_replace_whole_document() -> None:
    assert run({"a": 1}, [replace("", {"b": 2})]) == {"b": 2}
    assert run({"a": 1}, [replace("/?", 2)]) == {"a": 1, "": 2}
    assert failure({"a": 1}, [replace("/", 2)]) == (
        "Merge failed: Expected to find a map key '' for path '/' (found map keys: 'a')\n"
    )


def test_replace_whole_document_with_a_list_is_not_a_map() -> None:
    assert failure({"a": 1}, [replace("", [1])]) == (
        "Merge failed: go-patch operations resulted in non-map data\n"
    )


@pytest.mark.parametrize(
    ("path", "array"),
    [
        ("/array/0", [10, 5, 6]),
        ("/array/-1", [4, 5, 10]),
        ("/array/-3", [10, 5, 6]),
        ("/array/-", [4, 5, 6, 10]),
        ("/array/1:prev", [10, 5, 6]),
        ("/array/0:next", [4, 10, 6]),
        ("/array/0:before", [10, 4, 5, 6]),
        ("/array/0:after", [4, 10, 5, 6]),
        ("/array/-1:after", [4, 5, 6, 10]),
        ("/array/-1:before", [4, 5, 10, 6]),
        ("/array/1:prev:before", [10, 4, 5, 6]),
        ("/array/1:next:after", [4, 5, 6, 10]),
    ],
)
def test_replace_array_positions(path: str, array: list[int]) -> None:
    assert run(docs_base(), [replace(path, 10)])["array"] == array


@pytest.mark.parametrize(
    ("path", "items"),
    [
        ("/items/name=a/v", [{"name": "a", "v": 10}, {"name": "b", "v": 2}]),
        ("/items/name=a/count?", [{"name": "a", "v": 1, "count": 10}, {"name": "b", "v": 2}]),
        ("/items/name=a", [10, {"name": "b", "v": 2}]),
        ("/items/name=b:before", [{"name": "a", "v": 1}, 10, {"name": "b", "v": 2}]),
        ("/items/name=a:after", [{"name": "a", "v": 1}, 10, {"name": "b", "v": 2}]),
        ("/items/name=b:prev", [10, {"name": "b", "v": 2}]),
        ("/items/name=a:next/v", [{"name": "a", "v": 1}, {"name": "b", "v": 10}]),
        (
            "/items/name=c?/count",
            [{"name": "a", "v": 1}, {"name": "b", "v": 2}, {"name": "c", "count": 10}],
        ),
        ("/items/name=c?", [{"name": "a", "v": 1}, {"name": "b", "v": 2}, 10]),
        ("/items/name=a?/v", [{"name": "a", "v": 10}, {"name": "b", "v": 2}]),
    ],
)
def test_replace_matching_items(path: str, items: list[object]) -> None:
    tree = {"items": [{"name": "a", "v": 1}, {"name": "b", "v": 2}]}
    assert run(tree, [replace(path, 10)])["items"] == items


def test_replace_needs_optional_for_a_new_last_key() -> None:
    tree = {"items": [{"name": "a"}]}
    assert failure(tree, [replace("/items/name=a/count", 1)]) == (
        "Merge failed: Expected to find a map key 'count' for path '/items/name=a/count' "
        "(found map keys: 'name')\n"
    )


def test_matching_only_compares_string_values() -> None:
    tree = {"items": [{"name": 1}, {"name": "1"}, "name=1", {"other": "1"}]}
    result = run(tree, [replace("/items/name=1/hit?", True)])
    assert result["items"] == [{"name": 1}, {"name": "1", "hit": True}, "name=1", {"other": "1"}]


def test_replace_keys_with_escapes() -> None:
    tree = {"a/b": {"c~d": 1, "e:f": 2}}
    result = run(tree, [replace("/a~1b/c~0d", 10), replace("/a~1b/e~7f", 20)])
    assert result == {"a/b": {"c~d": 10, "e:f": 20}}


def test_string_key_does_not_match_other_key_types() -> None:
    tree = {1: "int", TypedKey(True): "bool", None: "null"}
    assert failure(tree, [replace("/1/x", 1)]) == (
        "Merge failed: Expected to find an array at path '/1' but found "
        "'map[interface {}]interface {}'\n"
    )
    assert failure(tree, [replace("/true", 1)]) == (
        "Merge failed: Expected to find a map key 'true' for path '/true' (found map keys: '')\n"
    )


@pytest.mark.parametrize(
    ("tree", "path", "message"),
    [
        (
            {"name": "x"},
            "/name/key",
            "Expected to find a map at path '/name/key' but found 'string'",
        ),
        (
            {"name": "x"},
            "/name/0",
            "Expected to find an array at path '/name/0' but found 'string'",
        ),
        ({"n": None}, "/n/-", "Expected to find an array at path '/n/-' but found '<nil>'"),
        ({"n": [1]}, "/n/k", "Expected to find a map at path '/n/k' but found '[]interface {}'"),
        ({"n": 1.5}, "/n/a=b", "Expected to find an array at path '/n/a=b' but found 'float64'"),
        ({"n": True}, "/n/0", "Expected to find an array at path '/n/0' but found 'bool'"),
        ({"n": 3}, "/n/k", "Expected to find a map at path '/n/k' but found 'int'"),
        ({}, "/a/b", "Expected to find a map key 'a' for path '/a' (found no other map keys)"),
        (
            {"a": {"z": 1, "y": 2, 3: 4}},
            "/a/b",
            "Expected to find a map key 'b' for path '/a/b' (found map keys: 'y', 'z')",
        ),
        (
            {"l": [1, 2]},
            "/l/-3",
            "Expected to find array index '-3' but found array of length '2' for path '/l/-3'",
        ),
        (
            {"l": [1, 2]},
            "/l/1:next",
            "Expected to find array index '2' but found array of length '2' for path '/l/1:next'",
        ),
        (
            {"l": []},
            "/l/0:before",
            "Expected to find array index '0' but found array of length '0' for path '/l/0:before'",
        ),
        (
            {"l": [{"n": "a"}, {"n": "a"}]},
            "/l/n=a/x",
            "Expected to find exactly one matching array item for path '/l/n=a' but found 2",
        ),
        (
            {},
            "/new?/0",
            "Expected to find key, matching index or after last index token at path '/new?/0'",
        ),
        (
            {"l": [1, 2]},
            "/l/0:before:after",
            "Expected to not find any modifiers after 'before' modifier, "
            "but found modifier 'patch.AfterModifier'",
        ),
        (
            {"l": [1, 2]},
            "/l/0:after:prev",
            "Expected to not find any modifiers after 'after' modifier, "
            "but found modifier 'patch.PrevModifier'",
        ),
        (
            {"l": [[1], 2]},
            "/l/0:before/0",
            "Expected to find one of the following modifiers: 'prev', 'next', "
            "but found modifier 'patch.BeforeModifier'",
        ),
    ],
)
def test_replace_failures(tree: dict[Any, Any], path: str, message: str) -> None:
    assert failure(tree, [replace(path, 1)]) == f"Merge failed: {message}\n"


def test_replace_values_are_copies() -> None:
    value = {"inner": [1, {"deep": "x"}]}
    ops = parse_operations([replace("/a?", value), replace("/b?", value)], "ops.yml")
    tree = apply_operations({}, ops)
    assert tree == {"a": value, "b": value}
    assert tree["a"] is not tree["b"]
    assert tree["a"]["inner"] is not tree["b"]["inner"]
    assert tree["a"] is not value
    tree["a"]["inner"][1]["deep"] = "changed"
    assert value == {"inner": [1, {"deep": "x"}]}
    assert apply_operations({}, ops) == {"a": value, "b": value}


def test_replace_value_round_trips_through_yaml() -> None:
    value = {"whole": 2.0, "big": 1e6, "frac": 2.5, "neg": -0.0, TypedKey(3.0): [100.0]}
    assert run({}, [replace("/v?", value)])["v"] == {
        "whole": 2,
        "big": 1e6,
        "frac": 2.5,
        "neg": 0,
        3: [100],
    }
    result = run({}, [replace("/v?", value)])["v"]
    assert type(result["whole"]) is int
    assert type(result["big"]) is float
    assert type(result[3][0]) is int


def test_list_growth_makes_a_new_list_and_element_changes_do_not() -> None:
    shared = [1, 2]
    tree = {"a": shared, "b": shared}
    run(tree, [replace("/a/-", 3)])
    assert tree == {"a": [1, 2, 3], "b": [1, 2]}
    run(tree, [replace("/b/0", 9)])
    assert shared == [9, 2]


# --- remove ------------------------------------------------------------------------


def remove_base() -> dict[str, Any]:
    return {"key": 1, "key2": {"nested": {"deep": 2}, "other": 3}, "array": [4, 5, 6]}


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/key", {"key2": {"nested": {"deep": 2}, "other": 3}, "array": [4, 5, 6]}),
        ("/key2/nested", {"key": 1, "key2": {"other": 3}, "array": [4, 5, 6]}),
        ("/key2/nested/deep", {"key": 1, "key2": {"nested": {}, "other": 3}, "array": [4, 5, 6]}),
        ("/array/0", {"key": 1, "key2": {"nested": {"deep": 2}, "other": 3}, "array": [5, 6]}),
        ("/array/-1", {"key": 1, "key2": {"nested": {"deep": 2}, "other": 3}, "array": [4, 5]}),
        ("/array/1:prev", {"key": 1, "key2": {"nested": {"deep": 2}, "other": 3}, "array": [5, 6]}),
        ("/nope?", remove_base()),
        ("/key2/nope?/deeper", remove_base()),
        ("/key2?/nested/nope", remove_base()),
    ],
)
def test_remove(path: str, expected: dict[str, Any]) -> None:
    assert run(remove_base(), [remove(path)]) == expected


def test_remove_matching_items() -> None:
    tree = {"items": [{"name": "a", "v": 1}, {"name": "b", "v": 2}, {"name": "c"}]}
    assert run(tree, [remove("/items/name=b/v")])["items"] == [
        {"name": "a", "v": 1},
        {"name": "b"},
        {"name": "c"},
    ]
    assert run(tree, [remove("/items/name=a:next")])["items"] == [
        {"name": "a", "v": 1},
        {"name": "c"},
    ]
    assert run(tree, [remove("/items/name=zzz?")])["items"] == [
        {"name": "a", "v": 1},
        {"name": "c"},
    ]
    assert run(tree, [remove("/items/name=zzz?/v")])["items"] == [
        {"name": "a", "v": 1},
        {"name": "c"},
    ]


def test_remove_makes_a_new_list() -> None:
    shared = [1, 2, 3]
    tree = {"a": shared, "b": shared}
    run(tree, [remove("/a/1")])
    assert tree == {"a": [1, 3], "b": [1, 2, 3]}


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("", "Cannot remove entire document"),
        ("/l/-", "Expected to not find token 'patch.AfterLastIndexToken' at path '/l/-'"),
        ("/l/2", "Expected to find array index '2' but found array of length '2' for path '/l/2'"),
        ("/m/x", "Expected to find a map key 'x' for path '/m/x' (found map keys: 'k')"),
        ("/m/k/x", "Expected to find a map at path '/m/k/x' but found 'string'"),
        (
            "/m/0",
            "Expected to find an array at path '/m/0' but found 'map[interface {}]interface {}'",
        ),
        (
            "/l/n=a",
            "Expected to find exactly one matching array item for path '/l/n=a' but found 0",
        ),
        (
            "/l/0:after",
            "Expected to find one of the following modifiers: 'prev', 'next', "
            "but found modifier 'patch.AfterModifier'",
        ),
    ],
)
def test_remove_failures(path: str, message: str) -> None:
    tree = {"l": [1, 2], "m": {"k": "v"}}
    assert failure(tree, [remove(path)]) == f"Merge failed: {message}\n"


# --- test --------------------------------------------------------------------------


def passing_tree() -> dict[str, Any]:
    return {
        "s": "x",
        "i": 1,
        "f": 1.5,
        "b": True,
        "n": None,
        "l": [1, [2]],
        "m": {"k": "v"},
        "o": [{"name": "a", "v": 1}],
    }


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("/s", "x"),
        ("/i", 1),
        ("/f", 1.5),
        ("/b", True),
        ("/l", [1, [2]]),
        ("/l/1/0", 2),
        ("/l/-1", [2]),
        ("/l/1:prev", 1),
        ("/m", {"k": "v"}),
        ("/o", [{"name": "a", "v": 1}]),
        ("/o/name=a/v", 1),
        ("/o/name=zzz?", {"name": "zzz"}),
    ],
)
def test_test_passes(path: str, value: object) -> None:
    assert run(passing_tree(), [check(path, value)]) == passing_tree()


def test_test_whole_document() -> None:
    tree = {"a": [1, {"b": None}]}
    assert TestOp(parse_pointer(""), {"a": [1, {"b": None}]}).apply(tree) is tree


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("/i", True),
        ("/b", 1),
        ("/i", 1.0),
        ("/i", "1"),
        ("/f", 2),
        ("/l", [1, [2], 3]),
        ("/l", [1, [3]]),
        ("/m", {"k": "v", "x": None}),
        ("/m", {"other": "v"}),
        ("/nan", float("nan")),
        ("/missing?", "x"),
    ],
)
def test_test_mismatches(path: str, value: object) -> None:
    tree = {"i": 1, "f": 1.5, "b": True, "l": [1, [2]], "m": {"k": "v"}, "nan": float("nan")}
    assert failure(tree, [check(path, value)]) == (
        "Merge failed: Found value does not match expected value\n"
    )


def test_test_typed_map_keys() -> None:
    tree = {"m": {1: "a", TypedKey(1.5): "b"}}
    assert run(tree, [check("/m", {1: "a", TypedKey(1.5): "b"})]) == tree
    assert failure(tree, [check("/m", {TypedKey(True): "a", TypedKey(1.5): "b"})]) == (
        "Merge failed: Found value does not match expected value\n"
    )


def test_test_absent() -> None:
    tree = {"name": "x", "list": [1, 2], "m": {}}
    absent_ops = [
        {"type": "test", "path": "/nope", "absent": True},
        {"type": "test", "path": "/list/5", "absent": True},
        {"type": "test", "path": "/m/k", "absent": True},
    ]
    assert run(tree, absent_ops) == tree


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/name", "Expected to not find '/name'"),
        ("/nope?", "Expected to not find '/nope?'"),
        ("/a/b", "Expected to find a map key 'a' for path '/a' (found map keys: 'list', 'name')"),
        (
            "/list/5/x",
            "Expected to find array index '5' but found array of length '2' for path '/list/5'",
        ),
        (
            "/list/-",
            "Expected not to find after last index token in path '/list/-' "
            "(not supported in find operations)",
        ),
    ],
)
def test_test_absent_failures(path: str, message: str) -> None:
    tree = {"name": "x", "list": [1, 2]}
    ops = [{"type": "test", "path": path, "absent": True}]
    assert failure(tree, ops) == f"Merge failed: {message}\n"


def test_test_with_absent_false_and_no_value_expects_null() -> None:
    tree = {"n": None, "s": "x"}
    ops = [
        {"type": "test", "path": "/n", "absent": False},
        {"type": "test", "path": "/missing?", "absent": False},
        {"type": "test", "path": "/missing?/deeper", "absent": False},
    ]
    assert run(tree, ops) == tree
    assert failure(tree, [{"type": "test", "path": "/s", "absent": False}]) == (
        "Merge failed: Found value does not match expected value\n"
    )


def test_test_find_failures() -> None:
    tree = {"l": [1]}
    assert failure(tree, [check("/x?/0", 1)]) == (
        "Merge failed: Expected to find key or matching index token at path '/x?/0'\n"
    )
    assert failure(tree, [check("/l/0:before", 1)]) == (
        "Merge failed: Expected to find one of the following modifiers: 'prev', 'next', "
        "but found modifier 'patch.BeforeModifier'\n"
    )


# --- error field and sequencing ----------------------------------------------------------


def test_error_field_prefixes_failures() -> None:
    ops = [{"type": "remove", "path": "/nope", "error": "custom text"}]
    assert failure({"a": 1}, ops) == (
        "Merge failed: Error 'custom text': Expected to find a map key 'nope' for path '/nope' "
        "(found map keys: 'a')\n"
    )
    assert run({"a": 1}, [{"type": "remove", "path": "/a", "error": "unused"}]) == {}


def test_operations_apply_in_order() -> None:
    ops = [
        replace("/a?/b", 1),
        check("/a", {"b": 1}),
        replace("/a/c?", [1]),
        replace("/a/c/-", 2),
        remove("/a/b"),
        {"type": "test", "path": "/a/b", "absent": True},
    ]
    assert run({}, ops) == {"a": {"c": [1, 2]}}


def test_decoder_errors_name_the_line_of_the_file_and_of_its_document(graft) -> None:
    # the CLI hands the text over: never `line ?`; with -m a document counts its
    # lines from its own start, as graft does
    files = {
        "base.yml": "a: 1\n",
        "ops.yml": "- type: replace\n  path: /a\n  value: 2\n- 5\n",
        "multi.yml": "a: 1\n---\n- type: [1]\n  path: /a\n",
    }
    head = "Root of YAML document is not a hash/map. Tried parsing it as go-patch, but got: "
    assert graft("merge", "--go-patch", "base.yml", "ops.yml", files=files) == (
        2,
        "",
        f"ops.yml: {head}yaml: unmarshal errors:\n"
        "  line 4: cannot unmarshal !!int `5` into patch.OpDefinition\n\n\n",
    )
    assert graft("merge", "-m", "--go-patch", "multi.yml", files=files) == (
        2,
        "",
        f"multi.yml[1]: {head}yaml: unmarshal errors:\n"
        "  line 1: cannot unmarshal !!seq into string\n\n\n",
    )
