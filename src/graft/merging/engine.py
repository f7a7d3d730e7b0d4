"""The merge of documents (docs/merging.md; D2 in docs/differences-from-go-graft.md).

One merge for every document, the first included (it is merged into an empty
map): maps deep-merge; a ``null`` in an overlay deletes the key; lists merge
by their directives (``lists.py``). ``(( prune ))`` and ``(( sort ))``
markers met on the way are recorded for later (docs/merging.md#prune-and-sort-markers).

The merge writes into the accumulated tree in place; overlay values are
copied as they are merged, so no object is shared between two places.
"""

from __future__ import annotations

import os

from graft.errors import ErrorList
from graft.merging import lists
from graft.merging.markers import is_misplaced_merge, is_prune, parse_directive, sort_marker
from graft.tree import path_text

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

if TYPE_CHECKING:
    Path = tuple[Any, ...]
else:
    Path = tuple  # a path of keys and indices (no typing import at run time)


class MergeResult:
    """The merged tree and what the merge recorded on the way."""

    def __init__(self, tree: dict) -> None:
        self.tree = tree
        self.prune_paths: list[Path] = []
        self.sort_paths: list[tuple[Path, str]] = []
        self.warnings: list[str] = []


class Merger:
    """Folds documents into one tree, collecting errors, warnings and markers."""

    def __init__(
        self, *, fallback_append: bool = False, merge_key: str | None = None, adopt: bool = True
    ) -> None:
        self.fallback_append = fallback_append
        self.adopt = adopt  # take over the first document instead of copying it
        self.merge_key = merge_key or os.environ.get("DEFAULT_ARRAY_MERGE_KEY") or "name"
        self.errors: list[str] = []
        self.result = MergeResult({})

    def merge(self, document: dict) -> None:
        if self.adopt and not self.result.tree:
            # Merging into nothing copies the document: take it over in place instead.
            self.adopt_map(document, ())
            self.result.tree = document
        else:
            self.merge_map(self.result.tree, document, ())

    # --- a document merged into nothing ------------------------------------------------

    def adopt_map(self, mapping: dict, path: Path) -> None:
        """What ``merge_map({}, mapping)`` gives, made in place."""
        for key, value in mapping.items():
            kind = type(value)
            if kind is dict:
                self.adopt_map(value, (*path, key))
            elif kind is list:
                mapping[key] = self.adopt_list(value, (*path, key))
            elif kind is str and "((" in value and is_misplaced_merge(value):
                self.misplaced_merge((*path, key))

    def adopt_list(self, items: list, path: Path) -> list | None:
        """What ``merge_list([], items)`` gives, made in place when it has no directive."""
        if any(type(item) is str and parse_directive(item) for item in items):
            return lists.merge_list(self, [], items, path)
        lists.warn_unkeyable(self, items, path)
        for i, item in enumerate(items):
            kind = type(item)
            if kind is dict:
                self.adopt_map(item, (*path, i))
            elif kind is list:
                items[i] = self.adopt_list(item, (*path, i))
        return items

    def finish(self) -> MergeResult:
        if self.errors:
            error = ErrorList(self.errors)
            error.warnings = self.result.warnings
            raise error
        return self.result

    # --- maps and values -----------------------------------------------------------

    def merge_map(self, base: dict, overlay: dict, path: Path) -> None:
        for key, value in overlay.items():
            kind = type(value)
            if kind is dict or kind is list or (kind is str and "((" in value):
                self.merge_entry(base, key, value, path)
            elif key not in base:
                base[key] = value
            elif value is None:
                del base[key]
            else:
                old = base[key]
                if type(old) is str and "((" in old:
                    self.merge_entry(base, key, value, path)  # a marker being replaced
                else:
                    base[key] = value

    def merge_entry(self, base: dict, key: Any, value: Any, path: Path) -> None:
        """One key of an overlay map, with every marker rule (the general case)."""
        here = (*path, key)
        if is_misplaced_merge(value):
            self.misplaced_merge(here)
        if key not in base:
            base[key] = self.merge_value(None, value, here)
            return
        if value is None:
            del base[key]
            return
        sort_key = sort_marker(value)
        if sort_key is not None:
            self.result.sort_paths.append((here, sort_key))
            return
        sort_key = sort_marker(base[key])
        if sort_key is not None:
            self.result.sort_paths.append((here, sort_key))
        base[key] = self.merge_value(base[key], value, here)

    def merge_value(self, base: Any, overlay: Any, path: Path) -> Any:
        if is_prune(base):
            self.result.prune_paths.append(path)
        if is_prune(overlay) and base is not None:
            if path and type(path[-1]) is int:
                return overlay  # kept in the list for the evaluation phase
            if type(base) is dict or type(base) is list:
                self.result.prune_paths.append(path)
                return base
            return overlay
        if type(overlay) is dict:
            target = base if type(base) is dict else {}
            self.merge_map(target, overlay, path)
            return target
        if type(overlay) is list:
            if base is None or type(base) is list:
                return lists.merge_list(self, base or [], overlay, path)
            # graft puts a list over a scalar or map as it is; we still apply its
            # directives, but a default merge into nothing has nothing to warn about.
            warnings = len(self.result.warnings)
            merged = lists.merge_list(self, [], overlay, path)
            del self.result.warnings[warnings:]
            return merged
        return overlay

    def merge_alone(self, value: Any, path: Path) -> Any:
        """A value merged where there was nothing: a copy with its directives applied."""
        return self.merge_value(None, value, path)

    def misplaced_merge(self, path: Path) -> None:
        self.errors.append(
            f"{path_text(path)}: inappropriate use of (( merge )) operator outside "
            "of a list (this is graft, after all)"
        )

    def warn(self, message: str) -> None:
        self.result.warnings.append(message)


def merge_documents(
    documents: list[dict], *, fallback_append: bool = False, merge_key: str | None = None
) -> MergeResult:
    """Merge ``documents`` left to right into a new tree."""
    merger = Merger(fallback_append=fallback_append, merge_key=merge_key)
    for i, document in enumerate(documents):
        merger.merge(document)
        if i == 0 and len(documents) > 1:
            # graft merges a lone document but copies the first of several as it is,
            # so only a lone document can warn about its own lists.
            merger.result.warnings.clear()
    return merger.finish()
