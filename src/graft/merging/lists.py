"""List merging: the default merge and every array directive (docs/merging.md#lists).

The overlay list is cut into segments (``markers.segments``); each segment is
applied in turn to a working copy of the base list. A failing segment records
its error (graft's text, with the real cause: D12) and the list becomes null.
"""

from __future__ import annotations

from graft.gofmt import go_str
from graft.merging.markers import Directive, segments
from graft.tree import path_text
from graft.values import go_kind

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

    from graft.merging.engine import Merger, Path


class ListError(Exception):
    """A directive that cannot be applied; the message is graft's."""


class KeyValueWarning(ListError):
    """A merge key whose value is a map or a list: a warning in default merges."""


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b


def check_keyed(kind: str, items: list, path: Path, key: str) -> None:
    """Every item is a map that has ``key`` with a scalar value, or raise."""
    for i, item in enumerate(items):
        where = f"{path_text(path)}.{i}"
        if item is None:
            raise ListError(f"{where}: {kind} object is nil - cannot merge by key")
        if type(item) is not dict:
            raise ListError(
                f"{where}: {kind} object is a {go_kind(item)}, not a map - cannot merge by key"
            )
        if key not in item:
            raise ListError(
                f"{where}: {kind} object does not contain the key '{key}' - cannot merge by key"
            )
        if type(item[key]) in (dict, list):
            raise KeyValueWarning(
                f"{where}: {kind} object's key '{key}' cannot have a value which is a hash "
                "or sequence - cannot merge by key"
            )


def merge_by_key(merger: Merger, base: list, items: list, path: Path, key: str) -> list:
    """Base elements merged with the overlay element of the same key value, then the
    overlay elements whose key value the base lacks, in overlay order."""
    pending: dict[tuple[type, Any], dict] = {}
    for item in items:
        pending[(type(item[key]), item[key])] = item
    merged = []
    for element in base:
        ident = (type(element[key]), element[key])
        here = (*path, go_str(element[key]))
        if ident in pending:
            merged.append(merger.merge_value(element, pending.pop(ident), here))
        else:
            merged.append(merger.merge_alone(element, here))
    appended = 0
    for item in items:
        ident = (type(item[key]), item[key])
        if ident in pending:  # duplicates within the overlay are all kept
            merged.append(merger.merge_alone(item, (*path, appended)))
            appended += 1
    return merged


def merge_inline(merger: Merger, base: list, items: list, path: Path) -> list:
    """Element i of the overlay merged onto element i of the base."""
    merged = []
    for i, element in enumerate(base):
        if i < len(items):
            merged.append(merger.merge_value(element, items[i], (*path, i)))
        else:
            merged.append(merger.merge_alone(element, (*path, i)))
    merged.extend(merger.merge_alone(items[i], (*path, i)) for i in range(len(base), len(items)))
    return merged


def merge_default(merger: Merger, base: list, items: list, path: Path) -> list:
    key = merger.merge_key
    try:
        check_keyed("original", base, path, key)
        check_keyed("new", items, path, key)
        return merge_by_key(merger, base, items, path, key)
    except KeyValueWarning as warning:
        _warn_fallback(merger, warning)
    except ListError:
        pass
    if merger.fallback_append:
        return base + [
            merger.merge_alone(item, (*path, len(base) + i)) for i, item in enumerate(items)
        ]
    return merge_inline(merger, base, items, path)


def warn_unkeyable(merger: Merger, items: list, path: Path) -> None:
    """The warnings a default merge of ``items`` into an empty list gives."""
    try:
        check_keyed("new", items, path, merger.merge_key)
    except KeyValueWarning as warning:
        _warn_fallback(merger, warning)
    except ListError:
        pass


def _warn_fallback(merger: Merger, warning: KeyValueWarning) -> None:
    """A default merge that cannot merge by key says so, and says what it does instead."""
    strategy = "append" if merger.fallback_append else "inline"
    merger.warn(str(warning))
    merger.warn(f"Falling back to {strategy} merge strategy")


def _is_simple(values: list) -> bool:
    return bool(values) and all(type(v) is not dict for v in values)


def _find(values: list, key: str, name: str) -> int:
    for i, element in enumerate(values):
        if type(element) is dict and key in element and _matches(element[key], name):
            return i
    return -1


def _matches(value: Any, name: str) -> bool:
    return type(value) not in (dict, list) and go_str(value) == name


def _items_after_delete(path: Path, spelled: str) -> ListError:
    return ListError(
        f"{path_text(path)}: item in array directly after (( delete {spelled} )) must be "
        "one of the array operators 'append', 'prepend', 'delete', or 'insert'"
    )


def _position(merger: Merger, result: list, op: Directive, path: Path) -> int | None:
    """Where an insert or delete applies; None for a directive that is dropped."""
    if op.name is None:
        index = len(result) if op.index == -1 else op.index
        assert index is not None
    elif op.kind == "delete" and _is_simple(result):
        if op.key is not None:
            return None  # (( delete KEY "NAME" )) on a simple list is discarded, as in graft
        if op.items:
            raise _items_after_delete(path, f'"{op.name}"')
        for i, element in enumerate(result):
            if type(element) is str and element == op.name:
                return i
        raise ListError(
            f"{path_text(path)}: unable to find specified modification point with '{op.name}'"
        )
    else:
        key = op.key or merger.merge_key
        check_keyed("original", result, path, key)
        if op.kind == "delete":
            if op.items:
                raise _items_after_delete(path, f'{key} "{op.name}"')
        else:
            check_keyed("new", op.items, path, key)
            for item in op.items:
                entry = go_str(item[key])
                if _find(result, key, entry) > 0:
                    raise ListError(
                        f"{path_text(path)}: unable to insert, because new list entry "
                        f"'{key}: {entry}' is detected multiple times"
                    )
        index = _find(result, key, op.name)
        if index < 0:
            raise ListError(
                f"{path_text(path)}: unable to find specified modification point with "
                f"'{key}: {op.name}'"
            )
    if op.relative == "after":
        index += 1
    limit = len(result) - 1 if op.kind == "delete" else len(result)
    if index < 0 or index > limit:
        raise ListError(
            f"{path_text(path)}: unable to modify the list, because specified index {index} "
            "is out of bounds"
        )
    return index


def apply_segment(merger: Merger, result: list, op: Directive, path: Path) -> list:
    if op.kind == "default":
        return merge_default(merger, result, op.items, path) if op.items else result
    if op.kind == "inline":
        return merge_inline(merger, result, op.items, path)
    if op.kind == "replace":
        return [merger.merge_alone(item, (*path, i)) for i, item in enumerate(op.items)]
    if op.kind == "merge":
        key = op.key or merger.merge_key
        check_keyed("new", op.items, path, key)
        check_keyed("original", result, path, key)
        return merge_by_key(merger, result, op.items, path, key)
    index = _position(merger, result, op, path)
    if index is None:
        return result
    if op.kind == "delete":
        return result[:index] + result[index + 1 :]
    added = [merger.merge_alone(item, (*path, index + i)) for i, item in enumerate(op.items)]
    return result[:index] + added + result[index:]


def merge_list(merger: Merger, base: list, overlay: list, path: Path) -> list | None:
    """The overlay list merged into the base list."""
    result = list(base)
    try:
        for op in segments(overlay):
            result = apply_segment(merger, result, op, path)
    except ListError as error:
        merger.errors.append(str(error))
        return None
    return result
