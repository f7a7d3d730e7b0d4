"""Paths into a document tree: reading them, finding what they name, writing them.

Two lookup rules exist, as in graft, and both are here side by side:

* **references** (``(( grab jobs.web.port ))``, operator arguments; see
  docs/operators.md): a segment steps into a map by its key as written, else by
  a key whose Go ``%v`` text is the segment; into a list by an unsigned index in
  range, else by the *first* element whose ``name``, then ``key``, then ``id``
  is that string. ``resolve``, ``canonical``, ``locate`` and ``glob``.
* **selectors** (``--prune``, ``--cherry-pick``, ``(( sort ))`` paths): the same
  for maps; in a list, an index in range, else *every* element whose ``name``,
  ``key`` or ``id`` written as ``%v`` is the segment. ``select_child``,
  ``selected_indices``, ``select_steps`` and ``select_locate``.

``path_text`` writes a path as messages show it (``$.jobs.web.0``), ``dotted``
as the planner keys it (``jobs.web.0``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from graft.gofmt import go_str
from graft.values import key_value

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

Path = tuple  # of segments: str keys, int indices, TypedKey keys
ID_FIELDS = ("name", "key", "id")
MISSING = object()


class ResolveError(Exception):
    """A path that does not lead anywhere, with graft's message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- writing paths ---------------------------------------------------------------------


def segment_text(segment: Any) -> str:
    """A segment as Go's ``%v`` writes it (``true``, ``1.5``, ``<nil>``, ``0``)."""
    return segment if type(segment) is str else go_str(key_value(segment))


def dotted(path: Iterable[Any]) -> str:
    """``("jobs", "web", 0)`` -> ``jobs.web.0``."""
    try:
        return ".".join(path)  # type: ignore[arg-type]  # all strings: the quick way
    except TypeError:
        return ".".join(segment_text(s) for s in path)


def path_text(path: Iterable[Any]) -> str:
    """``("jobs", "web", 0)`` -> ``$.jobs.web.0``; ``()`` -> ``$``."""
    return "$" + "".join("." + segment_text(s) for s in path)


def split(path: str) -> list[str]:
    """A dotted path as given on the command line, cut into segments."""
    return path.split(".")


# --- references ------------------------------------------------------------------------


def map_key(mapping: dict, segment: Any) -> Any:
    """The key of ``mapping`` a segment names (as written, else by ``%v``), or MISSING."""
    if segment in mapping:
        return segment
    text = str(segment)
    for key in mapping:
        if type(key) is not str and go_str(key_value(key)) == text:
            return key
    return MISSING


def reference_index(items: list, segment: Any) -> int | None:
    """The element of ``items`` a reference segment names, or None."""
    if type(segment) is int:
        return segment if 0 <= segment < len(items) else None
    if segment.isascii() and segment.isdigit():
        index = int(segment)
        return index if index < len(items) else None
    for field in ID_FIELDS:
        for i, item in enumerate(items):
            if type(item) is dict and item.get(field) == segment and type(item[field]) is str:
                return i
    return None


def step(current: Any, segment: Any) -> tuple[Any, Any]:
    """(key or index, value) one segment below a map or list; the key is MISSING
    when the segment names nothing."""
    if type(current) is dict:
        key = map_key(current, segment)
        return key, (current[key] if key is not MISSING else None)
    index = reference_index(current, segment)
    return (MISSING, None) if index is None else (index, current[index])


def _scalar_error(path: Sequence[Any], value: Any) -> ResolveError:
    return ResolveError(f"{path_text(path)} [={go_str(value)}] is a scalar (not a map or a list)")


def _missing_error(path: Sequence[Any]) -> ResolveError:
    return ResolveError(f"`{path_text(path)}` could not be found in the datastructure")


def resolve(tree: Any, segments: Sequence[Any]) -> Any:
    """The value at ``segments``, or ``ResolveError`` with graft's message."""
    current = tree
    for i, segment in enumerate(segments):
        if type(current) is dict:
            value = current.get(segment, MISSING)
            if value is not MISSING:  # the common case: a key as written
                current = value
                continue
        elif type(current) is not list:
            raise _scalar_error(segments[:i], current)
        key, value = step(current, segment)
        if key is MISSING:
            raise _missing_error(segments[: i + 1])
        current = value
    return current


