"""Report import cycles between the parts of ``src/graft``.

A part is a subpackage (``graft.evaluate``) or a top-level module
(``graft.cli``). Every import counts, lazy ones inside functions and those
under ``TYPE_CHECKING`` too: a layer may only point down. Prints the imports
between parts and the cycles; exits 1 if there is one.

    python tools/import_cycles.py [--graph]
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "src" / "graft"


def part_of(module: str) -> str | None:
    """``graft.evaluate.plan`` -> ``evaluate``; ``graft.cli`` -> ``cli``; else None."""
    pieces = module.split(".")
    if pieces[0] != "graft" or len(pieces) < 2:
        return None
    return pieces[1]


def module_name(path: Path) -> str:
    relative = path.relative_to(ROOT.parent).with_suffix("")
    names = list(relative.parts)
    if names[-1] == "__init__":
        names.pop()
    return ".".join(names)


def imports(path: Path) -> set[str]:
    """The graft modules ``path`` imports (absolute names)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = (
        module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    )
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                origin = ".".join([*base, node.module] if node.module else base)
            else:
                origin = node.module or ""
            found.add(origin)
            found.update(f"{origin}.{alias.name}" for alias in node.names)
    return {name for name in found if name.startswith("graft.")}


def edges() -> dict[str, dict[str, set[str]]]:
    """part -> imported part -> the files that import it."""
    graph: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    known = {p.stem for p in ROOT.glob("*.py")} | {p.name for p in ROOT.iterdir() if p.is_dir()}
    for path in sorted(ROOT.rglob("*.py")):
        here = part_of(module_name(path)) or "__init__"
        for name in imports(path):
            there = part_of(name)
            if there and there != here and there in known:
                graph[here][there].add(str(path.relative_to(ROOT.parent)))
    return graph


def cycles(graph: dict[str, dict[str, set[str]]]) -> list[list[str]]:
    """The strongly connected components of more than one part (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph.get(node, {}):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def main(argv: list[str]) -> int:
    graph = edges()
    if "--graph" in argv:
        for part in sorted(graph):
            print(f"{part} -> {', '.join(sorted(graph[part]))}")
    found = cycles(graph)
    for component in found:
        print("cycle: " + " <-> ".join(component))
        for part in component:
            for other in sorted(graph[part]):
                if other in component:
                    files = ", ".join(sorted(graph[part][other]))
                    print(f"  {part} -> {other}: {files}")
    if not found:
        print(f"no import cycles between the {len(graph)} parts of src/graft")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
