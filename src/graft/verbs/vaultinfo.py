"""``graft vaultinfo``: the Vault paths a merge would read, and where (SPEC §9.4).

The files are merged and evaluated as ``merge`` does, with every Vault lookup
recorded instead of made.
"""

from __future__ import annotations

from graft.documents import Stdin, read_inputs
from graft.verbs.merge import MergeOptions, process
from graft.yamlio.emit import emit_yaml


def vault_paths(options: MergeOptions, stdin: Stdin) -> dict[str, set[str]]:
    documents = read_inputs(options.files, multi_doc=False, go_patch=options.go_patch, stdin=stdin)
    recorder: dict[str, set[str]] = {}
    process(documents, options, session={"vaultinfo": recorder})
    return recorder


def render(recorder: dict[str, set[str]]) -> str:
    secrets = [{"key": key, "references": sorted(recorder[key])} for key in sorted(recorder)]
    return emit_yaml({"secrets": secrets}) + "\n"
