"""The ``graft`` command line (README, "Commands").

Option parsing follows graft's rules rather than argparse's: global options
come before the verb; a verb's options come before its first file, and every
argument after that (or any unknown option) is a file name.
"""

from __future__ import annotations

import _signal
import gc
import os
import sys
from collections.abc import Callable

from graft import config, log
from graft.errors import GraftError

# The options of merge and fan, as graft's usage screen shows them.
_MERGE_OPTIONS = """\
            --skip-eval       Do not evaluate graft logic after merging docs
            --prune           Specify keys to prune from final output (may be specified more than once)
            --cherry-pick     The opposite of prune, specify keys to cherry-pick from final output (may be specified more than once)
            --fallback-append Default merge normally tries to key merge, then inline. This flag says do an append instead of an inline.
            --go-patch        Enable the use of go-patch when parsing files to be merged
        -m, --multi-doc       Treat multi-doc yaml as multiple files.
            --dataflow-order  Order of operations in dataflow output: alphabetical (default) or insertion
        -h, --help            
                              List of files to merge. To read STDIN, specify a filename of '-'.
"""  # noqa: W291 - graft's usage screen has trailing spaces after -h, --help

USAGE = (
    """\
Usage: graft [global options] <verb> [verb options]

Global options:
        -D, --debug           Enable debugging
        -T, --trace           Enable trace mode debugging (very verbose)
        -v, --version         Display version information
            --color           Control color output (on/off/auto, default: auto)

Verbs:
    diff:
                              Show the semantic differences between two YAML files
    fan:
"""
    + _MERGE_OPTIONS
    + """\
    json:
            --strict          Refuse to convert non-string keys to strings
        -h, --help            
                              Files to convert to JSON
    merge:
"""  # noqa: W291
    + _MERGE_OPTIONS
    + """\
    vaultinfo:
            --go-patch        Enable the use of go-patch when parsing files to be merged
                              List vault references in the given files
"""
)

MERGE_FLAGS = {
    "--skip-eval": "skip_eval",
    "--fallback-append": "fallback_append",
    "--go-patch": "go_patch",
    "-m": "multi_doc",
    "--multi-doc": "multi_doc",
}
MERGE_LISTS = {"--prune": "prune", "--cherry-pick": "cherry_pick"}


class UsageError(Exception):
    """Bad options: one line says what is wrong, the next where help is (D18); the
    exit status is 1, as graft's."""

    def __init__(self, problem: str, verb: str = "") -> None:
        super().__init__(problem)
        self.verb = verb

    def report(self) -> str:
        if self.verb:
            return f"{self}\nRun 'graft help {self.verb}' to see its options.\n"
        return f"{self}\nRun 'graft help' to see the verbs and options.\n"


class Command:
    """A parsed command line."""

    def __init__(self) -> None:
        self.verb = ""
        self.debug = False
        self.trace = False
        self.version = False
        self.color = "auto"
        self.locations = ""
        self.help = False
        self.options: dict = {}
        self.plan: dict[str, str] = {}  # graft plan's own options
        self.files: list[str] = []


def _value(args: list[str], i: int, verb: str = "") -> str:
    if i + 1 >= len(args):
        raise UsageError(f"flag needs an argument: {args[i]}", verb)
    return args[i + 1]


def parse_args(args: list[str]) -> Command:
    command = Command()
    i = 0
    while i < len(args) and args[i].startswith("-"):
        arg = args[i]
        if arg in ("-D", "--debug"):
            command.debug = True
        elif arg in ("-T", "--trace"):
            command.trace = True
        elif arg in ("-v", "--version"):
            command.version = True
        elif arg == "--color":
            command.color = _value(args, i)
            i += 1
        elif arg == "--locations":
            command.locations = _value(args, i)
            i += 1
        elif arg in ("-h", "--help"):
            command.help = True
        else:
            raise UsageError(f"unknown flag: {arg}")
        i += 1
    if i >= len(args):
        if command.version or command.help:
            return command
        raise UsageError("missing verb: graft merge, fan, json, diff or vaultinfo")
    command.verb = args[i]
    if command.verb in ("diff", "vaultinfo", "completion", "help"):
        command.options = {}
    elif command.verb in ("merge", "fan"):
        command.options = {"prune": [], "cherry_pick": [], "dataflow_order": "alphabetical"}
    elif command.verb == "plan":
        command.options = {"prune": [], "cherry_pick": [], "dataflow_order": "alphabetical"}
        command.plan = {"format": "text", "workers": "", "latency": ""}
    elif command.verb == "json":
        command.options = {"strict": False}
    else:
        from graft.help import unknown

        raise UsageError(unknown(command.verb).rstrip("\n"))
    i += 1
    while i < len(args):
        arg = args[i]
        if arg in ("-h", "--help"):
            command.help = True
        elif command.verb == "vaultinfo" and arg == "--go-patch":
            command.options["go_patch"] = True
        elif command.verb == "json" and arg == "--strict":
            command.options["strict"] = True
        elif command.verb in ("merge", "fan", "plan") and arg in MERGE_FLAGS:
            if arg == "--skip-eval" and command.verb == "plan":
                break  # plan evaluates nothing: read as a file name, as graft reads unknowns
            command.options[MERGE_FLAGS[arg]] = True
        elif command.verb in ("merge", "fan", "plan") and arg in MERGE_LISTS:
            command.options[MERGE_LISTS[arg]].append(_value(args, i, command.verb))
            i += 1
        elif command.verb == "plan" and arg in ("--format", "--workers", "--latency"):
            command.plan[arg[2:]] = _value(args, i, command.verb)
            i += 1
        elif command.verb in ("merge", "fan", "plan") and arg == "--dataflow-order":
            command.options["dataflow_order"] = _value(args, i, command.verb)
            i += 1
        else:
            break  # the first file: everything from here on is a file name
        i += 1
    command.files = args[i:]
    if command.verb == "diff" and len(command.files) != 2 and not command.help:
        raise UsageError("graft diff needs exactly two files", "diff")
    return command


