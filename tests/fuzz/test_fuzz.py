"""Fuzzing: generated documents, operator expressions, array directives, go-patch
files, raw byte mutations and command lines (tests/fuzz_strategies.py), run through
the CLI in this process. For every input:

* no traceback and no internal error, whatever the input;
* the exit status is 0, 1 or 2 (1: usage errors, or ``diff`` finding differences);
* nothing on stdout when the run fails;
* on success, ``merge`` and ``vaultinfo`` print one YAML document (a map), ``fan``
  YAML documents, ``json`` one JSON value a line;
* with ``GRAFT_PARALLEL=true GRAFT_PARALLEL_MIN_OPS=0`` (various workers, strategies,
  batching) the run prints exactly what the sequential run prints;
* no run takes more than ``CALL_TIMEOUT`` seconds (a hang fails the test);
* no Python repr (``TypedKey(...)``, ``<... object at 0x...>``, ``$.None``) in output;

and where they apply: ``merge`` output reads back unchanged; evaluating the text of
``merge --skip-eval`` gives what ``merge`` gives; ``--cherry-pick P`` / ``--prune P``
keep / drop just P; each ``fan`` document is the ``merge`` of the source and that
target; ``diff`` sees no change between two writings of a document, and sees a
changed value.

``make test`` runs a short campaign; ``make fuzz`` a long one. The number of generated
inputs comes from ``GRAFT_FUZZ_EXAMPLES`` (the total over the tests of this module)
and the campaign's size is printed at the end of the pytest run.
"""

from __future__ import annotations

import copy
import json
import os
import re
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import fuzz_strategies as fs
import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from inprocess import run_cli

# The generated inputs of a plain `pytest` run, spread over the tests by weight;
# `make fuzz` sets GRAFT_FUZZ_EXAMPLES much higher.
SHORT_RUN = 1000
TOTAL = int(os.environ.get("GRAFT_FUZZ_EXAMPLES") or SHORT_RUN)
WEIGHTS = {
    "cli": 0.42,
    "expressions": 0.28,
    "gopatch": 0.07,
    "reader": 0.07,
    "fan": 0.08,
    "diff": 0.08,
}
CALL_TIMEOUT = 30  # seconds; far beyond what any of these small inputs needs

for _name, _weight in WEIGHTS.items():
    settings.register_profile(
        f"graft-fuzz-{_name}",
        max_examples=max(1, round(TOTAL * _weight)),
        deadline=None,
        derandomize=False,
        print_blob=True,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.large_base_example,
        ],
    )


def profile(name: str) -> settings:
    return settings.get_profile(f"graft-fuzz-{name}")


class _Counts:
    inputs = 0  # generated inputs checked
    runs = 0  # CLI runs (sequential and parallel)
    started = 0.0
    by_test: dict[str, int] = {}  # noqa: RUF012


class _Report:
    """Prints the size of the campaign after pytest's own summary."""

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        spent = time.monotonic() - _Counts.started
        detail = ", ".join(f"{name} {count}" for name, count in _Counts.by_test.items())
        terminalreporter.write_line(
            f"graft fuzz: {_Counts.inputs} generated inputs ({detail}), "
            f"{_Counts.runs} CLI runs in {spent:.1f}s"
        )


@pytest.fixture(scope="module", autouse=True)
def _campaign(request: pytest.FixtureRequest) -> Iterator[None]:
    manager = request.config.pluginmanager
    if not manager.has_plugin("graft-fuzz-report"):
        manager.register(_Report(), "graft-fuzz-report")
    _Counts.started = time.monotonic()
    yield


class Hang(BaseException):
    """A run that took longer than CALL_TIMEOUT (not an Exception: graft's CLI catches
    those)."""


def _alarm(signum: int, frame: object) -> None:
    raise Hang(f"a graft run took longer than {CALL_TIMEOUT}s")


def invoke(case: fs.Case, env: dict[str, str], workdir: Path) -> tuple[int, str, str]:
    """Run the case's command line with standard input a regular file holding
    ``case.stdin`` (so it counts as piped), or ``/dev/null`` (nothing piped)."""
    if case.stdin is None:
        stdin_path = os.devnull
    else:
        stdin_path = str(workdir / ".stdin")
        Path(stdin_path).write_bytes(case.stdin)
    saved_stdin, saved_limit = sys.stdin, sys.getrecursionlimit()
    sys.setrecursionlimit(max(saved_limit, 10_000))  # as graft's main() does
    previous = signal.signal(signal.SIGALRM, _alarm)
    _Counts.runs += 1
    with open(stdin_path, encoding="utf-8", errors="surrogateescape") as stdin:
        sys.stdin = stdin
        signal.setitimer(signal.ITIMER_REAL, CALL_TIMEOUT)
        try:
            return run_cli(*case.args, env=env)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            sys.stdin = saved_stdin
            sys.setrecursionlimit(saved_limit)


