"""Values printed as gonvenience/neat prints yaml.v3 nodes (without colors).

Scalars print their text (in double quotes when neat thinks they need them),
multi-line strings as ``|`` blocks, keys as written. Removed and added values
are first restructured as ytbx.RestructureObject does: keys of a known kind of
map (``name`` first, BOSH and Concourse orders) move to the front and the others
are sorted by depth with Go's sort.Slice.
"""

from __future__ import annotations

from graft.diff.comments import foot_comment, foot_under, head_comment, line_comment
from graft.diff.gosort import go_sort_slice
from graft.diff.nodes import tag_of, text_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from graft.diff.nodes import Source
    from graft.diff.paint import Paint

_KNOWN_ORDERS = (
    (
        "name",
        "director_uuid",
        "releases",
        "instance_groups",
        "networks",
        "resource_pools",
        "compilation",
    ),
    ("name", "url", "version", "sha1"),
    ("jobs", "resources", "resource_types"),
    ("name", "type", "source"),
    ("get",),
    ("put",),
    ("task",),
    ("releases", "instance_groups", "configuration", "variables"),
    ("auth", "templates"),
    ("name",),
    ("key",),
    ("id",),
)


def _sprintf(text: str) -> str:
    """Go's fmt.Sprintf(text) without arguments: what its % directives print."""
    if "%" not in text:
        return text
    out = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        i += 1
        if char != "%":
            out.append(char)
            continue
        while i < n and text[i] in "+-# 0":
            i += 1
        while i < n and text[i].isdigit():
            i += 1
        if i < n and text[i] == ".":
            i += 1
            while i < n and text[i].isdigit():
                i += 1
        if i >= n:
            out.append("%!(NOVERB)")
        elif text[i] == "%":
            out.append("%")
            i += 1
        else:
            out.append(f"%!{text[i]}(MISSING)")
            i += 1
    return "".join(out)


def needs_quotes(node: Any) -> bool:
    if tag_of(node) != "!!str":
        return False
    value = node.value
    if value in ("true", "false", "null") or value.startswith("-"):
        return True
    return any(c in value for c in " *&:,")


def _leaf_depth(node: Any) -> int:
    """The deepest leaf under ``node`` (ytbx maxDepth), -1 when there is none."""
    kind = node.id
    if kind == "scalar":
        return 0
    best = -1
    if kind == "mapping":
        for _, v in node.value:
            d = _leaf_depth(v)
            if d >= 0 and d + 1 > best:
                best = d + 1
        return best
    entries = node.value
    field = _list_identifier(entries)
    for entry in entries:
        if field is None:
            d = _leaf_depth(entry)
            if d >= 0 and d + 1 > best:
                best = d + 1
            continue
        for k, v in entry.value:
            if text_of(k) == field:
                continue
            d = _leaf_depth(v)
            if d >= 0 and d + 2 > best:
                best = d + 2
    return best


def _list_identifier(entries: list) -> str | None:
    counts: dict[str, int] = {}
    for entry in entries:
        if entry.id == "mapping":
            for k, _ in entry.value:
                name = text_of(k)
                counts[name] = counts.get(name, 0) + 1
    for field in ("name", "key", "id"):
        if counts.get(field) == len(entries):
            return field
    return None


def restructured(pairs: list) -> list:
    """The key/value pairs of a map in ytbx.RestructureObject's order."""
    keys = [text_of(k) for k, _ in pairs]
    best, hits = -1, -1
    present = set(keys)
    for index, order in enumerate(_KNOWN_ORDERS):
        count = sum(1 for key in order if key in present)
        if count > 0 and count > hits:
            best, hits = index, count
    if best < 0:
        return pairs
    first = [key for key in _KNOWN_ORDERS[best] if key in present]
    chosen = set(first)
    rest = [key for key in keys if key not in chosen]
    last = {text_of(k): (k, v) for k, v in pairs}
    go_sort_slice(rest, lambda key: max(0, _leaf_depth(last[key][1])))
    return [last[key] for key in first + rest]


def _map_value(node: Any, source: Source | None) -> bool:
    """Whether a scalar is written as the value of a map key (``key: value``)."""
    mark = getattr(node, "start_mark", None)
    if mark is None or source is None or not source.text:
        return False
    return source.lines[mark.line][: mark.column].rstrip().endswith(":")


def _before(value: Any, key: Any) -> bool:
    """Whether a map value starts before its key: an alias of an earlier node."""
    start, end = getattr(value, "start_mark", None), getattr(key, "end_mark", None)
    return start is not None and end is not None and start.index < end.index


def _last_line(node: Any) -> int:
    """The last source line of a value (-1 when it has no position)."""
    seen: set[int] = set()
    while node.id != "scalar" and not getattr(node, "flow_style", True) and node.value:
        if id(node) in seen:
            return -1  # an alias of a node that holds it: no last line to find
        seen.add(id(node))
        last = node.value[-1]
        if node.id == "mapping":
            if _before(last[1], last[0]):
                return _last_line(last[0])  # `key: *alias` ends on the key's line
            node = last[1]
        else:
            node = last
    mark = getattr(node, "end_mark", None)
    if mark is None:
        return -1
    return mark.line if mark.column > 0 else mark.line - 1


_COLOR_NAMES = {
    "!!binary": "binaryColor",
    "!!str": "scalarDefaultColor",
    "!!float": "floatColor",
    "!!int": "intColor",
    "!!bool": "boolColor",
    "!!null": "nullColor",
}


