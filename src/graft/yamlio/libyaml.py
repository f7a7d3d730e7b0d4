"""LibYAML's reader: bytes to plain data (SPEC §2, D1, D3, D12).

LibYAML (through PyYAML's ``CParser``) parses and composes the node graph in
C; a small iterative builder then turns nodes into plain data, applying
graft's scalar rules (``scalars.py``), rejecting duplicate keys, resolving
``<<`` merge keys, and giving every alias its own copy of the anchored data
(as Go's decoder does) after checking that aliases do not blow the document
up ("billion laughs").

Importing PyYAML costs tens of milliseconds, so only ``load.py`` imports this
module, on first use; ``load.py`` holds the public names.
"""

from __future__ import annotations

from collections.abc import Callable

import yaml
from yaml._yaml import CParser
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from graft.values import make_key
from graft.yamlio import load as _load
from graft.yamlio.load import MAX_DEPTH, LoadError, parse_error
from graft.yamlio.scalars import resolve_legacy, resolve_plain

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

PLAIN_TAG = "tag:graft:plain"
MERGE_TAG = "tag:yaml.org,2002:merge"
STR_TAG = "tag:yaml.org,2002:str"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"

_UNSET = object()


class _Parser(CParser):
    """LibYAML's parser and composer; plain scalars get a tag of their own."""

    def descend_resolver(self, parent: Any, index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                return MERGE_TAG if value == "<<" else PLAIN_TAG
            return STR_TAG
        return SEQ_TAG if kind is SequenceNode else MAP_TAG


def _describe(exc: yaml.YAMLError, data: bytes | str) -> str:
    if isinstance(exc, yaml.reader.ReaderError):
        before = data[: exc.position]
        newline = b"\n" if isinstance(before, bytes) else "\n"
        line = before.count(newline) + 1
        column = len(before) - (before.rfind(newline) + 1) + 1
        return f"line {line}, column {column}: {exc.reason} (#x{exc.character:x})"
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if mark is None:
        return problem
    return f"line {mark.line + 1}, column {mark.column + 1}: {problem}"


def compose(data: bytes | str, name: str) -> Node | None:
    """The node graph of the first document in ``data`` (None when empty)."""
    parser = _Parser(data)
    try:
        if not parser.check_node():
            return None
        return parser.get_node()
    except yaml.YAMLError as exc:
        raise parse_error(name, _describe(exc, data)) from None
    finally:
        parser.dispose()


def load_document(data: bytes | str, name: str, *, legacy: bool = False) -> Any:
    """Parse the first document of ``data``; an empty document is None."""
    node = compose(data, name)
    if node is None:
        return None
    # An alias needs an anchor: without both '&' and '*' in the text there is none.
    amp, star = (b"&", b"*") if isinstance(data, bytes) else ("&", "*")
    return _value(node, name, legacy, amp in data and star in data)


def load_all(data: bytes | str, name: str) -> list[Any]:
    """Every document of a YAML stream (``graft diff``)."""
    parser = _Parser(data)
    nodes = []
    try:
        while parser.check_node():
            nodes.append(parser.get_node())
    except yaml.YAMLError as exc:
        raise parse_error(name, _describe(exc, data)) from None
    finally:
        parser.dispose()
    return [_value(node, name, False, True) for node in nodes]


def _value(node: Node, name: str, legacy: bool, may_alias: bool) -> Any:
    shared = may_alias and _check_aliases(node, name)
    value = _Builder(name, resolve_legacy if legacy else resolve_plain, legacy).build(node)
    if shared:
        _unshare(value)
    retained = _load.retained
    if retained is not None:
        retained.append(node)
    return value


# --- aliases -------------------------------------------------------------------------


def _children(node: Node) -> list[Node]:
    if type(node) is ScalarNode:
        return []
    if type(node) is SequenceNode:
        return node.value
    return [n for pair in node.value for n in pair]


def _allowed_alias_ratio(count: int) -> float:
    low, high = 400_000, 4_000_000
    if count <= low:
        return 0.99
    if count >= high:
        return 0.10
    return 0.99 - 0.89 * (count - low) / (high - low)


def _check_aliases(root: Node, name: str) -> bool:
    """Raise on recursive or excessive aliasing; True when any node is shared."""
    sizes: dict[int, int] = {}
    visiting: set[int] = set()
    distinct = 0
    stack: list[tuple[Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, finished = stack.pop()
        key = id(node)
        if finished:
            visiting.discard(key)
            sizes[key] = 1 + sum(sizes[id(c)] for c in _children(node))
            continue
        if key in sizes:
            continue
        if key in visiting:
            raise parse_error(name, "anchor '" + str(node.tag) + "' value contains itself")
        if depth > MAX_DEPTH:
            raise parse_error(name, f"exceeded max depth of {MAX_DEPTH}")
        visiting.add(key)
        distinct += 1
        stack.append((node, depth, True))
        for child in _children(node):
            if type(child) is not ScalarNode or id(child) not in sizes:
                stack.append((child, depth + 1, False))
    expanded = sizes[id(root)]
    aliased = expanded - distinct
    if aliased > 100 and expanded > 1000 and aliased / expanded > _allowed_alias_ratio(expanded):
        raise parse_error(name, "document contains excessive aliasing")
    return aliased > 0


def _unshare(root: Any) -> None:
    """Give every container reached twice (through an alias) its own copy."""
    seen = {id(root)}
    stack = [root]
    while stack:
        node = stack.pop()
        items = node.items() if type(node) is dict else enumerate(node)
        for k, v in list(items):
            if type(v) is dict or type(v) is list:
                if id(v) in seen:
                    v = dict(v) if type(v) is dict else list(v)
                    node[k] = v
                seen.add(id(v))
                stack.append(v)


# --- building ------------------------------------------------------------------------


class _Builder:
    """Turns a node graph into plain data without recursion."""

    def __init__(self, name: str, resolve: Callable[[str], Any], legacy: bool) -> None:
        self.name = name
        self.resolve = resolve
        self.legacy = legacy
        self.built: dict[int, Any] = {}
        self.keys: dict[str, Any] = {}  # plain key text -> key (keys repeat a lot)

    def error(self, node: Node, problem: str) -> LoadError:
        mark = node.start_mark
        return parse_error(self.name, f"line {mark.line + 1}, column {mark.column + 1}: {problem}")

    def scalar(self, node: ScalarNode) -> Any:
        tag = node.tag
        if tag == PLAIN_TAG:
            return self.resolve(node.value)
        if tag == STR_TAG:
            return node.value
        return self.tagged_scalar(node)

    def tagged_scalar(self, node: ScalarNode) -> Any:
        short = node.tag.removeprefix("tag:yaml.org,2002:")
        text = node.value
        if short == "binary":
            import base64  # only !!binary needs it

            try:
                return base64.b64decode("".join(text.split())).decode("utf-8", "replace")
            except ValueError:
                raise self.error(node, f"cannot decode !!binary `{text}`") from None
        if short in ("int", "float", "bool", "null"):
            value = self.resolve(text) if text else None
            kinds = {"int": (int,), "float": (float, int), "bool": (bool,), "null": (type(None),)}
            ok = isinstance(value, kinds[short]) and not (
                short in ("int", "float") and isinstance(value, bool)
            )
            if not ok:
                raise self.error(node, f"cannot decode !!{short} `{text}`")
            return float(value) if short == "float" else value
        if short == "merge":
            return "<<"
        return text  # unknown and local tags keep the text

    def build(self, root: Node) -> Any:
        built = self.built
        if type(root) is ScalarNode:
            return self.scalar(root)
        result = self.new_container(root)
        stack = [root]
        scalar = self.scalar
        while stack:
            node = stack.pop()
            target = built[id(node)]
            if type(node) is SequenceNode:
                append = target.append
                for child in node.value:
                    if type(child) is ScalarNode:
                        append(scalar(child))
                    else:
                        append(self.child(child, stack))
            else:
                self.fill_mapping(node, target, stack)
        return result

    def new_container(self, node: Node) -> Any:
        container: Any = [] if type(node) is SequenceNode else {}
        self.built[id(node)] = container
        return container

    def child(self, node: Node, stack: list[Node]) -> Any:
        if type(node) is ScalarNode:
            return self.scalar(node)
        existing = self.built.get(id(node))
        if existing is not None:
            return existing
        stack.append(node)
        return self.new_container(node)

    def key(self, node: Node) -> Any:
        if type(node) is not ScalarNode:
            raise self.error(node, "invalid map key: a key must be a scalar")
        return make_key(self.scalar(node))

    def fill_mapping(self, node: MappingNode, target: dict, stack: list[Node]) -> None:
        merges: list[Node] = []
        keys = self.keys
        for key_node, value_node in node.value:
            tag = key_node.tag
            if tag == PLAIN_TAG:  # the common case, inlined: a plain scalar key
                key = keys.get(key_node.value, _UNSET)
                if key is _UNSET:
                    key = keys[key_node.value] = make_key(self.resolve(key_node.value))
            elif tag == MERGE_TAG and type(key_node) is ScalarNode:
                merges.append(value_node)
                continue
            else:
                key = self.key(key_node)
            if key in target and not self.legacy:
                raise self.error(key_node, f'mapping key "{key_node.value}" already defined')
            if type(value_node) is ScalarNode:
                tag = value_node.tag
                if tag == PLAIN_TAG:
                    target[key] = self.resolve(value_node.value)
                elif tag == STR_TAG:
                    target[key] = value_node.value
                else:
                    target[key] = self.tagged_scalar(value_node)
            else:
                target[key] = self.child(value_node, stack)
        for source in merges:
            self.merge_into(target, source)

    def merge_into(self, target: dict, source: Node) -> None:
        """``<<: *anchor`` or ``<<: [*a, *b]``: keys not set explicitly, first wins."""
        sources = source.value if type(source) is SequenceNode else [source]
        for item in sources:
            if type(item) is not MappingNode:
                raise self.error(item, "map merge requires map or sequence of maps as the value")
            value = self.build_detached(item)
            for k, v in value.items():
                if k not in target:
                    target[k] = v

    def build_detached(self, node: MappingNode) -> dict:
        existing = self.built.get(id(node))
        if existing is not None and not self.pending(node):
            return existing
        return _Builder(self.name, self.resolve, self.legacy).build(node)

    def pending(self, node: Node) -> bool:
        # A container is filled when popped; one created but not yet popped is empty.
        return len(self.built[id(node)]) == 0 and len(node.value) > 0
