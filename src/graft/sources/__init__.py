"""Clients of the services operators read: Vault, AWS, NATS.

A failed read is a ``SourceError`` whatever went wrong; its message says it in
the words the Go clients use (``dial tcp 127.0.0.1:8200: connect: connection
refused``, not ``[Errno 111] Connection refused``).
"""

from __future__ import annotations


class SourceError(Exception):
    """A failed read from a service; ``message`` is what the operator reports."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def errno_text(error: OSError) -> str:
    """Go's text of a system call error: ``connection refused``, ``no route to host``."""
    import os

    if error.errno:
        text = os.strerror(error.errno)
        return text[:1].lower() + text[1:]
    return str(error) or type(error).__name__


def host_port(host: str, port: int | str) -> str:
    """``host:port`` as Go writes an address (``[::1]:8200`` for IPv6)."""
    return f"[{host}]:{port}" if ":" in str(host) else f"{host}:{port}"


def dial_error(address: str, error: OSError) -> str:
    """What Go's dialer says when a connection to ``address`` fails."""
    import socket

    if isinstance(error, socket.gaierror):
        return lookup_error(address.rsplit(":", 1)[0].strip("[]"), error)
    if isinstance(error, TimeoutError) and not error.errno:
        return f"dial tcp {address}: i/o timeout"
    return f"dial tcp {address}: connect: {errno_text(error)}"


def lookup_error(name: str, error: OSError) -> str:
    """What Go's resolver says for a name that does not resolve."""
    import socket

    code = error.errno
    if code in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)):
        return f"dial tcp: lookup {name}: no such host"
    text = getattr(error, "strerror", None) or str(error)
    return f"dial tcp: lookup {name}: {text[:1].lower() + text[1:]}"
