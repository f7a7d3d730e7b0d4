"""``graft diff A B``: a semantic comparison of two files (SPEC §9.1).

The report has the shape of dyff's "human" report, which graft prints: one
block per difference (a location, a description, the values), key order
ignored, list entries with a ``name`` (or ``key``, ``id``) matched by it, no
merging and no evaluation.
"""

from __future__ import annotations

from graft.documents import Stdin, read_file
from graft.errors import GraftError
from graft.gofmt import go_str
from graft.values import key_value
from graft.yamlio.keyorder import sorted_keys

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

_WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split()
_ID_FIELDS = ("name", "key", "id")
_COLUMN = 28  # where the right column of a side-by-side list block starts


def _count(n: int, singular: str, plural: str) -> str:
    return f"{_WORDS[n] if n < len(_WORDS) else n} {singular if n == 1 else plural}"


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if type(value) is bool:
        return "bool"
    if type(value) is int:
        return "int"
    if type(value) is float:
        return "float"
    if type(value) is str:
        return "string"
    return "list" if type(value) is list else "map"


def _yaml(value: Any) -> list[str]:
    """The lines of a value in dyff's YAML-like layout (scalars unquoted)."""
    if type(value) is dict:
        if not value:
            return ["{}"]
        lines = []
        for key in sorted_keys(value):
            child = value[key]
            name = go_str(key_value(key))
            if type(child) in (dict, list) and child:
                lines.append(f"{name}:")
                lines += _indent(_yaml(child), 0 if type(child) is list else 2)
            else:
                lines.append(f"{name}: {_yaml(child)[0]}")
        return lines
    if type(value) is list:
        if not value:
            return ["[]"]
        lines = []
        for item in value:
            inner = _yaml(item)
            lines.append(f"- {inner[0]}")
            lines += _indent(inner[1:], 2)
        return lines
    return str(go_str(value)).split("\n")


def _indent(lines: list[str], by: int) -> list[str]:
    return [" " * by + line if line else line for line in lines]


class Block:
    def __init__(self, path: tuple, lines: list[str]) -> None:
        self.path = path
        self.lines = lines


def _identifier(items: list) -> str | None:
    """The field that names every element of a list of maps, if there is one."""
    if not items or not all(type(i) is dict for i in items):
        return None
    for field in _ID_FIELDS:
        if all(field in i and type(i[field]) not in (dict, list) for i in items):
            return field
    return None


class Differ:
    def __init__(self) -> None:
        self.blocks: list[Block] = []

    def compare(self, a: Any, b: Any, path: tuple) -> None:
        if _kind(a) != _kind(b):
            lines = [f"± type change from {_kind(a)} to {_kind(b)}"]
            lines += [f"- {line}" for line in _yaml(a)[:1]] + _indent(_yaml(a)[1:], 2)
            lines += [f"+ {line}" for line in _yaml(b)[:1]] + _indent(_yaml(b)[1:], 2)
            self.blocks.append(Block(path, lines))
        elif type(a) is dict:
            self.maps(a, b, path)
        elif type(a) is list:
            self.lists(a, b, path)
        elif a != b or type(a) is not type(b):
            lines = ["± value change", *(f"- {x}" for x in _yaml(a)), *(f"+ {x}" for x in _yaml(b))]
            self.blocks.append(Block(path, lines))

    def maps(self, a: dict, b: dict, path: tuple) -> None:
        removed = {k: a[k] for k in a if k not in b}
        added = {k: b[k] for k in b if k not in a}
        if removed:
            head = f"- {_count(len(removed), 'map entry', 'map entries')} removed:"
            self.blocks.append(Block(path, [head, *_yaml(removed)]))
        if added:
            head = f"+ {_count(len(added), 'map entry', 'map entries')} added:"
            self.blocks.append(Block(path, [head, *_indent(_yaml(added), 2)]))
        for key in sorted_keys(a):
            if key in b:
                self.compare(a[key], b[key], (*path, go_str(key_value(key))))

    def lists(self, a: list, b: list, path: tuple) -> None:
        field = _identifier(a) if _identifier(a) == _identifier(b) else None
        if field is not None:
            names_b = {go_str(item[field]): item for item in b}
            names_a = {go_str(item[field]) for item in a}
            removed = [item for item in a if go_str(item[field]) not in names_b]
            added = [item for item in b if go_str(item[field]) not in names_a]
            self.list_block(removed, added, path)
            for item in a:
                name = go_str(item[field])
                if name in names_b:
                    self.compare(item, names_b[name], (*path, name))
            return
        remaining = list(b)
        removed = []
        for item in a:
            match = next((i for i, other in enumerate(remaining) if _same(item, other)), None)
            if match is None:
                removed.append(item)
            else:
                remaining.pop(match)
        self.list_block(removed, remaining, path)

    def list_block(self, removed: list, added: list, path: tuple) -> None:
        left = [f"- {_count(len(removed), 'list entry', 'list entries')} removed:"]
        left += _yaml(removed) if removed else []
        right = [f"+ {_count(len(added), 'list entry', 'list entries')} added:"]
        right += _indent(_yaml(added), 2) if added else []
        if removed and added:
            width = max(_COLUMN, max(len(line) for line in left) + 3)
            rows = max(len(left), len(right))
            left += [""] * (rows - len(left))
            right += [""] * (rows - len(right))
            lines = [
                (lft.ljust(width) + rgt).rstrip() for lft, rgt in zip(left, right, strict=True)
            ]
            self.blocks.append(Block(path, lines))
        elif removed:
            self.blocks.append(Block(path, left))
        elif added:
            self.blocks.append(Block(path, right))


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b


def _documents(name: str, stdin: Stdin) -> list[Any]:
    from graft.yamlio.load import load_all

    if name == "-":
        data = stdin.read()
    else:
        try:
            data = read_file(name)
        except GraftError:
            raise GraftError(
                f"unable to load data from {name}: unable to get any content using location "
                f"{name}: it is not a file or usable URI"
            ) from None
    return load_all(data, name)


def diff_report(first: str, second: str, stdin: Stdin) -> tuple[str, bool]:
    """The report and whether the files differ."""
    docs_a, docs_b = _documents(first, stdin), _documents(second, stdin)
    several = max(len(docs_a), len(docs_b)) > 1
    out = ["\n"]
    differ_at_all = False
    for n in range(max(len(docs_a), len(docs_b))):
        a = docs_a[n] if n < len(docs_a) else None
        b = docs_b[n] if n < len(docs_b) else None
        differ = Differ()
        differ.compare(a, b, ())
        for block in differ.blocks:
            differ_at_all = True
            location = ".".join(block.path) if block.path else "(root level)"
            if several:
                location += f"  (document #{n + 1})"
            out.append("\n".join([location, *block.lines]) + "\n\n")
    return "".join(out), differ_at_all
