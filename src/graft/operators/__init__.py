"""The operator registry: a name to an operator object.

Every module of this package except ``base`` and ``infix`` defines operators
and registers them with ``register``; ``load`` imports them all. Adding an
operator is adding a module; nothing else in the code knows operator names.
Operators that need heavy libraries import them inside ``run``.
"""

from __future__ import annotations

import functools
import importlib
import os
import re

from graft.operators.base import EVAL, Operator

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
        # Listing the folder ourselves: pkgutil costs 20 ms of imports at start-up.
        names = sorted(
            name[:-3]
            for name in os.listdir(__path__[0])
            if name.endswith(".py") and name != "__init__.py"
        )
        for name in names:
            if name not in _NOT_OPERATORS:
                importlib.import_module(f"{__name__}.{name}")
        _loaded = True
    return REGISTRY


@functools.cache
def early_names() -> re.Pattern[bytes]:
    """A pattern that finds, in raw text, the name of any operator that runs before
    the eval phase: text without one needs no walk for those phases."""
    names = sorted(n for n, op in load().items() if op.phase != EVAL)
    return re.compile(rb"\b(?:" + b"|".join(re.escape(n.encode()) for n in names) + rb")\b")


def phase_of(name: str) -> str | None:
    operator = load().get(name)
    return operator.phase if operator is not None else None
