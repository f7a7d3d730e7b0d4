"""``graft diff A B``: the semantic comparison graft prints (SPEC §9.1).

graft prints homeport/dyff v1.9.0's "human" report without its banner; the
walk is in ``graft.diff.compare``, the layout in ``graft.diff.report``.
"""

from __future__ import annotations

import os

from graft.documents import Stdin, read_file
from graft.errors import GraftError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from graft.diff.nodes import File

DEFAULT_WIDTH = 80  # gonvenience/term's width when standard output is no terminal


def _terminal_width() -> int:
    try:
        return os.get_terminal_size(1).columns  # 0 for a terminal without a size, as in Go
    except OSError:
        return DEFAULT_WIDTH


def _data(name: str, stdin: Stdin) -> bytes:
    if name.strip() == "-":
        return stdin.read()
    try:
        return read_file(name)
    except GraftError:
        raise GraftError(
            f"unable to load data from {name}: unable to get any content using location "
            f"{name}: it is not a file or usable URI"
        ) from None


def diff_report(
    first: str,
    second: str,
    stdin: Stdin,
    width: int | None = None,
    colors: bool | None = None,
    truecolor: bool = False,
) -> tuple[str, bool]:
    """The report and whether the files differ.

    ``width`` is the terminal's (two blocks of a difference sit side by side when
    they fit); ``colors`` asks for dyff's colors (``truecolor``: 24-bit ones).
    Without a width, standard output decides both: its width and, when it is a
    terminal, colors."""
    from graft.diff.compare import compare_files
    from graft.diff.nodes import load
    from graft.diff.report import HumanReport

    if os.path.isdir(first) or os.path.isdir(second):
        file_a, file_b = _load(first, stdin), _load(second, stdin)
    else:
        data_a = _data(first, stdin)
        file_a = load(data_a, first)  # the first file's errors come first, as in dyff
        data_b = _data(second, stdin)
        file_b = file_a if data_b == data_a else load(data_b, second)
    diffs, docs_a, names = compare_files(file_a.documents, file_b.documents, file_a.names)
    from graft.diff.paint import Paint

    if width is None:  # the CLI: dyff colors the report when standard output is a terminal
        width = _terminal_width()
        if colors is None:
            colors = os.isatty(1) and os.environ.get("TERM") != "dumb"
            truecolor = os.environ.get("COLORTERM") in ("truecolor", "24bit")
    paint = Paint(bool(colors), truecolor)
    report = HumanReport(file_a.source, file_b.source, width, paint)
    return report.write(diffs, len(docs_a) > 1, names), bool(diffs)


def _load(name: str, stdin: Stdin) -> File:
    from graft.diff.nodes import load, load_directory

    if os.path.isdir(name):
        return load_directory(name)
    return load(_data(name, stdin), name)
