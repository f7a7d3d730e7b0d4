"""The ``GRAFT_*`` settings of parallel execution and metrics, read in one place.

``Settings.from_env()`` reads the environment once per run; the Python API
(``graft.set_parallel_config``, ``graft.get_features()``) can override any
field through ``overrides``. No other module reads these variables.

| variable                    | default         | meaning                                  |
|-----------------------------|-----------------|------------------------------------------|
| GRAFT_PARALLEL              | false           | run operators that wait on I/O in parallel |
| GRAFT_PARALLEL_WORKERS      | CPU count       | threads of the pool                      |
| GRAFT_PARALLEL_MIN_OPS      | 10              | fewer sites in a phase run sequentially  |
| GRAFT_PARALLEL_STRATEGY     | conservative    | conservative, aggressive or adaptive     |
| GRAFT_BATCH                 | false           | group fetches of one back end per wave   |
| GRAFT_METRICS               | false           | collect metrics and serve them over HTTP |
| GRAFT_METRICS_PORT          | 9090            | port of the metrics server (0: any free) |
| GRAFT_METRICS_HOST          | 127.0.0.1       | address the metrics server binds         |
| GRAFT_METRICS_FILE          | (none)          | write the final metrics to this file     |
| GRAFT_METRICS_PUSHGATEWAY   | (none)          | push the final metrics to this gateway   |
| GRAFT_METRICS_JOB           | graft           | the job name of the push                 |
| GRAFT_MAX_ITEMS             | 10000000        | most values an operator may build, and   |
|                             |                 | the written document may expand to       |
| GRAFT_MAX_BYTES             | 256 MiB         | largest file ``file``/``load`` reads and |
|                             |                 | longest string an operator builds        |
| DEBUG, TRACE                | false           | debug/trace lines (like ``-D``/``-T``)   |
"""

from __future__ import annotations

import os

from graft.errors import GraftError

STRATEGIES = ("conservative", "aggressive", "adaptive")
MAX_ITEMS = 10_000_000  # GRAFT_MAX_ITEMS
MAX_BYTES = 256 << 20  # GRAFT_MAX_BYTES
_TRUE = ("1", "true", "yes", "on", "t", "y")
_FALSE = ("0", "false", "no", "off", "f", "n", "")


class ConfigError(GraftError):
    """A ``GRAFT_*`` variable with a value that cannot be used."""


