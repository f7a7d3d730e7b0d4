"""``graft merge``: read, merge, patch, prune, pick and write (SPEC §1.3, §7.1)."""

from __future__ import annotations

from graft import config, log
from graft.config import Settings
from graft.documents import Document, Stdin, read_inputs
from graft.evaluate import check_written, evaluate
from graft.merging import merge_documents
from graft.operators import early_names, waiting_names
from graft.yamlio.emit import emit_yaml


class MergeOptions:
    """The options of ``graft merge`` (SPEC §1.3)."""

    def __init__(
        self,
        files: list[str] | None = None,
        *,
        skip_eval: bool = False,
        prune: list[str] | None = None,
        cherry_pick: list[str] | None = None,
        fallback_append: bool = False,
        go_patch: bool = False,
        multi_doc: bool = False,
        dataflow_order: str = "alphabetical",
    ) -> None:
        self.files = files or []
        self.skip_eval = skip_eval
        self.prune = prune or []
        self.cherry_pick = cherry_pick or []
        self.fallback_append = fallback_append
        self.go_patch = go_patch
        self.multi_doc = multi_doc
        self.dataflow_order = dataflow_order


class Outcome:
    """A merged tree and the warnings met on the way."""

    def __init__(self, tree: dict, warnings: list[str]) -> None:
        self.tree = tree
        self.warnings = warnings


def merge_tree(options: MergeOptions, stdin: Stdin) -> Outcome:
    """The merged tree of the inputs, with everything but writing done."""
    documents = read_inputs(
        options.files, multi_doc=options.multi_doc, go_patch=options.go_patch, stdin=stdin
    )
    return process(documents, options)


def _text_of(document: Document) -> str | None:
    """The text a document was read from (line numbers for go-patch errors)."""
    if not document.text:
        return None
    return document.text.decode("utf-8", "replace")


def process(
    documents: list[Document],
    options: MergeOptions,
    session: dict | None = None,
    settings: Settings | None = None,
) -> Outcome:
    """Merge, patch, evaluate, prune and pick documents already read (SPEC §7.1)."""
    regular = [d.data for d in documents if type(d.data) is dict]
    patches = []
    if any(type(d.data) is list for d in documents):
        from graft import gopatch  # imported only when a go-patch file is given

        patches = [
            gopatch.parse_operations(d.data, d.name, _text_of(d))
            for d in documents
            if type(d.data) is list
        ]
    log.debug(f"merging {len(regular)} document(s), then {len(patches)} go-patch file(s)")
    result = merge_documents(regular, fallback_append=options.fallback_append)
    tree = result.tree
    log.trace(
        f"merge recorded {len(result.prune_paths)} path(s) to prune "
        f"and {len(result.sort_paths)} to sort"
    )
    for operations in patches:
        tree = gopatch.apply_operations(tree, operations)
    requested = _paths(options.prune)
    if options.skip_eval:
        prune(tree, [*result.prune_paths, *requested])
    else:
        picks = _paths(options.cherry_pick)
        settings = settings if settings is not None else config.current()
        # Data given without its text (the Python API) may hold any operator.
        texts = [d.text for d in documents]
        early = early_names()
        # Whether any site may wait on I/O matters only to the parallel executor.
        waiting = waiting_names() if settings.parallel else None
        evaluation = evaluate(
            tree,
            insertion=options.dataflow_order == "insertion",
            picks=picks or None,
            session=session,
            early=any(t is None or early.search(t) for t in texts),
            settings=settings,
            waits=waiting is not None and any(t is None or waiting.search(t) for t in texts),
        )
        prune(tree, [*result.prune_paths, *evaluation.pruned])
        apply_sorts(tree, result.sort_paths)
        prune(tree, requested)
        if evaluation.containers_written:
            check_written(tree)
    if options.cherry_pick:
        log.debug(f"cherry-picking {len(options.cherry_pick)} path(s)")
        from graft.cherrypick import cherry_pick

        tree = cherry_pick(tree, options.cherry_pick)
    return Outcome(tree, result.warnings)


def _paths(texts: list[str]) -> list:
    """Paths given on the command line, split into segments."""
    if not texts:
        return []
    from graft.tree import split

    return [split(p) for p in texts]


def prune(tree: dict, paths: list) -> None:
    """Remove ``paths`` (nothing to load when there are none)."""
    if paths:
        from graft.prune import prune as remove

        remove(tree, paths)


def apply_sorts(tree: dict, paths: list) -> None:
    if paths:
        from graft.sorting import apply_sorts as sort

        sort(tree, paths)


def render(tree: dict) -> str:
    """What ``graft merge`` prints for a tree: the YAML and one more newline."""
    return emit_yaml(tree) + "\n"