class Console:
    """Where messages go: stdout for results, stderr for the rest."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def warn(self, message: str) -> None:
        sys.stderr.write(f"warning: {message}\n")

    def error(self, error: GraftError) -> None:
        for warning in error.warnings:
            self.warn(warning)
        text = error.report()
        if self.color:
            from graft.ansi import colour_report

            text = colour_report(text)
        sys.stderr.write(text)


def _color_enabled(value: str) -> bool:
    if value == "on":
        return True
    if value == "off":
        return False
    return sys.stderr.isatty()


def _print(text: str) -> None:
    """Write the result on stdout. If the reader has gone away, graft dies of SIGPIPE
    as Go's graft does (only here: elsewhere a peer that hangs up is an error)."""
    # (_signal, not signal: the wrapper module builds enums at import, 1 ms of start-up.)
    try:
        before = _signal.signal(_signal.SIGPIPE, _signal.SIG_DFL)
    except ValueError:  # run() called from a thread other than the main one
        before = None
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    finally:
        if before is not None:
            _signal.signal(_signal.SIGPIPE, before)


def _keep_documents() -> None:
    """Keep parsed node graphs until the process exits (it ends with os._exit)."""
    from graft.yamlio import load

    load.retained = []


def _run_merge(command: Command, console: Console) -> int:
    from graft.documents import Stdin

    _keep_documents()
    from graft.pipeline import MergeOptions, Run, render

    options = MergeOptions(files=command.files, **command.options)
    outcome = Run(options).merge_inputs(Stdin())
    for warning in outcome.warnings:
        console.warn(warning)
    _print(render(outcome.tree))
    return 0


def _run_fan(command: Command, console: Console) -> int:
    from graft.documents import Stdin

    _keep_documents()
    from graft.pipeline import MergeOptions, Run, render

    outcomes = Run(MergeOptions(files=command.files, **command.options)).fan(Stdin())
    for outcome in outcomes:
        for warning in outcome.warnings:
            console.warn(warning)
    _print("".join("---\n" + render(outcome.tree) for outcome in outcomes))
    return 0


def _run_diff(command: Command, console: Console) -> int:
    from graft.documents import Stdin
    from graft.verbs.diff import diff_report

    report, differ = diff_report(command.files[0], command.files[1], Stdin())
    _print(report + "\n")
    return 1 if differ else 0


def _run_vaultinfo(command: Command, console: Console) -> int:
    from graft.documents import Stdin

    _keep_documents()
    from graft.pipeline import MergeOptions, Run, render_vault_paths

    recorder = Run(MergeOptions(files=command.files, **command.options)).vault_paths(Stdin())
    _print(render_vault_paths(recorder))
    return 0


def _run_plan(command: Command, console: Console) -> int:
    from graft.documents import Stdin

    _keep_documents()
    from graft.pipeline import MergeOptions
    from graft.verbs import plan

    options = command.plan
    try:
        if options["format"] not in plan.FORMATS:
            raise plan.PlanUsage(f"--format must be text, json or dot, not {options['format']!r}")
        workers = plan.workers(options["workers"]) if options["workers"] else None
        latency = plan.latency(options["latency"]) if options["latency"] else plan.DEFAULT_LATENCY
    except plan.PlanUsage as error:
        sys.stderr.write(UsageError(str(error), "plan").report())
        return 1
    view = plan.plan(
        MergeOptions(files=command.files, **command.options),
        Stdin(),
        workers=workers,
        latency=latency,
    )
    _print(plan.RENDERERS[options["format"]](view))
    error = plan.cycle_error(view)
    if error is not None:
        console.error(error)
        return error.exit_code
    return 0


def _run_completion(command: Command, console: Console) -> int:
    from graft.completion import SHELLS, script

    text = script(command.files[0]) if len(command.files) == 1 else None
    if text is None:
        sys.stderr.write(f"usage: graft completion {'|'.join(SHELLS)}\n")
        return 1
    _print(text)
    return 0


