"""graft's colours in error messages (``--color on``).

graft colours parts of some messages as it builds them: the tree errors of its
path walker (``could not be found``, ``is a scalar``) and the error count. Ours
builds plain messages and colours the same parts when they are printed.
"""

from __future__ import annotations

import re

RED = "\x1b[00;31m"
BOLD_RED = "\x1b[01;31m"
CYAN = "\x1b[00;36m"
BOLD_CYAN = "\x1b[01;36m"
MAGENTA = "\x1b[00;35m"
RESET = "\x1b[00m"

_NOT_FOUND = re.compile(r"`(\$\.[^`\n]*)` could not be found in the datastructure")
_SCALAR_WITH_VALUE = re.compile(r"(\$\.\S*) \[=(.*?)\] is (a scalar) \(not (a map or a list)\)")
_SCALAR = re.compile(r"(\$\.\S*) is (a scalar) \(not (a map or a list)\)")


def _not_found(match: re.Match[str]) -> str:
    return (
        f"{BOLD_RED}`{RESET}{CYAN}{match[1]}{RESET}"
        f"{BOLD_RED}` could not be found in the datastructure{RESET}"
    )


def _scalar_with_value(match: re.Match[str]) -> str:
    return (
        f"{CYAN}{match[1]}{RESET} {BOLD_RED}[={match[2]}] is {match[3]} (not{RESET} "
        f"{MAGENTA}{match[4]}{RESET}{BOLD_RED}){RESET}"
    )


def _scalar(match: re.Match[str]) -> str:
    return (
        f"{BOLD_CYAN}{match[1]}{RESET} {BOLD_RED}is {match[2]} (not{RESET} "
        f"{MAGENTA}{match[3]}{RESET}{BOLD_RED}){RESET}"
    )


def colour_report(text: str) -> str:
    """An error report with graft's colours."""
    if text[:1].isdigit() and " error(s) detected:" in text:
        count, rest = text.split(" ", 1)
        text = f"{RED}{count}{RESET} {rest}"
    if "could not be found" in text:
        text = _NOT_FOUND.sub(_not_found, text)
    if "is a scalar" in text:
        text = _SCALAR_WITH_VALUE.sub(_scalar_with_value, text)
        text = _SCALAR.sub(_scalar, text)
    return text
