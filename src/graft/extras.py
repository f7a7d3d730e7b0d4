"""The optional parts of graft and what they need (README, "Install").

The core needs only PyYAML. ``pip install "graft-yaml[aws]"`` adds boto3 for
``awsparam``/``awssecret``, ``[nats]`` adds nats-py for ``nats``,
``[metrics]`` adds prometheus_client for the Prometheus text of the metrics,
and ``[all]`` adds every one. A run that needs a part that is not installed
says which extra to install instead of failing on an import.
"""

from __future__ import annotations

import functools
import importlib.util

from graft import DISTRIBUTION
from graft.errors import GraftError

# module -> (the package that provides it, the extra that installs it)
NEEDS = {
    "boto3": ("boto3", "aws"),
    "nats": ("nats-py", "nats"),
    "prometheus_client": ("prometheus_client", "metrics"),
}


class MissingExtra(GraftError):
    """Something asked for a part of graft whose extra is not installed."""


@functools.cache
def installed(module: str) -> bool:
    """Whether ``module`` can be imported (looked up once, not imported)."""
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def advice(module: str, user: str) -> str:
    """``awsparam needs boto3: pip install "graft-yaml[aws]"``."""
    package, extra = NEEDS[module]
    return f'{user} needs {package}: pip install "{DISTRIBUTION}[{extra}]"'


def require(module: str, user: str) -> None:
    """Raise ``MissingExtra`` naming the extra to install when ``module`` is missing."""
    if not installed(module):
        raise MissingExtra(advice(module, user))