_NOT_RESOLVED = ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value")


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """PyYAML's safe loader, but ``<<`` and ``=`` are plain strings: graft writes them
    plainly, as the Go graft does (SPEC §3.5; Go's YAML library has no ``=`` value
    type), not as a merge key and PyYAML's unconstructable ``!!value``."""

    yaml_implicit_resolvers = {  # noqa: RUF012 - the attribute PyYAML reads
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in _NOT_RESOLVED]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def _yaml(text: str) -> list[object]:
    return list(yaml.load_all(text.encode("utf-8", "surrogateescape"), Loader=_Loader))


# Python's own words in a message or in output: Go's are expected (`<nil>`, `true`).
PYTHON_LEAK = re.compile(
    r"TypedKey\(| object at 0x|<class '|NoneType|builtins\."
    r"|\$\.(?:\S*\.)?None(?=[.:\s]|$)"  # a null map key in a $.path
    r"|\[=(?:None|True|False)\]"  # a value in a resolution error
)
_VAULTINFO_NONE = re.compile(r"^  - (?:\S*\.)?None(?=\.|$)")  # ... in a vaultinfo reference


def assert_sane(case: fs.Case, result: tuple[int, str, str]) -> None:
    rc, out, err = result
    assert rc in (0, 1, 2), result
    for stream in (out, err):
        assert "Traceback" not in stream, result
        assert "internal error" not in stream, result
    for line in (out + err).split("\n"):
        assert not PYTHON_LEAK.search(line), result
        assert case.verb != "vaultinfo" or not _VAULTINFO_NONE.match(line), result
    if rc == 2 or (rc == 1 and case.verb != "diff") or not case.checks_output:
        if rc != 0:
            assert out == "", result
        return
    if case.verb == "diff":
        if case.args[-2:] == [case.args[-1]] * 2:
            assert rc == 0, result  # a file against itself: the same
        return  # a report of differences (rc 1), or the statement that there are none
    if case.verb in ("merge", "vaultinfo"):
        documents = _yaml(out)
        assert len(documents) == 1, result
        assert isinstance(documents[0], dict), result
    elif case.verb == "fan":
        assert out.startswith("---\n"), result
        for document in _yaml(out):
            assert isinstance(document, dict), result
    elif case.verb == "json":
        assert out == "" or out.endswith("\n"), result
        for line in out.split("\n")[:-1]:  # not splitlines(): U+0085 may be in a string
            json.loads(line)


_NEGATIVE_ZERO = re.compile(r"(?<![\w.])-0(?![\w.])")


def assert_reads_back(output: str, env: dict[str, str], workdir: Path) -> None:
    """What ``merge`` prints, merged again on its own with ``--skip-eval``, prints the
    same: the writer quotes what the reader would read differently. (Outputs holding
    ``((`` are skipped: a deferred operator or directive text means something the
    second time; so are outputs with a ``-0``: a negative zero float prints as Go's
    ``%g`` prints it, and ``-0`` reads back as the integer 0; and outputs with ``<<``,
    which graft writes plainly and then reads as a merge key, as the Go graft does.)"""
    if "((" in output or "<<" in output or _NEGATIVE_ZERO.search(output):
        return
    (workdir / "output.yml").write_bytes(output.encode("utf-8", "surrogateescape"))
    again = fs.Case({}, ["merge", "--skip-eval", "output.yml"])
    assert invoke(again, env, workdir) == (0, output, ""), "the output does not read back"


# Floats with many digits print with 15 significant digits (D4): not read back exactly.
_LONG_FLOAT = re.compile(r"\d\.\d{6,}|\de[+-]?\d|\d{16,}")
_SEPARATE = ("--prune", "--cherry-pick", "--dataflow-order", "--skip-eval")


