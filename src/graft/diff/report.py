"""dyff's "human" report (``output_human.go``) without its banner; colored as
dyff colors it when ``paint`` is enabled (standard output is a terminal)."""

from __future__ import annotations

from graft.diff.compare import ADDITION, MODIFICATION, ORDERCHANGE, REMOVAL, Named
from graft.diff.neat import yaml_string, yaml_text
from graft.diff.nodes import tag_of
from graft.diff.paint import COLORS, GREEN_SCHEMA, RED_SCHEMA, Paint, plain_len

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
    widths = [max(plain_len(line) for line in lines) for lines in split]
    pad = " " * indent
    out = []
    for r in range(rows):
        cells = []
        for lines, width in zip(split, widths, strict=True):
            line = lines[r] if r < len(lines) else ""
            cells.append(pad + line + " " * (width - plain_len(line)))
        out.append(separator.join(cells).rstrip(" "))
    return "\n".join(out)


def prefixed(prefix: str, text: str) -> str:
    """createStringWithPrefix: the prefix on the first line, its width on the others."""
    lines = text.split("\n")
    rest = " " * plain_len(prefix)
    return "".join((prefix if i == 0 else rest) + line + "\n" for i, line in enumerate(lines))


def continuous(prefix: str, text: str) -> str:
    """createStringWithContinuousPrefix: the prefix on every line."""
    if text.endswith("\n"):
        text = text[:-1]
    return "".join(prefix + line + "\n" for line in text.split("\n"))


