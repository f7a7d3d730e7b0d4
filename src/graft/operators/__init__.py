"""The operator registry: a name to an operator object.

Adding an operator is adding a module that calls ``register`` and one line
in ``_MODULES``; nothing else in the code knows operator names.
"""

from __future__ import annotations

import importlib

from graft.operators.base import Operator

REGISTRY: dict[str, Operator] = {}

_MODULES = (
    "grab",
    "concat",
    "param",
    "prune",
    "sort",
    "null",
    "defer",
)
_loaded = False


def register(operator: Operator) -> Operator:
    REGISTRY[operator.name] = operator
    return operator


def load() -> dict[str, Operator]:
    """The registry, with every operator module imported."""
    global _loaded
    if not _loaded:
        for module in _MODULES:
            importlib.import_module(f"graft.operators.{module}")
        _loaded = True
    return REGISTRY


def phase_of(name: str) -> str | None:
    operator = load().get(name)
    return operator.phase if operator is not None else None