def assert_separable(
    case: fs.Case, result: tuple[int, str, str], env: dict[str, str], workdir: Path
) -> None:
    """``merge FILES`` prints what ``merge --skip-eval FILES``, merged on its own (and
    evaluated), prints: evaluation sees the merged document as written. Not with
    pruning, picking or insertion order (they work on the tree before writing), nor
    when the merged text holds what does not read back exactly (see
    assert_reads_back) or the merge warned, nor with GRAFT_MAX_* limits, nor with
    ``(( prune ))`` or ``(( sort ))`` markers (applied after evaluation)."""
    if case.verb != "merge" or not case.checks_output or case.debug or case.args[0] != "merge":
        return
    if any(option in _SEPARATE for option in case.args):
        return
    if "GRAFT_MAX_ITEMS" in case.env or "GRAFT_MAX_BYTES" in case.env:
        return  # the size check reports the first value too big in key order
    texts = [*case.files.values(), case.stdin or b""]
    if any(b"prune" in text or b"sort" in text for text in texts):
        return  # (( prune )) and (( sort )) markers act on the evaluated document
    merged = invoke(
        fs.Case(case.files, ["merge", "--skip-eval", *case.args[1:]], stdin=case.stdin),
        env,
        workdir,
    )
    rc, text, warnings = merged
    if (
        rc != 0
        or warnings
        or "<<" in text
        or _NEGATIVE_ZERO.search(text)
        or _LONG_FLOAT.search(text)
    ):
        return
    (workdir / "merged.yml").write_bytes(text.encode("utf-8", "surrogateescape"))
    again = invoke(fs.Case({}, ["merge", "merged.yml"]), env, workdir)
    if result[0] == 2:  # the same errors (the merge's warnings are not repeated)
        assert again[:2] == result[:2], (again, result)
        assert _errors(again[2]) == _errors(result[2]), (again, result)
    else:
        assert again == result, "evaluating the merged text gives another result"


def _errors(report: str) -> list[str]:
    return [line for line in report.split("\n") if line.startswith(" - ")]


_SIMPLE_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "y", "n", "null"}


def _key_paths(data: object, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Paths of plain string keys through maps only (no list entries, no key that a
    path could read as another type)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str) and _SIMPLE_KEY.match(key) and key.lower() not in _YAML_WORDS:
                yield (*prefix, key)
                yield from _key_paths(value, (*prefix, key))


def assert_picks_and_prunes(
    case: fs.Case, result: tuple[int, str, str], env: dict[str, str], workdir: Path, pick: int
) -> None:
    """After a successful ``merge``: ``--cherry-pick P`` prints P's value alone, under
    its keys; ``--prune P`` prints everything else."""
    if result[0] != 0 or case.args[0] != "merge" or case.debug or not case.checks_output:
        return
    if any(option in ("--prune", "--cherry-pick") for option in case.args):
        return
    if "GRAFT_MAX_ITEMS" in case.env or "GRAFT_MAX_BYTES" in case.env:
        return
    full = _yaml(result[1])[0]
    paths = list(_key_paths(full))
    if not paths:
        return
    path = paths[pick % len(paths)]
    holder: dict = full  # type: ignore[assignment]
    for key in path[:-1]:
        holder = holder[key]
    picked: object = holder[path[-1]]
    for key in reversed(path):
        picked = {key: picked}
    rest = case.args[1:]
    # A key that `inject` puts in place cannot be cherry-picked: the pick limits the
    # operators run to those under it, and the Go graft fails the same way.
    injects = any(b"inject" in text for text in [*case.files.values(), case.stdin or b""])
    if not injects:
        run = invoke(
            fs.Case(
                case.files, ["merge", "--cherry-pick", ".".join(path), *rest], stdin=case.stdin
            ),
            env,
            workdir,
        )
        assert run[0] == 0 and repr(_yaml(run[1])[0]) == repr(picked), (path, run, result)
    del holder[path[-1]]
    run = invoke(
        fs.Case(case.files, ["merge", "--prune", ".".join(path), *rest], stdin=case.stdin),
        env,
        workdir,
    )
    assert run[0] == 0 and repr(_yaml(run[1])[0]) == repr(full), (path, run, result)


