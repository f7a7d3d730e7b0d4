"""``GRAFT_BATCH``: group the fetches of sites that become ready together.

Each operator says what it will fetch (``Operator.prefetch``). Sites that
read one Vault secret path share one read; SSM parameter names of one target
are fetched ten at a time with ``GetParameters``. The grouped fetches fill
the run's caches; each site waits for its fetch, then runs and finds its value
there. A fetch that fails changes nothing: the site's own request reports
the error exactly as it would have without batching. The fetches are quiet
tasks: waiting for one never raises, and never lasts longer than the pool's
bound.
"""

from __future__ import annotations

import contextlib

from graft.evaluate.context import Context
from graft.evaluate.pool import Pool, Task
from graft.evaluate.scan import Site
from graft.expr.ast import Call

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

    from graft.state import RunState

SSM_BATCH = 10  # GetParameters accepts at most ten names


def _vault_read(state: RunState, target: str | None, secret: str) -> None:
    from graft.sources.vault import client

    # Any failure (no configuration, a read that failed and is cached as such):
    # the site's own request reports it.
    with contextlib.suppress(Exception):
        client(state, target).secret(secret)


def _ssm_read(state: RunState, target: str | None, names: list[str]) -> None:
    from graft.sources.aws import access

    with contextlib.suppress(Exception):  # names not fetched: each site reads its own
        access(state, target).parameters(names)


class Batcher:
    def __init__(self, pool: Pool, state: RunState) -> None:
        self.pool = pool
        self.state = state
        self.started: dict[tuple[Any, ...], Task] = {}  # fetch key -> its future

    def fetch(self, ready: list[tuple[int, Site, Context]]) -> dict[int, list[Task]]:
        """Start the grouped fetches of these sites; per site, what to wait for."""
        wanted: dict[int, list[tuple[Any, ...]]] = {}
        for i, site, ctx in ready:
            if type(site.node) is Call:
                keys = site.operator.prefetch(ctx, site.node)
                if keys:
                    wanted[i] = keys
        new_ssm: dict[Any, list[str]] = {}
        for keys in wanted.values():
            for key in keys:
                if key in self.started:
                    continue
                if key[0] == "vault":
                    self.started[key] = self.pool.submit(
                        _vault_read, self.state, *key[1:], quiet=True
                    )
                elif key[0] == "ssm":
                    names = new_ssm.setdefault(key[1], [])
                    if key[2] not in names:
                        names.append(key[2])
        for target, names in new_ssm.items():
            for start in range(0, len(names), SSM_BATCH):
                chunk = names[start : start + SSM_BATCH]
                future = self.pool.submit(_ssm_read, self.state, target, chunk, quiet=True)
                for name in chunk:
                    self.started[("ssm", target, name)] = future
        return {i: [self.started[key] for key in keys] for i, keys in wanted.items()}
