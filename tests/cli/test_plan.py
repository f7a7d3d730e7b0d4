"""``graft plan``: the parallel executor's analysis, shown without evaluating
anything (docs/parallel-execution.md, "Seeing the plan")."""

import json
import socket
from pathlib import Path

import jsonschema
import pydot
import pytest

# pydot 4 still calls pyparsing's old names, which warn; that is pydot's business.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:pydot.*")

SCHEMA = json.loads((Path(__file__).parents[2] / "docs" / "plan.schema.json").read_text())

SECRETS = """\
meta:
  base: secret/prod
  pw: (( vault meta.base ":password" ))
  user: (( vault meta.base ":user" ))
  key: (( file "key.pem" ))
jobs:
  web:
    password: (( grab meta.pw ))
    url: (( concat "https://" jobs.web.user ":" jobs.web.password "@host" ))
    user: (( grab meta.user ))
  db:
    name: (( concat "db-" meta.base ))
"""


def closed_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def nothing_listens():
    """Back ends that cannot be reached: a plan must not need them."""
    port = closed_port()
    return {
        "VAULT_ADDR": f"http://127.0.0.1:{port}",
        "VAULT_TOKEN": "t",
        "NATS_URL": f"nats://127.0.0.1:{port}",
        "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}",
    }


def plan_json(graft, *args, files, env=None):
    rc, out, err = graft("plan", "--format", "json", *args, files=files, env=env)
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    return rc, data, err


