"""Parallel execution: its settings, debug lines, strategies, batching, request
counts and a stress run (docs/parallel-execution.md)."""

from __future__ import annotations

import pytest

from inprocess import run_cli
from servers.aws import AwsServer
from servers.http_proxy import CountingProxy
from servers.vault import VaultServer

PARALLEL = {"GRAFT_PARALLEL": "true", "GRAFT_PARALLEL_MIN_OPS": "0"}


@pytest.fixture(scope="module")
def vault():
    server = VaultServer()
    for n in range(50):
        server.put(f"secret/par/p{n}", {f"k{k}": f"{n}-{k}" for k in range(4)})
    yield server
    server.stop()


@pytest.fixture
def proxied(vault):
    """The vault server behind a proxy that counts requests."""
    proxy = CountingProxy(vault.addr)
    yield proxy, {**vault.env(), "VAULT_ADDR": proxy.url}
    proxy.stop()


def reads(count: int, paths: int = 50) -> str:
    return "".join(
        f'r{n}: (( vault "secret/par/p{n % paths}:k{n // paths % 4}" ))\n' for n in range(count)
    )


def debug_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if "arallel execution" in line or "Running" in line]


# --- settings ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("GRAFT_PARALLEL", "maybe", "GRAFT_PARALLEL must be true or false, not 'maybe'"),
        ("GRAFT_PARALLEL_WORKERS", "lots", "GRAFT_PARALLEL_WORKERS must be a whole number"),
        ("GRAFT_PARALLEL_WORKERS", "0", "GRAFT_PARALLEL_WORKERS must be between 1 and 1024"),
        ("GRAFT_PARALLEL_MIN_OPS", "-1", "GRAFT_PARALLEL_MIN_OPS must be between 0"),
        ("GRAFT_PARALLEL_STRATEGY", "reckless", "GRAFT_PARALLEL_STRATEGY must be one of"),
        ("GRAFT_BATCH", "2", "GRAFT_BATCH must be true or false"),
        ("GRAFT_METRICS", "yes please", "GRAFT_METRICS must be true or false"),
        ("GRAFT_METRICS_PORT", "70000", "GRAFT_METRICS_PORT must be between 0 and 65535"),
    ],
)
def test_a_bad_setting_is_an_error_naming_the_variable(graft, variable, value, message):
    rc, out, err = graft("merge", "a.yml", files={"a.yml": "a: 1\n"}, env={variable: value})
    assert (rc, out) == (2, "")
    assert err.startswith(message)
    assert "Traceback" not in err


@pytest.mark.parametrize("value", ["true", "TRUE", "1", "yes", "on"])
def test_true_can_be_spelt_several_ways(value):
    from graft.config import Settings

    assert Settings.from_env({"GRAFT_PARALLEL": value}).parallel is True
    assert Settings.from_env({"GRAFT_PARALLEL": "false"}).parallel is False


def test_defaults():
    import os

    from graft.config import Settings

    settings = Settings.from_env({})
    assert (settings.parallel, settings.min_ops, settings.strategy) == (False, 10, "conservative")
    assert settings.workers == (os.cpu_count() or 1)
    assert (settings.metrics, settings.metrics_port, settings.metrics_host) == (
        False,
        9090,
        "127.0.0.1",
    )
    assert settings.batch is False


# --- debug lines ---------------------------------------------------------------------


def test_debug_lines_of_a_parallel_run(graft, vault):
    env = {**vault.env(), "GRAFT_PARALLEL": "true", "DEBUG": "1"}
    text = reads(12) + "sum: (( concat r0 r1 ))\n"
    rc, out, err = graft("merge", "a.yml", files={"a.yml": text}, env=env)
    assert rc == 0 and "sum: 0-01-0\n" in out
    lines = debug_lines(err)
    assert lines[0] == "DEBUG> Running 13 operations: 12 in parallel, 1 sequential"
    assert lines[1].startswith("DEBUG> Parallel execution completed in ")
    assert lines[1].endswith("x speedup)")


def test_debug_line_when_disabled_or_too_few(graft, vault):
    files = {"a.yml": reads(3)}
    rc, _, err = graft("merge", "a.yml", files=files, env={**vault.env(), "DEBUG": "1"})
    assert rc == 0
    assert debug_lines(err) == [
        "DEBUG> Parallel execution disabled: running 3 operation(s) sequentially"
    ]
    env = {**vault.env(), "DEBUG": "1", "GRAFT_PARALLEL": "true"}
    rc, _, err = graft("merge", "a.yml", files=files, env=env)
    assert debug_lines(err) == [
        "DEBUG> Parallel execution disabled or too few operations (3 operation(s), minimum 10)"
    ]


