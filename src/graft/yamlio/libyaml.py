"""LibYAML's reader: bytes to plain data (docs/output-format.md, "Reading"; D1, D3, D12).

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

from graft.values import go_string, make_key
from graft.yamlio import load as _load
from graft.yamlio.load import MAX_DEPTH, LoadError, parse_error
from graft.yamlio.scalars import resolve_key, resolve_legacy, resolve_plain

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

    from graft.locations import Recorder

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


def load_document(
    data: bytes | str,
    name: str,
    *,
    legacy: bool = False,
    places: tuple[Recorder, str, int] | None = None,
) -> Any:
    """Parse the first document of ``data``; an empty document is None. With
    ``places`` (a recorder, the file and its line the text starts at), the places
    of operator strings are recorded."""
    node = compose(data, name)
    if node is None:
        return None
    if places is not None:
        recorder, file, first_line = places
        recorder.record_nodes(node, file, first_line)
    # An alias needs an anchor: without both '&' and '*' in the text there is none.
    amp, star = (b"&", b"*") if isinstance(data, bytes) else ("&", "*")
    _retag_non_specific([node], data)
    return _value(node, name, legacy, amp in data and star in data, data)


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
    _retag_non_specific(nodes, data)
    return [_value(node, name, False, True, data, i) for i, node in enumerate(nodes)]


def _value(
    node: Node, name: str, legacy: bool, may_alias: bool, data: bytes | str = b"", doc: int = 0
) -> Any:
    try:
        shared = may_alias and _check_aliases(node, name)
    except _Recursive:
        anchor = _recursive_alias(data, doc, legacy) or ""
        raise parse_error(name, f"anchor '{anchor}' value contains itself") from None
    value = _Builder(name, resolve_legacy if legacy else resolve_plain, legacy).build(node)
    if shared:
        _unshare(value)
    retained = _load.retained
    if retained is not None:
        retained.append(node)
    return value


# --- the non-specific tag '!' ----------------------------------------------------------

# A scalar tagged '!' is a string (YAML's rule; go-yaml v2 reads it so). LibYAML calls
# such a scalar implicit, like an untagged plain one, so it is found by where its node
# starts: at the '!', or at an anchor written before it. A '!' is a tag when a blank,
# a line break or ',' follows and a node may start before it (see _TAG_PREFIX).
_TAG_END = frozenset(b" \t\r\n,")
_NODE_START = r"(?:^[ \t]*|[:?-][ \t]+|[\[{,][ \t]*)"
_ANCHOR = r"&[^\s,\[\]{}]+"
_TAG_PREFIX = _NODE_START + "(?P<anchor>" + _ANCHOR + r"[ \t]+)?\Z"
_ANCHOR_LINE = _NODE_START + "(?P<anchor>" + _ANCHOR + r")[ \t]*\r?\Z"


def _tag_starts(data: bytes | str) -> list[int]:
    """Where the nodes tagged '!' may start (offsets in ``data``), in order."""
    import re

    text = data.decode("latin-1") if isinstance(data, bytes) else data
    tag_prefix, anchor_line = re.compile(_TAG_PREFIX, re.M), re.compile(_ANCHOR_LINE, re.M)
    starts = []
    at = text.find("!")
    while at >= 0:
        after = text[at + 1 : at + 2]
        if not after or ord(after) in _TAG_END:
            line = text.rfind("\n", 0, at) + 1
            before = tag_prefix.search(text, max(line, at - 1024), at)
            if before is not None:
                starts.append(at)
                if before["anchor"]:
                    starts.append(before.start("anchor"))
                elif line > 0 and not text[line:at].strip(" \t"):  # an anchor on the line above
                    top = max(text.rfind("\n", 0, line - 1) + 1, line - 1025)
                    above = anchor_line.search(text, top, line - 1)
                    if above is not None:
                        starts.append(above.start("anchor"))
        at = text.find("!", at + 1)
    return sorted(starts)


def _char_offsets(data: bytes | str, offsets: list[int]) -> list[int]:
    """LibYAML's mark indexes (characters, without a byte order mark) of the sorted
    byte ``offsets`` of ASCII characters in ``data``."""
    bom = 1 if data[:1] == "\ufeff" or data[:3] == b"\xef\xbb\xbf" else 0
    if not isinstance(data, bytes) or data.isascii():
        return [offset - bom for offset in offsets]
    result = []
    chars = done = 0
    for offset in offsets:  # an ASCII character never splits a UTF-8 sequence
        chars += len(data[done:offset].decode("utf-8", "replace"))
        done = offset
        result.append(chars - bom)
    return result


def _retag_non_specific(roots: list[Node], data: bytes | str) -> None:
    """Give each scalar tagged '!' that LibYAML resolved as plain the string tag."""
    if (b"!" if isinstance(data, bytes) else "!") not in data:
        return
    starts = _tag_starts(data)
    if not starts:
        return
    for index in _char_offsets(data, starts):
        for root in roots:
            node = _node_at(root, index)
            if node is not None and node.tag == PLAIN_TAG:
                node.tag = STR_TAG


def _node_at(node: Node, index: int) -> ScalarNode | None:
    """The scalar node that starts at mark ``index``, found by descending through the
    nodes whose text holds it."""
    while True:
        start = node.start_mark.index
        if not (start == index or start < index < node.end_mark.index):
            return None
        if type(node) is ScalarNode:
            return node if start == index else None
        for child in _children(node):
            if child.start_mark.index == index or (
                child.start_mark.index < index < child.end_mark.index
            ):
                node = child
                break
        else:
            return None


# --- aliases -------------------------------------------------------------------------


class _Recursive(Exception):
    """An alias inside the node it names (``_recursive_alias`` finds its name)."""


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
            raise _Recursive
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


def _recursive_alias(data: bytes | str, doc: int, legacy: bool) -> str | None:
    """The anchor go-yaml names for a recursive alias in document ``doc``.

    go-yaml follows aliases as it decodes, and fails on meeting an alias it is
    already inside: the first one met twice, which need not be the one that
    closes the loop. The document's events are replayed in go-yaml's order
    (keys before values; ``<<`` merges where they stand for v2, last for v3) to
    find it. Only an error takes this path.
    """
    from yaml import events

    anchors: dict[str, list] = {}
    open_nodes: list[list] = []
    root: list | None = None
    parser = CParser(data)
    try:
        index = -1
        while parser.check_event():
            event = parser.get_event()
            kind = type(event)
            if kind is events.DocumentStartEvent:
                index += 1
            if index != doc:
                if index > doc:
                    break
                continue
            if kind is events.AliasEvent:
                node: list = ["alias", event.anchor, anchors.get(event.anchor)]
            elif kind is events.ScalarEvent:
                merge = event.value == "<<" and (
                    event.tag in ("!", MERGE_TAG) or (event.tag is None and event.implicit[0])
                )
                node = ["merge" if merge else "scalar"]
            elif kind is events.SequenceStartEvent or kind is events.MappingStartEvent:
                node = ["seq" if kind is events.SequenceStartEvent else "map", []]
            elif kind is events.SequenceEndEvent or kind is events.MappingEndEvent:
                open_nodes.pop()
                continue
            else:
                continue
            if open_nodes:
                open_nodes[-1][1].append(node)
            else:
                root = node
            anchor = getattr(event, "anchor", None)
            if anchor is not None and kind is not events.AliasEvent:
                anchors[anchor] = node
            if node[0] in ("seq", "map"):
                open_nodes.append(node)
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()
    return _first_alias_met_twice(root, legacy)


def _first_alias_met_twice(root: list | None, legacy: bool) -> str | None:
    inside: set[int] = set()
    stack: list[Any] = [root]
    steps = 0
    while stack and steps < 1_000_000:
        steps += 1
        node = stack.pop()
        if type(node) is int:  # leaving the alias with this id
            inside.discard(node)
            continue
        if node is None or node[0] in ("scalar", "merge"):
            continue
        if node[0] == "alias":
            if id(node) in inside:
                return node[1]
            inside.add(id(node))
            stack.append(id(node))
            stack.append(node[2])
            continue
        children = node[1]
        if node[0] == "seq":
            stack.extend(reversed(children))
            continue
        order: list = []
        last_merge = None
        for key, value in zip(children[::2], children[1::2], strict=False):
            if key[0] != "merge":
                order += [key, value]
            elif legacy:  # go-yaml v2: merged where it stands, a list of maps last first
                order += reversed(value[1]) if value[0] == "seq" else [value]
            else:
                last_merge = value
        if last_merge is not None:  # go-yaml v3: the last merge, after the keys
            order += last_merge[1] if last_merge[0] == "seq" else [last_merge]
        stack.extend(reversed(order))
    return None


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


def _written_before(mapping: MappingNode, key_node: Node) -> bool:
    """Whether a key before ``key_node`` in ``mapping`` is written the same way."""
    for earlier, _ in mapping.value:
        if earlier is key_node:
            return False
        if type(earlier) is type(key_node) and earlier.value == key_node.value:
            return True
    return False


class _Builder:
    """Turns a node graph into plain data without recursion."""

    def __init__(self, name: str, resolve: Callable[[str], Any], legacy: bool) -> None:
        self.name = name
        self.resolve = resolve
        self.resolve_key = resolve_legacy if legacy else resolve_key
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
            # go-yaml decodes !!binary into a string holding the bytes, whatever they are
            from graft.yamlio.gobase64 import CorruptInput, decode

            try:
                return go_string(decode(text.encode("utf-8")))
            except CorruptInput:
                raise self.error(node, "!!binary value contains invalid base64 data") from None
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
                    key = keys[key_node.value] = make_key(self.resolve_key(key_node.value))
            elif tag == MERGE_TAG and type(key_node) is ScalarNode:
                merges.append(value_node)
                continue
            else:
                key = self.key(key_node)
            if key in target and not self.legacy and _written_before(node, key_node):
                # go-yaml compares keys as written: `null:` then `~:` is no duplicate
                # (the later value wins), `a:` twice is
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