def _bool(name: str, text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ConfigError(f"{name} must be true or false, not {text!r}")


def flag(value: str | None) -> bool:
    """graft's reading of ``DEBUG``/``TRACE``: set, non-empty, not 0, not false (any
    other text turns them on, as in the Go graft)."""
    return bool(value) and value != "0" and value.lower() != "false"


def logging_flags() -> tuple[bool, bool]:
    """``(DEBUG, TRACE)`` from the environment, read as graft reads them."""
    return flag(os.environ.get("DEBUG")), flag(os.environ.get("TRACE"))


def _int(name: str, text: str, low: int, high: int) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {text!r}") from None
    if not low <= value <= high:
        raise ConfigError(f"{name} must be between {low} and {high}, not {value}")
    return value


def _strategy(name: str, text: str) -> str:
    value = text.strip().lower()
    if value not in STRATEGIES:
        raise ConfigError(f"{name} must be one of {', '.join(STRATEGIES)}, not {text!r}")
    return value


def _text(name: str, text: str) -> str | None:
    return text.strip() or None


def _port(name: str, text: str) -> int:
    return _int(name, text, 0, 65535)


_SIZE_UNITS = {"": 1, "k": 1 << 10, "kib": 1 << 10, "m": 1 << 20, "mib": 1 << 20}
_SIZE_UNITS.update({"g": 1 << 30, "gib": 1 << 30})


def _size(name: str, text: str) -> int:
    """A number of bytes, optionally with a unit: ``1048576``, ``512KiB``, ``256MiB``,
    ``2GiB`` (``K``, ``M``, ``G`` alike)."""
    stripped = text.strip()
    digits = stripped.rstrip("KkMmGgIiBb")
    unit = stripped[len(digits) :].lower()
    if unit not in _SIZE_UNITS or not digits.strip().isdigit():
        raise ConfigError(
            f"{name} must be a size in bytes such as 268435456 or 256MiB, not {text!r}"
        )
    value = int(digits) * _SIZE_UNITS[unit]
    if value < 1:
        raise ConfigError(f"{name} must be at least 1 byte, not {text!r}")
    return value


# field -> (variable, reader); the defaults live in Settings.__init__.
_FIELDS = {
    "parallel": ("GRAFT_PARALLEL", _bool),
    "workers": ("GRAFT_PARALLEL_WORKERS", lambda n, t: _int(n, t, 1, 1024)),
    "min_ops": ("GRAFT_PARALLEL_MIN_OPS", lambda n, t: _int(n, t, 0, 1 << 31)),
    "strategy": ("GRAFT_PARALLEL_STRATEGY", _strategy),
    "batch": ("GRAFT_BATCH", _bool),
    "metrics": ("GRAFT_METRICS", _bool),
    "metrics_port": ("GRAFT_METRICS_PORT", _port),
    "metrics_host": ("GRAFT_METRICS_HOST", _text),
    "metrics_file": ("GRAFT_METRICS_FILE", _text),
    "pushgateway": ("GRAFT_METRICS_PUSHGATEWAY", _text),
    "metrics_job": ("GRAFT_METRICS_JOB", _text),
    "max_items": ("GRAFT_MAX_ITEMS", lambda n, t: _int(n, t, 1, 1 << 62)),
    "max_bytes": ("GRAFT_MAX_BYTES", _size),
    "debug": ("DEBUG", lambda n, t: flag(t)),
    "trace": ("TRACE", lambda n, t: flag(t)),
}


class Settings:
    """The settings of one run (read-only once built)."""

    __slots__ = tuple(_FIELDS)

    def __init__(self, **values: object) -> None:
        defaults = {
            "parallel": False,
            "workers": os.cpu_count() or 1,
            "min_ops": 10,
            "strategy": "conservative",
            "batch": False,
            "metrics": False,
            "metrics_port": 9090,
            "metrics_host": "127.0.0.1",
            "metrics_file": None,
            "pushgateway": None,
            "metrics_job": "graft",
            "max_items": MAX_ITEMS,
            "max_bytes": MAX_BYTES,
            "debug": False,
            "trace": False,
        }
        unknown = set(values) - set(defaults)
        if unknown:
            raise TypeError(f"unknown settings: {', '.join(sorted(unknown))}")
        defaults.update(values)
        for field, value in defaults.items():
            object.__setattr__(self, field, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Settings are read-only; build new ones with replace()")

    def replace(self, **values: object) -> Settings:
        current = {field: getattr(self, field) for field in _FIELDS}
        current.update(values)
        return Settings(**current)

    def __repr__(self) -> str:
        inner = ", ".join(f"{field}={getattr(self, field)!r}" for field in _FIELDS)
        return f"Settings({inner})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Settings) and all(
            getattr(self, f) == getattr(other, f) for f in _FIELDS
        )

    __hash__ = None  # type: ignore[assignment]

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """The settings the environment asks for; a bad value is a ``ConfigError``
        naming the variable."""
        environ = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for field, (variable, reader) in _FIELDS.items():
            text = environ.get(variable)
            if text is None:
                continue
            value = reader(variable, text)
            if value is not None:
                values[field] = value
        return cls(**values)


# What the Python API set; applied on top of the environment for every run.
overrides: dict[str, object] = {}


def current() -> Settings:
    """The settings of a run starting now: the environment, then the API's overrides."""
    settings = Settings.from_env()
    return settings.replace(**overrides) if overrides else settings