def test_debug_lines_are_the_only_difference(graft, vault):
    env = {**vault.env(), "DEBUG": "1"}
    files = {"a.yml": reads(20)}
    sequential = graft("merge", "a.yml", files=files, env=env)
    parallel = graft("merge", "a.yml", files=files, env={**env, "GRAFT_PARALLEL": "true"})
    assert parallel[:2] == sequential[:2]

    def other(err: str) -> list[str]:
        return [line for line in err.splitlines() if line not in debug_lines(err)]

    assert other(parallel[2]) == other(sequential[2])


# --- strategies ----------------------------------------------------------------------


def running_line(vault, text: str, strategy: str) -> str:
    env = {**vault.env(), **PARALLEL, "DEBUG": "1", "GRAFT_PARALLEL_STRATEGY": strategy}
    return next(
        line for line in run_cli("merge", text, env=env)[2].splitlines() if "Running" in line
    )


@pytest.mark.parametrize(
    ("expression", "conservative", "aggressive"),
    [
        ('(( vault "secret/par/p1:k1" ))', 1, 1),
        ('(( concat "x-" (vault "secret/par/p1:k1") ))', 1, 1),  # a nested read waits too
        ('(( vault-try "secret/par/p1:k1" "d" ))', 0, 1),  # not on the safe list
        ("(( grab meta.x ))", 0, 0),  # pure: inline under every strategy
        ('(( concat meta.x "y" ))', 0, 0),
    ],
)
def test_which_sites_go_to_the_pool(vault, tmp_path, expression, conservative, aggressive):
    path = tmp_path / "a.yml"
    path.write_text(f"meta: {{x: 1}}\nr: '{expression}'\n")
    for strategy, expected in (("conservative", conservative), ("aggressive", aggressive)):
        line = running_line(vault, str(path), strategy)
        assert (
            line
            == f"DEBUG> Running 1 operations: {expected} in parallel, {1 - expected} sequential"
        )


def test_adaptive_decides_from_the_mean_duration_of_each_operator():
    from graft.evaluate.strategy import INLINE_BELOW, MIN_SAMPLES, Adaptive
    from graft.expr.ast import Call, Literal
    from graft.operators import registry

    chooser = Adaptive(registry())
    vault, file = Call("vault", [Literal("a:b")]), Call("file", [Literal("x")])
    for _ in range(MIN_SAMPLES - 1):
        chooser.observe(file, INLINE_BELOW / 10)
        chooser.observe(vault, INLINE_BELOW * 50)
    assert chooser.pooled(file) and chooser.pooled(vault)  # too few samples to judge
    chooser.observe(file, INLINE_BELOW / 10)
    chooser.observe(vault, INLINE_BELOW * 50)
    assert not chooser.pooled(file)  # fast: inline from now on
    assert chooser.pooled(vault)  # slow: the pool
    assert not chooser.pooled(Call("grab", [Literal("a")]))  # pure: never


def test_adaptive_runs_fast_waiting_operators_inline_once_it_has_measured_them(
    tmp_path, monkeypatch
):
    """A chain of file reads (each names the next file): each read is ready only after
    the one before, so adaptive has measured the operator by then. Local files answer
    in microseconds: after MIN_SAMPLES of them, the rest run inline."""
    from graft import parallel_execution_stats
    from graft.evaluate import strategy
    from graft.evaluate.strategy import MIN_SAMPLES

    # A loaded machine can stall a file read past 0.3 ms; the rule is under test here,
    # not the threshold, so give the reads room.
    monkeypatch.setattr(strategy, "INLINE_BELOW", 0.05)

    (tmp_path / "x.txt").write_text("x.txt")
    chain = "".join(f"a{n:02}: (( file a{n - 1:02} ))\n" for n in range(1, 30))
    path = tmp_path / "a.yml"
    path.write_text('a00: (( file "x.txt" ))\n' + chain)
    env = {**PARALLEL, "GRAFT_FILE_BASE_PATH": str(tmp_path)}
    expected = run_cli("merge", str(path), env=env | {"GRAFT_PARALLEL": "false"})
    assert run_cli("merge", str(path), env=env | {"GRAFT_PARALLEL_STRATEGY": "aggressive"}) == (
        expected
    )
    assert parallel_execution_stats()["parallel"] == 30
    assert run_cli("merge", str(path), env=env | {"GRAFT_PARALLEL_STRATEGY": "adaptive"}) == (
        expected
    )
    stats = parallel_execution_stats()
    assert stats["strategy"] == "adaptive"
    assert stats["parallel"] == MIN_SAMPLES
    assert stats["sequential"] == 30 - MIN_SAMPLES


