"""Reference paths as written in expressions (docs/operators.md#references-and-their-paths).

``a.b.c``, ``jobs.web.port``, ``list[0].name``, ``a[b.c]`` (dots kept inside
brackets), ``$.a.b`` (a leading ``$`` segment is dropped).
"""

from __future__ import annotations

import os


class RefSyntaxError(ValueError):
    """A path that cannot be parsed: the whole ``(( ... ))`` stays as it is."""


def parse_reference(text: str) -> tuple[str, ...]:
    if "[" not in text and "]" not in text:  # the common case: dots only
        segments = [s for s in text.split(".") if s]
        if segments and segments[0] == "$":
            segments.pop(0)
        return tuple(segments)
    segments = []
    current = ""
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == ".":
            segments.append(current)
            current = ""
        elif ch == "[":
            if current:
                segments.append(current)
                current = ""
            end = text.find("]", i + 1)
            inside = text[i + 1 :] if end < 0 else text[i + 1 : end]
            if "[" in inside:
                raise RefSyntaxError(text)
            segments.append(inside)
            if end < 0:  # a missing final bracket is tolerated
                break
            i = end + 1
            if i < len(text) and text[i] == ".":
                i += 1
            current = ""
            continue
        elif ch == "]":
            raise RefSyntaxError(text)
        else:
            current += ch
        i += 1
    if current:
        segments.append(current)
    segments = [s for s in segments if s != ""]
    if segments and segments[0] == "$":
        segments.pop(0)
    return tuple(segments)


def expand_env(segments: tuple[str, ...]) -> tuple[str, ...]:
    """Replace ``$NAME`` segments (names of two or more characters) by the value of a
    set, non-empty environment variable; others stay as written (D11)."""
    if not any(s.startswith("$") for s in segments):
        return segments
    expanded = []
    for segment in segments:
        if segment.startswith("$") and len(segment) > 2:
            value = os.environ.get(segment[1:])
            if value:
                expanded.append(value)
                continue
        expanded.append(segment)
    return tuple(expanded)
