"""``graft diff A B``: the semantic comparison graft prints (SPEC §9.1).

graft prints homeport/dyff v1.9.0's "human" report without its banner; the
walk is in ``graft.diff.compare``, the layout in ``graft.diff.report``.
"""

from __future__ import annotations

from graft.documents import Stdin, read_file
from graft.errors import GraftError

DEFAULT_WIDTH = 80  # gonvenience/term's width when standard output is no terminal


def _terminal_width() -> int:
    import os

    try:
        return os.get_terminal_size(1).columns or DEFAULT_WIDTH
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


def diff_report(first: str, second: str, stdin: Stdin) -> tuple[str, bool]:
    """The report and whether the files differ."""
    from graft.diff.compare import compare_files
    from graft.diff.nodes import load
    from graft.diff.report import HumanReport

    file_a = load(_data(first, stdin), first)
    file_b = load(_data(second, stdin), second)
    diffs, docs_a, _ = compare_files(file_a.documents, file_b.documents)
    report = HumanReport(file_a.source, file_b.source, _terminal_width())
    return report.write(diffs, len(docs_a) > 1), bool(diffs)