def check(case: fs.Case, variant: dict[str, str], test: str, pick: int = 0) -> None:
    """Run ``case`` sequentially and with ``variant`` (a parallel set-up), in a fresh
    directory holding its files and the files ``file``/``load`` read."""
    _Counts.inputs += 1
    _Counts.by_test[test] = _Counts.by_test.get(test, 0) + 1
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="graft-fuzz-") as tmp:
        workdir = Path(tmp)
        (workdir / "sub").mkdir()
        for name, content in {**fs.AUX_FILES, **case.files}.items():
            (workdir / name).write_bytes(content)
        env = {
            "REDACT": "yes",
            "GRAFT_FILE_BASE_PATH": tmp,
            "FUZZ_EMPTY": "",
            **fs.ENV_VARS,
            **case.env,
        }
        os.chdir(workdir)
        try:
            sequential = invoke(case, env, workdir)
            assert_sane(case, sequential)
            parallel = invoke(case, {**env, **variant}, workdir)
            if sequential[0] == 0 and case.verb == "merge" and case.checks_output:
                assert_reads_back(sequential[1], env, workdir)
            assert_separable(case, sequential, env, workdir)
            assert_picks_and_prunes(case, sequential, env, workdir, pick)
        finally:
            os.chdir(cwd)
    if case.debug:  # debug lines name timings and threads
        assert parallel[:2] == sequential[:2], f"parallel run with {variant} differs"
    else:
        assert parallel[:2] == sequential[:2], f"parallel run with {variant} differs"
        assert without_locations(parallel[2]) == sequential[2], f"run with {variant} differs"


# What locations add to stderr (D21): `at FILE:L:C:` lines, carets, typo hints.
_LOCATION_LINE = re.compile(r"^   (at \S+:\d+:\d+:|in) .*\n|^ +\^\n", re.M)
_HINT = re.compile(
    r'^warning: \$[^\n]*(is not an operator|no closing "\)\)"), so this stays text[^\n]*\n'
    r"(   (at|in) [^\n]*\n)?",
    re.M,
)


def without_locations(stderr: str) -> str:
    """Stderr as it is with locations off."""
    return _LOCATION_LINE.sub("", _HINT.sub("", stderr))


@profile("cli")
@given(case=fs.cases(), variant=fs.parallel_variants, pick=st.integers(0, 99))
def test_generated_command_lines(case: fs.Case, variant: dict[str, str], pick: int) -> None:
    """Every verb and merge flag over generated files (documents, multi-documents,
    BOSH manifests, go-patch files, oddities, mutated bytes) and standard input."""
    check(case, variant, "cli", pick)


# A document whose paths the generated references mostly hit.
BASE = {
    "meta": {
        "v": 3,
        "a": "text",
        "f": 2.5,
        "t": True,
        "n": None,
        "name": "web",
        "list": [1, 2, "x"],
        "m": {"b": 2, "a": 1, 10: "x"},
        "x": {"a": 1},
    },
    "a": {"b": 1, "c": "(( grab meta.v ))"},
    "b": [1, 2],
    "c": "secret/x:y",
    "list": [{"name": "x", "v": 1}, {"name": "y", "v": 2}],
    "name": "base",
    "jobs": [{"name": "web", "instances": 1}],
    "hash": "map",
}


@st.composite
def expression_cases(draw: st.DrawFn) -> fs.Case:
    """The base document plus an overlay of operator strings, nested a little."""
    leaf = fs.expressions()
    overlay = draw(
        st.dictionaries(
            fs.keys,
            st.one_of(leaf, leaf, leaf, st.dictionaries(fs.keys, leaf, max_size=3)),
            min_size=1,
            max_size=draw(st.sampled_from([1, 1, 3, 6])),
        )
    )
    if draw(st.integers(0, 3)) == 0:  # a list of entries with operators, directives
        overlay[draw(fs.keys)] = draw(fs.lists_of(st.one_of(leaf, fs.scalars)))
    if draw(st.integers(0, 3)) == 0:  # inject sites
        overlay[draw(fs.keys)] = {"inj": f"(( inject {draw(fs.paths)} ))", "a": draw(leaf)}
    if draw(st.integers(0, 3)) == 0:  # one map or list of operators at two places
        overlay = draw(fs.shared(overlay))
    options = []
    if draw(st.booleans()):
        options += ["--dataflow-order", "insertion"]
    if draw(st.integers(0, 4)) == 0:
        options += ["--prune", "meta"]
    if draw(st.integers(0, 9)) == 0:
        options += ["--cherry-pick", draw(fs.paths)]
    base = yaml.safe_dump(BASE).encode()
    files = {"base.yml": base, "ops.yml": fs.dump(overlay, None, True).encode()}
    return fs.Case(files, ["merge", *options, "base.yml", "ops.yml"])


