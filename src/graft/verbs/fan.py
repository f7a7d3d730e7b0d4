"""``graft fan``: one source merged separately with every target document (SPEC §9.3)."""

from __future__ import annotations

import copy

from graft.documents import Document, Stdin, read_input
from graft.errors import GraftError
from graft.verbs.merge import MergeOptions, Outcome, process

_USE = (
    "If no files are specified, STDIN is used. Using STDIN for source and target docs "
    "only works with -m."
)


def fan_trees(options: MergeOptions, stdin: Stdin) -> list[Outcome]:
    """Every target's result, all computed before anything is printed."""
    files = list(options.files)
    if stdin.is_piped():
        files.append("-")
    if not files:
        raise GraftError(
            f"Missing Input: You must specify at least a source document to graft fan. {_USE}"
        )
    source_docs = read_input(
        files[0], multi_doc=options.multi_doc, go_patch=options.go_patch, stdin=stdin
    )
    source, targets = source_docs[0], source_docs[1:]
    for name in files[1:]:
        targets.extend(read_input(name, multi_doc=True, go_patch=options.go_patch, stdin=stdin))
    if not targets:
        raise GraftError(
            f"Missing Input: You must specify at least one target document to graft fan. {_USE}"
        )
    outcomes = []
    for target in targets:
        base = Document(source.name, copy.deepcopy(source.data), source.text)
        outcomes.append(process([base, target], options))
    return outcomes
