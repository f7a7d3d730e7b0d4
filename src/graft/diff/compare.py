"""dyff v1.9.0's comparison of two documents (``pkg/dyff/core.go``).

The walk emits one ``Diff`` per location, in dyff's order: a map's block of
removed and added keys before its common keys (in the ``from`` order), depth
first; a list's block (order change, removals, additions) before the entries
it matched.
"""

from __future__ import annotations

from graft.diff.nodes import STR, tag_of, text_of
from graft.errors import GraftError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

ADDITION, REMOVAL, MODIFICATION, ORDERCHANGE = "+", "-", "±", "⇆"

_CANDIDATES = ("name", "key", "id", "manager")  # manager: Kubernetes entity detection
_GUESS_THRESHOLD = 3  # NonStandardIdentifierGuessCountThreshold
_TRUE = {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}
_FALSE = {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"}


class Detail:
    __slots__ = ("kind", "source", "target")

    def __init__(self, kind: str, source: Any, target: Any) -> None:
        self.kind = kind
        self.source = source  # dyff's From
        self.target = target  # dyff's To


class Diff:
    """The details at one location. ``path`` is None at file level; its elements
    are names (str) and list indexes (int); ``document`` is the document index."""

    __slots__ = ("details", "document", "path")

    def __init__(self, path: tuple | None, document: int, details: list[Detail]) -> None:
        self.path = path
        self.document = document
        self.details = details


class Seq:
    """A list dyff builds (removed entries, names in order): a sequence node."""

    __slots__ = ("document", "entries")
    id = "sequence"
    tag = "tag:yaml.org,2002:seq"

    def __init__(self, entries: list, document: bool = False) -> None:
        self.entries = entries
        self.document = document

    @property
    def value(self) -> list:
        return self.entries


class Pairs:
    """Map entries dyff gathers (removed or added keys): a mapping node."""

    __slots__ = ("pairs",)
    id = "mapping"
    tag = "tag:yaml.org,2002:map"

    def __init__(self, pairs: list) -> None:
        self.pairs = pairs

    @property
    def value(self) -> list:
        return self.pairs


class Name:
    """A list entry's name as a string scalar (dyff's AsSequenceNode)."""

    __slots__ = ("value",)
    id = "scalar"
    tag = STR
    style = '"'
    start_mark = None

    def __init__(self, value: str) -> None:
        self.value = value


class Named(str):
    """The name of a list entry in a path (dyff prints it in bold italics)."""

    __slots__ = ()


def canonical(node: Any) -> Any:
    """A hashable form of dyff's basicType (the hash of a simple list entry)."""
    kind = node.id
    if kind == "scalar":
        return node.value
    if kind == "sequence":
        return tuple([canonical(entry) for entry in node.value])
    if not node.value:
        return ()  # hashstructure gives an empty map the hash of an empty list (0)
    return frozenset({canonical(k): canonical(v) for k, v in node.value}.items())


def _grab(node: Any, key: str) -> Any:
    if node.id != "mapping":
        return None
    for k, v in node.value:
        if k.id == "scalar" and k.value == key:
            return v
    return None


def k8s_name(node: Any) -> str | None:
    """apiVersion/kind/[namespace/]name of a Kubernetes resource, else None."""
    if node.id != "mapping":
        return None
    api, kind, meta = _grab(node, "apiVersion"), _grab(node, "kind"), _grab(node, "metadata")
    if api is None or kind is None or meta is None:
        return None
    name = _grab(meta, "name")
    if name is None:
        return None
    parts = [text_of(api), text_of(kind)]
    namespace = _grab(meta, "namespace")
    if namespace is not None:
        parts.append(text_of(namespace))
    parts.append(text_of(name))
    return "/".join(parts)


class Comparer:
    def __init__(self) -> None:
        self.diffs: list[Diff] = []
        self.document = 0

    def emit(self, path: tuple | None, details: list[Detail]) -> None:
        self.diffs.append(Diff(path, self.document, details))

    def objects(self, path: tuple, a: Any, b: Any) -> None:
        if a is b:
            return
        if a is None or b is None:
            self.emit(path, [Detail(MODIFICATION, a, b)])
            return
        kind = a.id
        if kind != b.id:
            self.emit(path, [Detail(MODIFICATION, a, b)])
            return
        if kind == "scalar":
            if a.value == b.value and a.style == b.style and a.tag == b.tag:
                return
            ta, tb = tag_of(a), tag_of(b)
            if ta != tb:
                self.emit(path, [Detail(MODIFICATION, a, b)])
            elif ta == "!!null":
                pass
            elif ta == "!!bool" and a.value in _TRUE | _FALSE and b.value in _TRUE | _FALSE:
                if (a.value in _TRUE) != (b.value in _TRUE):
                    self.emit(path, [Detail(MODIFICATION, a, b)])
            elif a.value != b.value:
                self.emit(path, [Detail(MODIFICATION, a, b)])
            return
        if a.tag != b.tag:
            self.emit(path, [Detail(MODIFICATION, a, b)])
        elif kind == "mapping":
            self.mappings(path, a.value, b.value)
        else:
            self.sequences(path, a.value, b.value)

    def mappings(self, path: tuple, a: list, b: list) -> None:
        names_a = [k.value if k.id == "scalar" else "" for k, _ in a]
        names_b = [k.value if k.id == "scalar" else "" for k, _ in b]
        keys_b: dict[str, Any] = {}
        for name, (_, v) in zip(names_b, b, strict=True):
            if name not in keys_b:
                keys_b[name] = v
        if names_a != names_b:
            keys_a = set(names_a)
            removals = [p for n, p in zip(names_a, a, strict=True) if n not in keys_b]
            additions = [p for n, p in zip(names_b, b, strict=True) if n not in keys_a]
        else:
            removals = additions = []
        if removals or additions:
            details = []
            if removals:
                details.append(Detail(REMOVAL, Pairs(removals), None))
            if additions:
                details.append(Detail(ADDITION, None, Pairs(additions)))
            self.emit(path, details)
        objects = self.objects
        for name, (_, v) in zip(names_a, a, strict=True):
            other = keys_b.get(name)
            if other is not None:
                objects((*path, name), v, other)

    def sequences(self, path: tuple, a: list, b: list) -> None:
        if not a and not b:
            return
        field = _named_identifier(a, b) or _guessed_identifier(a, b)
        if field is not None:
            self.named_lists(path, a, b, lambda node: _field_text(node, field))
        elif _all_k8s(a) and _all_k8s(b):
            self.named_lists(path, a, b, k8s_name)
        else:
            self.simple_lists(path, a, b)

    def named_lists(self, path: tuple, a: list, b: list, name_of: Any) -> None:
        names_a = [name_of(entry) for entry in a]
        names_b = [name_of(entry) for entry in b]
        if None in names_a or None in names_b:
            raise GraftError("failed to identify name")
        by_name_b: dict[str, Any] = {}
        for name, entry in zip(names_b, b, strict=True):
            by_name_b.setdefault(name, entry)
        set_a = set(names_a)
        removals = [e for n, e in zip(names_a, a, strict=True) if n not in by_name_b]
        additions = [e for n, e in zip(names_b, b, strict=True) if n not in set_a]
        common_a = [n for n in names_a if n in by_name_b]
        common_b = [n for n in names_b if n in set_a]
        details = []
        position = {name: i for i, name in enumerate(common_b)}
        if any(position[name] != i for i, name in enumerate(common_a)):
            details.append(
                Detail(
                    ORDERCHANGE, Seq([Name(n) for n in common_a]), Seq([Name(n) for n in common_b])
                )
            )
        if removals:
            details.append(Detail(REMOVAL, Seq(removals), None))
        if additions:
            details.append(Detail(ADDITION, None, Seq(additions)))
        if details:
            self.emit(path, details)
        for name, entry in zip(names_a, a, strict=True):
            other = by_name_b.get(name)
            if other is not None:
                self.objects((*path, Named(name)), entry, other)

    def simple_lists(self, path: tuple, a: list, b: list) -> None:
        if len(a) == 1 and len(b) == 1:
            self.objects((*path, 0), a[0], b[0])
            return
        hashes_a = [canonical(e) for e in a]
        hashes_b = [canonical(e) for e in b]
        count_a: dict[Any, int] = {}
        for h in hashes_a:
            count_a[h] = count_a.get(h, 0) + 1
        count_b: dict[Any, int] = {}
        for h in hashes_b:
            count_b[h] = count_b.get(h, 0) + 1
        removals, removed = [], set()
        common_a = []
        for h, entry in zip(hashes_a, a, strict=True):
            if h not in count_b:
                removals.append(entry)
                removed.add(h)
                continue
            common_a.append((h, entry))
            if count_a[h] > count_b[h] and h not in removed:
                removals += [entry] * (count_a[h] - count_b[h])
                removed.add(h)
        additions, added = [], set()
        common_b = []
        for h, entry in zip(hashes_b, b, strict=True):
            if h not in count_a:
                additions.append(entry)
                added.add(h)
                continue
            common_b.append((h, entry))
            if count_a[h] < count_b[h] and h not in added:
                additions += [entry] * (count_b[h] - count_a[h])
                added.add(h)
        details = []
        if len(common_a) == len(common_b) and any(
            x[0] != y[0] for x, y in zip(common_a, common_b, strict=True)
        ):
            details.append(
                Detail(ORDERCHANGE, Seq([e for _, e in common_a]), Seq([e for _, e in common_b]))
            )
        if removals:
            details.append(Detail(REMOVAL, Seq(removals), None))
        if additions:
            details.append(Detail(ADDITION, None, Seq(additions)))
        if details:
            self.emit(path, details)


def _named_identifier(a: list, b: list) -> str | None:
    """name, key, id (or manager) when its values are unique in both lists."""
    counts_a, counts_b = _candidate_values(a), _candidate_values(b)
    for field in _CANDIDATES:
        values_a, values_b = counts_a.get(field), counts_b.get(field)
        ok_a = values_a is not None and len(values_a) == len(a)
        if ok_a and values_b is not None and len(values_b) == len(b):
            return field
    return None


def _candidate_values(entries: list) -> dict[str, set]:
    result: dict[str, set] = {}
    for entry in entries:
        if entry.id == "mapping":
            for k, v in entry.value:
                if k.id == "scalar" and k.value in _CANDIDATES:
                    result.setdefault(k.value, set()).add(text_of(v))
    return result


def _guessed_identifier(a: list, b: list) -> str | None:
    """A string field whose values are unique in both lists of more than three maps.

    dyff takes the first qualifying field of a Go map (a random order) when
    several qualify; here it is the first in the order of the ``from`` list.
    """
    if len(a) <= _GUESS_THRESHOLD:
        return None
    counts_a, counts_b = _string_values(a), _string_values(b)
    for field, values in counts_a.items():
        other = counts_b.get(field)
        if other is not None and len(values) == len(a) and len(other) == len(b):
            return field
    return None


def _string_values(entries: list) -> dict[str, set]:
    result: dict[str, set] = {}
    for entry in entries:
        if entry.id != "mapping":
            return {}
        for k, v in entry.value:
            if k.id == v.id == "scalar" and tag_of(k) == tag_of(v) == "!!str":
                result.setdefault(k.value, set()).add(v.value)
    return result


def _field_text(node: Any, field: str) -> str | None:
    value = _grab(node, field)
    return None if value is None else text_of(value)


def _all_k8s(entries: list) -> bool:
    return all(k8s_name(e) is not None for e in entries)


def compare_files(
    docs_a: list, docs_b: list, names: list[str] | None = None
) -> tuple[list[Diff], list, list[str]]:
    """dyff's CompareInputFiles: the diffs, the documents of the first side and
    the names of its documents (file names of a directory, resource names of
    Kubernetes documents)."""
    comparer = Comparer()
    kept_a = [d for d in docs_a if not _empty(d)]
    kept_b = [d for d in docs_b if not _empty(d)]
    names_a = [k8s_name(d) for d in kept_a]
    names_b = [k8s_name(d) for d in kept_b]
    if None not in names_a and None not in names_b:
        _k8s_documents(comparer, kept_a, kept_b, names_a, names_b)
        return comparer.diffs, kept_a, names_a
    if len(docs_a) != len(docs_b):
        raise GraftError(
            "comparing YAMLs with a different number of documents is currently not supported"
        )
    for index, (a, b) in enumerate(zip(docs_a, docs_b, strict=True)):
        comparer.document = index
        comparer.objects((), a, b)
    return comparer.diffs, docs_a, names or []


def _empty(document: Any) -> bool:
    return document.id == "scalar" and tag_of(document) == "!!null"


def _k8s_documents(comparer: Comparer, a: list, b: list, names_a: list, names_b: list) -> None:
    by_name_a = {name: (i, d) for i, (name, d) in enumerate(zip(names_a, a, strict=True))}
    by_name_b = {name: (i, d) for i, (name, d) in enumerate(zip(names_b, b, strict=True))}
    removals, additions = [], []
    for name in names_a:
        document = by_name_a[name][1]
        if name in by_name_b:
            comparer.document = by_name_a[name][0]
            comparer.objects((), document, by_name_b[name][1])
        else:
            removals.append(document)
    for name in names_b:
        if name not in by_name_a:
            additions.append(by_name_b[name][1])
    details = []
    if removals:
        details.append(Detail(REMOVAL, Seq(removals, document=True), None))
    if additions:
        details.append(Detail(ADDITION, None, Seq(additions, document=True)))
    if len(names_a) == len(names_b) and names_a != names_b:
        details.append(
            Detail(ORDERCHANGE, Seq([Name(n) for n in names_a]), Seq([Name(n) for n in names_b]))
        )
    if details:
        comparer.diffs.insert(0, Diff(None, 0, details))