def test_text_shows_waves_pool_chain_and_estimate(graft, nothing_listens):
    rc, out, err = graft(
        "plan", "--workers", "2", "s.yml", files={"s.yml": SECRETS}, env=nothing_listens
    )
    assert (rc, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == (
        "7 operators in 1 phase; nothing evaluated. Strategy conservative, 2 workers, "
        "20ms per I/O call."
    )
    assert "eval phase: 7 operators in 3 waves" in lines
    wave2 = lines.index("  wave 2")
    assert lines[wave2 + 1].split() == [
        "$.jobs.web.password",
        "grab",
        "s.yml:8:15",
        "((",
        "grab",
        "meta.pw",
        "))",
    ]
    assert lines[wave2 + 2].split() == ["waits", "for", "$.meta.pw"]
    pooled = [line.split()[0] for line in lines if line.split()[2:3] == ["pool"]]
    assert pooled == ["$.meta.key", "$.meta.pw", "$.meta.user"]
    assert (
        "  longest chain (3 operators): $.meta.pw -> $.jobs.web.password -> $.jobs.web.url" in lines
    )
    assert (
        "  I/O: 3 operators wait on I/O: about 60ms sequential, 40ms with 2 workers (1.5x)" in lines
    )
    assert lines[-1].startswith("Parallel execution is off (GRAFT_PARALLEL)")
    assert lines[-1].endswith("with it on, 3 operators would go to the pool.")


def test_json_follows_the_documented_schema(graft, nothing_listens):
    rc, data, _ = plan_json(
        graft,
        "--workers",
        "4",
        "--latency",
        "0.1s",
        "s.yml",
        files={"s.yml": SECRETS},
        env=nothing_listens,
    )
    assert rc == 0
    assert (data["workers"], data["latency_ms"], data["parallel"]) == (4, 100.0, False)
    (phase,) = data["phases"]
    assert phase["phase"] == "eval"
    by_path = {op["path"]: op for op in phase["operators"]}
    assert by_path["$.jobs.web.url"] == {
        "path": "$.jobs.web.url",
        "location": "s.yml:9:10",
        "expression": '(( concat "https://" jobs.web.user ":" jobs.web.password "@host" ))',
        "operator": "concat",
        "needs": ["$.jobs.web.password", "$.jobs.web.user"],
        "wave": 3,
        "io": False,
        "pool": False,
    }
    assert phase["waves"] == [
        ["$.jobs.db.name", "$.meta.key", "$.meta.pw", "$.meta.user"],
        ["$.jobs.web.password", "$.jobs.web.user"],
        ["$.jobs.web.url"],
    ]
    # three reads on four workers: one round trip instead of three
    assert phase["estimate"] == {
        "io_operators": 3,
        "sequential_ms": 300.0,
        "parallel_ms": 100.0,
        "speedup": 3.0,
    }
    assert phase["cycles"] == []


def test_chained_reads_cannot_overlap(graft):
    files = {
        "c.yml": 'a: (( vault "secret/a:k" ))\n'
        'b: (( vault "secret/" a ":k" ))\n'
        'c: (( vault "secret/" b ":k" ))\n'
    }
    _, data, _ = plan_json(graft, "--workers", "8", "c.yml", files=files)
    estimate = data["phases"][0]["estimate"]
    assert (estimate["sequential_ms"], estimate["parallel_ms"]) == (60.0, 60.0)
    assert data["phases"][0]["longest_chain"] == ["$.a", "$.b", "$.c"]


def test_the_strategy_decides_what_goes_to_the_pool(graft):
    files = {"n.yml": 'a: (( nats "kv:store/a" ))\nb: (( vault "secret/b:k" ))\n'}
    picks = {}
    for strategy in ("conservative", "aggressive"):
        _, data, _ = plan_json(
            graft, "n.yml", files=files, env={"GRAFT_PARALLEL_STRATEGY": strategy}
        )
        picks[strategy] = [op["path"] for op in data["phases"][0]["operators"] if op["pool"]]
        assert data["strategy"] == strategy
        assert all(op["io"] for op in data["phases"][0]["operators"])
    assert picks == {"conservative": ["$.b"], "aggressive": ["$.a", "$.b"]}


def test_phases_are_shown_in_the_order_they_run(graft):
    files = {
        "p.yml": "base: {x: 1}\n"
        "a: (( inject base ))\n"
        'b: (( param "set b" ))\n'
        "c: (( grab base.x ))\n"
    }
    _, data, _ = plan_json(graft, "p.yml", files=files)
    assert [(p["phase"], [o["path"] for o in p["operators"]]) for p in data["phases"]] == [
        ("merge", ["$.a"]),
        ("param", ["$.b"]),
        ("eval", ["$.c"]),
    ]


def test_a_cycle_is_shown_with_its_paths_and_exits_2(graft):
    files = {"c.yml": "a: (( grab b ))\nb: (( grab a ))\nc: (( grab a ))\nd: 1\n"}
    rc, out, err = graft("plan", "c.yml", files=files)
    assert rc == 2
    assert err == "graft plan: cycle detected in operator data-flow graph: $.a -> $.b -> $.a\n"
    assert "  cycle: $.a -> $.b -> $.a" in out.splitlines()
    assert "  never ready (a cycle)" in out.splitlines()
    rc, data, _ = plan_json(graft, "c.yml", files=files)
    (phase,) = data["phases"]
    assert phase["cycles"] == [["$.a", "$.b", "$.a"]]
    assert {op["path"]: op["wave"] for op in phase["operators"]} == {"$.a": 0, "$.b": 0, "$.c": 0}


def test_dot_is_read_by_a_real_dot_parser(graft):
    files = {
        "d.yml": 'meta: {q: "x"}\n'
        'a: (( concat "say \\"hi\\"" meta.q "\\\\n" ))\n'
        "b: (( grab a ))\n"
        'c: (( vault "secret/c:k" ))\n'
        "x: (( grab y ))\ny: (( grab x ))\n"
    }
    rc, out, _ = graft("plan", "--format", "dot", "d.yml", files=files)
    assert rc == 2  # the cycle of x and y
    (graph,) = pydot.graph_from_dot_data(out)
    (cluster,) = graph.get_subgraphs()
    labels = {n.get_name().strip('"'): n.get_label() for n in cluster.get_nodes()}
    assert set(labels) == {"eval $.a", "eval $.b", "eval $.c", "eval $.x", "eval $.y"}
    assert labels["eval $.a"] == (
        '"$.a\\n(( concat \\"say \\\\\\"hi\\\\\\"\\" meta.q \\"\\\\\\\\n\\" ))\\nd.yml:2:4"'
    )
    assert cluster.get_node('"eval $.c"')[0].get("style") == "filled"
    edges = {
        (e.get_source().strip('"'), e.get_destination().strip('"'), e.get("color"))
        for e in graph.get_edges()
    }
    assert edges == {
        ("eval $.a", "eval $.b", None),
        ("eval $.y", "eval $.x", "red"),
        ("eval $.x", "eval $.y", "red"),
    }


def test_nothing_is_evaluated_and_no_back_end_is_contacted(graft, nothing_listens):
    files = {
        "b.yml": 'a: (( vault "secret/a:k" ))\n'
        'b: (( awsparam "/x" ))\n'
        'c: (( nats "kv:store/c" ))\n'
        'd: (( file "/does/not/exist" ))\n'
    }
    rc, data, err = plan_json(graft, "b.yml", files=files, env=nothing_listens)
    assert (rc, err) == (0, "")
    assert [op["operator"] for op in data["phases"][0]["operators"]] == [
        "vault",
        "awsparam",
        "nats",
        "file",
    ]
    assert data["phases"][0]["estimate"]["io_operators"] == 4


def test_files_are_read_and_merged_as_merge_reads_them(graft):
    files = {
        "base.yml": "jobs:\n- name: web\n  port: (( grab meta.port ))\nmeta: {port: 1}\n",
        "ops.yml": "- type: replace\n  path: /jobs/name=web/host?\n  value: (( grab meta.host ))\n",
        "m.yml": "meta: {host: h}\n---\nextra: (( grab meta.host ))\n",
    }
    _, data, _ = plan_json(graft, "--go-patch", "-m", "base.yml", "ops.yml", "m.yml", files=files)
    located = {op["path"]: op["location"] for op in data["phases"][0]["operators"]}
    assert located == {
        "$.extra": "m.yml:3:8",
        "$.jobs.web.host": "ops.yml:3:10",
        "$.jobs.web.port": "base.yml:3:9",
    }


def test_cherry_pick_limits_the_plan_to_what_the_pick_needs(graft):
    files = {"p.yml": "a: (( grab b ))\nb: (( grab c ))\nc: 1\nd: (( grab c ))\n"}
    _, data, _ = plan_json(graft, "--cherry-pick", "a", "p.yml", files=files)
    assert [op["path"] for op in data["phases"][0]["operators"]] == ["$.a", "$.b"]


def test_a_document_without_operators_has_an_empty_plan(graft):
    rc, out, _ = graft("plan", "a.yml", files={"a.yml": "a: 1\n"})
    assert (rc, out.splitlines()[0]) == (
        0,
        "0 operators in 0 phases; nothing evaluated. Strategy conservative, "
        + out.splitlines()[0].split("Strategy conservative, ")[1],
    )
    _, data, _ = plan_json(graft, "a.yml", files={"a.yml": "a: 1\n"})
    assert data["phases"] == []


def test_syntax_errors_stop_the_plan_as_they_stop_a_merge(graft):
    files = {"a.yml": "a: (( 1 + ))\n"}
    merged = graft("--locations", "on", "merge", "a.yml", files=files)
    assert graft("plan", "a.yml", files=files) == merged  # plan always shows locations
    assert merged[0] == 2


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["--format", "svg", "a.yml"], "--format must be text, json or dot, not 'svg'"),
        (["--workers", "0", "a.yml"], "--workers must be a whole number from 1 to 1024, not '0'"),
        (
            ["--latency", "soon", "a.yml"],
            "--latency must be a duration such as 20ms or 0.5s, not 'soon'",
        ),
        (["--format"], "flag needs an argument: --format"),
    ],
)
def test_bad_options_are_usage_errors(graft, args, problem):
    assert graft("plan", *args, files={"a.yml": "a: 1\n"}) == (
        1,
        "",
        f"{problem}\nRun 'graft help plan' to see its options.\n",
    )


@pytest.mark.parametrize(
    ("text", "ms"), [("20ms", 20.0), ("0.5s", 500.0), ("250us", 0.25), ("35", 35.0)]
)
def test_latency_takes_units(graft, text, ms):
    _, data, _ = plan_json(graft, "--latency", text, "a.yml", files={"a.yml": "a: 1\n"})
    assert data["latency_ms"] == ms
