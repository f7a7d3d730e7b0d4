"""``graft plan``: the parallel executor's plan, shown as text, JSON or DOT
(docs/parallel-execution.md, "Seeing the plan"; the JSON schema is there too).

The files are read and merged as ``graft merge`` reads and merges them; then,
instead of evaluating, each phase's operators are analysed
(``graft.evaluate.explain``) and printed. Locations are always recorded, so
every operator shows where it was written.
"""

from __future__ import annotations

import json

from graft import config, locations
from graft.documents import Stdin
from graft.errors import GraftError
from graft.evaluate.explain import PhaseView, PlanView, explain
from graft.gofmt import format_duration, parse_duration
from graft.pipeline import MergeOptions, Run

FORMATS = ("text", "json", "dot")
DEFAULT_LATENCY = 0.020  # seconds: a Vault read across a data centre
JSON_SCHEMA_VERSION = 1


class PlanUsage(ValueError):
    """An option of ``graft plan`` with a value it cannot use."""


def latency(text: str) -> float:
    """A Go duration (``20ms``, ``0.5s``, ``250us``) or a number of milliseconds, in
    seconds."""
    bare = text.strip()
    try:
        if bare.replace(".", "", 1).isdigit():
            return float(bare) / 1000
        return parse_duration(bare)
    except ValueError:
        raise PlanUsage(
            f"--latency must be a duration such as 20ms or 0.5s, not {text!r}"
        ) from None