@profile("expressions")
@given(case=expression_cases(), variant=fs.parallel_variants, pick=st.integers(0, 99))
def test_generated_expressions(case: fs.Case, variant: dict[str, str], pick: int) -> None:
    """Operator calls, infix expressions, references that exist and do not, $VARS."""
    check(case, variant, "expressions", pick)


@st.composite
def gopatch_cases(draw: st.DrawFn) -> fs.Case:
    files = {"base.yml": yaml.safe_dump(BASE).encode()}
    for n in range(draw(st.integers(1, 2))):
        files[f"ops{n}.yml"] = fs.dump(draw(fs.gopatch_files), None, True).encode()
    names = list(files)
    if draw(st.booleans()):
        names = draw(st.permutations(names))
    if draw(st.integers(0, 3)) == 0:
        files["after.yml"] = fs.dump(draw(fs.documents), None, True).encode()
        names.append("after.yml")
    verb = draw(st.sampled_from(["merge", "merge", "vaultinfo", "fan"]))
    options = ["--go-patch"] if draw(st.integers(0, 7)) else []
    if verb != "vaultinfo" and draw(st.booleans()):
        options.append(draw(st.sampled_from(["--skip-eval", "--fallback-append", "-m"])))
    return fs.Case(files, [verb, *options, *names], verb=verb)


@profile("gopatch")
@given(case=gopatch_cases(), variant=fs.parallel_variants)
def test_generated_gopatch_files(case: fs.Case, variant: dict[str, str]) -> None:
    """go-patch operations of every type over paths that exist and do not."""
    check(case, variant, "gopatch")


@st.composite
def reader_cases(draw: st.DrawFn) -> fs.Case:
    text = draw(st.one_of(st.sampled_from(fs.RAW_TEXTS), fs.documents.map(yaml.safe_dump)))
    data = draw(fs.mutated(text.encode("utf-8")))
    verb = draw(st.sampled_from(["merge", "json", "fan", "diff", "vaultinfo"]))
    names = {"fan": ["base.yml", "in.yml"], "diff": ["base.yml", "in.yml"]}.get(verb, ["in.yml"])
    options = ["-m"] if verb == "merge" and draw(st.booleans()) else []
    files = {"in.yml": data, "base.yml": b"a: 1\n"}
    return fs.Case(files, [verb, *options, *names], verb=verb)


@profile("reader")
@given(case=reader_cases(), variant=fs.parallel_variants)
def test_mutated_bytes(case: fs.Case, variant: dict[str, str]) -> None:
    """Truncated documents, inserted and replaced bytes: the reader's errors."""
    check(case, variant, "reader")


@st.composite
def fan_cases(draw: st.DrawFn) -> tuple[fs.Case, list[fs.Case]]:
    """``fan SOURCE TARGETS...`` and, for each target document, the ``merge`` of the
    source and that document alone, which it must print."""
    options = draw(
        fs.merge_options().map(lambda o: [x for x in o if x not in ("-m", "--multi-doc")])
    )
    if any(o in ("--prune", "--cherry-pick", "--dataflow-order") for o in options[-1:]):
        options = []  # a value went missing: a usage error, not what this test is about
    source = fs.dump(draw(fs.documents), None, True).encode()
    files = {"source.yml": source}
    merges = []
    names = []
    for n in range(draw(st.integers(1, 2))):
        documents = [
            fs.dump(draw(fs.documents), None, True) for _ in range(draw(st.integers(1, 3)))
        ]
        files[f"t{n}.yml"] = "---\n".join(documents).encode()
        names.append(f"t{n}.yml")
        for m, document in enumerate(documents):
            files[f"t{n}-{m}.yml"] = document.encode()
            merges.append(fs.Case({}, ["merge", *options, "source.yml", f"t{n}-{m}.yml"]))
    return fs.Case(files, ["fan", *options, "source.yml", *names], verb="fan"), merges


