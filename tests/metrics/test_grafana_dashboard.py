"""examples/grafana-dashboard.json: importable, and its queries use only graft's metrics."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

DASHBOARD = Path(__file__).resolve().parents[2] / "examples" / "grafana-dashboard.json"
DATASOURCE = {"type": "prometheus", "uid": "${DS_PROMETHEUS}"}

# The metrics graft exposes (GRAFT_METRICS=true), each with the labels it carries.
METRICS = {
    "graft_operations_total": {"type"},
    "graft_operation_duration_seconds": {"quantile"},
    "graft_operation_duration_seconds_sum": set(),
    "graft_operation_duration_seconds_count": set(),
    "graft_queue_wait_seconds": {"quantile"},
    "graft_queue_wait_seconds_sum": set(),
    "graft_queue_wait_seconds_count": set(),
    "graft_concurrency": {"type"},
    "graft_speedup": set(),
    "graft_parallel_ratio": set(),
    "graft_operator_duration_seconds_sum": {"operator"},
    "graft_operator_duration_seconds_count": {"operator"},
}
# Added by Prometheus (the scrape target) or the Pushgateway (the grouping key).
TARGET_LABELS = {"job", "instance"}

# What Grafana substitutes before a query reaches Prometheus.
GRAFANA_VARIABLES = {
    "$__rate_interval": "1m",
    "$__interval": "15s",
    "$__range": "5m",
    "$job": "graft",
}

PROMQL_WORDS = {
    "by", "without", "on", "ignoring", "group_left", "group_right", "bool",
    "and", "or", "unless", "offset", "atan2", "inf", "nan",
}  # fmt: skip


def load() -> dict[str, Any]:
    return json.loads(DASHBOARD.read_text(encoding="utf-8"))


def panels(container: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every panel, including those folded inside rows."""
    for panel in container.get("panels", []):
        yield panel
        yield from panels(panel)


def exprs(dashboard: dict[str, Any]) -> list[str]:
    return [t["expr"] for p in panels(dashboard) for t in p.get("targets", [])]


def metric_names(expr: str) -> set[str]:
    """The metric names a PromQL expression selects.

    Label values, label matchers, ranges and by/without/on/ignoring label lists are
    removed; what is left that looks like a name, is not a function call (followed
    by ``(``) and is not a PromQL keyword, is a metric name.
    """
    text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)
    text = re.sub(r"\{[^}]*\}", " ", text)
    text = re.sub(r"\[[^\]]*\]", " ", text)
    text = re.sub(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", text)
    names = set()
    for match in re.finditer(r"(?<![\w$.])([A-Za-z_:][\w:]*)\b(?!\s*\()", text):
        if match.group(1).lower() not in PROMQL_WORDS:
            names.add(match.group(1))
    return names


def label_names(expr: str) -> set[str]:
    """Label names in matchers (``{a="b"}``) and grouping lists (``by (a, b)``)."""
    text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)
    found = set()
    for matchers in re.findall(r"\{([^}]*)\}", text):
        found.update(re.findall(r"([A-Za-z_]\w*)\s*(?:=~|!~|!=|=)", matchers))
    for grouping in re.findall(r"\b(?:by|without|on|ignoring)\s*\(([^)]*)\)", text):
        found.update(name.strip() for name in grouping.split(",") if name.strip())
    return found


def substitute(expr: str) -> str:
    for variable in sorted(GRAFANA_VARIABLES, key=len, reverse=True):
        expr = expr.replace(variable, GRAFANA_VARIABLES[variable])
    assert "$" not in expr, f"unknown Grafana variable in {expr!r}"
    return expr


def test_the_regex_finds_metric_names() -> None:
    expr = (
        'sum by (type) (rate(graft_operations_total{job=~"$job",type!="failed"}[5m])) '
        "/ on (job) group_left sum(graft_speedup offset 1m) and bogus_metric"
    )
    assert metric_names(expr) == {"graft_operations_total", "graft_speedup", "bogus_metric"}
    assert label_names(expr) == {"type", "job"}


