"""``graft-check``: does each manifest merge and evaluate without error? The
command of the pre-commit hook in ``.pre-commit-hooks.yaml`` (README,
"pre-commit").

    graft-check [--skip-eval] [--redact] [--go-patch] [-m] [--together] FILE...

Each file is merged on its own, as ``graft merge FILE`` would (``--together``:
all of them as one ``graft merge FILE...``). ``--skip-eval`` only merges;
``--redact`` evaluates without reading Vault, AWS or NATS (``REDACT``). A file
that fails has its error printed, as ``graft merge`` prints it with locations
on; the exit status is 1 when any fails, 2 for a bad command line.
"""

from __future__ import annotations

import os
import sys

USAGE = "usage: graft-check [--skip-eval] [--redact] [--go-patch] [-m] [--together] FILE...\n"
FLAGS = {
    "--skip-eval": "skip_eval",
    "--go-patch": "go_patch",
    "-m": "multi_doc",
    "--multi-doc": "multi_doc",
}


def check(files: list[str], options: dict[str, bool], together: bool) -> list[tuple[str, str]]:
    """``(name, report)`` of each input that fails."""
    from graft import locations
    from graft.documents import Stdin
    from graft.errors import GraftError
    from graft.pipeline import MergeOptions, Run

    locations.start()
    failed = []
    groups = [files] if together else [[name] for name in files]
    for group in groups:
        try:
            outcome = Run(MergeOptions(files=group, **options)).merge_inputs(Stdin())
        except GraftError as error:
            warnings = "".join(f"warning: {w}\n" for w in error.warnings)
            failed.append((" ".join(group), warnings + error.report()))
        else:  # typo hints and merge warnings are shown, but do not fail the check
            for warning in outcome.warnings:
                sys.stderr.write(f"graft-check: {' '.join(group)}: warning: {warning}\n")
    return failed


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    options: dict[str, bool] = {}
    together = False
    while args and args[0].startswith("-") and args[0] != "-":
        flag = args.pop(0)
        if flag in FLAGS:
            options[FLAGS[flag]] = True
        elif flag == "--together":
            together = True
        elif flag == "--redact":
            os.environ["REDACT"] = "1"
        elif flag == "--":
            break
        else:
            sys.stderr.write(f"unknown flag: {flag}\n{USAGE}")
            return 2
    if not args:
        sys.stderr.write(USAGE)
        return 2
    failed = check(args, options, together)
    for name, report in failed:
        sys.stderr.write(f"graft-check: {name} failed:\n{report.rstrip()}\n\n")
    if failed:
        sys.stderr.write(f"graft-check: {len(failed)} of {len(args)} failed\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
