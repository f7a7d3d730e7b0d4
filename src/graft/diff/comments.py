"""Comments next to printed values, read from the source text.

yaml.v3 attaches comments to nodes and neat prints three kinds: the comment
after a scalar on its line, the comment lines above a map key (its head) and
the comment lines under a value (its foot). The rules here follow yaml.v3's
scanner for block-style YAML: comment lines right under a value, then a blank
line (or a less indented key), are the foot of that value; other comment lines
above a key are its head (a blank line in them is kept); comment lines at the
top of a file followed by a blank line belong to the document.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from graft.diff.nodes import Source


def _is_comment(line: str) -> bool:
    return line.lstrip(" \t").startswith("#")


def _is_blank(line: str) -> bool:
    return not line.strip(" \t\r")


def _indent(line: str) -> int:
    """The indentation of the innermost block a content line belongs to."""
    column = len(line) - len(line.lstrip(" "))
    rest = line[column:]
    while rest.startswith("- ") and ": " in rest:
        stripped = rest[2:].lstrip(" ")
        column += len(rest) - len(stripped)
        rest = stripped
    return column


def _text(line: str) -> str:
    return line.lstrip(" \t").rstrip("\r")


def line_comment(node: Any, source: Source | None) -> str:
    """The comment after a scalar on the line where it ends."""
    mark = getattr(node, "end_mark", None)
    if mark is None or source is None or not source.text:
        return ""
    if node.style in ("|", ">"):  # the comment after the block's header
        start = node.start_mark
        rest = source.lines[start.line][start.column :].lstrip("|>+-0123456789").lstrip(" \t")
        return rest.rstrip("\r") if rest.startswith("#") else ""
    rest = source.lines[mark.line][mark.column :].lstrip(" \t")
    return rest.rstrip("\r") if rest.startswith("#") else ""


def _foot_after(lines: list[str], content: int) -> tuple[str, int]:
    """The foot comment under content line ``content`` and the line after it."""
    start = content + 1
    opener = lines[content].split(" #", 1)[0].rstrip()
    if opener.endswith(":") or opener.endswith("-"):  # a key whose value comes next
        return "", start
    if content == 0 and opener[-1:] in ("]", "}", '"', "'"):
        return "", start  # yaml.v3 starts no foot on a file's first line after these
    end = start
    while end < len(lines) and _is_comment(lines[end]):
        end += 1
    if end == start:
        return "", start
    following = end
    while following < len(lines) and _is_blank(lines[following]):
        following += 1
    is_foot = (end < len(lines) and _is_blank(lines[end])) or following >= len(lines)
    if not is_foot:
        column = len(lines[following]) - len(lines[following].lstrip(" "))
        comment_column = len(lines[start]) - len(lines[start].lstrip(" "))
        is_foot = column < _indent(lines[content]) and comment_column != column
    if not is_foot:
        return "", start
    return "\n".join(_text(line) for line in lines[start:end]), end


def foot_comment(node: Any, source: Source | None) -> tuple[str, int]:
    """The foot comment under a scalar (or flow collection) that ends its line,
    and the column of the comment (which tells which node owns it)."""
    mark = getattr(node, "end_mark", None)
    if mark is None or source is None or not source.text:
        return "", -1
    lines = source.lines
    if node.id == "scalar" and node.style in ("|", ">"):
        last = mark.line if mark.column > 0 else mark.line - 1
        while last > 0 and _is_blank(lines[last]):
            last -= 1
        return foot_under(last, source)  # under the last line of the block
    rest = lines[mark.line][mark.column :].lstrip(" \t")
    if rest and not rest.startswith("#"):
        return "", -1
    return foot_under(mark.line, source)


def foot_under(line: int, source: Source | None) -> tuple[str, int]:
    """The foot comment under content line ``line`` and its column."""
    if source is None or not source.text or line < 0:
        return "", -1
    lines = source.lines
    text = _foot_after(lines, line)[0]
    if not text:
        return "", -1
    return text, len(lines[line + 1]) - len(lines[line + 1].lstrip(" "))


def head_comment(key: Any, source: Source | None, floor: int = -1) -> str:
    """The comment lines above a map key that yaml.v3 makes its head comment."""
    mark = getattr(key, "start_mark", None)
    if mark is None or source is None or not source.text:
        return ""
    lines = source.lines
    line = mark.line
    if floor >= line:  # the value printed before this key is not above it
        floor = -1
    before = lines[line][: mark.column]
    if before.strip(" "):  # after "- " (comments above belong to the list entry) or in a flow
        return ""
    above = line - 1
    while above > floor and (_is_comment(lines[above]) or _is_blank(lines[above])):
        above -= 1
    if above >= 0:
        dash = rest = lines[above].lstrip(" ")
        while rest.startswith("- "):
            rest = rest[2:].lstrip(" ")
        if rest is not dash and rest.startswith("#"):  # "- # comment" over an entry's key
            return _join([rest, *lines[above + 1 : line]])
    above = line - 1
    while above > floor and (_is_comment(lines[above]) or _is_blank(lines[above])):
        above -= 1
    first = above + 1
    if first >= line:
        return ""
    if above >= 0:
        if _is_comment(lines[first]):
            foot, after = _foot_after(lines, above)
            if foot:
                first = after
    elif _is_comment(lines[first]):
        end = first
        while end < line and _is_comment(lines[end]):
            end += 1
        if end < line:  # a blank line under the file's first comments: the document's
            first = end
    while first < line and _is_blank(lines[first]):
        first += 1
    return _join(lines[first:line])


def _join(lines: list[str]) -> str:
    """Comment lines as yaml.v3 joins them: a run of blank lines is one newline."""
    parts: list[str] = []
    blank = False
    for text in lines:
        if _is_blank(text):
            if not blank and parts:
                parts.append("\n")
            blank = True
            continue
        if (parts and parts[-1] != "\n") or (parts and blank):
            parts.append("\n")
        parts.append(_text(text))
        blank = False
    return "".join(parts)
