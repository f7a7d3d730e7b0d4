"""``graft fan``: one source merged with each target document (SPEC §9.3)."""

from __future__ import annotations

from conftest import multi_error

SOURCE = "meta:\n  env: prod\n  region: us\n"
TARGETS = "name: web\nenv: (( grab meta.env ))\n---\nname: worker\nregion: (( grab meta.region ))\n"


def test_each_target_document_is_merged_with_the_source(graft):
    files = {"src.yml": SOURCE, "t.yml": TARGETS}
    rc, out, err = graft("fan", "--prune", "meta", "src.yml", "t.yml", files=files)
    assert (rc, err) == (0, "")
    assert out == "---\nenv: prod\nname: web\n\n---\nname: worker\nregion: us\n\n"


def test_an_empty_target_document_is_an_empty_map(graft):
    files = {"src.yml": "a: 1\n", "t.yml": "b: 2\n---\n# nothing\n---\nc: 3\n"}
    rc, out, _ = graft("fan", "src.yml", "t.yml", files=files)
    assert (rc, out) == (0, "---\na: 1\nb: 2\n\n---\na: 1\n\n---\na: 1\nc: 3\n\n")


def test_with_m_the_source_file_holds_the_first_targets(graft):
    files = {"all.yml": "a: 1\n---\nb: (( grab a ))\n"}
    assert graft("fan", "-m", "all.yml", files=files) == (0, "---\na: 1\nb: 1\n\n", "")


def test_piped_stdin_is_the_last_input(graft):
    rc, out, _ = graft("fan", "src.yml", files={"src.yml": "a: 1\n"}, stdin=b"b: 2\n")
    assert (rc, out) == (0, "---\na: 1\nb: 2\n\n")


def test_missing_inputs(graft):
    no_source = (
        "Missing Input: You must specify at least a source document to graft fan. If no files "
        "are specified, STDIN is used. Using STDIN for source and target docs only works with "
        "-m.\n"
    )
    assert graft("fan") == (2, "", no_source)
    rc, out, err = graft("fan", "src.yml", files={"src.yml": "a: 1\n"})
    assert (rc, out) == (2, "")
    assert err.startswith("Missing Input: You must specify at least one target document")


def test_an_error_in_any_target_prints_nothing(graft):
    files = {"src.yml": "a: 1\n", "t.yml": "x: 1\n---\ny: (( grab missing ))\n"}
    rc, out, err = graft("fan", "src.yml", "t.yml", files=files)
    assert (rc, out) == (2, "")
    assert "$.y: Unable to resolve `missing`" in err


def test_operators_of_the_source_alone_run_in_every_phase(graft):
    files = {
        "s.yml": 'a: (( param "please set" ))\n',
        "i.yml": "base: {x: 1}\nm: {y: 2, z: (( inject base ))}\n",
        "t.yml": "{}\n",
    }
    assert graft("fan", "s.yml", "t.yml", files=files) == (2, "", multi_error("$.a: please set"))
    assert graft("fan", "i.yml", "t.yml", files=files) == (
        0,
        '---\nbase:\n  x: 1\nm:\n  x: 1\n  "y": 2\n\n',
        "",
    )