def workers(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 1024:
        raise PlanUsage(f"--workers must be a whole number from 1 to 1024, not {text!r}")
    return int(text)


def plan(
    options: MergeOptions,
    stdin: Stdin,
    *,
    workers: int | None = None,
    latency: float = DEFAULT_LATENCY,
) -> PlanView:
    """Read and merge the files of ``options``, then analyse without evaluating."""
    if locations.recorder() is None:
        locations.start()
    settings = config.current()
    run = Run(options, settings=settings)
    tree, _ = run.merged(run.read(stdin))
    picks = None
    if options.cherry_pick:
        from graft.tree import split

        picks = [split(p) for p in options.cherry_pick]
    return explain(
        tree,
        settings,
        workers=workers or settings.workers,
        latency=latency,
        picks=picks,
        insertion=options.dataflow_order == "insertion",
    )


def cycle_error(view: PlanView) -> GraftError | None:
    """The error ``graft merge`` would stop with, when the operators form a cycle."""
    if not view.cycles:
        return None
    loops = "; ".join(" -> ".join(cycle) for cycle in view.cycles)
    return GraftError(f"graft plan: cycle detected in operator data-flow graph: {loops}")


# --- text -----------------------------------------------------------------------------


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _phase_text(phase: PhaseView, workers: int) -> list[str]:
    out = [
        f"{phase.phase} phase: {_plural(len(phase.steps), 'operator')} in "
        f"{_plural(len(phase.waves), 'wave')}"
    ]
    steps = {step.path: step for step in phase.steps}
    width = max(len(step.path) for step in phase.steps)
    where = max(len(step.location or "-") for step in phase.steps)
    name = max(len(step.operator) for step in phase.steps)

    def line(path: str) -> list[str]:
        step = steps[path]
        tag = "pool" if step.pool else ("io" if step.io else "")
        lines = [
            f"    {path:<{width}}  {step.operator:<{name}}  {tag:<4}  "
            f"{step.location or '-':<{where}}  {step.expression}".rstrip()
        ]
        if step.needs:
            lines.append(f"    {'':<{width}}  waits for {', '.join(step.needs)}")
        return lines

    for number, wave in enumerate(phase.waves, 1):
        out.append(f"  wave {number}")
        for path in wave:
            out.extend(line(path))
    blocked = [step.path for step in phase.steps if step.wave == 0]
    if blocked:
        out.append("  never ready (a cycle)")
        for path in blocked:
            out.extend(line(path))
    for cycle in phase.cycles:
        out.append(f"  cycle: {' -> '.join(cycle)}")
    if phase.chain:
        out.append(
            f"  longest chain ({_plural(len(phase.chain), 'operator')}): "
            + " -> ".join(phase.chain)
        )
    estimate = phase.estimate
    if estimate.io:
        out.append(
            f"  I/O: {_plural(estimate.io, 'operator')} wait on I/O: about "
            f"{format_duration(estimate.sequential)} sequential, "
            f"{format_duration(estimate.parallel)} with {_plural(workers, 'worker')} "
            f"({estimate.speedup:.1f}x)"
        )
    else:
        out.append("  I/O: no operator waits on I/O")
    return out


def render_text(view: PlanView) -> str:
    total = sum(len(p.steps) for p in view.phases)
    out = [
        f"{_plural(total, 'operator')} in {_plural(len(view.phases), 'phase')}; nothing "
        f"evaluated. Strategy {view.strategy}, {_plural(view.workers, 'worker')}, "
        f"{format_duration(view.latency)} per I/O call.",
    ]
    for phase in view.phases:
        out.append("")
        out.extend(_phase_text(phase, view.workers))
    out.append("")
    pooled = sum(step.pool for phase in view.phases for step in phase.steps)
    if not view.parallel:
        out.append(
            "Parallel execution is off (GRAFT_PARALLEL): every operator runs on one thread; "
            f"with it on, {_plural(pooled, 'operator')} would go to the pool."
        )
    else:
        small = [p.phase for p in view.phases if len(p.steps) < view.min_ops]
        out.append(f"Parallel execution is on: {_plural(pooled, 'operator')} go to the pool.")
        if small:
            out.append(
                f"Phases with fewer than {view.min_ops} operators (GRAFT_PARALLEL_MIN_OPS) run "
                f"sequentially: {', '.join(small)}."
            )
    return "\n".join(out) + "\n"


# --- JSON -----------------------------------------------------------------------------


def as_data(view: PlanView) -> dict:
    """The plan as the JSON document of docs/parallel-execution.md."""
    return {
        "version": JSON_SCHEMA_VERSION,
        "strategy": view.strategy,
        "parallel": view.parallel,
        "min_ops": view.min_ops,
        "workers": view.workers,
        "latency_ms": round(view.latency * 1000, 3),
        "phases": [
            {
                "phase": phase.phase,
                "operators": [step.as_dict() for step in phase.steps],
                "waves": phase.waves,
                "longest_chain": phase.chain,
                "cycles": phase.cycles,
                "estimate": {
                    "io_operators": phase.estimate.io,
                    "sequential_ms": round(phase.estimate.sequential * 1000, 3),
                    "parallel_ms": round(phase.estimate.parallel * 1000, 3),
                    "speedup": round(phase.estimate.speedup, 2),
                },
            }
            for phase in view.phases
        ],
    }


def render_json(view: PlanView) -> str:
    return json.dumps(as_data(view), indent=2, ensure_ascii=False) + "\n"


# --- DOT ------------------------------------------------------------------------------


def _dot(text: str) -> str:
    """A DOT string: quoted, with backslashes, quotes and line breaks escaped."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def render_dot(view: PlanView) -> str:
    """A DOT digraph: one cluster per phase, an edge from each operator to those
    that wait for it; pooled operators filled, cycles in red."""
    out = [
        'digraph "graft plan" {',
        "  rankdir=LR;",
        '  node [shape=box, fontname="monospace"];',
    ]
    for phase in view.phases:
        in_cycle = {
            (a, b) for cycle in phase.cycles for a, b in zip(cycle[1:], cycle, strict=False)
        }
        out.append(f"  subgraph {_dot('cluster_' + phase.phase)} {{")
        out.append(f"    label={_dot(phase.phase + ' phase')};")
        for step in phase.steps:
            label = "\n".join(filter(None, [step.path, step.expression, step.location]))
            style = ', style=filled, fillcolor="lightblue"' if step.pool else ""
            out.append(f"    {_dot(phase.phase + ' ' + step.path)} [label={_dot(label)}{style}];")
        out.append("  }")
        for step in phase.steps:
            for need in step.needs:
                colour = " [color=red]" if (need, step.path) in in_cycle else ""
                out.append(
                    f"  {_dot(phase.phase + ' ' + need)} -> "
                    f"{_dot(phase.phase + ' ' + step.path)}{colour};"
                )
    out.append("}")
    return "\n".join(out) + "\n"


RENDERERS = {"text": render_text, "json": render_json, "dot": render_dot}