class HumanReport:
    def __init__(
        self, source_a: Source, source_b: Source, width: int, paint: Paint | None = None
    ) -> None:
        self.source_a = source_a
        self.source_b = source_b
        self.width = width
        self.paint = paint or Paint(False)

    def red(self, text: str) -> str:
        return self.paint.color(text, "removal")

    def green(self, text: str) -> str:
        return self.paint.color(text, "addition")

    def yellow(self, text: str) -> str:
        return self.paint.color(text, "modification")

    def blocks(self, indent: int, blocks: list[str]) -> str:
        """writeTextBlocks: side by side when they fit the terminal width."""
        total = indent + (len(blocks) - 1) * 3
        for block in blocks:
            total += max(plain_len(line) for line in block.split("\n"))
        if total > self.width:
            pad = " " * indent
            return "".join(pad + line + "\n" for block in blocks for line in block.split("\n"))
        return table("   ", indent, blocks)

    def write(self, diffs: list[Diff], show_root: bool, names: list[str] | None = None) -> str:
        """The report; ``show_root`` adds the document to locations, named by
        ``names`` where there is one (else ``document #N``)."""
        out = []
        for diff in diffs:
            out.append("\n" + self.location(diff, show_root, names or [], self.paint) + "\n")
            out.append(self.blocks(0, [self.detail(d) for d in diff.details]))
        out.append("\n")
        return "".join(out)

    @staticmethod
    def location(diff: Diff, show_root: bool, names: list[str], paint: Paint) -> str:
        if diff.path is None:
            return paint.style("(file level)", bold=True)
        path = diff.path
        if not path:
            text = paint.style("(root level)", bold=True)
        else:  # bold names, bold italic names of list entries
            text = ".".join(
                paint.style(str(e), bold=True, italic=type(e) is Named) for e in path if e != ""
            )
        if show_root:
            index = diff.document
            root = names[index] if index < len(names) else f"document #{index + 1}"
            text += "  " + paint.style(f"({root})", COLORS["LightSteelBlue"])
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
        text = yaml_text(node, self.source_b, True, self.paint, GREEN_SCHEMA)
        return self.yellow(head) + self.blocks(2, [text])

    def removed(self, node: Any) -> str:
        if getattr(node, "document", False):
            head = f"{REMOVAL} {plural(len(node.value), 'document')} removed:\n"
        elif node.id == "sequence":
            head = f"{REMOVAL} {plural(len(node.value), 'list entry', 'list entries')} removed:\n"
        else:
            head = f"{REMOVAL} {plural(len(node.value), 'map entry', 'map entries')} removed:\n"
        text = yaml_text(node, self.source_a, True, self.paint, RED_SCHEMA)
        return self.yellow(head) + self.blocks(0, [text])

    def modified(self, a: Any, b: Any) -> str:
        type_a, type_b = _type_name(a), _type_name(b)
        if type_a == "string" and type_b == "string":
            return self.string_change(a.value, b.value)
        if type_a == "binary" and type_b == "binary":
            from graft.diff.hexdump import hex_dump

            dump_a = self.red(prefixed("- ", hex_dump(a.value)))
            dump_b = self.green(prefixed("+ ", hex_dump(b.value)))
            return self.yellow(f"{MODIFICATION} content change\n") + self.blocks(
                0, [dump_a, dump_b]
            )
        if type_a != type_b:
            italic = self.paint.italic
            head = f"{MODIFICATION} type change from {italic(type_a)} to {italic(type_b)}\n"
        else:
            head = f"{MODIFICATION} value change\n"
        text_a = yaml_string(a, self.source_a, self.paint).rstrip("\n")
        text_b = yaml_string(b, self.source_b, self.paint).rstrip("\n")
        return (
            self.yellow(head)
            + self.red(prefixed("- ", text_a))
            + self.green(prefixed("+ ", text_b))
        )

    def string_change(self, a: str, b: str) -> str:
        if "-----BEGIN " in a and "-----BEGIN " in b:
            from graft.diff.certs import summary

            cert_a = summary(a)
            cert_b = summary(b) if cert_a is not None else None
            if cert_a is not None and cert_b is not None:
                return self.yellow(f"{MODIFICATION} certificate change\n") + self.by_line(
                    cert_a, cert_b
                )
        if a.strip(" \n") == b.strip(" \n"):
            bold = self.paint.bold
            visible_a = a.replace("\n", bold("↵\n")).replace(" ", bold("·"))
            visible_b = b.replace("\n", bold("↵\n")).replace(" ", bold("·"))
            return self.yellow(f"{MODIFICATION} whitespace only change\n") + self.blocks(
                0, [self.red(prefixed("- ", visible_a)), self.green(prefixed("+ ", visible_b))]
            )
        if "\n" in a or "\n" in b:
            from graft.diff.linediff import line_diff

            inserts = deletions = 0
            body = []
            for op, text in line_diff(a, b):
                if op > 0:
                    body.append(self.green(continuous("+ ", text)))
                    inserts += 1
                elif op < 0:
                    body.append(self.red(continuous("- ", text)))
                    deletions += 1
            return (
                self.yellow(
                    f"{MODIFICATION} value change in multiline text "
                    f"({plural(inserts, 'insert')}, {plural(deletions, 'deletion')})\n"
                )
                + "".join(body)
                + "\n"
            )
        head = self.yellow(f"{MODIFICATION} value change\n")
        if self.paint.enabled and _minor(a, b):
            return head + self.highlighted(a, b)
        return head + self.red(prefixed("- ", a)) + self.green(prefixed("+ ", b))

    def highlighted(self, a: str, b: str) -> str:
        """A small change: the common parts light, the changed parts bold."""
        from graft.diff.linediff import DELETE, EQUAL, INSERT, char_diff

        paint = self.paint
        parts = char_diff(a, b)
        removed = [self.red("- ")]
        added = [self.green("+ ")]
        for op, text in parts:
            if op == EQUAL:
                removed.append(paint.color(text, "LightSalmon"))
                added.append(paint.color(text, "LightGreen"))
            elif op == DELETE:
                removed.append(paint.bold(self.red(text)))
            elif op == INSERT:
                added.append(paint.bold(self.green(text)))
        return "".join(removed) + "\n" + "".join(added) + "\n"

    def by_line(self, a: str, b: str) -> str:
        """highlightByLine: changed lines strong, the others light."""
        lines_a, lines_b = a.split("\n"), b.split("\n")
        if len(lines_a) != len(lines_b):
            return self.blocks(0, [self.red(prefixed("- ", a)), self.green(prefixed("+ ", b))])
        paint = self.paint
        for i, (line_a, line_b) in enumerate(zip(lines_a, lines_b, strict=True)):
            if line_a != line_b:
                lines_a[i], lines_b[i] = self.red(line_a), self.green(line_b)
            else:
                lines_a[i] = paint.color(line_a, "LightSalmon")
                lines_b[i] = paint.color(line_b, "LightGreen")
        return self.blocks(
            0,
            [
                prefixed(self.red("- "), "\n".join(lines_a)),
                prefixed(self.green("+ "), "\n".join(lines_b)),
            ],
        )

    def order_changed(self, a: Any, b: Any) -> str:
        names_a = [self._entry_text(n, self.source_a) for n in a.value]
        names_b = [self._entry_text(n, self.source_b) for n in b.value]
        length_a = sum(plain_len(n) for n in names_a) + (len(names_a) - 1) * 2
        length_b = sum(plain_len(n) for n in names_b) + (len(names_b) - 1) * 2
        head = self.yellow(f"{ORDERCHANGE} order changed\n")
        if max(length_a, length_b) < self.width // 2:
            removed = self.red(f"- {', '.join(names_a)}\n")
            return head + removed + self.green(f"+ {', '.join(names_b)}\n")
        columns = [self.red("\n".join(names_a)), self.green("\n".join(names_b))]
        return head + table(" ", 2, columns)

    def _entry_text(self, node: Any, source: Source) -> str:
        text = node.value if node.id == "scalar" else ""
        if text == "":
            text = yaml_string(node, source, self.paint)
        return text


def _minor(a: str, b: str) -> bool:
    """dyff's isMinorChange with graft's threshold (0): a Levenshtein distance
    (substitutions cost 2) of at most 4."""
    if abs(len(a) - len(b)) > 4:
        return False
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 2
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost))
        previous = current
    return previous[-1] <= 4


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
