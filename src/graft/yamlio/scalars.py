"""How a plain (unquoted) scalar is read: graft's rules (docs/output-format.md; D3, D4).

Two rule sets exist. The main reader (``merge``, ``fan``, ``vaultinfo``)
follows go-yaml v3 with our deliberate differences: unquoted ``yes``/``no``/
``on``/``off`` are booleans (but never as map keys), ``y``/``n`` are strings, dates stay the text
written, integers of any size stay exact. The legacy reader (``json`` and
``load``) follows go-yaml v2: ``y``/``n`` are booleans too.
"""

from __future__ import annotations

import re

from graft.lazyre import lazy

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any
_MISSING = object()

_COMMON: dict[str, Any] = {
    "": None,
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
    "yes": True,
    "Yes": True,
    "YES": True,
    "on": True,
    "On": True,
    "ON": True,
    "no": False,
    "No": False,
    "NO": False,
    "off": False,
    "Off": False,
    "OFF": False,
    ".nan": float("nan"),
    ".NaN": float("nan"),
    ".NAN": float("nan"),
    ".inf": float("inf"),
    ".Inf": float("inf"),
    ".INF": float("inf"),
    "+.inf": float("inf"),
    "+.Inf": float("inf"),
    "+.INF": float("inf"),
    "-.inf": float("-inf"),
    "-.Inf": float("-inf"),
    "-.INF": float("-inf"),
}

MAIN_WORDS: dict[str, Any] = dict(_COMMON)
# Map keys are never converted from yes/no/on/off (nor are they in graft): only the
# true/false words make boolean keys, as go-yaml v3 reads them.
KEY_WORDS: dict[str, Any] = {
    word: value for word, value in _COMMON.items() if word.lower() not in ("yes", "no", "on", "off")
}
LEGACY_WORDS: dict[str, Any] = dict(_COMMON, y=True, Y=True, n=False, N=False)

# Go's strconv.ParseInt(s, 0, 64) syntax, once underscores are removed.
_INT = re.compile(r"[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)\Z")
# go-yaml's yamlStyleFloat.
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_DOT_FLOAT = lazy(r"\.[0-9]+(?:[eE][-+]?[0-9]+)?\Z")

_NUMBER_START = frozenset("0123456789+-")


def parse_int(text: str) -> int | None:
    """Go's ``ParseInt(text, 0, ...)`` without the range limit, or None."""
    if not _INT.match(text):
        return None
    body = text.lstrip("+-")
    if len(body) > 1 and body[0] == "0" and body[1] in "01234567":
        value = int(body, 8)
        return -value if text[0] == "-" else value
    return int(text, 0)


def parse_float(text: str) -> float | None:
    """A float in go-yaml's float syntax that Go can represent, or None."""
    if not _FLOAT.match(text):
        return None
    value = float(text)
    if value in (float("inf"), float("-inf")):
        return None  # Go's ParseFloat reports a range error; the text stays a string
    return value


def resolve_plain(text: str, words: dict[str, Any] = MAIN_WORDS) -> Any:
    """The value of an unquoted scalar."""
    value = words.get(text, _MISSING)
    if value is not _MISSING:
        return value
    first = text[0]
    if first in _NUMBER_START:
        plain = text.replace("_", "") if "_" in text else text
        number = parse_int(plain)
        if number is not None:
            return number
        number = parse_float(plain)
        if number is not None:
            return number
        return text
    if first == "." and _DOT_FLOAT.match(text):
        return float(text)
    return text


def resolve_key(text: str) -> Any:
    """The value of an unquoted map key for the main reader."""
    return resolve_plain(text, KEY_WORDS)


def resolve_legacy(text: str) -> Any:
    """The value of an unquoted scalar for the legacy (YAML 1.1) reader."""
    return resolve_plain(text, LEGACY_WORDS)
