"""A run of graft: documents in, one merged and evaluated tree out (docs/architecture.md).

``Run`` holds what one run is asked to do (``MergeOptions``), the settings it
runs with and the state its operators share (``RunState``). ``graft merge``,
``graft fan``, ``graft vaultinfo`` and ``graft.merge()`` all go through it; the
CLI only parses arguments and prints what it returns.
"""

from __future__ import annotations

import copy

from graft import config, log
from graft.config import Settings
from graft.documents import Document, Stdin, read_input, read_inputs
from graft.errors import GraftError
from graft.state import RunState
from graft.yamlio.emit import emit_yaml

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

_FAN_USE = (
    "If no files are specified, STDIN is used. Using STDIN for source and target docs "
    "only works with -m."
)


class MergeOptions:
    """The options of ``graft merge`` (README, "graft merge")."""

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


class Run:
    """One run: read, merge, patch, evaluate, prune, sort and pick."""

    def __init__(
        self,
        options: MergeOptions,
        *,
        settings: Settings | None = None,
        state: RunState | None = None,
    ) -> None:
        self.options = options
        self.settings = settings
        self.state = state

    def read(self, stdin: Stdin) -> list[Document]:
        options = self.options
        return read_inputs(
            options.files, multi_doc=options.multi_doc, go_patch=options.go_patch, stdin=stdin
        )

    def merge_inputs(self, stdin: Stdin) -> Outcome:
        """``graft merge``: the merged tree of the input files."""
        return self.merge(self.read(stdin))

    def merged(self, documents: list[Document]) -> tuple[dict, Any]:
        """The documents merged and patched, nothing evaluated yet; and what the
        merge recorded (markers to prune and sort, warnings)."""
        options = self.options
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
        from graft.merging import merge_documents

        result = merge_documents(regular, fallback_append=options.fallback_append)
        tree = result.tree
        log.trace(
            f"merge recorded {len(result.prune_paths)} path(s) to prune "
            f"and {len(result.sort_paths)} to sort"
        )
        for operations in patches:
            tree = gopatch.apply_operations(tree, operations)
        return tree, result

    def merge(self, documents: list[Document]) -> Outcome:
        """Merge, patch, evaluate, prune and pick documents already read."""
        options = self.options
        tree, result = self.merged(documents)
        requested = _paths(options.prune)
        warnings = result.warnings
        if options.skip_eval:
            _prune(tree, [*result.prune_paths, *requested])
        else:
            evaluation = self._evaluate(tree, documents)
            warnings = [*warnings, *evaluation.warnings]
            _prune(tree, [*result.prune_paths, *evaluation.pruned])
            _sort(tree, result.sort_paths)
            _prune(tree, requested)
            if evaluation.containers_written:
                from graft.evaluate import check_written

                check_written(tree)
        if options.cherry_pick:
            log.debug(f"cherry-picking {len(options.cherry_pick)} path(s)")
            from graft.cherrypick import cherry_pick

            tree = cherry_pick(tree, options.cherry_pick)
        return Outcome(tree, warnings)

    def _evaluate(self, tree: dict, documents: list[Document]) -> Any:
        from graft.evaluate import Evaluation
        from graft.operators import early_names, waiting_names

        settings = self.settings if self.settings is not None else config.current()
        # What the documents' text names decides which work can be skipped; data given
        # without its text (the Python API) may hold any operator.
        texts = [d.text for d in documents]
        early = early_names()
        waiting = waiting_names() if settings.parallel else None
        return Evaluation(
            tree,
            state=self.state if self.state is not None else RunState(),
            settings=settings,
            picks=_paths(self.options.cherry_pick) or None,
            insertion=self.options.dataflow_order == "insertion",
            early=any(t is None or early.search(t) for t in texts),
            waits=waiting is not None and any(t is None or waiting.search(t) for t in texts),
        ).run()

    def fan(self, stdin: Stdin) -> list[Outcome]:
        """``graft fan``: the source merged with each target document (README, "graft fan"),
        all computed before anything is printed."""
        options = self.options
        files = list(options.files)
        if stdin.is_piped():
            files.append("-")
        if not files:
            raise GraftError(
                "Missing Input: You must specify at least a source document to graft fan. "
                + _FAN_USE
            )
        source_docs = read_input(
            files[0], multi_doc=options.multi_doc, go_patch=options.go_patch, stdin=stdin
        )
        source, targets = source_docs[0], source_docs[1:]
        for name in files[1:]:
            targets.extend(read_input(name, multi_doc=True, go_patch=options.go_patch, stdin=stdin))
        if not targets:
            raise GraftError(
                "Missing Input: You must specify at least one target document to graft fan. "
                + _FAN_USE
            )
        outcomes = []
        for target in targets:
            base = Document(source.name, copy.deepcopy(source.data), source.text)
            run = Run(options, settings=self.settings)  # each target: a run of its own
            outcomes.append(run.merge([base, target]))
        return outcomes

    def vault_paths(self, stdin: Stdin) -> dict[str, set[str]]:
        """``graft vaultinfo``: the Vault paths the merge would read, and where
        (README, "graft vaultinfo"); every Vault lookup is recorded instead of made."""
        options = self.options
        documents = read_inputs(
            options.files, multi_doc=False, go_patch=options.go_patch, stdin=stdin
        )
        recorder: dict[str, set[str]] = {}
        Run(options, settings=self.settings, state=RunState(vaultinfo=recorder)).merge(documents)
        return recorder


def render(tree: dict) -> str:
    """What ``graft merge`` prints for a tree: the YAML and one more newline."""
    return emit_yaml(tree) + "\n"


def render_vault_paths(recorder: dict[str, set[str]]) -> str:
    """What ``graft vaultinfo`` prints."""
    secrets = [{"key": key, "references": sorted(recorder[key])} for key in sorted(recorder)]
    return emit_yaml({"secrets": secrets}) + "\n"


def _text_of(document: Document) -> str | None:
    """The text a document was read from (line numbers for go-patch errors)."""
    if not document.text:
        return None
    return document.text.decode("utf-8", "replace")


def _paths(texts: list[str]) -> list:
    """Paths given on the command line, split into segments."""
    if not texts:
        return []
    from graft.tree import split

    return [split(p) for p in texts]


def _prune(tree: dict, paths: list) -> None:
    """Remove ``paths`` (nothing to load when there are none)."""
    if paths:
        from graft.prune import prune

        prune(tree, paths)


def _sort(tree: dict, paths: list) -> None:
    if paths:
        from graft.sorting import apply_sorts

        apply_sorts(tree, paths)
