"""The API does what the CLI does: ``merge_files``, ``render``, ``render_json``,
and ``GraftError`` with ``str()`` and ``.errors`` (docs/python-api.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import graft

ROOT = Path(__file__).parents[2]


def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "graft", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def test_merge_files_and_render_give_the_commands_text_byte_for_byte():
    files = ["examples/base.yml", "examples/prod.yml"]
    tree = graft.merge_files(*(ROOT / f for f in files))
    assert graft.render(tree) == cli("merge", *files).stdout


def test_render_json_is_the_line_graft_json_prints(tmp_path):
    text = 'b: [1, 2.5, "x", true, null]\na: {"z": 1, "y": {}}\nc: "2024-01-01"\n'
    (tmp_path / "a.yml").write_text(text)
    tree = graft.merge_files(tmp_path / "a.yml")
    assert graft.render_json(tree) == cli("json", "a.yml", cwd=tmp_path).stdout


def test_merge_files_takes_the_commands_options(tmp_path):
    (tmp_path / "multi.yml").write_text("a: 1\n---\nb: (( grab a ))\n")
    (tmp_path / "ops.yml").write_text("- type: replace\n  path: /c?\n  value: 3\n")
    (tmp_path / "keep.yml").write_text("x: {y: 1, z: 2}\nw: (( grab x.y ))\n")
    assert graft.merge_files(tmp_path / "multi.yml", multi_doc=True) == {"a": 1, "b": 1}
    assert graft.merge_files(tmp_path / "multi.yml") == {"a": 1}  # only the first document
    assert graft.merge_files(tmp_path / "keep.yml", tmp_path / "ops.yml", go_patch=True)["c"] == 3
    assert graft.merge_files(tmp_path / "keep.yml", prune=["x"]) == {"w": 1}
    assert graft.merge_files(tmp_path / "keep.yml", cherry_pick=["w"]) == {"w": 1}
    assert graft.merge_files(tmp_path / "keep.yml", skip_eval=True)["w"] == "(( grab x.y ))"
    with pytest.raises(ValueError, match="at least one path"):
        graft.merge_files()


@pytest.mark.parametrize(
    ("files", "args"),
    [
        ({"a.yml": "a: [1\n"}, ["a.yml"]),
        ({"a.yml": "- 1\n"}, ["a.yml"]),
        ({"a.yml": "a: (( grab b ))\nb: (( grab a ))\n"}, ["a.yml"]),
        ({"a.yml": "a: (( grab x ))\nb: (( 1 + ))\n"}, ["a.yml"]),
        ({"a.yml": "a: (( grab x ))\nb: (( grab y ))\n"}, ["a.yml"]),
        ({}, ["missing.yml"]),
        ({"a.yml": "a: 1\n", "ops.yml": "- type: remove\n  path: /nope\n"}, ["a.yml", "ops.yml"]),
    ],
    ids=["yaml", "root-list", "cycle", "syntax", "two-errors", "missing-file", "go-patch"],
)
def test_str_of_an_error_is_the_commands_text_without_trailing_newlines(
    tmp_path, monkeypatch, files, args
):
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    go_patch = "ops.yml" in files
    expected = cli("merge", *(["--go-patch"] if go_patch else []), *args, cwd=tmp_path)
    assert expected.returncode == 2 and expected.stdout == ""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(graft.GraftError) as raised:
        graft.merge_files(*args, go_patch=go_patch)
    assert str(raised.value) == expected.stderr.rstrip("\n")
    assert raised.value.report() == expected.stderr


def test_errors_list_path_message_and_location(tmp_path):
    (tmp_path / "base.yml").write_text("meta: {}\n")
    (tmp_path / "prod.yml").write_text("# prod\nx: (( grab meta.x ))\ny:\n  z: (( 1 + ))\n")
    with pytest.raises(graft.GraftError) as raised:
        graft.merge_files(tmp_path / "base.yml", tmp_path / "prod.yml")
    (detail,) = raised.value.errors  # a syntax error stops everything else
    assert (detail.path, detail.message) == ("$.y.z", "unexpected end of expression")
    assert detail.location == f"{tmp_path / 'prod.yml'}:4:6"
    assert "at " not in str(raised.value)  # the text stays the command's (locations off)
    (tmp_path / "prod.yml").write_text("# prod\nx: (( grab meta.x ))\ny: (( grab meta.y ))\n")
    with pytest.raises(graft.ErrorList) as many:
        graft.merge_files(tmp_path / "base.yml", tmp_path / "prod.yml")
    assert [(d.path, d.location) for d in many.value.errors] == [
        ("$.x", f"{tmp_path / 'prod.yml'}:2:4"),
        ("$.y", f"{tmp_path / 'prod.yml'}:3:4"),
    ]
    assert many.value.errors[0] == graft.ErrorDetail(
        "$.x",
        "Unable to resolve `meta.x`: `$.meta.x` could not be found in the datastructure",
        f"{tmp_path / 'prod.yml'}:2:4",
    )


def test_errors_of_data_have_no_location_and_messages_without_a_path_have_none():
    with pytest.raises(graft.GraftError) as raised:
        graft.merge({"a": "(( grab nope ))"})
    assert [(d.path, d.location) for d in raised.value.errors] == [("$.a", None)]
    with pytest.raises(graft.GraftError) as cycle:
        graft.merge({"a": "(( grab b ))", "b": "(( grab a ))"})
    (detail,) = cycle.value.errors
    assert detail.path is None
    assert detail.message.startswith("cycle detected in operator data-flow graph: $.a")
    assert str(cycle.value).startswith("Merge failed: cycle detected")


@pytest.mark.parametrize(
    ("document", "item"),
    [("- 1\n", "1"), ("- a\n- b\n", "'a'"), ([{"type": "remove", "path": "/a"}, [1]], "a list")],
)
def test_a_list_that_cannot_be_go_patch_says_so(document, item):
    with pytest.raises(graft.GraftError) as raised:
        graft.merge(document)
    position = 2 if isinstance(document, list) else 1
    assert str(raised.value) == (
        "document 1: the document is a list, which graft reads as go-patch operations "
        f"(maps with type, path and value), but item {position} is {item}; "
        "a document to merge must be a map"
    )
    assert "unmarshal" not in str(raised.value)


def test_the_version_comes_from_the_package_metadata():
    from importlib.metadata import version

    assert graft.__version__ == version("graft-yaml")
    assert cli("--version").stdout == f"graft - Version {version('graft-yaml')}\n"


def test_a_dash_reads_standard_input_and_a_process_without_one_gets_grafts_error(monkeypatch):
    piped = subprocess.run(
        [sys.executable, "-c", "import graft; print(graft.merge_files('-'))"],
        input="a: 1\nb: (( grab a ))\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert (piped.returncode, piped.stdout) == (0, "{'a': 1, 'b': 1}\n")
    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(graft.GraftError, match="Error reading STDIN: no data found"):
        graft.merge_files("-")
