"""The operator registry: a name to an operator object.

``INDEX`` below names every operator, the module that defines it and its
phase. Each of those modules registers its operators with ``register`` when
it is imported, which happens the first time a document uses one of them:
a run imports only the operator modules it needs (``registry()``), and the
phase of a name is known without importing anything (``phase_of``). A test
checks that the index and the modules agree. Adding an operator is adding a
module and its line in ``INDEX``; nothing else in the code knows operator
names. Operators that need heavy libraries import them inside ``run``.
"""

from __future__ import annotations

import functools
import re

from graft.operators.base import EVAL, MERGE, PARAM, Operator

# name -> (module in this package, phase, waits on I/O)
INDEX: dict[str, tuple[str, str, bool]] = {
    "awsparam": ("aws", EVAL, True),
    "awssecret": ("aws", EVAL, True),
    "base64": ("base64_ops", EVAL, False),
    "base64-decode": ("base64_ops", EVAL, False),
    "calc": ("calc", EVAL, False),
    "cartesian-product": ("cartesian_product", EVAL, False),
    "concat": ("concat", EVAL, False),
    "defer": ("defer", EVAL, False),
    "empty": ("empty", EVAL, False),
    "file": ("files", EVAL, True),
    "grab": ("grab", EVAL, False),
    "inject": ("inject", MERGE, False),
    "ips": ("ips", EVAL, False),
    "join": ("join", EVAL, False),
    "keys": ("keys", EVAL, False),
    "load": ("files", EVAL, True),
    "nats": ("nats", EVAL, True),
    "negate": ("negate", EVAL, False),
    "null": ("null", EVAL, False),
    "param": ("param", PARAM, False),
    "prune": ("prune", EVAL, False),
    "shuffle": ("shuffle", EVAL, False),
    "sort": ("sort", MERGE, False),
    "split": ("split", EVAL, False),
    "static_ips": ("static_ips", EVAL, False),
    "stringify": ("stringify", EVAL, False),
    "vault": ("vault", EVAL, True),
    "vault-try": ("vault", EVAL, True),
}

PHASE_OF: dict[str, str] = {name: entry[1] for name, entry in INDEX.items()}


class Registry(dict):
    """Name -> operator; an operator's module is imported the first time its name
    is looked up. Unknown names are missing, as in a plain dict."""

    def __missing__(self, name: str) -> Operator:
        entry = INDEX.get(name)
        if entry is None:
            raise KeyError(name)
        __import__(f"{__name__}.{entry[0]}")  # (importlib would cost its own import)
        return dict.__getitem__(self, name)

    def get(self, name: str, default: Operator | None = None) -> Operator | None:  # type: ignore[override]
        return self[name] if name in INDEX else default

    def __contains__(self, name: object) -> bool:
        return name in INDEX


REGISTRY = Registry()


def register(operator: Operator) -> Operator:
    REGISTRY[operator.name] = operator
    return operator


def registry() -> Registry:
    """The registry; operator modules load as their names are looked up."""
    return REGISTRY


def load() -> Registry:
    """The registry with every operator module imported."""
    for name in INDEX:
        REGISTRY[name]
    return REGISTRY


@functools.cache
def early_names() -> re.Pattern[bytes]:
    """A pattern that finds, in raw text, the name of any operator that runs before
    the eval phase: text without one needs no walk for those phases."""
    names = sorted(n for n, phase in PHASE_OF.items() if phase != EVAL)
    return re.compile(rb"\b(?:" + b"|".join(re.escape(n.encode()) for n in names) + rb")\b")


@functools.cache
def waiting_names() -> re.Pattern[bytes]:
    """A pattern that finds, in raw text, the name of any operator that waits on
    I/O: without one, no site can go to the parallel executor's pool."""
    names = sorted(n for n, entry in INDEX.items() if entry[2])
    return re.compile(rb"\b(?:" + b"|".join(re.escape(n.encode()) for n in names) + rb")\b")


def phase_of(name: str) -> str | None:
    return PHASE_OF.get(name)
