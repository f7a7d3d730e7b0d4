"""Benchmarks of parallel execution (`benchmarks/run.py parallel`).

Against a real OpenBao dev server behind a loopback proxy that adds 10 ms each
way, sequential runs and `GRAFT_PARALLEL=true GRAFT_PARALLEL_WORKERS=16` runs
alternate, and their medians are compared in one run:

* 200 distinct vault reads, and 50 distinct reads;
* 200 reads of 50 secret paths (4 keys each): requests the server saw, in
  each mode, batched or not;
* a mixed document: 2,000 pure operators and 100 vault reads whose paths come
  from operators and whose results feed others;

and, without a server, the 20,000-operator document of `operators.py` under
each strategy against the sequential run.

Each vault figure is given twice: the whole process (what a user waits for)
and the time the operators ran, i.e. the wall time of the executor in each
phase (`duration.total` of `GRAFT_METRICS_FILE`, which every run writes, so
both modes pay the same for it). The 20,000-operator runs have no metrics.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE.parent / "src"))

PARALLEL = {"GRAFT_PARALLEL": "true", "GRAFT_PARALLEL_WORKERS": "16"}


def distinct(count: int) -> str:
    return "".join(f'd{n}: (( vault "secret/bench/d{n}:v" ))\n' for n in range(count))


def shared() -> str:
    return "".join(
        f'p{n}_{k}: (( vault "secret/bench/p{n}:k{k}" ))\n' for n in range(50) for k in range(4)
    )


def mixed() -> str:
    """100 vault reads whose paths are computed by operators, 1,900 more pure
    operators, most of them reading the secrets (2,000 pure in all)."""
    lines = ["meta:", "  env: prod", "  ids:"]
    lines += [f"    i{n}: {n}" for n in range(100)]
    lines.append("ids:")
    lines += [f"  p{n}: (( grab meta.ids.i{n} ))" for n in range(100)]  # 100 pure
    lines.append("secrets:")
    lines += [
        f'  s{n}: (( vault (concat "secret/bench/d" ids.p{n} ":v") ))' for n in range(100)
    ]  # 100 reads
    lines.append("derived:")
    for n in range(1900):  # 1,900 pure, reading secrets and one another
        k = n % 100
        if n % 4 == 0:
            lines.append(f'  u{n}: (( concat secrets.s{k} "-" meta.env ))')
        elif n % 4 == 1:
            lines.append(f"  u{n}: (( grab derived.u{n - 1} ))")
        elif n % 4 == 2:
            lines.append(f"  u{n}: (( ids.p{k} * 2 + 1 ))")
        else:
            lines.append(f'  u{n}: (( join "," [ derived.u{n - 3}, derived.u{n - 2} ] ))')
    return "\n".join(lines) + "\n"


def _phase_seconds(path: Path) -> float:
    from graft.gofmt import parse_duration

    return parse_duration(json.loads(path.read_text())["duration"]["total"])


def compare(
    timed: Any,
    graft: Path,
    document: Path,
    base_env: dict,
    modes: dict[str, dict],
    runs: int,
    metrics: bool = True,
) -> dict[str, tuple[float, float]]:
    """Median (process wall, execution wall) of each mode, runs alternating; without
    ``metrics`` only the process wall is measured (0 for the other)."""
    walls: dict[str, list[float]] = {mode: [] for mode in modes}
    phases: dict[str, list[float]] = {mode: [] for mode in modes}
    with tempfile.TemporaryDirectory() as scratch:
        metrics_file = Path(scratch) / "metrics.json"
        settings = {
            "GRAFT_METRICS": "true",
            "GRAFT_METRICS_PORT": "0",
            "GRAFT_METRICS_FILE": str(metrics_file),
        }
        shuffle = random.Random(1).shuffle  # a fresh order each round: no slot is favoured
        for _ in range(runs):
            order = list(modes.items())
            shuffle(order)
            for mode, extra in order:
                env = {**base_env, **(settings if metrics else {}), **extra}
                walls[mode].append(timed([str(graft), "merge", str(document)], env=env)[0])
                phases[mode].append(_phase_seconds(metrics_file) if metrics else 0.0)
    return {m: (statistics.median(walls[m]), statistics.median(phases[m])) for m in modes}


def report(name: str, results: dict[str, tuple[float, float]], base: str = "sequential") -> None:
    wall0, phase0 = results[base]
    for mode, (wall, phase) in results.items():
        line = f"{name} {mode}: median wall {wall:.3f} s, operators ran {phase:.3f} s"
        if mode != base:
            line += f" -> {wall0 / wall:.1f}x faster (operators {phase0 / phase:.1f}x)"
        print(line)


@contextmanager
def slow_vault() -> Iterator[tuple[Any, dict[str, str]]]:
    """A real OpenBao dev server with the benchmark's secrets, behind a proxy that
    adds 10 ms each way: (the proxy, the environment that points graft at it)."""
    from servers.http_proxy import CountingProxy
    from servers.vault import VaultServer

    server = VaultServer()
    proxy = CountingProxy(server.addr, delay=0.010)
    try:
        for n in range(200):
            server.put(f"secret/bench/d{n}", {"v": f"value-{n}"})
        for n in range(50):
            server.put(f"secret/bench/p{n}", {f"k{k}": f"{n}-{k}" for k in range(4)})
        yield proxy, {**os.environ, **server.env(), "VAULT_ADDR": proxy.url}
    finally:
        proxy.stop()
        server.stop()


def bench(timed: Any, graft: Path, data: Path, runs: int) -> None:
    with slow_vault() as (proxy, env):
        modes = {"sequential": {}, "parallel-16": PARALLEL}
        for name, text in (
            ("vault-distinct-200", distinct(200)),
            ("vault-distinct-50", distinct(50)),
        ):
            path = data / f"{name}.yml"
            path.write_text(text)
            report(name, compare(timed, graft, path, env, modes, runs))

        path = data / "vault-shared-50x4.yml"
        path.write_text(shared())
        for mode, extra in (
            ("sequential", {}),
            ("parallel-16", PARALLEL),
            ("parallel-16-batch", {**PARALLEL, "GRAFT_BATCH": "true"}),
        ):
            proxy.reset()
            wall = timed([str(graft), "merge", str(path)], env={**env, **extra})[0]
            print(f"vault-shared-50x4 {mode}: {proxy.total()} requests, wall {wall:.3f} s")

        path = data / "mixed-2000-100.yml"
        path.write_text(mixed())
        report("mixed-2000+100", compare(timed, graft, path, env, modes, runs))

    from operators import document

    path = data / "operators-20000.yml"
    if not path.exists():
        path.write_text(document(20_000))
    # "sequential-again" runs exactly what "sequential" runs: the gap between the two
    # is this machine's noise in this run, the yardstick for the strategies' figures.
    modes = {"sequential": {}, "sequential-again": {}}
    for strategy in ("conservative", "aggressive", "adaptive"):
        modes[strategy] = {"GRAFT_PARALLEL": "true", "GRAFT_PARALLEL_STRATEGY": strategy}
    results = compare(timed, graft, path, dict(os.environ), modes, max(runs, 21), metrics=False)
    wall0 = results["sequential"][0]
    for mode, (wall, _) in results.items():
        change = "" if mode == "sequential" else f" ({(wall / wall0 - 1) * 100:+.1f}%)"
        print(f"pure-20000 {mode}: median wall {wall:.3f} s{change}")
    evaluation = evaluation_times(path, list(modes), max(runs, 21))
    base = evaluation["sequential"]
    for mode, seconds in evaluation.items():
        change = "" if mode == "sequential" else f" ({(seconds / base - 1) * 100:+.1f}%)"
        print(f"pure-20000 {mode}: evaluation in-process median {seconds:.3f} s{change}")


def evaluation_times(path: Path, modes: list[str], runs: int) -> dict[str, float]:
    """Median time of ``evaluate`` alone on copies of one merged tree, in this process,
    the modes interleaved in a shuffled order each round (the only part of a run
    that the strategies could change, measured where the machine's drift hits
    every mode alike)."""
    import copy
    import gc
    import time

    from graft.config import Settings
    from graft.evaluate import evaluate
    from graft.yamlio.load import load_document

    tree = load_document(path.read_bytes(), str(path))
    settings = {
        mode: Settings(parallel=mode not in ("sequential", "sequential-again"), strategy=mode)
        if mode not in ("sequential", "sequential-again")
        else Settings()
        for mode in modes
    }
    times: dict[str, list[float]] = {mode: [] for mode in modes}
    shuffle = random.Random(2).shuffle
    gc.disable()
    for _ in range(runs):
        order = list(modes)
        shuffle(order)
        for mode in order:
            work = copy.deepcopy(tree)
            start = time.perf_counter()
            evaluate(work, settings=settings[mode], waits=False)
            times[mode].append(time.perf_counter() - start)
    gc.enable()
    return {mode: statistics.median(values) for mode, values in times.items()}
