"""graft's Python API: merging, and the parallel execution and metrics controls of
``docs/parallel-execution.md`` in Python naming. Reached as ``graft.<name>``
(loaded on first use, so the CLI does not pay for it).

Settings made here override the ``GRAFT_*`` environment variables for every
later run in this process (``graft.config.overrides``).
"""

from __future__ import annotations

import copy
import io
import os
import sys

from graft import _API, config
from graft.config import STRATEGIES, Settings
from graft.errors import ErrorDetail as ErrorDetail
from graft.errors import ErrorList as ErrorList
from graft.errors import GraftError as GraftError
from graft.metrics.collector import METRICS
from graft.metrics.collector import MetricsSnapshot as MetricsSnapshot
from graft.metrics.collector import ParallelMetrics as ParallelMetrics
from graft.metrics.server import MetricsServer as MetricsServer
from graft.operators.base import EVAL, MERGE, PARAM

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

EVAL_PHASE, MERGE_PHASE, PARAM_PHASE = EVAL, MERGE, PARAM

__all__ = sorted(_API)  # the names ``graft`` hands out (listed once, in graft/__init__)


# --- merging -------------------------------------------------------------------------


def _document(value: Any, index: int) -> Any:
    from graft.documents import Document

    name = f"document {index + 1}"
    if isinstance(value, (str, bytes)):
        from graft.documents import parse

        data = value.encode() if isinstance(value, str) else value
        document = parse(data, name, go_patch=True)
    elif isinstance(value, (dict, list)):
        document = Document(name, copy.deepcopy(value), None)
    else:
        raise TypeError(f"{name}: expected a dict, a list of go-patch operations or YAML text")
    if type(document.data) is list:
        _check_operations(document.data, name)
    return document


def _check_operations(items: list, name: str) -> None:
    """A list is read as go-patch operations: say so plainly when it cannot be one."""
    for i, item in enumerate(items):
        if type(item) is not dict:
            shown = "a list" if type(item) is list else f"{item!r}"
            raise GraftError(
                f"{name}: the document is a list, which graft reads as go-patch operations "
                f"(maps with type, path and value), but item {i + 1} is {shown}; "
                "a document to merge must be a map"
            )


def _options(**options: Any) -> Any:
    from graft.pipeline import MergeOptions

    if options.get("dataflow_order") not in ("alphabetical", "insertion"):
        raise ValueError("dataflow_order must be 'alphabetical' or 'insertion'")
    return MergeOptions(**options)


def _settings(settings: dict[str, Any]) -> Settings | None:
    for field, value in settings.items():
        _check(field, value)
    return config.current().replace(**settings) if settings else None


def merge(
    *documents: Any,
    prune: list[str] | None = None,
    cherry_pick: list[str] | None = None,
    skip_eval: bool = False,
    fallback_append: bool = False,
    dataflow_order: str = "alphabetical",
    **settings: Any,
) -> dict:
    """Merge documents left to right and evaluate their operators, as ``graft merge``
    does, and return the result as plain data.

    Each document is a dict, a list of go-patch operations, or YAML text. The
    inputs are not changed. Keyword arguments beyond ``graft merge``'s options
    are settings for this call only (``parallel=True``, ``workers=16``,
    ``strategy="adaptive"``, ``batch=True``, ``min_ops=...``).
    Raises ``GraftError`` (its ``report()`` is what the CLI prints).
    """
    from graft.pipeline import Run

    options = _options(
        prune=prune,
        cherry_pick=cherry_pick,
        skip_eval=skip_eval,
        fallback_append=fallback_append,
        go_patch=True,
        dataflow_order=dataflow_order,
    )
    run_settings = _settings(settings)
    parsed = [_document(value, i) for i, value in enumerate(documents)]
    outcome = Run(options, settings=run_settings).merge(parsed)
    return outcome.tree


