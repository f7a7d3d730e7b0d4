"""``graft completion bash|zsh|fish``: shell completion scripts.

The scripts complete the verbs, each verb's flags, the values of ``--color``
and ``--dataflow-order``, the shells of ``completion``, and file names
everywhere else. All three are written from the tables below.
"""

from __future__ import annotations

GLOBAL_FLAGS = ["-D", "--debug", "-T", "--trace", "-v", "--version", "--color", "--locations"]
_MERGE_FLAGS = [
    "--skip-eval",
    "--prune",
    "--cherry-pick",
    "--fallback-append",
    "--go-patch",
    "-m",
    "--multi-doc",
    "--dataflow-order",
    "-h",
    "--help",
]
VERB_FLAGS: dict[str, list[str]] = {
    "merge": _MERGE_FLAGS,
    "fan": _MERGE_FLAGS,
    "diff": ["-h", "--help"],
    "json": ["--strict", "-h", "--help"],
    "vaultinfo": ["--go-patch"],
    "plan": [
        *(f for f in _MERGE_FLAGS if f != "--skip-eval"),
        "--format",
        "--workers",
        "--latency",
    ],
    "completion": [],
    "help": [],
}
VALUES = {
    "--color": ["on", "off", "auto"],
    "--locations": ["on", "off", "auto"],
    "--dataflow-order": ["alphabetical", "insertion"],
    "--format": ["text", "json", "dot"],
}
# Their value is a path into the document, a number or a duration: no file names.
PATH_FLAGS = ["--prune", "--cherry-pick", "--workers", "--latency"]
SHELLS = ["bash", "zsh", "fish"]


def _words(items: list[str]) -> str:
    return " ".join(items)


def _cases(indent: str, template: str) -> str:
    """One ``case`` branch per verb, ``template`` holding ``{verb}`` and ``{flags}``."""
    return "\n".join(
        indent + template.format(verb=verb, flags=_words(flags))
        for verb, flags in VERB_FLAGS.items()
    )


def bash() -> str:
    return f"""\
# graft completion for bash: source it, or put it in
# ~/.local/share/bash-completion/completions/graft
_graft() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}"
    local verb="" i
    for ((i = 1; i < COMP_CWORD; i++)); do
        case "${{COMP_WORDS[i]}}" in
            --color|--locations) ((i++)) ;;
            -*) ;;
            *) verb="${{COMP_WORDS[i]}}"; break ;;
        esac
    done
    case "$prev" in
        --color|--locations)
            COMPREPLY=($(compgen -W "{_words(VALUES["--color"])}" -- "$cur"))
            return ;;
        --dataflow-order)
            COMPREPLY=($(compgen -W "{_words(VALUES["--dataflow-order"])}" -- "$cur"))
            return ;;
        --format) COMPREPLY=($(compgen -W "{_words(VALUES["--format"])}" -- "$cur")); return ;;
        {"|".join(PATH_FLAGS)}) COMPREPLY=(); return ;;
    esac
    if [[ -z "$verb" ]]; then
        if [[ "$cur" == -* ]]; then
            COMPREPLY=($(compgen -W "{_words(GLOBAL_FLAGS)}" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "{_words(list(VERB_FLAGS))}" -- "$cur"))
        fi
        return
    fi
    if [[ "$verb" == completion ]]; then
        COMPREPLY=($(compgen -W "{_words(SHELLS)}" -- "$cur"))
        return
    fi
    if [[ "$verb" == help ]]; then
        COMPREPLY=($(compgen -W "{_words(list(VERB_FLAGS))}" -- "$cur"))
        return
    fi
    if [[ "$cur" == -* ]]; then
        local flags=""
        case "$verb" in
{_cases(" " * 12, '{verb}) flags="{flags}" ;;')}
        esac
        COMPREPLY=($(compgen -W "$flags" -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -f -- "$cur"))
}}
complete -o filenames -F _graft graft
"""


def zsh() -> str:
    return f"""\
#compdef graft
# graft completion for zsh: put it in a directory of $fpath as _graft, or source it
_graft() {{
    local verb="" i
    for ((i = 2; i < CURRENT; i++)); do
        case "${{words[i]}}" in
            --color|--locations) ((i++)) ;;
            -*) ;;
            *) verb="${{words[i]}}"; break ;;
        esac
    done
    case "${{words[CURRENT-1]}}" in
        --color|--locations) compadd -- {_words(VALUES["--color"])}; return ;;
        --dataflow-order) compadd -- {_words(VALUES["--dataflow-order"])}; return ;;
        --format) compadd -- {_words(VALUES["--format"])}; return ;;
        {"|".join(PATH_FLAGS)}) return ;;
    esac
    if [[ -z "$verb" ]]; then
        if [[ "${{words[CURRENT]}}" == -* ]]; then
            compadd -- {_words(GLOBAL_FLAGS)}
        else
            compadd -- {_words(list(VERB_FLAGS))}
        fi
        return
    fi
    if [[ "$verb" == completion ]]; then
        compadd -- {_words(SHELLS)}
        return
    fi
    if [[ "$verb" == help ]]; then
        compadd -- {_words(list(VERB_FLAGS))}
        return
    fi
    if [[ "${{words[CURRENT]}}" == -* ]]; then
        case "$verb" in
{_cases(" " * 12, "{verb}) compadd -- {flags} ;;")}
        esac
        return
    fi
    _files
}}
if [[ "${{zsh_eval_context[-1]}}" == loadautofunc ]]; then
    _graft "$@"
else
    compdef _graft graft
fi
"""


def fish() -> str:
    verbs = list(VERB_FLAGS)
    lines = [
        "# graft completion for fish: put it in ~/.config/fish/completions/graft.fish",
        "complete -c graft -f",
        f"complete -c graft -n '__fish_use_subcommand' -a '{_words(verbs)}'",
        "complete -c graft -n '__fish_use_subcommand' -s D -l debug -d 'Enable debugging'",
        "complete -c graft -n '__fish_use_subcommand' -s T -l trace -d 'Enable trace mode'",
        "complete -c graft -n '__fish_use_subcommand' -s v -l version -d 'Show the version'",
        "complete -c graft -n '__fish_use_subcommand' -l color -x "
        f"-a '{_words(VALUES['--color'])}' -d 'Colour output'",
        "complete -c graft -n '__fish_use_subcommand' -l locations -x "
        f"-a '{_words(VALUES['--locations'])}' -d 'Say where operators were written'",
        f"complete -c graft -n '__fish_seen_subcommand_from completion' -x -a '{_words(SHELLS)}'",
        f"complete -c graft -n '__fish_seen_subcommand_from help' -x -a '{_words(verbs)}'",
    ]
    for verb, flags in VERB_FLAGS.items():
        if verb in ("completion", "help"):
            continue
        when = f"__fish_seen_subcommand_from {verb}"
        lines.append(f"complete -c graft -n '{when}' -F")
        for flag in flags:
            option = f"-l {flag[2:]}" if flag.startswith("--") else f"-s {flag[1:]}"
            if flag in VALUES:
                option += f" -x -a '{_words(VALUES[flag])}'"
            elif flag in PATH_FLAGS:
                option += " -x"
            lines.append(f"complete -c graft -n '{when}' {option}")
    return "\n".join(lines) + "\n"


SCRIPTS = {"bash": bash, "zsh": zsh, "fish": fish}


def script(shell: str) -> str | None:
    """The completion script for ``shell``, or None for a shell we have none for."""
    make = SCRIPTS.get(shell)
    return make() if make is not None else None
