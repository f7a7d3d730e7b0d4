"""Strings that the merge itself acts on: array directives, ``(( prune ))``,
``(( sort ))`` and a misplaced ``(( merge ))``.

Every directive is recognised whatever the spaces inside ``((`` and ``))``
(deliberate difference D2).
"""

from __future__ import annotations

import functools
import re

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any
_PRUNE = re.compile(r"\s*\(\(\s*prune\s*\)\)\s*\Z")
_SORT = re.compile(r"\s*\(\(\s*sort(?:\s+by\s+(.*?))?\s*\)\)\s*\Z")
# Only a first word of exactly ``merge`` (not ``((merge_token))``: D9).
_MERGE_OUTSIDE_LIST = re.compile(r"\s*\(\(\s*merge(?:\s.*)?\)\)", re.DOTALL)


@functools.cache
def _directives() -> tuple[re.Pattern[str], ...]:
    """The array directives' patterns, compiled when a list first needs them."""
    return tuple(
        re.compile(pattern)
        for pattern in (
            r"\(\(\s*append\s*\)\)\Z",
            r"\(\(\s*prepend\s*\)\)\Z",
            r"\(\(\s*inline\s*\)\)\Z",
            r"\(\(\s*replace\s*\)\)\Z",
            r"\(\(\s*merge(?:\s+on\s+(.*?))?\s*\)\)\Z",
            r"\(\(\s*insert\s+(after|before)\s+(\d+)\s*\)\)\Z",
            r'\(\(\s*insert\s+(after|before)\s+(?:([^\s"]+)\s+)?"(.+)"\s*\)\)\Z',
            r"\(\(\s*delete\s+(-?\d+)\s*\)\)\Z",
            r'\(\(\s*delete\s+(?:([^\s"]+)\s+)?"(.+)"\s*\)\)\Z',
            r"\(\(\s*delete\s+(?:(\S+)\s+)?(\S+)\s*\)\)\Z",
        )
    )


def is_prune(value: Any) -> bool:
    return type(value) is str and _PRUNE.match(value) is not None


def sort_marker(value: Any) -> str | None:
    """The sort key of a ``(( sort ))`` marker ("" for none), or None."""
    if type(value) is not str:
        return None
    match = _SORT.match(value)
    if match is None:
        return None
    return match.group(1) or ""


def is_misplaced_merge(value: Any) -> bool:
    return type(value) is str and _MERGE_OUTSIDE_LIST.match(value) is not None


class Directive:
    """One array directive and the list items that follow it (a segment)."""

    __slots__ = ("index", "items", "key", "kind", "name", "quoted", "relative", "text")

    def __init__(
        self,
        kind: str,  # default, append, prepend, insert, delete, merge, inline, replace
        *,
        index: int | None = None,  # insert/delete by index; -1 means the end of the list
        relative: str = "",  # "after" or "before" for inserts
        key: str | None = None,  # by-name forms: the field compared (None: the default key)
        name: str | None = None,
        quoted: bool = True,
        text: str = "",
    ) -> None:
        self.kind = kind
        self.index = index
        self.relative = relative
        self.key = key
        self.name = name
        self.quoted = quoted
        self.text = text
        self.items: list[Any] = []


def parse_directive(value: Any) -> Directive | None:
    """The array directive that ``value`` spells, or None."""
    if type(value) is not str or not value.startswith("((") or "\n" in value:
        return None  # (a directive is on one line, like every operator: D16)
    (
        append,
        prepend,
        inline,
        replace,
        merge,
        insert_index,
        insert_name,
        delete_index,
        delete_quoted,
        delete_bare,
    ) = _directives()
    if append.match(value):
        return Directive("append", index=-1, text=value)
    if prepend.match(value):
        return Directive("prepend", index=0, text=value)
    if inline.match(value):
        return Directive("inline", text=value)
    if replace.match(value):
        return Directive("replace", text=value)
    if m := merge.match(value):
        return Directive("merge", key=m.group(1) or None, text=value)
    if m := insert_index.match(value):
        return Directive("insert", index=int(m.group(2)), relative=m.group(1), text=value)
    if m := insert_name.match(value):
        return Directive("insert", relative=m.group(1), key=m.group(2), name=m.group(3), text=value)
    if m := delete_index.match(value):
        return Directive("delete", index=int(m.group(1)), text=value)
    if m := delete_quoted.match(value):
        return Directive("delete", key=m.group(1), name=m.group(2), text=value)
    if m := delete_bare.match(value):
        return Directive("delete", key=m.group(1), name=m.group(2), quoted=False, text=value)
    return None


def segments(overlay: list) -> list[Directive]:
    """Cut an overlay list into segments: the default one, then one per directive."""
    result = [Directive("default")]
    for item in overlay:
        directive = parse_directive(item)
        if directive is None:
            result[-1].items.append(item)
        else:
            result.append(directive)
    return result
