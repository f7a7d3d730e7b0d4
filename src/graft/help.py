"""Help (D18): ``graft -h``, ``graft help``, ``graft help VERB`` and ``graft VERB
--help`` print to standard output and exit 0; each verb has a page of its own
with its options and an example."""

from __future__ import annotations

import difflib

_MERGE_OPTIONS = """\
  --skip-eval           merge only: leave the (( operators )) unevaluated
  --prune PATH          remove PATH from the output (repeatable)
  --cherry-pick PATH    keep only PATH in the output (repeatable)
  --fallback-append     append lists that cannot be merged by name, instead of
                        merging them by index
  --go-patch            read files that hold a list as go-patch operations
  -m, --multi-doc       read every document of a file (split on ---)
  --dataflow-order ORDER
                        the order independent operators run in: alphabetical
                        (the default) or insertion
"""

PAGES = {
    "merge": f"""\
graft merge [options] FILE...

Merge the files left to right, evaluate their (( operators )) and print the
result as YAML. A file named - is standard input, which is also read when no
file is given and it is piped.

Options (before the first file):
{_MERGE_OPTIONS}
Example:
  graft merge --prune meta base.yml prod.yml > manifest.yml
""",
    "fan": f"""\
graft fan [options] SOURCE TARGET...

Merge SOURCE with each document of the TARGET files in turn and print every
result, each after a --- line.

Options (before the first file): as for merge
{_MERGE_OPTIONS}
Example:
  graft fan common.yml envs.yml
""",
    "diff": """\
graft diff FILE1 FILE2

Show what differs between two YAML (or JSON) files: key order is ignored,
list entries are matched by name, key or id, operators are compared as text.
Exit status 0 when they are the same, 1 when they differ, 2 on an error.

Example:
  graft diff old-manifest.yml new-manifest.yml
""",
    "json": """\
graft json [--strict] [FILE...]

Print each YAML document of each file (then of piped standard input) as one
line of JSON with sorted keys; no operator is evaluated.

Options:
  --strict              refuse map keys that are not strings

Example:
  graft json manifest.yml | jq .name
""",
    "vaultinfo": """\
graft vaultinfo [--go-patch] FILE...

List the Vault secrets the merged files read, and where: the merge runs,
but every Vault lookup is recorded instead of made.

Options:
  --go-patch            read files that hold a list as go-patch operations

Example:
  graft vaultinfo base.yml prod.yml
""",
    "plan": """\
graft plan [options] FILE...

Show how the operators of the merged files would run, without evaluating any
of them or contacting Vault, AWS or NATS: each phase's operators with their
$.path, where they were written and what they wait for; the waves (groups
that can run together); which ones the strategy (GRAFT_PARALLEL_STRATEGY)
hands to the thread pool; the longest chain of dependencies; any cycle; and
for operators that wait on I/O, the time a sequential and a parallel run
would spend waiting. Exit status 2 when the operators form a cycle.

Options (before the first file): the merge options but --skip-eval, and
  --format FORMAT       text (the default), json or dot (Graphviz)
  --workers N           threads in the estimate (default: GRAFT_PARALLEL_WORKERS)
  --latency DURATION    one I/O round trip in the estimate, such as 20ms (the
                        default) or 0.5s
  --prune PATH, --cherry-pick PATH, --fallback-append, --go-patch, -m,
  --dataflow-order ORDER
                        as for merge (--cherry-pick shows only the operators
                        under PATH and what they need)

Example:
  graft plan --workers 8 --latency 35ms base.yml prod.yml
""",
    "completion": """\
graft completion bash|zsh|fish

Print a shell completion script for graft.

Example:
  graft completion bash > ~/.local/share/bash-completion/completions/graft
""",
}

FOOTER = """
Also in this graft:
            --locations       Name the file, line and column of operators in errors and
                              warnings, and hint at mistyped ones (on/off/auto, default:
                              auto: on when stderr is a terminal; or GRAFT_LOCATIONS)
    plan:
                              Show the operators, their dependencies and how they would
                              run in parallel, without evaluating anything
    completion:
                              Print a shell completion script (bash, zsh or fish)

Run 'graft help VERB' for a verb's options and an example.
"""


def page(verb: str) -> str | None:
    """The help page of ``verb``, or None."""
    return PAGES.get(verb)


def unknown(verb: str) -> str:
    """The line that says ``verb`` is no verb, with the closest one if any."""
    close = difflib.get_close_matches(verb, [*PAGES, "help"], n=1, cutoff=0.6)
    hint = f' - did you mean "{close[0]}"?' if close else ""
    return f'unknown command "{verb}"{hint}\n'