def merge_files(
    *paths: str | os.PathLike[str],
    prune: list[str] | None = None,
    cherry_pick: list[str] | None = None,
    skip_eval: bool = False,
    fallback_append: bool = False,
    go_patch: bool = False,
    multi_doc: bool = False,
    dataflow_order: str = "alphabetical",
    **settings: Any,
) -> dict:
    """Read and merge files exactly as ``graft merge FILE...`` does (``-`` is
    standard input; ``go_patch`` and ``multi_doc`` are ``--go-patch`` and ``-m``)
    and return the result as plain data; ``render()`` gives the command's text.
    Errors name the file and line, as the command's do, and each error in
    ``GraftError.errors`` carries the place its operator was written."""
    from graft import locations
    from graft.documents import Stdin
    from graft.pipeline import Run

    if not paths:
        raise ValueError("merge_files needs at least one path")
    options = _options(
        files=[os.fspath(path) for path in paths],
        prune=prune,
        cherry_pick=cherry_pick,
        skip_eval=skip_eval,
        fallback_append=fallback_append,
        go_patch=go_patch,
        multi_doc=multi_doc,
        dataflow_order=dataflow_order,
    )
    run_settings = _settings(settings)
    # `-` reads standard input; a process without one (a daemon) reads nothing
    stream = getattr(sys.stdin, "buffer", None) or io.BytesIO()
    with locations.recording():
        return Run(options, settings=run_settings).merge_inputs(Stdin(stream)).tree


def render(tree: dict) -> str:
    """The YAML text ``graft merge`` prints for ``tree``, byte for byte."""
    from graft.pipeline import render as render_yaml

    return render_yaml(tree)


def render_json(tree: dict) -> str:
    """The line ``graft json`` prints for ``tree`` (compact JSON, keys sorted)."""
    from graft.yamlio.jsonout import UnsupportedValue, to_json

    warnings: list[str] = []
    try:
        return to_json(tree, warnings.append) + "\n"
    except UnsupportedValue as error:
        raise GraftError(str(error)) from None


# --- features and configuration ----------------------------------------------------------

# Feature name -> settings field.
_FEATURES = {
    "parallel_execution": "parallel",
    "parallel_max_workers": "workers",
    "parallel_min_ops": "min_ops",
    "parallel_strategy": "strategy",
    "batch_operations": "batch",
    "enable_metrics": "metrics",
    "metrics_port": "metrics_port",
}


def _check(field: str, value: Any) -> Any:
    if field in ("parallel", "batch", "metrics"):
        if not isinstance(value, bool):
            raise ValueError(f"{field} must be True or False, not {value!r}")
    elif field == "strategy":
        if value not in STRATEGIES:
            raise ValueError(f"strategy must be one of {', '.join(STRATEGIES)}, not {value!r}")
    elif field in ("workers", "min_ops", "metrics_port"):
        low = 1 if field == "workers" else 0
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise ValueError(f"{field} must be a whole number >= {low}, not {value!r}")
    return value


def _override(field: str, value: Any) -> None:
    config.overrides[field] = _check(field, value)


class Features:
    """The feature flags of this process: reading one gives the value a run would
    use now (environment, then overrides); setting one overrides the environment."""

    def __getattr__(self, name: str) -> Any:
        field = _FEATURES.get(name)
        if field is None:
            raise AttributeError(name)
        return getattr(config.current(), field)

    def __setattr__(self, name: str, value: Any) -> None:
        field = _FEATURES.get(name)
        if field is None:
            raise AttributeError(f"unknown feature {name!r}; known: {', '.join(_FEATURES)}")
        _override(field, value)

    def set_parallel_enabled(self, enabled: bool) -> None:
        _override("parallel", enabled)

    def update(self, values: dict[str, Any]) -> None:
        """Set several features at once; unknown names are a ``KeyError`` and nothing
        is changed."""
        unknown = [name for name in values if name not in _FEATURES]
        if unknown:
            raise KeyError(f"unknown features: {', '.join(unknown)}")
        checked = {_FEATURES[n]: _check(_FEATURES[n], v) for n, v in values.items()}
        config.overrides.update(checked)

    def reset(self) -> None:
        """Forget every override: the environment decides again."""
        config.overrides.clear()

    def as_dict(self) -> dict[str, Any]:
        settings = config.current()
        return {name: getattr(settings, field) for name, field in _FEATURES.items()}

    def __repr__(self) -> str:
        return f"Features({self.as_dict()!r})"


