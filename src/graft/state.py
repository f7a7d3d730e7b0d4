"""What the operators of one run share.

One ``RunState`` is made for each merge (each target of ``fan``, each call of
``graft.merge``) and reaches the operators as ``ctx.state``: the back-end
clients they open (so a secret path is read once), the addresses ``static_ips``
has handed out, and, under ``graft vaultinfo``, the recorder of Vault paths.
"""

from __future__ import annotations

import _thread  # (threading itself costs start-up; its lock is this one)

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


class RunState:
    """The shared state of one run; its client tables are guarded by ``lock``."""

    def __init__(self, *, vaultinfo: dict[str, set[str]] | None = None) -> None:
        # graft vaultinfo: secret path -> the $.paths that read it; None otherwise
        self.vaultinfo = vaultinfo
        self.vault_clients: dict[str | None, Any] = {}  # target -> Vault client
        self.aws: dict[str | None, Any] = {}  # target -> AWS access
        self.nats: dict[Any, Any] = {}  # connection settings -> NATS client
        # (the tree they were handed out for, address -> JOB/INDEX)
        self.static_ips: tuple[Any, dict[str, str]] | None = None
        self.lock = _thread.allocate_lock()

    @property
    def recording(self) -> bool:
        """Under ``graft vaultinfo``: Vault paths are recorded, never read."""
        return self.vaultinfo is not None