def _run_json(command: Command, console: Console) -> int:
    from graft.documents import Stdin

    _keep_documents()
    from graft.verbs.json import json_lines

    lines = json_lines(
        command.files, strict=command.options["strict"], stdin=Stdin(), warn=console.warn
    )
    _print("".join(line + "\n" for line in lines))
    return 0


# The verbs that run operators (and so have metrics to serve).
EVALUATING_VERBS = ("merge", "fan", "vaultinfo")

VERBS: dict[str, Callable[[Command, Console], int]] = {
    "completion": _run_completion,
    "diff": _run_diff,
    "fan": _run_fan,
    "json": _run_json,
    "merge": _run_merge,
    "plan": _run_plan,
    "vaultinfo": _run_vaultinfo,
}


def _help(command: Command) -> int:
    """Help goes to standard output, exit 0 (D18); help of no verb is an error."""
    from graft import help

    verb = command.verb
    if verb == "help":  # graft help [VERB]
        verb = command.files[0] if command.files else ""
    if not verb or verb == "help":
        _print(USAGE + help.FOOTER)
        return 0
    text = help.page(verb)
    if text is None:
        sys.stderr.write(help.unknown(verb) + "Run 'graft help' to see the verbs.\n")
        return 1
    _print(text)
    return 0


def _switch_locations(command: Command) -> int:
    """Turn locations on or off (D21); 1 for a bad value. The module is imported only
    when they may be on, which keeps it out of the start-up of a piped run."""
    if command.locations or os.environ.get("GRAFT_LOCATIONS") or sys.stderr.isatty():
        from graft import locations

        try:
            on = locations.enabled(command.locations, sys.stderr.isatty(), os.environ)
        except ValueError as error:
            sys.stderr.write(f"{error}\n")
            return 1
        if on:
            locations.start()
            return 0
    if "graft.locations" in sys.modules:  # an earlier run in this process turned them on
        sys.modules["graft.locations"].stop()
    return 0


def run(args: list[str], program: str) -> int:
    try:
        command = parse_args(args)
    except UsageError as error:
        sys.stderr.write(USAGE if not args else error.report())
        return 1
    debug, trace = config.logging_flags()
    log.configure(debug=command.debug or debug, trace=command.trace or trace)
    if command.help or command.verb == "help":
        return _help(command)
    if command.version:
        from graft import version

        sys.stdout.write(f"{program} - Version {version()}\n")
        return 0
    if command.color not in ("on", "off", "auto", ""):
        sys.stderr.write(
            f"Invalid --color option: {command.color}. Must be 'on', 'off', or 'auto'.\n"
        )
        return 1
    status = _switch_locations(command)
    if status:
        return status
    console = Console(_color_enabled(command.color))
    log.debug(f"running {command.verb} with {len(command.files)} file argument(s)")
    try:
        settings = config.current()  # a bad GRAFT_* value stops the run before it starts
        if settings.metrics and command.verb in EVALUATING_VERBS:
            from graft.metrics.export import metrics_run

            with metrics_run(settings, console.warn):
                return VERBS[command.verb](command, console)
        return VERBS[command.verb](command, console)
    except GraftError as error:
        console.error(error)
        return error.exit_code
    except RecursionError:  # operators report their own; this is reading, merging or writing
        sys.stderr.write(f"graft: {command.verb}: the documents are nested too deeply\n")
        return 2
    except MemoryError:  # operators report their own, with the path they were evaluating
        sys.stderr.write(f"graft: {command.verb}: out of memory\n")
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug of ours: say so plainly, the details only when debugging
        if log.debugging():
            import traceback

            traceback.print_exc()
        sys.stderr.write(f"graft: internal error: {type(error).__name__}: {error}\n")
        return 2


def _program_name(argv0: str) -> str:
    """The name the command was run as. The kernel hands a script its full path,
    where Go's graft sees what was typed (``graft``): the last part is the name."""
    name = os.path.basename(argv0)
    return "graft" if name in ("__main__.py", "") else name


def main() -> None:
    """The console script's entry point."""
    # LibYAML stops at 1,000 levels of nesting; merging and writing recurse per level.
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    # A Go string may hold any bytes (kept as surrogate escapes, values.go_string):
    # write them as the bytes they are, whatever the locale, as graft does.
    sys.stdout.reconfigure(errors="surrogateescape")  # type: ignore[union-attr]
    sys.stderr.reconfigure(errors="surrogateescape")  # type: ignore[union-attr]
    # A run is short and builds no reference cycles: the cyclic collector would only
    # re-scan the growing tree again and again (it tripled the time of a 5 MB load).
    gc.disable()
    # SIGPIPE stays ignored (Python's default) while graft reads: a Vault, AWS, NATS or
    # metrics peer that hangs up is an error of that read, not the death of graft.
    # Writing the result (_print) is when graft dies of it, quietly, as Go's graft does
    # when the reader of its output goes away (`graft ... | head`).
    status = run(sys.argv[1:], _program_name(sys.argv[0]))
    # The process ends here: let it drop parsed documents and the tree at once rather
    # than free them object by object (80 ms for a 5 MB manifest; see _keep_documents).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