def test_is_importable() -> None:
    dashboard = load()
    assert dashboard["title"] == "graft parallel execution"
    assert dashboard["uid"]
    assert 36 <= dashboard["schemaVersion"] <= 41
    assert dashboard["id"] is None
    inputs = {i["name"]: i for i in dashboard["__inputs"]}
    assert inputs["DS_PROMETHEUS"]["type"] == "datasource"
    assert inputs["DS_PROMETHEUS"]["pluginId"] == "prometheus"
    required = {(r["type"], r["id"]) for r in dashboard["__requires"]}
    used = {("panel", p["type"]) for p in panels(dashboard) if p["type"] != "row"}
    assert used | {("datasource", "prometheus")} <= required


def test_every_panel_queries_prometheus() -> None:
    dashboard = load()
    ids = []
    for panel in panels(dashboard):
        ids.append(panel["id"])
        grid = panel["gridPos"]
        assert grid["x"] + grid["w"] <= 24, panel["title"]
        if panel["type"] == "row":
            continue
        assert panel["datasource"] == DATASOURCE, panel["title"]
        assert panel["targets"], panel["title"]
        refs = [t["refId"] for t in panel["targets"]]
        assert len(refs) == len(set(refs)), panel["title"]
        for target in panel["targets"]:
            assert target.get("datasource", DATASOURCE) == DATASOURCE, panel["title"]
            assert target["expr"].strip(), panel["title"]
    assert len(ids) == len(set(ids))
    for variable in dashboard["templating"]["list"]:
        if "datasource" in variable:
            assert variable["datasource"] == DATASOURCE, variable["name"]


def test_queries_use_only_graft_metrics() -> None:
    dashboard = load()
    queries = exprs(dashboard)
    for variable in dashboard["templating"]["list"]:
        if variable["type"] == "query":
            # Grafana's label_values(SELECTOR, LABEL): the selector is PromQL, LABEL a label.
            selector, label = re.fullmatch(
                r"label_values\((.+),\s*(\w+)\)", variable["definition"]
            ).groups()
            queries.append(f"count by ({label}) ({selector})")
    used: set[str] = set()
    for expr in queries:
        names = metric_names(expr)
        assert names, f"no metric in {expr!r}"
        assert names <= METRICS.keys(), f"unknown metric {names - METRICS.keys()} in {expr!r}"
        allowed = TARGET_LABELS.union(*(METRICS[name] for name in names))
        assert label_names(expr) <= allowed, f"unknown label in {expr!r}"
        used |= names
    families = {re.sub(r"_(?:sum|count)$", "", name) for name in METRICS}
    assert families <= {re.sub(r"_(?:sum|count)$", "", name) for name in used}


def test_failure_rate_is_failed_over_operations_run() -> None:
    failure = [p for p in panels(load()) if p["title"].startswith("Failure rate")]
    assert len(failure) == 2
    for panel in failure:
        (expr,) = (t["expr"] for t in panel["targets"])
        assert 'type="failed"' in expr
        assert 'type!="failed"' in expr


