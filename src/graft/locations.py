"""Where each operator was written: ``FILE:LINE:COLUMN`` for errors and warnings
(README, "Everyday use"; D21).

When locations are on (``--locations on``, ``GRAFT_LOCATIONS``, or stderr is a
terminal), the reader records, for each string holding ``((``, the file, line
and column it was read from. The string object itself is the key: merging,
patching and evaluating move the objects the reader made, so an operator found
in the merged tree is the very string the reader recorded. When locations are
off nothing is recorded and messages are graft's, byte for byte.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

    from yaml.nodes import Node

ENV = "GRAFT_LOCATIONS"


class Recorder:
    """The places of the operator strings read in one run."""

    def __init__(self, shown: bool = True) -> None:
        self.shown = shown  # messages gain `at FILE:LINE:COL` lines (else: only recorded)
        # id(string) -> (string, file, line, column); the string is kept so that its
        # id stays its own for as long as the recorder lives.
        self._places: dict[int, tuple[str, str, int, int]] = {}

    def find(self, text: Any) -> tuple[str, int, int] | None:
        """``(file, line, column)`` of a string the reader made, else None."""
        entry = self._places.get(id(text))
        if entry is None or entry[0] is not text:
            return None
        return entry[1], entry[2], entry[3]

    def record_nodes(self, root: Node, file: str, first_line: int) -> None:
        """Record the operator strings of a LibYAML node graph read from ``file``,
        whose first line is ``first_line`` of the file (documents after ``---``).
        Scalars are looked at where their container lists them (most nodes are
        scalars: they never go on the stack); a container is walked once, however
        many aliases name it."""
        from itertools import chain

        from yaml.nodes import ScalarNode, SequenceNode

        places = self._places
        stack = [root]
        seen = {id(root)}
        while stack:
            node = stack.pop()
            if type(node) is ScalarNode:  # the root alone
                children: Any = (node,)
            elif type(node) is SequenceNode:
                children = node.value
            else:
                children = chain.from_iterable(node.value)
            for child in children:
                if type(child) is not ScalarNode:
                    if id(child) not in seen:
                        seen.add(id(child))
                        stack.append(child)
                elif "((" in child.value:
                    text, mark = child.value, child.start_mark
                    column = mark.column + (2 if child.style in ('"', "'") else 1)
                    places.setdefault(id(text), (text, file, first_line + mark.line, column))


# The recorder of the current run, or None when locations are off. Code on the path of
# every run reads it as `getattr(sys.modules.get("graft.locations"), "current", None)`:
# that does not import this module (it is imported only when locations may be on) and
# is safe while another thread is importing it. One per process
# (a context variable would cost the command line a millisecond of start-up): two
# threads running `merge_files` at once may miss places, never get wrong ones, as
# a place is found by the identity of a string the recorder keeps alive.
current: Recorder | None = None


def recorder() -> Recorder | None:
    """The recorder in effect, if any."""
    return current


def start(shown: bool = True) -> Recorder:
    """Turn locations on for what is read from now on."""
    global current
    current = Recorder(shown)
    return current


def stop() -> None:
    global current
    current = None


class recording:  # lower case: used like a function, `with locations.recording():`
    """Record places for the body (for ``GraftError.errors``) without changing
    messages, then restore what was in effect (the Python API)."""

    def __enter__(self) -> Recorder:
        global current
        self.before, current = current, Recorder(shown=False)
        return current

    def __exit__(self, *exc: object) -> None:
        global current
        current = self.before


def place(text: Any) -> str | None:
    """``prod.yml:14:15`` for an operator string, when known."""
    recorder = current
    if recorder is None:
        return None
    found = recorder.find(text)
    if found is None:
        return None
    file, line, column = found
    return f"{file}:{line}:{column}"


def at(text: Any) -> str:
    """The line added under a message about the operator ``text``: where it was
    written and what it says (nothing when locations are off)."""
    recorder = current
    if recorder is None or not recorder.shown:
        return ""
    where = place(text)
    shown = text if len(text) <= 200 else text[:197] + "..."
    shown = shown.replace("\n", "\\n")  # one line, whatever the string holds
    return f"\n   at {where}: {shown}" if where else f"\n   in {shown}"


def enabled(flag: str, stderr_is_tty: bool, environ: dict[str, str]) -> bool:
    """Whether locations are on: ``--locations on|off`` first, then
    ``GRAFT_LOCATIONS``, else when stderr is a terminal."""
    value = flag or environ.get(ENV, "").strip().lower() or "auto"
    if value in ("on", "1", "true", "yes"):
        return True
    if value in ("off", "0", "false", "no"):
        return False
    if value == "auto":
        return stderr_is_tty
    source = "--locations option" if flag else f"{ENV} value"
    raise ValueError(f"Invalid {source}: {value}. Must be 'on', 'off', or 'auto'.")
