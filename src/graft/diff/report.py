"""dyff's "human" report (``output_human.go``), without colors and banner."""

from __future__ import annotations

from graft.diff.compare import ADDITION, MODIFICATION, ORDERCHANGE, REMOVAL
from graft.diff.neat import yaml_string, yaml_text
from graft.diff.nodes import tag_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from graft.diff.compare import Detail, Diff
    from graft.diff.nodes import Source

_WORDS = "no one two three four five six seven eight nine ten eleven twelve".split()


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    number = _WORDS[n] if n < len(_WORDS) else str(n)
    if n == 1:
        return f"{number} {singular}"
    return f"{number} {plural_form or singular + 's'}"


def table(separator: str, indent: int, columns: list[str]) -> str:
    """CreateTableStyleString: the columns side by side (no final newline)."""
    split = [column.split("\n") for column in columns]
    rows = max(len(lines) for lines in split)
    widths = [max(len(line) for line in lines) for lines in split]
    pad = " " * indent
    out = []
    for r in range(rows):
        cells = []
        for lines, width in zip(split, widths, strict=True):
            line = lines[r] if r < len(lines) else ""
            cells.append(pad + line + " " * (width - len(line)))
        out.append(separator.join(cells).rstrip(" "))
    return "\n".join(out)


def prefixed(prefix: str, text: str) -> str:
    """createStringWithPrefix: the prefix on the first line, its width on the others."""
    lines = text.split("\n")
    rest = " " * len(prefix)
    return "".join((prefix if i == 0 else rest) + line + "\n" for i, line in enumerate(lines))


def continuous(prefix: str, text: str) -> str:
    """createStringWithContinuousPrefix: the prefix on every line."""
    if text.endswith("\n"):
        text = text[:-1]
    return "".join(prefix + line + "\n" for line in text.split("\n"))


