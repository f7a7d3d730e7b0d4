"""graft: merge YAML/JSON documents the way the Go graft does.

The Python API (``graft.merge``, ``graft.get_features``, ``graft.Evaluator``,
``graft.get_parallel_metrics``, ...) lives in ``graft.api`` and is loaded on
first use, so that the command line starts fast.
"""

from __future__ import annotations

__version__ = "0.1.0"

_API = frozenset(
    {
        "EVAL_PHASE",
        "MERGE_PHASE",
        "PARAM_PHASE",
        "ErrorList",
        "Evaluator",
        "Features",
        "GraftError",
        "MetricsServer",
        "MetricsSnapshot",
        "ParallelEvaluatorConfig",
        "ParallelMetrics",
        "enable_parallel_execution",
        "get_features",
        "get_parallel_metrics",
        "merge",
        "parallel_execution_stats",
        "set_parallel_config",
    }
)


def __getattr__(name: str) -> object:
    if name in _API:
        from graft import api

        return getattr(api, name)
    raise AttributeError(f"module 'graft' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])