@profile("fan")
@given(cases=fan_cases(), variant=fs.parallel_variants)
def test_fan_prints_what_merge_prints(
    cases: tuple[fs.Case, list[fs.Case]], variant: dict[str, str]
) -> None:
    """Each document ``fan`` prints is what ``merge`` prints for the source and that
    target document alone."""
    fan, merges = cases
    check(fan, variant, "fan")
    with tempfile.TemporaryDirectory(prefix="graft-fuzz-") as tmp:
        workdir = Path(tmp)
        for name, content in {**fs.AUX_FILES, **fan.files}.items():
            (workdir / name).write_bytes(content)
        env = {"REDACT": "yes", "GRAFT_FILE_BASE_PATH": tmp, "FUZZ_EMPTY": "", **fs.ENV_VARS}
        cwd = os.getcwd()
        os.chdir(workdir)
        try:
            rc, out, _ = invoke(fan, env, workdir)
            if rc != 0:
                return
            expected = []
            for merge in merges:
                merge_rc, merge_out, merge_err = invoke(merge, env, workdir)
                assert merge_rc == 0, (merge.args, merge_err)
                expected.append("---\n" + merge_out)
        finally:
            os.chdir(cwd)
    assert out == "".join(expected)


def _leaves(value: object, path: tuple = ()) -> Iterator[tuple]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))
    else:
        yield path, value


def _replaced(document: object, path: tuple, new: object) -> object:
    document = copy.deepcopy(document)
    holder = document
    for segment in path[:-1]:
        holder = holder[segment]  # type: ignore[index]
    holder[path[-1]] = new  # type: ignore[index]
    return document


def _key_text(key: object) -> str:
    """A key as Go's %v writes it (``true``, ``<nil>``), which the YAML words
    ``null`` and ``~`` also spell."""
    if key is None:
        return "null"
    if isinstance(key, bool):
        return str(key).lower()
    return str(key)


def _keys_collide(value: object) -> bool:
    """Whether a map in ``value`` has two keys with the same text."""
    if isinstance(value, dict):
        texts = [_key_text(k) for k in value]
        if len(texts) != len(set(texts)):
            return True
        return any(_keys_collide(item) for item in value.values())
    if isinstance(value, list):
        return any(_keys_collide(item) for item in value)
    return False


@st.composite
def diff_cases(draw: st.DrawFn) -> tuple[fs.Case, fs.Case | None]:
    """The same document written in two styles, and (when it has a leaf to change)
    the second one with one leaf changed."""
    document = draw(st.dictionaries(fs.keys, fs.values(), max_size=4))
    leaves = [(path, value) for path, value in _leaves(document) if path]
    first = fs.dump(document, draw(st.sampled_from([False, None, True])), draw(st.booleans()))
    second = yaml.safe_dump(
        document,
        default_flow_style=draw(st.sampled_from([False, None, True])),
        allow_unicode=draw(st.booleans()),
        sort_keys=draw(st.booleans()),
        indent=draw(st.sampled_from([2, 4])),
        width=draw(st.sampled_from([20, 80])),
    )
    # PyYAML's emitter does not always write what it reads back (a NEL, U+0085, in
    # single quotes folds to a space): only texts it reads as the document are used.
    assume(yaml.safe_load(first) == document == yaml.safe_load(second))
    # dyff (and so graft) matches map keys by their text: `1` and `'1'` in one map
    # are one key to it, and two writings of that map may differ
    assume(not _keys_collide(document))
    files = {"a.yml": first.encode(), "b.yml": second.encode()}
    same = fs.Case(files, ["diff", "a.yml", "b.yml"], verb="diff")
    if not leaves:
        return same, None
    path, _ = draw(st.sampled_from(leaves))
    changed = fs.dump(_replaced(document, path, "__changed__"), None, True)
    files = {"a.yml": first.encode(), "c.yml": changed.encode()}
    return same, fs.Case(files, ["diff", "a.yml", "c.yml"], verb="diff")


@profile("diff")
@given(cases=diff_cases(), variant=fs.parallel_variants)
def test_diff_finds_what_changed(cases: tuple[fs.Case, fs.Case | None], variant) -> None:
    """``diff`` of one document written two ways (flow or block, escaped or not, keys
    in any order) finds no difference; with one value changed, it finds one."""
    same, changed = cases
    check(same, variant, "diff")
    with tempfile.TemporaryDirectory(prefix="graft-fuzz-") as tmp:
        workdir = Path(tmp)
        for name, content in {**same.files, **(changed.files if changed else {})}.items():
            (workdir / name).write_bytes(content)
        cwd = os.getcwd()
        os.chdir(workdir)
        try:
            result = invoke(same, {}, workdir)
            assert result[0] == 0, result
            if changed is not None:
                result = invoke(changed, {}, workdir)
                assert result[0] == 1 and result[1].strip(), result
        finally:
            os.chdir(cwd)