def canonical(tree: Any, segments: Sequence[Any]) -> tuple[Any, ...] | None:
    """The path with keys as stored and indices for list elements, or None."""
    current = tree
    out = []
    for segment in segments:
        if type(current) is dict:
            value = current.get(segment, MISSING)
            if value is not MISSING:  # the common case: a key as written
                out.append(segment)
                current = value
                continue
        elif type(current) is not list:
            return None
        key, current = step(current, segment)
        if key is MISSING:
            return None
        out.append(key)
    return tuple(out)


def locate(tree: Any, segments: Sequence[Any]) -> tuple[Any, Any] | None:
    """(container, key or index) holding the value at ``segments``, or None."""
    if not segments:
        return None
    current = tree
    for segment in segments[:-1]:
        if type(current) is not dict and type(current) is not list:
            return None
        key, current = step(current, segment)
        if key is MISSING:
            return None
    if type(current) is not dict and type(current) is not list:
        return None
    key, _ = step(current, segments[-1])
    return None if key is MISSING else (current, key)


def glob(tree: Any, pattern: Sequence[Any], *, partial: bool = False) -> list[Path]:
    """Every existing path matching ``pattern`` (``*`` is any key or index), with
    list indices. ``ResolveError`` with graft's message where the pattern cannot
    go on; with ``partial``, such branches are left out instead."""
    found: list[Path] = []
    stack: list[tuple[Any, Path, int]] = [(tree, (), 0)]
    while stack:
        value, here, pos = stack.pop()
        if pos == len(pattern):
            found.append(here)
            continue
        try:
            children = _glob_children(value, pattern, pos)
        except ResolveError:
            if partial:
                continue
            raise
        stack.extend((child, (*here, key), pos + 1) for key, child in reversed(children))
    return found


def _glob_children(value: Any, pattern: Sequence[Any], pos: int) -> list[tuple[Any, Any]]:
    segment = pattern[pos]
    if type(value) is not dict and type(value) is not list:
        shown = pattern if segment == "*" else pattern[:pos]
        raise ResolveError(f"{path_text(shown)} is a scalar (not a map or a list)")
    if segment == "*":
        return list(value.items()) if type(value) is dict else list(enumerate(value))
    if type(value) is dict:
        if segment not in value:
            raise _missing_error(pattern[: pos + 1])
        return [(segment, value[segment])]
    index = reference_index(value, segment)
    if index is None:
        raise _missing_error(pattern[: pos + 1])
    return [(index, value[index])]


# --- selectors -------------------------------------------------------------------------


def selected_indices(items: list, segment: str) -> list[int]:
    """Indices of the elements whose ``name``, ``key`` or ``id`` (as ``%v``) is ``segment``."""
    return [
        i
        for i, item in enumerate(items)
        if type(item) is dict and any(f in item and go_str(item[f]) == segment for f in ID_FIELDS)
    ]


def select_child(container: Any, segment: Any) -> tuple[bool, Any, Any]:
    """(found, key or index, value) of one selector step."""
    if type(container) is dict:
        key = map_key(container, segment)
        if key is MISSING:
            return False, None, None
        return True, key, container[key]
    if type(container) is list:
        if type(segment) is int:
            index = segment if 0 <= segment < len(container) else None
        elif segment.isdigit() and int(segment) < len(container):
            index = int(segment)
        else:
            found = selected_indices(container, segment)
            index = found[0] if found else None
        if index is None:
            return False, None, None
        return True, index, container[index]
    return False, None, None


def select_steps(tree: Any, segments: Sequence[Any]) -> list[Any] | None:
    """The keys or indices that lead from the root to the value a selector names,
    or None (also for an empty selector)."""
    steps = []
    current = tree
    for segment in segments:
        found, key, current = select_child(current, segment)
        if not found:
            return None
        steps.append(key)
    return steps or None


def select_locate(tree: Any, segments: Sequence[Any]) -> tuple[Any, Any] | None:
    """(parent container, key or index) of the value a selector names, or None."""
    steps = select_steps(tree, segments)
    if steps is None:
        return None
    parent = tree
    for key in steps[:-1]:
        parent = parent[key]
    return parent, steps[-1]