class HumanReport:
    def __init__(self, source_a: Source, source_b: Source, width: int, guides: bool = False):
        self.source_a = source_a
        self.source_b = source_b
        self.width = width
        self.guides = guides  # dyff's color mode draws indent guides in added/removed values

    def blocks(self, indent: int, blocks: list[str]) -> str:
        """writeTextBlocks: side by side when they fit the terminal width."""
        total = indent + (len(blocks) - 1) * 3
        for block in blocks:
            total += max(len(line) for line in block.split("\n"))
        if total > self.width:
            pad = " " * indent
            return "".join(pad + line + "\n" for block in blocks for line in block.split("\n"))
        return table("   ", indent, blocks)

    def write(self, diffs: list[Diff], show_root: bool, names: list[str] | None = None) -> str:
        """The report; ``show_root`` adds the document to locations, named by
        ``names`` where there is one (else ``document #N``)."""
        out = []
        for diff in diffs:
            out.append("\n" + self.location(diff, show_root, names or []) + "\n")
            out.append(self.blocks(0, [self.detail(d) for d in diff.details]))
        out.append("\n")
        return "".join(out)

    @staticmethod
    def location(diff: Diff, show_root: bool, names: list[str]) -> str:
        if diff.path is None:
            return "(file level)"
        path = diff.path
        text = ".".join(str(e) for e in path if e != "") if path else "(root level)"
        if show_root:
            index = diff.document
            text += f"  ({names[index]})" if index < len(names) else f"  (document #{index + 1})"
        return text

    def detail(self, detail: Detail) -> str:
        kind = detail.kind
        if kind == ADDITION:
            return self.added(detail.target)
        if kind == REMOVAL:
            return self.removed(detail.source)
        if kind == MODIFICATION:
            return self.modified(detail.source, detail.target)
        return self.order_changed(detail.source, detail.target)

    def added(self, node: Any) -> str:
        head = ""
        if getattr(node, "document", False):
            pass
        elif node.id == "sequence":
            head = f"{ADDITION} {plural(len(node.value), 'list entry', 'list entries')} added:\n"
        elif node.id == "mapping":
            head = f"{ADDITION} {plural(len(node.value), 'map entry', 'map entries')} added:\n"
        return head + self.blocks(2, [yaml_text(node, self.source_b, True, self.guides)])

    def removed(self, node: Any) -> str:
        if getattr(node, "document", False):
            head = f"{REMOVAL} {plural(len(node.value), 'document')} removed:\n"
        elif node.id == "sequence":
            head = f"{REMOVAL} {plural(len(node.value), 'list entry', 'list entries')} removed:\n"
        else:
            head = f"{REMOVAL} {plural(len(node.value), 'map entry', 'map entries')} removed:\n"
        return head + self.blocks(0, [yaml_text(node, self.source_a, True, self.guides)])

    def modified(self, a: Any, b: Any) -> str:
        type_a, type_b = _type_name(a), _type_name(b)
        if type_a == "string" and type_b == "string":
            return self.string_change(a.value, b.value)
        if type_a == "binary" and type_b == "binary":
            from graft.diff.hexdump import hex_dump

            return f"{MODIFICATION} content change\n" + self.blocks(
                0, [prefixed("- ", hex_dump(a.value)), prefixed("+ ", hex_dump(b.value))]
            )
        if type_a != type_b:
            head = f"{MODIFICATION} type change from {type_a} to {type_b}\n"
        else:
            head = f"{MODIFICATION} value change\n"
        text_a = yaml_string(a, self.source_a).rstrip("\n")
        text_b = yaml_string(b, self.source_b).rstrip("\n")
        return head + prefixed("- ", text_a) + prefixed("+ ", text_b)

    def string_change(self, a: str, b: str) -> str:
        if "-----BEGIN " in a and "-----BEGIN " in b:
            from graft.diff.certs import summary

            cert_a = summary(a)
            cert_b = summary(b) if cert_a is not None else None
            if cert_a is not None and cert_b is not None:
                return f"{MODIFICATION} certificate change\n" + self.blocks(
                    0, [prefixed("- ", cert_a), prefixed("+ ", cert_b)]
                )
        if a.strip(" \n") == b.strip(" \n"):
            return f"{MODIFICATION} whitespace only change\n" + self.blocks(
                0, [prefixed("- ", _visible(a)), prefixed("+ ", _visible(b))]
            )
        if "\n" in a or "\n" in b:
            from graft.diff.linediff import line_diff

            inserts = deletions = 0
            body = []
            for op, text in line_diff(a, b):
                if op > 0:
                    body.append(continuous("+ ", text))
                    inserts += 1
                elif op < 0:
                    body.append(continuous("- ", text))
                    deletions += 1
            return (
                f"{MODIFICATION} value change in multiline text "
                f"({plural(inserts, 'insert')}, {plural(deletions, 'deletion')})\n"
                + "".join(body)
                + "\n"
            )
        return f"{MODIFICATION} value change\n" + prefixed("- ", a) + prefixed("+ ", b)

    def order_changed(self, a: Any, b: Any) -> str:
        names_a = [self._entry_text(n, self.source_a) for n in a.value]
        names_b = [self._entry_text(n, self.source_b) for n in b.value]
        length_a = sum(len(n) for n in names_a) + (len(names_a) - 1) * 2
        length_b = sum(len(n) for n in names_b) + (len(names_b) - 1) * 2
        head = f"{ORDERCHANGE} order changed\n"
        if max(length_a, length_b) < self.width // 2:
            return head + f"- {', '.join(names_a)}\n+ {', '.join(names_b)}\n"
        return head + table(" ", 2, ["\n".join(names_a), "\n".join(names_b)])

    @staticmethod
    def _entry_text(node: Any, source: Source) -> str:
        text = node.value if node.id == "scalar" else ""
        if text == "":
            text = yaml_string(node, source)
        return text


def _visible(text: str) -> str:
    return text.replace("\n", "↵\n").replace(" ", "·")


def _type_name(node: Any) -> str:
    kind = node.id
    if kind == "mapping":
        return "map"
    if kind == "sequence":
        return "list"
    tag = tag_of(node)
    if tag == "!!str":
        return "string"
    if tag == "!!null":
        return "<nil>"
    return tag[2:]
