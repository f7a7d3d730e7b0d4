"""The Python API (docs/python-api.md)."""

from __future__ import annotations

import pytest

import graft
from graft import config


@pytest.fixture(autouse=True)
def clean_overrides(monkeypatch):
    for name in ("GRAFT_PARALLEL", "GRAFT_PARALLEL_WORKERS", "GRAFT_PARALLEL_STRATEGY"):
        monkeypatch.delenv(name, raising=False)
    config.overrides.clear()
    yield
    config.overrides.clear()


# --- merge ---------------------------------------------------------------------------


def test_merge_dicts_and_yaml_text():
    base = {"meta": {"name": "app"}, "jobs": [{"name": "web", "instances": 1}]}
    overlay = 'jobs:\n- name: web\n  instances: 3\nurl: (( concat meta.name ".example.com" ))\n'
    assert graft.merge(base, overlay) == {
        "meta": {"name": "app"},
        "jobs": [{"name": "web", "instances": 3}],
        "url": "app.example.com",
    }
    assert base == {"meta": {"name": "app"}, "jobs": [{"name": "web", "instances": 1}]}


def test_merge_options():
    docs = ({"a": {"b": 1, "c": 2}, "d": "(( grab a.b ))"},)
    assert graft.merge(*docs, prune=["a"]) == {"d": 1}
    assert graft.merge(*docs, cherry_pick=["d"]) == {"d": 1}
    assert graft.merge(*docs, skip_eval=True)["d"] == "(( grab a.b ))"
    patch = [{"type": "replace", "path": "/a/b", "value": 5}]
    assert graft.merge(*docs, patch)["d"] == 5


def test_merge_with_settings_for_one_call():
    doc = {"a": 1, **{f"k{n}": "(( grab a ))" for n in range(20)}}
    assert graft.merge(doc, parallel=True, workers=4, strategy="adaptive") == {
        "a": 1,
        **{f"k{n}": 1 for n in range(20)},
    }
    with pytest.raises(TypeError):
        graft.merge(doc, not_a_setting=True)
    with pytest.raises(ValueError):
        graft.merge(doc, strategy="reckless")
    with pytest.raises(ValueError):
        graft.merge(doc, workers=0)


def test_merge_errors_are_graft_errors():
    with pytest.raises(graft.GraftError) as raised:
        graft.merge({"a": "(( grab nope ))"})
    assert raised.value.report() == (
        "1 error(s) detected:\n"
        " - $.a: Unable to resolve `nope`: `$.nope` could not be found in the datastructure\n\n\n"
    )
    with pytest.raises(graft.GraftError, match="parse_error"):
        graft.merge("a: [")
    with pytest.raises(TypeError):
        graft.merge(42)


# --- features and configuration --------------------------------------------------------


def test_features(monkeypatch):
    features = graft.get_features()
    assert features.parallel_execution is False
    monkeypatch.setenv("GRAFT_PARALLEL", "true")
    assert features.parallel_execution is True  # the environment, until overridden
    features.set_parallel_enabled(False)
    assert features.parallel_execution is False
    features.parallel_max_workers = 16
    features.enable_metrics = True
    assert config.current().workers == 16 and config.current().metrics is True
    features.update(
        {"parallel_execution": True, "parallel_max_workers": 8, "enable_metrics": False}
    )
    assert (features.parallel_execution, features.parallel_max_workers) == (True, 8)
    with pytest.raises(KeyError):
        features.update({"parallel_execution": False, "warp_speed": True})
    assert features.parallel_execution is True  # nothing changed
    with pytest.raises(ValueError):
        features.parallel_max_workers = 0
    with pytest.raises(ValueError):
        features.parallel_strategy = "reckless"
    with pytest.raises(AttributeError):
        features.warp_speed = True
    features.reset()
    assert features.parallel_execution is True  # the environment again


def test_parallel_config_and_the_evaluator():
    graft.enable_parallel_execution(True)
    assert config.current().parallel is True
    settings = graft.ParallelEvaluatorConfig(
        enabled=True, max_workers=8, min_ops_for_parallel=5, strategy="aggressive"
    )
    graft.set_parallel_config(settings)
    current = config.current()
    assert (current.workers, current.min_ops, current.strategy) == (8, 5, "aggressive")
    with pytest.raises(ValueError):
        graft.ParallelEvaluatorConfig(strategy="reckless")

    data = {"base": 8080, "api": "(( grab base ))", "admin": "(( base + 1000 ))"}
    evaluator = graft.Evaluator(tree=data)
    evaluator.run_phase_parallel(graft.EVAL_PHASE)
    assert data == {"base": 8080, "api": 8080, "admin": 9080}
    with pytest.raises(ValueError):
        evaluator.run_phase("later")


def test_stats_of_the_last_parallel_phase(tmp_path, monkeypatch):
    monkeypatch.setenv("GRAFT_FILE_BASE_PATH", str(tmp_path))
    for n in range(12):
        (tmp_path / f"f{n}.txt").write_text(str(n))
    doc = {f"k{n}": f'(( file "f{n}.txt" ))' for n in range(12)}
    doc["sum"] = "(( concat k0 k1 ))"
    result = graft.merge(doc, parallel=True, workers=4, strategy="aggressive")
    assert result["sum"] == "01"
    stats = graft.parallel_execution_stats()
    assert (stats["operations"], stats["parallel"], stats["sequential"]) == (13, 12, 1)
    assert stats["speedup"] > 0 and stats["workers"] == 4


def test_metrics_snapshot():
    metrics = graft.get_parallel_metrics()
    metrics.reset()
    graft.merge({"a": 1, "b": "(( grab a ))", "c": "(( grab nope || a ))"}, metrics=True)
    snapshot = metrics.get_snapshot()
    assert (snapshot.ops_total, snapshot.ops_sequential, snapshot.ops_failed) == (2, 2, 0)
    assert snapshot.parallel_ratio == 0.0
    assert snapshot["ops_total"] == 2
    assert snapshot.to_json()["operations"]["total"] == 2
    metrics.reset()
    assert metrics.get_snapshot().ops_total == 0


def test_the_cli_does_not_load_the_api():
    import subprocess
    import sys

    code = "import sys, graft.cli; print('graft.api' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout == (
        "False\n"
    )


def test_merge_phase_operators_in_data_given_as_dicts():
    """Data given as dicts has no text to look for early operators in: every phase
    runs."""
    merged = graft.merge({"meta": {"a": 1}, "job": {"from": "(( inject meta ))", "b": 2}})
    assert merged == {"meta": {"a": 1}, "job": {"a": 1, "b": 2}}
    with pytest.raises(graft.GraftError, match="set me"):
        graft.merge({"p": '(( param "set me" ))'})


def test_every_name_of_the_api_resolves():
    import graft.api

    assert sorted(graft.api.__all__) == sorted(graft._API)
    for name in graft.api.__all__:
        assert getattr(graft, name) is getattr(graft.api, name)
    with pytest.raises(AttributeError):
        graft.no_such_thing  # noqa: B018