class Printer:
    """neat's OutputProcessor.ToYAML for nodes of one file."""

    def __init__(
        self,
        source: Source | None,
        restructure: bool,
        paint: Paint | None = None,
        schema: dict | None = None,
    ) -> None:
        self.source = source
        self.restructure = restructure
        self.paint = paint if paint is not None and paint.enabled else None
        self.schema = schema if self.paint is not None else None
        # in color mode neat draws indent guides (in its schema's color)
        self.step = self.color("│ ", "indentLineColor") if self.schema else "  "
        self.out: list[str] = []

    def color(self, text: str, name: str) -> str:
        """neat's colorize: the schema's color for ``name``, if it has one."""
        schema = self.schema
        if schema is None or name not in schema:
            return text
        return self.paint.style(text, schema[name])  # type: ignore[union-attr]

    def key(self, key: Any) -> str:
        text = self.color(text_of(key) + ":", "keyColor")
        return text if self.paint is None else self.paint.style(text, bold=True)

    def text(self, node: Any) -> str:
        self.out = []
        if getattr(node, "document", False):
            self.out.append("---\n")
            restructure = self.restructure
            for entry in node.value:
                self.node("", False, entry)
                self.restructure = False  # ytbx restructures a document's first node only
            self.restructure = restructure
        else:
            self.node("", False, node)
            if node.id == "scalar" and not _map_value(node, self.source):
                self.entry_foot(node)
        return "".join(self.out)

    def node(self, prefix: str, skip_indent: bool, node: Any) -> None:
        out = self.out
        kind = node.id
        if kind == "sequence":
            for i, entry in enumerate(node.value):
                if i > 0 or not skip_indent:
                    out.append(prefix)
                out.append(self.color("-", "dashColor") + " ")
                self.node(prefix + self.step, True, entry)
                self.entry_foot(entry)
        elif kind == "mapping":
            pairs = restructured(node.value) if self.restructure else node.value
            floor = -1
            for i, (key, value) in enumerate(pairs):
                if not skip_indent or i > 0:
                    out.append(prefix)
                head = head_comment(key, self.source, floor)
                if head:
                    out.append(head + "\n")
                out.append(self.key(key))
                anchor = self.anchor(value)
                if anchor and _before(value, key):
                    out.append(f" *{anchor}\n")
                    floor = _last_line(key)
                    continue
                if anchor:
                    out.append(f" &{anchor}")
                if value.id == "mapping":
                    if not value.value:
                        out.append(" " + self.color("{}", "emptyStructures") + "\n")
                    else:
                        out.append("\n")
                        self.node(prefix + self.step, False, value)
                elif value.id == "sequence":
                    if not value.value:
                        out.append(" " + self.color("[]", "emptyStructures") + "\n")
                    else:
                        out.append("\n")
                        self.node(prefix, False, value)
                else:
                    out.append(" ")
                    self.node(prefix + self.step, False, value)
                floor = _last_line(value)
                self.key_foot(key, value, floor)
        else:
            self.scalar(prefix, node)

    def key_foot(self, key: Any, value: Any, last: int) -> None:
        """The foot comment yaml.v3 gives a map key: under its value, at least as
        indented as the key and less than the value's own entries."""
        column = getattr(key, "start_mark", None)
        if column is None:
            return
        column = column.column
        if value.id == "scalar" or getattr(value, "flow_style", True):
            text, at = foot_comment(value, self.source)
            inner = 1 << 30
        else:
            text, at = foot_under(last, self.source)
            first = value.value[0]
            inner = (first[0] if value.id == "mapping" else first).start_mark.column
            if value.id == "sequence":
                inner -= 2  # the dash
        if text and column <= at < inner:
            self.out.append(text + "\n")

    def entry_foot(self, entry: Any) -> None:
        """The foot comment of a scalar list entry: under it, not less indented."""
        if entry.id == "scalar" or getattr(entry, "flow_style", False):
            text, at = foot_comment(entry, self.source)
            mark = getattr(entry, "start_mark", None)
            if text and mark is not None and at >= mark.column - 2:
                self.out.append(text + "\n")

    def anchor(self, node: Any) -> str:
        """The anchor written at a node's start (PyYAML keeps no names)."""
        mark = getattr(node, "start_mark", None)
        if mark is None or self.source is None:
            return ""
        text = self.source.text
        if not text.startswith("&", mark.index):
            return ""
        end = mark.index + 1
        while end < len(text) and text[end] not in " \t\r\n,[]{}":
            end += 1
        return text[mark.index + 1 : end]

    def scalar(self, prefix: str, node: Any) -> None:
        out = self.out
        value = node.value
        if "\n" not in value:
            # neat passes an unquoted value to Sprintf as the format: "10%" prints "10%!(NOVERB)"
            text = f'"{value}"' if needs_quotes(node) else _sprintf(value)
            out.append(self.color(text, _COLOR_NAMES.get(tag_of(node), "scalarDefaultColor")))
        else:
            out.append(self.color("|", "multiLineTextColor") + "\n")
            lines = value.split("\n")
            out.append("\n".join(prefix + self.color(line, "multiLineTextColor") for line in lines))
        comment = line_comment(node, self.source)
        if comment:
            out.append(" " + comment)
        out.append("\n")


def yaml_text(
    node: Any,
    source: Source | None,
    restructure: bool = False,
    paint: Paint | None = None,
    schema: dict | None = None,
) -> str:
    """A value as neat prints it; with an enabled ``paint``, keys are bold and,
    with a color ``schema``, values are colored and indent guides drawn."""
    return Printer(source, restructure, paint, schema).text(node)


def yaml_string(node: Any, source: Source | None, paint: Paint | None = None) -> str:
    """dyff's yamlString: ``<nil>`` for null, else the printed value."""
    if node is None or (node.id == "scalar" and tag_of(node) == "!!null"):
        return "<nil>"
    return yaml_text(node, source, paint=paint)
