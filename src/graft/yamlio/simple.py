"""A pure-Python reader for small, simple documents (start-up time).

Importing PyYAML takes longer than reading a short document, so ``load_document``
first offers small inputs to this reader. It accepts only a strict subset of
block YAML and returns exactly what the LibYAML reader would, or ``DECLINE``
when the text is outside the subset; LibYAML then reads it (and reports every
error, with its line and column). When in doubt, it declines.

The subset, line by line (``KEY`` is ``[A-Za-z0-9_][A-Za-z0-9_./-]*``, at most
128 characters; ``VALUE`` is one of the scalars below):

* blank lines and lines holding only a ``#`` comment;
* ``KEY: VALUE`` and ``KEY:`` -- the latter followed by a more indented block
  map or list, by a ``- `` list at the key's own indentation, or by nothing
  (null);
* ``- VALUE``, ``- KEY: VALUE`` / ``- KEY:`` (a map inside the item, its other
  keys aligned with the first), ``- - ...`` (a list inside the item) and
  ``-`` (followed by a more indented map or list, or null).

Scalars are plain, single-quoted (``''`` for a quote) or double-quoted without
a backslash, on one line. A plain scalar may not start with an indicator
(``-`` is fine when a non-space follows, as in ``-1``) and may not hold ``: ``
or end with ``:``; `` #`` starts a comment. A quoted scalar may be followed
only by spaces and a comment. The text must be UTF-8 without a BOM, tabs,
carriage returns or any other character Python does not call printable. A
document of only blank and comment lines is None; the root must be a map or a
list. Everything else -- flow collections, anchors, aliases, tags, block
scalars, multi-line scalars, document markers, directives, complex keys,
quoted keys, duplicate keys -- declines.
"""

from __future__ import annotations

import re

from graft.values import make_key
from graft.yamlio.scalars import resolve_key, resolve_plain

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


class _Decline:
    __slots__ = ()

    def __repr__(self) -> str:
        return "DECLINE"


DECLINE: Any = _Decline()
"""What ``load_simple`` returns for a text outside its subset."""

_UNSET = object()

_KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./-]{0,127}\Z")

# A plain scalar may not start with one of these ('-' may, before a non-space).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")


class Declined(Exception):
    """The text is outside the subset."""


def load_simple(data: bytes) -> Any:
    """The value LibYAML's reader gives for ``data``, or ``DECLINE``; never raises."""
    try:
        return parse(data.decode("utf-8"))
    except Exception:  # Declined, or anything unforeseen: LibYAML decides
        return DECLINE


def parse(text: str) -> Any:
    """The value of ``text``; raises ``Declined`` outside the subset."""
    lines: list[list[Any]] = []  # [indent, content] of each line that holds data
    for line in text.split("\n"):
        if not line.isprintable():
            raise Declined
        content = line.lstrip(" ")
        if content and content[0] != "#":
            lines.append([len(line) - len(content), content])
    if not lines:
        return None
    reader = _Reader(lines)
    value = reader.node(lines[0][0])
    if reader.pos != len(lines):
        raise Declined  # a line that belongs to no node: an error for LibYAML
    return value


def _is_item(content: str) -> bool:
    return content == "-" or content.startswith("- ")


def _split_key(content: str) -> tuple[str, str] | None:
    """``(key, rest)`` of a ``KEY: rest`` or ``KEY:`` line, else None."""
    colon = content.find(":")
    if colon <= 0:
        return None
    rest = content[colon + 1 :]
    if rest and rest[0] != " ":
        return None
    key = content[:colon]
    if not _KEY.match(key):
        return None
    rest = rest.lstrip(" ")
    if rest.startswith("#"):
        rest = ""
    return key, rest


def _scalar(text: str) -> Any:
    """The value of a one-line scalar (``text`` starts with no space)."""
    first = text[0]
    if first == "'" or first == '"':
        return _quoted(text)
    if first in _INDICATORS and not (first == "-" and len(text) > 1 and text[1] != " "):
        raise Declined
    comment = text.find(" #")
    if comment >= 0:
        text = text[:comment]
    text = text.rstrip(" ")
    if ": " in text or text.endswith(":"):
        raise Declined
    return resolve_plain(text)


def _quoted(text: str) -> str:
    quote = text[0]
    if quote == '"':
        end = text.find('"', 1)
        if end < 0 or "\\" in text[1:end]:
            raise Declined
        value = text[1:end]
    else:
        end = 1
        while True:
            end = text.find("'", end)
            if end < 0:
                raise Declined
            if text.startswith("''", end):
                end += 2
                continue
            break
        value = text[1:end].replace("''", "'")
    tail = text[end + 1 :]
    stripped = tail.lstrip(" ")
    if stripped and not (stripped[0] == "#" and len(stripped) < len(tail)):
        raise Declined
    return value


class _Reader:
    """Reads the block structure of ``lines`` from ``pos`` on."""

    def __init__(self, lines: list[list[Any]]) -> None:
        self.lines = lines
        self.pos = 0
        self.keys: dict[str, Any] = {}  # key text -> key, as LibYAML's builder keeps them

    def node(self, indent: int) -> Any:
        """The map or list whose first line, at ``indent``, is the current line."""
        content = self.lines[self.pos][1]
        if _is_item(content):
            return self.sequence(indent)
        if _split_key(content) is not None:
            return self.mapping(indent)
        raise Declined  # a scalar on a line of its own

    def mapping(self, indent: int) -> dict:
        lines = self.lines
        result: dict = {}
        while self.pos < len(lines):
            column, content = lines[self.pos]
            if column < indent:
                break
            split = _split_key(content)
            if column > indent or split is None:
                raise Declined
            key = self.keys.get(split[0], _UNSET)
            if key is _UNSET:
                key = self.keys[split[0]] = make_key(resolve_key(split[0]))
            if key in result:
                raise Declined  # a duplicate key: LibYAML's reader reports it
            self.pos += 1
            result[key] = _scalar(split[1]) if split[1] else self.nested(indent)
        return result

    def nested(self, indent: int, indentless: bool = True) -> Any:
        """The value of a ``KEY:`` or ``-`` line at ``indent``: below it, or null."""
        if self.pos == len(self.lines):
            return None
        column, content = self.lines[self.pos]
        if column > indent:
            return self.node(column)
        if indentless and column == indent and _is_item(content):
            return self.sequence(indent)  # a list may sit at its key's indentation
        return None

    def sequence(self, indent: int) -> list:
        lines = self.lines
        result: list = []
        while self.pos < len(lines):
            line = lines[self.pos]
            column, content = line
            if column < indent:
                break
            if column > indent:
                raise Declined
            if not _is_item(content):
                break  # a key after a list at its key's indentation
            rest = content[1:].lstrip(" ")
            if not rest or rest[0] == "#":
                self.pos += 1
                result.append(self.nested(column, indentless=False))
                continue
            # The item's content is read as a line of its own, at its column.
            line[0] = column + len(content) - len(rest)
            line[1] = rest
            if _is_item(rest) or _split_key(rest) is not None:
                result.append(self.node(line[0]))
            else:
                self.pos += 1
                result.append(_scalar(rest))
        return result
