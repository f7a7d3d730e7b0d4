"""Comments next to values, read from the source text as yaml.v3 attaches them."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from graft.diff.nodes import Source


def line_comment(node: Any, source: Source | None) -> str:
    """The comment after a scalar on the line where it ends."""
    mark = getattr(node, "end_mark", None)
    if mark is None or source is None or not source.text or node.style in ("|", ">"):
        return ""
    line = source.lines[mark.line]
    rest = line[mark.column :].lstrip(" \t")
    if rest.startswith("#"):
        return rest.rstrip()
    return ""


def head_comment(key: Any, source: Source | None) -> str:
    return ""


def foot_comment(node: Any, source: Source | None) -> str:
    return ""