def test_static_ips_never_leave_the_coordinator():
    from graft.evaluate.strategy import STRATEGIES
    from graft.expr.ast import Call, Ref
    from graft.operators import load

    for strategy in STRATEGIES.values():
        chooser = strategy(load())
        assert not chooser.pooled(Call("static_ips", [Ref("0", ("0",))]))
        assert not chooser.pooled(Call("inject", [Ref("a", ("a",))]))


# --- requests and batching -----------------------------------------------------------


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"GRAFT_PARALLEL": "true", "GRAFT_PARALLEL_WORKERS": "16"},
        {"GRAFT_PARALLEL": "true", "GRAFT_PARALLEL_WORKERS": "16", "GRAFT_BATCH": "true"},
        {"GRAFT_PARALLEL": "true", "GRAFT_PARALLEL_WORKERS": "64", "GRAFT_BATCH": "true"},
    ],
)
def test_200_reads_of_50_paths_make_at_most_51_requests(graft, proxied, extra):
    proxy, env = proxied
    rc, out, _ = graft("merge", "a.yml", files={"a.yml": reads(200)}, env={**env, **extra})
    assert rc == 0
    assert "r199: 49-3\n" in out
    assert proxy.total() <= 51  # one per secret path, one for the mount table
    assert max(proxy.counts.values()) == 1


@pytest.fixture(scope="module")
def aws():
    server = AwsServer()
    ssm = server.client("ssm")
    for n in range(25):
        ssm.put_parameter(Name=f"/par/p{n}", Value=f"v{n}", Type="SecureString")
    yield server
    server.stop()


def test_batching_reads_ssm_parameters_ten_at_a_time(graft, aws):
    proxy = CountingProxy(aws.url)
    try:
        text = "".join(f'r{n}: (( awsparam "/par/p{n}" ))\n' for n in range(25))
        text += 'missing: (( awsparam "/par/none" ))\n'
        env = {**aws.env(), "AWS_ENDPOINT_URL": proxy.url, **PARALLEL}
        sequential = graft("merge", "a.yml", files={"a.yml": text}, env=aws.env())
        assert sequential[:2] == (2, "")
        assert "$.missing: $./par/none error fetching awsparam: ParameterNotFound" in sequential[2]
        batched = graft("merge", "a.yml", files={"a.yml": text}, env={**env, "GRAFT_BATCH": "1"})
        assert batched == sequential
        assert proxy.counts["AmazonSSM.GetParameters"] == 3  # 26 names, ten at a time
        # Only the name the batch did not return is asked for on its own (and its
        # error is the one the sequential run reports).
        assert proxy.counts["AmazonSSM.GetParameter"] == 1
        proxy.reset()
        unbatched = graft("merge", "a.yml", files={"a.yml": text}, env=env)
        assert unbatched == sequential
        assert proxy.counts["AmazonSSM.GetParameter"] == 26
        assert proxy.counts["AmazonSSM.GetParameters"] == 0
    finally:
        proxy.stop()


# --- stress --------------------------------------------------------------------------


def test_64_workers_and_thousands_of_operators(vault, tmp_path):
    """3,000 sites: vault reads, file reads, grabs of both and concatenations of
    those, with 64 workers under each strategy: the sequential run's output."""
    for n in range(20):
        (tmp_path / f"f{n}.txt").write_text(f"file-{n}")
    lines = []
    for n in range(600):
        lines.append(f'v{n}: (( vault "secret/par/p{n % 50}:k{n % 4}" ))')
        lines.append(f'f{n}: (( file "f{n % 20}.txt" ))')
        lines.append(f"g{n}: (( grab v{n} ))")
        lines.append(f'c{n}: (( concat g{n} "/" f{n} ))')
        lines.append(f'n{n}: (( vault (concat "secret/par/p" "{n % 50}" ":k0") ))')
    path = tmp_path / "big.yml"
    path.write_text("\n".join(lines) + "\n")
    env = {**vault.env(), "GRAFT_FILE_BASE_PATH": str(tmp_path)}
    expected = run_cli("merge", str(path), env=env)
    assert expected[0] == 0 and "c599: 49-3/file-19\n" in expected[1]
    for strategy in ("conservative", "aggressive", "adaptive"):
        variant = {**PARALLEL, "GRAFT_PARALLEL_WORKERS": "64", "GRAFT_PARALLEL_STRATEGY": strategy}
        assert run_cli("merge", str(path), env={**env, **variant}) == expected
