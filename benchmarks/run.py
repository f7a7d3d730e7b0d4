"""Benchmarks of the graft CLI: `python benchmarks/run.py` (or `make bench`).

merge-5mb   `graft merge --skip-eval` of a generated 5 MB BOSH-style manifest
            (benchmarks/manifest.py): wall time and peak memory (max RSS).
operators   `graft merge` of documents with N operator sites (grabs, concats,
            chains of grabs, arithmetic, references to maps holding operators;
            benchmarks/operators.py) for N = 2,000, 20,000 and 100,000, and the
            ratio time(100k) / time(20k) (linear time means about 5).
locations   `graft merge` of the 20,000-operator document with `--locations off`
            and `--locations on`, alternating: the cost of recording where each
            operator was written (the ratio on/off).
small       `graft merge` of a 3-line file: start-up time.
vault       200 distinct `vault` reads, then 200 reads of 50 secret paths (4
            keys each), through a loopback proxy that adds 10 ms each way to a
            real OpenBao dev server: wall time and the requests the server saw.
parallel    sequential against GRAFT_PARALLEL=true runs: 200 and 50 vault reads with
            10 ms each way, 200 reads of 50 paths (requests), a mixed document,
            and 20,000 pure operators under each strategy (benchmarks/parallel.py).
diff        `graft diff` of two generated ~170 KB manifests (values, comments,
            keys and list entries changed); with GRAFT_GO naming a Go
            graft binary, the same diff by it and the ratio ours/Go.
bad-input   each hostile input (10,000 nested lists, an alias bomb, binary
            junk, ...) must end in an error: wall time and peak memory of each.

Each figure is the median of several runs of the installed `graft` command,
in fresh processes. The machine is shared and noisy: compare ratios measured
in one run, not times taken on different days.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
GRAFT = Path(sys.executable).with_name("graft")


def timed(argv: list[str], *, fails: bool = False, env: dict | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS in bytes of one run of ``argv`` (which must
    succeed, or fail when ``fails``)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if (proc.returncode != 0) != fails:
        raise SystemExit(f"{' '.join(argv)}: exit {proc.returncode}: {proc.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss * 1024


def manifest_file(size: int) -> Path:
    from manifest import manifest

    DATA.mkdir(exist_ok=True)
    path = DATA / f"manifest-{size}.yml"
    if not path.exists():
        path.write_text(manifest(size))
    return path


def bench_merge_5mb(runs: int) -> None:
    path = manifest_file(5_000_000)
    samples = [timed([str(GRAFT), "merge", "--skip-eval", str(path)]) for _ in range(runs)]
    wall = statistics.median(s[0] for s in samples)
    peak = max(s[1] for s in samples)
    print(
        f"merge-5mb: {path.stat().st_size / 1e6:.1f} MB, median wall {wall:.3f} s, "
        f"min {min(s[0] for s in samples):.3f} s, peak RSS {peak / 2**20:.0f} MiB "
        f"({runs} runs; Go graft on this machine class: 0.87 s, 250 MiB)"
    )


def _bad_inputs() -> dict[str, bytes]:
    laughs = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        laughs += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]\n"
    return {
        "nested-10000.yml": ("a: " + "[" * 10_000 + "]" * 10_000 + "\n").encode(),
        "billion-laughs.yml": laughs.encode(),
        "binary-junk.yml": bytes(range(256)) * 4096,
        "invalid-utf8.yml": b"a: " + b"\xff" * 1_000_000 + b"\n",
        "malformed.yml": b"a: [1, 2\n" * 100_000,
        "list-root.yml": b"- x\n" * 100_000,
    }


def bench_bad_input() -> None:
    directory = DATA / "bad"
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in _bad_inputs().items():
        path = directory / name
        path.write_bytes(content)
        wall, peak = timed([str(GRAFT), "merge", str(path)], fails=True)
        print(f"bad-input {name}: error after {wall:.3f} s, peak RSS {peak / 2**20:.0f} MiB")


def bench_operators(runs: int) -> None:
    from operators import document

    times = {}
    for n in (2_000, 20_000, 100_000):
        path = DATA / f"operators-{n}.yml"
        if not path.exists():
            path.write_text(document(n))
        count = runs if n < 100_000 else max(1, runs // 3)
        samples = [timed([str(GRAFT), "merge", str(path)]) for _ in range(count)]
        times[n] = statistics.median(s[0] for s in samples)
        peak = max(s[1] for s in samples)
        print(f"operators-{n}: median wall {times[n]:.3f} s, peak RSS {peak / 2**20:.0f} MiB")
    print(f"operators: time(100k) / time(20k) = {times[100_000] / times[20_000]:.2f}")


def bench_locations(runs: int) -> None:
    from operators import document

    path = DATA / "operators-20000.yml"
    if not path.exists():
        path.write_text(document(20_000))
    times: dict[str, list[float]] = {"off": [], "on": []}
    for i in range(runs * 2):
        for switch in ("off", "on") if i % 2 == 0 else ("on", "off"):
            times[switch].append(timed([str(GRAFT), "--locations", switch, "merge", str(path)])[0])
    off, on = statistics.median(times["off"]), statistics.median(times["on"])
    print(f"locations: 20k operators, off {off:.3f} s, on {on:.3f} s, on/off {on / off:.3f}")


def bench_small(runs: int) -> None:
    path = DATA / "small.yml"
    path.write_text('name: small\nport: 8080\nhost: (( concat name "-host" ))\n')
    graft, python = [], []
    for _ in range(runs * 4):  # alternating: the interpreter alone is the baseline
        graft.append(timed([str(GRAFT), "merge", str(path)])[0])
        python.append(timed([sys.executable, "-c", "pass"])[0])
    print(
        f"small: 3-line file, median wall {statistics.median(graft) * 1000:.0f} ms, "
        f"best {min(graft) * 1000:.0f} ms (python -c pass: median "
        f"{statistics.median(python) * 1000:.0f} ms, best {min(python) * 1000:.0f} ms)"
    )


def diff_files() -> tuple[Path, Path]:
    """Two ~170 KB manifests that differ in values, comments, keys and list entries.

    Their certificates (multi-line strings) are the same: the Go graft spends much
    longer than on anything else on a changed certificate, which would flatter
    the ratio.
    """
    from manifest import manifest

    first, second = DATA / "diff-a.yml", DATA / "diff-b.yml"
    if first.exists() and second.exists():
        return first, second
    text = manifest(170_000)
    lines = text.split("\n")
    changed = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("port: ") and i % 3 == 0:
            line = line.replace("port: 8", "port: 9")
        elif stripped.startswith("timeout: ") and i % 4 == 0:
            line += "  # tuned"
        elif stripped == "stemcell: default" and i % 2 == 0:
            line += "\n  env: {persistent_disk_fs: ext4}"
        elif stripped.startswith("vm_type: small"):
            line = line.replace("small", "tiny")
        elif stripped.startswith("tags: [alpha, beta") and i % 5 == 0:
            line = line.replace("alpha, beta", "beta, alpha")
        changed.append(line)
    other = "\n".join(changed)
    other = other.replace("- name: group-3\n", "- name: group-3-renamed\n")
    other = other.replace("  max_in_flight: 10%\n", "  max_in_flight: 20%\n  drain: true\n")
    first.write_text(text)
    second.write_text(other)
    return first, second


def bench_diff(runs: int) -> None:
    first, second = diff_files()
    size = (first.stat().st_size + second.stat().st_size) / 2e3
    go = os.environ.get("GRAFT_GO")
    cases = (
        (f"diff: two ~{size:.0f} KB manifests", second, True),
        ("diff: a manifest against itself (no differences)", first, False),
    )
    for label, other, differ in cases:
        ours, theirs = [], []
        for _ in range(runs * 2):  # alternating, so both see the same machine load
            argv = ["diff", str(first), str(other)]
            ours.append(timed([str(GRAFT), *argv], fails=differ)[0])
            if go:
                theirs.append(timed([go, *argv], fails=differ)[0])
        line = f"{label}, median wall {statistics.median(ours) * 1000:.0f} ms"
        if theirs:
            ratio = statistics.median(ours) / statistics.median(theirs)
            line += (
                f", Go graft {statistics.median(theirs) * 1000:.0f} ms, ratio ours/Go {ratio:.2f}"
            )
        print(line)


def bench_vault(runs: int) -> None:
    from parallel import distinct, shared, slow_vault

    with slow_vault() as (proxy, env):
        for name, text in (("distinct-200", distinct(200)), ("shared-50x4", shared())):
            path = DATA / f"vault-{name}.yml"
            path.write_text(text)
            walls = []
            for _ in range(max(1, runs // 2)):
                proxy.reset()
                walls.append(timed([str(GRAFT), "merge", str(path)], env=env)[0])
            print(
                f"vault-{name}: median wall {statistics.median(walls):.3f} s, "
                f"{proxy.total()} requests (sequential)"
            )


def bench_parallel(runs: int) -> None:
    import parallel

    parallel.bench(timed, GRAFT, DATA, runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "only",
        nargs="*",
        help="merge-5mb, operators, locations, small, diff, vault, parallel, bad-input",
    )
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    DATA.mkdir(exist_ok=True)
    benches = {
        "merge-5mb": lambda: bench_merge_5mb(args.runs),
        "operators": lambda: bench_operators(args.runs),
        "locations": lambda: bench_locations(args.runs),
        "small": lambda: bench_small(args.runs),
        "diff": lambda: bench_diff(args.runs),
        "vault": lambda: bench_vault(args.runs),
        "parallel": lambda: bench_parallel(args.runs),
        "bad-input": bench_bad_input,
    }
    for name, bench in benches.items():
        if not args.only or name in args.only:
            bench()


if __name__ == "__main__":
    main()
