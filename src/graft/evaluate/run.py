"""Running a planned phase, one site after another.

Operators only read the tree and return a result; this is the one place that
writes results into the tree. A failing site records its error and keeps its
expression; the others still run, so a phase reports all its errors.
"""

from __future__ import annotations

import time

from graft import log
from graft.errors import Problem
from graft.evaluate.context import Context
from graft.evaluate.scan import Site
from graft.operators.base import Inject, OpError, Path, Prune, Unchanged
from graft.tree import locate

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

    from graft.state import RunState


class Outcome:
    """What running a phase left behind besides the tree."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.pruned: list[Path] = []
        self.containers_written = False  # may the tree now contain itself?


def _still_there(site: Site) -> bool:
    """Does the container the scan found the expression in still hold it?"""
    if site.parent is None:
        return False
    try:
        return site.parent[site.slot] is site.text
    except (KeyError, IndexError):
        return False


def write(tree: Any, site: Site, result: Any, outcome: Outcome) -> None:
    """Put a site's result in place of its expression."""
    if isinstance(result, Unchanged):
        return
    if isinstance(result, Prune):
        outcome.pruned.append(site.canonical)
        return
    if _still_there(site):
        parent, key = site.parent, site.slot
    else:
        found = locate(tree, site.location)
        if found is None:
            return  # the value is gone: an earlier result replaced what held it
        parent, key = found
    if isinstance(result, Inject):
        _inject(parent, key, result.mapping, site)
        outcome.containers_written = True
        return
    if type(result) is dict or type(result) is list:
        outcome.containers_written = True
    parent[key] = result


def _inject(parent: Any, key: Any, mapping: dict, site: Site) -> None:
    """Remove the operator's key and merge the map under the containing map: the
    local values win, local list items come after the template's (docs/operators.md#inject)."""
    from graft.merging.engine import Merger

    if type(parent) is not dict:
        raise OpError("inject can only be used as a map value, not as a list element")
    del parent[key]
    merger = Merger(fallback_append=True, adopt=False)
    for name, value in mapping.items():  # the operator's own copy: no sharing
        if name in parent:
            value = merger.merge_value(value, parent[name], (*site.location[:-1], name))
        parent[name] = value


def call(site: Site, ctx: Context) -> tuple[Any, OpError | None]:
    """Run one site: ``(result, None)`` or ``(None, error)``. Whatever goes wrong
    inside an operator is that site's error, reported at its path: running out of
    memory, a stack too deep, or a failure we did not foresee (a bug of ours, or of
    a library under a back end), never an internal error that stops the run."""
    try:
        return site.operator.run(ctx, site.node), None
    except OpError as error:
        return None, error
    except Exception as error:
        return None, unexpected(error)


def unexpected(error: BaseException) -> OpError:
    """An exception that is not an ``OpError``, as a site's error."""
    if isinstance(error, MemoryError):
        return OpError("out of memory while evaluating this operator")
    if isinstance(error, RecursionError):
        return OpError("the values this operator works on are nested too deeply")
    if isinstance(error, TimeoutError):
        return OpError(str(error) or "the operation timed out")
    log.debug(f"unexpected {type(error).__name__} in an operator: {error}")
    return OpError(f"internal error: {type(error).__name__}")


class Ahead:
    """Runs some sites ahead of their turn (the parallel executor's pool)."""

    def take(self, position: int) -> tuple[Any, OpError | None, float, float] | None:
        """(result, error, start, duration) of the site at ``position`` if it ran
        ahead, else None (it runs now, inline)."""
        return None

    def written(self, position: int) -> None:
        """The site at ``position`` is written: what waited for it may go ahead."""


class Observer:
    """Watches a phase run (metrics, the adaptive strategy): every site is timed."""

    def ran(
        self, position: int, site: Site, start: float, duration: float, ahead: bool, failed: bool
    ) -> None:
        """The site at ``position`` ran (``ahead``: in the pool) and is about to be written."""

    def finished(self, wall: float) -> None:
        """Every site is written; the phase took ``wall`` seconds."""


def run(
    tree: Any,
    sites: list[Site],
    state: RunState,
    ahead: Ahead | None = None,
    observer: Observer | None = None,
) -> Outcome:
    """Run the sites of a phase in plan order; this thread alone writes the tree,
    so the output never depends on what ran ahead, or when."""
    outcome = Outcome()
    tracing = log.tracing()
    timed = observer is not None
    started = time.perf_counter() if timed else 0.0
    ctx = Context(tree, (), (), state)  # one context, moved from site to site
    for i, site in enumerate(sites):
        if tracing:
            log.trace(f"running {site.display}: {site.text}")
        done = ahead.take(i) if ahead is not None else None
        if done is not None:
            result, error, start, duration = done
        else:
            ctx.location, ctx.canonical = site.location, site.canonical
            if timed:
                start = time.perf_counter()
                result, error = call(site, ctx)
                duration = time.perf_counter() - start
            else:
                result, error = call(site, ctx)
        if observer is not None:
            observer.ran(i, site, start, duration, done is not None, error is not None)
        commit(tree, site, result, error, outcome)
        if ahead is not None:
            ahead.written(i)
    if observer is not None:
        observer.finished(time.perf_counter() - started)
    return outcome


def commit(tree: Any, site: Site, result: Any, error: OpError | None, outcome: Outcome) -> None:
    """Record a site's failure, or write its result (writing can fail too: inject)."""
    if error is None:
        try:
            write(tree, site, result, outcome)
            return
        except OpError as failure:
            error = failure
        except Exception as failure:  # MemoryError while merging an injected map, say
            error = unexpected(failure)
    from graft import locations

    where = locations.place(site.text)
    outcome.errors.append(Problem(site.display, error.message, where, locations.at(site.text)))
