"""graft: merge YAML/JSON documents the way the Go graft does.

The Python API (``graft.merge``, ``graft.merge_files``, ``graft.render``,
``graft.GraftError``, ``graft.get_features``, ``graft.Evaluator``, ...) lives in
``graft.api`` and is loaded on first use, so that the command line starts
fast; type checkers see the imports below. ``graft.__version__`` is the
installed distribution's version (``graft-yaml``), read when first asked for.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from graft.api import (
        EVAL_PHASE,
        MERGE_PHASE,
        PARAM_PHASE,
        ErrorDetail,
        ErrorList,
        Evaluator,
        Features,
        GraftError,
        MetricsServer,
        MetricsSnapshot,
        ParallelEvaluatorConfig,
        ParallelMetrics,
        enable_parallel_execution,
        get_features,
        get_parallel_metrics,
        merge,
        merge_files,
        parallel_execution_stats,
        render,
        render_json,
        set_parallel_config,
    )

    __version__: str

__all__ = [
    "EVAL_PHASE",
    "MERGE_PHASE",
    "PARAM_PHASE",
    "ErrorDetail",
    "ErrorList",
    "Evaluator",
    "Features",
    "GraftError",
    "MetricsServer",
    "MetricsSnapshot",
    "ParallelEvaluatorConfig",
    "ParallelMetrics",
    "__version__",
    "enable_parallel_execution",
    "get_features",
    "get_parallel_metrics",
    "merge",
    "merge_files",
    "parallel_execution_stats",
    "render",
    "render_json",
    "set_parallel_config",
]
_API = frozenset(__all__) - {"__version__"}

DISTRIBUTION = "graft-yaml"


def version() -> str:
    """The installed version of graft-yaml (the package metadata is its only source)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed(DISTRIBUTION)
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"


def __getattr__(name: str) -> object:
    if name == "__version__":
        return version()
    if name in _API:
        from graft import api

        return getattr(api, name)
    raise AttributeError(f"module 'graft' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])