_features = Features()


def get_features() -> Features:
    return _features


def enable_parallel_execution(enabled: bool = True) -> None:
    _override("parallel", enabled)


class ParallelEvaluatorConfig:
    """The parallel executor's settings, as one object (``set_parallel_config``)."""

    def __init__(
        self,
        enabled: bool = True,
        max_workers: int | None = None,
        min_ops_for_parallel: int = 10,
        strategy: str = "conservative",
        batch: bool = False,
    ) -> None:
        self.enabled = _check("parallel", enabled)
        self.max_workers = _check("workers", max_workers or Settings().workers)
        self.min_ops_for_parallel = _check("min_ops", min_ops_for_parallel)
        self.strategy = _check("strategy", strategy)
        self.batch = _check("batch", batch)

    def __repr__(self) -> str:
        return (
            f"ParallelEvaluatorConfig(enabled={self.enabled!r}, max_workers={self.max_workers!r}, "
            f"min_ops_for_parallel={self.min_ops_for_parallel!r}, strategy={self.strategy!r}, "
            f"batch={self.batch!r})"
        )


def set_parallel_config(settings: ParallelEvaluatorConfig) -> None:
    config.overrides.update(
        parallel=settings.enabled,
        workers=settings.max_workers,
        min_ops=settings.min_ops_for_parallel,
        strategy=settings.strategy,
        batch=settings.batch,
    )


# --- the evaluator -------------------------------------------------------------------


class Evaluator:
    """Evaluate the operators of a tree in place, one phase or all of them.

    ``Evaluator(tree=data).run_phase_parallel(EVAL_PHASE)`` runs one phase with
    the parallel executor whatever ``GRAFT_PARALLEL`` says (the other settings
    still apply); ``run()`` runs every phase with the current settings.
    """

    def __init__(self, tree: dict) -> None:
        from graft.state import RunState

        self.tree = tree
        self.state = RunState()  # shared by the phases run through this evaluator

    def run(self) -> None:
        from graft.evaluate import Evaluation

        Evaluation(self.tree, state=self.state).run()

    def run_phase(self, phase: str, *, parallel: bool | None = None) -> None:
        from graft.evaluate import Evaluation

        if phase not in (MERGE, PARAM, EVAL):
            raise ValueError(f"unknown phase {phase!r}: use EVAL_PHASE, MERGE_PHASE or PARAM_PHASE")
        settings = config.current()
        if parallel is not None:
            settings = settings.replace(parallel=parallel)
        Evaluation(self.tree, state=self.state, settings=settings).run_phase(phase)

    def run_phase_parallel(self, phase: str) -> None:
        self.run_phase(phase, parallel=True)


# --- statistics and metrics ----------------------------------------------------------


def parallel_execution_stats() -> dict[str, Any]:
    """What the last parallel phase of this process did: ``operations``,
    ``parallel``, ``sequential``, ``wall_seconds``, ``busy_seconds``, ``speedup``
    (busy / wall), ``strategy``, ``workers``. Zeros before any parallel phase."""
    from graft.evaluate.parallel import LAST_STATS

    stats: dict[str, Any] = {
        "operations": 0,
        "parallel": 0,
        "sequential": 0,
        "wall_seconds": 0.0,
        "busy_seconds": 0.0,
        "speedup": 0.0,
        "strategy": None,
        "workers": 0,
    }
    stats.update(LAST_STATS)
    return stats


def get_parallel_metrics() -> ParallelMetrics:
    """The process-wide collector (it records only while metrics are enabled)."""
    return METRICS
