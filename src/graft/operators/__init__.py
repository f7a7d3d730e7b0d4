"""The operator registry: a name to an operator object.

Every module of this package except ``base`` and ``infix`` defines operators
and registers them with ``register``; ``load`` imports them all. Adding an
operator is adding a module; nothing else in the code knows operator names.
Operators that need heavy libraries import them inside ``run``.
"""

from __future__ import annotations

import importlib
import pkgutil

from graft.operators.base import Operator

REGISTRY: dict[str, Operator] = {}

_NOT_OPERATORS = frozenset({"base", "infix"})
_loaded = False


def register(operator: Operator) -> Operator:
    REGISTRY[operator.name] = operator
    return operator


def load() -> dict[str, Operator]:
    """The registry, with every operator module imported."""
    global _loaded
    if not _loaded:
        for module in pkgutil.iter_modules(__path__):
            if module.name not in _NOT_OPERATORS:
                importlib.import_module(f"{__name__}.{module.name}")
        _loaded = True
    return REGISTRY


def phase_of(name: str) -> str | None:
    operator = load().get(name)
    return operator.phase if operator is not None else None
