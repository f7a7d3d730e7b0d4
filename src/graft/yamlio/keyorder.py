"""go-yaml's "natural" key order (docs/output-format.md), used for every map graft writes."""

from __future__ import annotations

import functools
import re

from graft.values import TypedKey

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

_INT64_MAX = (1 << 63) - 1

# Type ranks: bool < int < uint < float < null < string.
_BOOL, _INT, _UINT, _FLOAT, _NULL, _STR = range(6)


def _rank(value: Any) -> int:
    if isinstance(value, bool):
        return _BOOL
    if isinstance(value, int):
        return _INT if value <= _INT64_MAX else _UINT
    if isinstance(value, float):
        return _FLOAT
    if value is None:
        return _NULL
    return _STR


@functools.cache
def _is_letter(c: str) -> bool:
    import unicodedata  # loaded when keys are first compared this way

    return unicodedata.category(c)[0] == "L"


@functools.cache
def _is_digit(c: str) -> bool:
    import unicodedata

    return unicodedata.category(c) == "Nd"


def _digit_run(s: str, i: int) -> tuple[int, int]:
    import unicodedata

    n = 0
    j = i
    while j < len(s) and _is_digit(s[j]):
        n = n * 10 + unicodedata.digit(s[j], 0)
        j += 1
    return n, j


def string_less(a: str, b: str) -> bool:
    """Whether string key ``a`` sorts before ``b``."""
    for i in range(min(len(a), len(b))):
        x, y = a[i], b[i]
        if x == y and not (_is_digit(x) and _is_digit(y)):
            continue
        lx, ly = _is_letter(x), _is_letter(y)
        if lx and ly:
            return x < y
        if lx or ly:
            return ly
        na, ja = _digit_run(a, i)
        nb, jb = _digit_run(b, i)
        if na != nb:
            return na < nb
        if ja != jb:
            return ja < jb
        if x == y:
            continue
        return x < y
    return len(a) < len(b)


def _less(a: Any, b: Any) -> bool:
    ra, rb = _rank(a), _rank(b)
    if ra <= _FLOAT and rb <= _FLOAT:
        na, nb = float(a) if ra == _FLOAT else int(a), float(b) if rb == _FLOAT else int(b)
        if na != nb:
            return na < nb
        return ra < rb
    if ra != _STR or rb != _STR:
        return ra < rb
    return string_less(a, b)


def _compare(a: Any, b: Any) -> int:
    a = a.value if type(a) is TypedKey else a
    b = b.value if type(b) is TypedKey else b
    if type(a) is str and type(b) is str:
        if a == b:
            return 0
        return -1 if string_less(a, b) else 1
    if _less(a, b):
        return -1
    return 1 if _less(b, a) else 0


_SORT_KEY = functools.cmp_to_key(_compare)


_TOKENS = re.compile(r"\d+|.", re.DOTALL)


def _digits(run: str) -> str:
    """A digit run as text that sorts by value, then by length, then by first digit."""
    value = str(int(run)) if int(run) else ""
    return f"\x01{chr(32 + len(value))}{value}{chr(32 + len(run))}{run[0]}"


def natural_key(text: str) -> str:
    """A sort key that orders strings as ``string_less`` does, as plain text.

    Each letter becomes ``\x02`` and the letter; a digit run its value (by
    length, then digits), its length and its first digit after ``\x01``; any
    other character ``\x01`` with an empty value and length, then the character:
    so non-letters sort before letters, digit runs by number, and two keys
    first differ where ``string_less`` decides between them.
    """
    parts = []
    for token in _TOKENS.findall(text):
        first = token[0]
        if len(token) > 1 or _is_digit(first):
            parts.append(_digits(token))
        elif _is_letter(first):
            parts.append("\x02" + first)
        else:
            parts.append("\x01  " + first)
    return "".join(parts)


def sorted_keys(mapping: dict) -> list:
    """The keys of ``mapping`` in the order graft writes them."""
    keys = list(mapping)
    if len(keys) < 2:
        return keys
    if all(type(k) is str for k in keys):
        return sorted(keys, key=natural_key)
    return sorted(keys, key=_SORT_KEY)