# graft-shaped series for promtool's PromQL engine: one sample every 15s for 5 minutes.
SERIES = {
    'graft_operations_total{type="parallel"}': "0+10x20",
    'graft_operations_total{type="sequential"}': "0+5x20",
    'graft_operations_total{type="failed"}': "0+1x20",
    'graft_operation_duration_seconds{quantile="0.5"}': "0.01x20",
    'graft_operation_duration_seconds{quantile="0.95"}': "0.05x20",
    'graft_operation_duration_seconds{quantile="0.99"}': "0.1x20",
    "graft_operation_duration_seconds_sum": "0+0.2x20",
    "graft_operation_duration_seconds_count": "0+15x20",
    'graft_queue_wait_seconds{quantile="0.5"}': "0.001x20",
    'graft_queue_wait_seconds{quantile="0.95"}': "0.002x20",
    'graft_queue_wait_seconds{quantile="0.99"}': "0.003x20",
    "graft_queue_wait_seconds_sum": "0+0.02x20",
    "graft_queue_wait_seconds_count": "0+15x20",
    'graft_concurrency{type="current"}': "0+1x20",
    'graft_concurrency{type="max"}': "8x20",
    "graft_speedup": "3.5x20",
    "graft_parallel_ratio": "66x20",
    'graft_operator_duration_seconds_sum{operator="vault"}': "0+1.5x20",
    'graft_operator_duration_seconds_count{operator="vault"}': "0+3x20",
    'graft_operator_duration_seconds_sum{operator="grab"}': "0+0.25x20",
    'graft_operator_duration_seconds_count{operator="grab"}': "0+40x20",
}


def with_job(series: str) -> str:
    if "{" in series:
        return series.replace("{", '{job="graft",', 1)
    return series + '{job="graft"}'


def test_every_query_returns_data(promtool: str, tmp_path: Path) -> None:
    """Each query, its Grafana variables filled in, runs in Prometheus' own engine
    (``promtool test rules``) on graft-shaped series and returns something: an alert
    ``absent(QUERY)`` per query must stay silent.  A query that does not parse fails too.
    """
    queries = sorted(set(exprs(load())))
    alerts = [
        {"alert": f"Query{i}Empty", "expr": f"absent({substitute(q)})"}
        for i, q in enumerate(queries)
    ]
    checks = [
        {"eval_time": "5m", "alertname": alert["alert"], "exp_alerts": []} for alert in alerts
    ]
    rules = {"groups": [{"name": "dashboard", "rules": alerts}]}
    result = promtool_test(promtool, tmp_path, rules, {"alert_rule_test": checks})
    assert result.returncode == 0, result.stdout + result.stderr + "\n".join(queries)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # failed / (parallel + sequential) in the latest counters: 20 / (200 + 100)
        ("Failure rate (latest run)", {"{}": 20 / 300}),
        # the operators' latest totals, largest first: 20 x 1.5 and 20 x 0.25
        ("Top operators by total duration", {'{operator="vault"}': 30, '{operator="grab"}': 5}),
        # total over calls: 30 / 60 and 5 / 800
        (
            "Top operators by mean duration",
            {'{operator="vault"}': 0.5, '{operator="grab"}': 5 / 800},
        ),
    ],
)
def test_queries_compute_what_the_panels_say(
    promtool: str, tmp_path: Path, title: str, expected: dict[str, float]
) -> None:
    """Some queries checked for their values, not only for returning data."""
    (panel,) = (p for p in panels(load()) if p["title"] == title)
    (target,) = panel["targets"]
    samples = [{"labels": labels, "value": value} for labels, value in expected.items()]
    check = {"expr": substitute(target["expr"]), "eval_time": "5m", "exp_samples": samples}
    result = promtool_test(promtool, tmp_path, None, {"promql_expr_test": [check]})
    assert result.returncode == 0, result.stdout + result.stderr


def promtool_test(
    promtool: str, folder: Path, rules: dict[str, Any] | None, test: dict[str, Any]
) -> subprocess.CompletedProcess[str]:
    """``promtool test rules`` on SERIES (job="graft", every 15s) with ``test``'s checks.

    The files are written as JSON, which is YAML.
    """
    if rules is not None:
        (folder / "rules.yml").write_text(json.dumps(rules), encoding="utf-8")
    series = [{"series": with_job(s), "values": v} for s, v in SERIES.items()]
    tests = {
        "rule_files": [] if rules is None else ["rules.yml"],
        "evaluation_interval": "15s",
        "tests": [{"interval": "15s", "input_series": series, **test}],
    }
    (folder / "tests.yml").write_text(json.dumps(tests), encoding="utf-8")
    return subprocess.run(
        [promtool, "test", "rules", "tests.yml"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
