"""Clients of the services operators read: Vault, AWS, NATS."""

from __future__ import annotations


class SourceError(Exception):
    """A failed read from a service; ``message`` is what the operator reports."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
