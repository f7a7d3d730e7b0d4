"""What an operator is (docs/architecture.md, "operators").

An operator is a small object: a name, the phase it runs in, the paths it
depends on, and ``run``, which reads the tree through a context and returns a
result. It never writes the tree; the executor does. ``io_bound`` says whether
it waits on disk or network (the parallel scheduler dispatches on it) and
``parallel_safe`` whether it may run beside others at all.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any, Protocol

    from graft.expr.ast import Call, Node
    from graft.state import RunState

    class Context(Protocol):
        """What an operator may use of the run it is part of (the evaluator's
        ``Context`` provides it; operators never import the evaluator)."""

        tree: Any  # the document, read only
        location: tuple[Any, ...]  # the operator's path, list entries by name
        state: RunState  # what the operators of one run share (graft.state)
        registry: dict[str, Operator]

        @property
        def here(self) -> str: ...  # the location as text

        def value(self, node: Node) -> Any: ...  # an argument's value
        def first(self, options: list[Node]) -> Any: ...  # the first that resolves
        def resolve_path(self, text: str) -> Any: ...  # a path computed at run time


MERGE, PARAM, EVAL = "merge", "param", "eval"
PHASES = (MERGE, PARAM, EVAL)

if TYPE_CHECKING:
    Path = tuple[Any, ...]
else:
    Path = tuple  # a path of keys and indices (no typing import at run time)


class OpError(Exception):
    """An operator failed; the executor reports ``$.<location>: <message>``."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Under(tuple):
    """A dependency on every site at or below a path (``inject``, ``join`` of a
    list, ``cartesian-product``, ``ips``)."""

    __slots__ = ()


class Inject:
    """A result that removes the operator's key and merges a map into its parent.
    The map is the operator's own (a copy): the executor puts its values in place."""

    __slots__ = ("mapping",)

    def __init__(self, mapping: dict) -> None:
        self.mapping = mapping


class Operator:
    """One operator. Its class attributes are everything the rest of graft knows
    about it (the registry's index repeats name, phase and ``io_bound`` so that a
    run imports only the operators it uses; a test checks that they agree)."""

    name = ""
    phase = EVAL
    io_bound = False  # waits on disk or network: worth a thread of the pool
    parallel_safe = True  # may run beside other operators at all
    verified_safe = False  # on the parallel document's list: the conservative pool
    shapes_tree = False  # moves or removes keys, or hands out shared state
    verbatim_args = False  # its arguments are text to keep, never an expression

    def dependencies(self, ctx: Context, call: Call, auto: list[Path]) -> list[Path]:
        """Paths whose operators must run first; by default the references in the
        arguments ("auto")."""
        return auto

    def run(self, ctx: Context, call: Call) -> Any:
        raise NotImplementedError

    def prefetch(self, ctx: Context, call: Call) -> list[tuple[Any, ...]]:
        """What ``run`` will fetch, as ``(back end, target, item)`` keys, so that
        ``GRAFT_BATCH`` can group the fetches of many sites; [] when unknown."""
        return []


class Prune:
    """A result that leaves the value in place and marks the location for removal
    after evaluation."""

    __slots__ = ()


class Unchanged:
    """A result that leaves the location as it is (an orphaned ``(( sort ))``)."""

    __slots__ = ()


PRUNE = Prune()
UNCHANGED = Unchanged()
