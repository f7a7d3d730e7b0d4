"""Clients of the services operators read: Vault, AWS, NATS.

A failed read is a ``SourceError`` whatever went wrong; its message says it in
the words the Go clients use (``dial tcp 127.0.0.1:8200: connect: connection
refused``, not ``[Errno 111] Connection refused``).
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any


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


class JSONError(ValueError):
    """A body that is not the JSON expected; the text is Go's ``encoding/json``'s."""


def decode_json(body: bytes) -> Any:
    """The first JSON value of an answer, as Go's ``json.Decoder`` reads it (what
    follows it is not read); a body that is not JSON is a ``JSONError``."""
    import json

    text = body.decode("utf-8", "replace")
    start = len(text) - len(text.lstrip(" \t\r\n"))
    if start == len(text):
        raise JSONError("EOF")
    try:
        return json.JSONDecoder().raw_decode(text, start)[0]
    except RecursionError:
        raise JSONError("exceeded max depth") from None
    except json.JSONDecodeError as error:
        raise JSONError(_json_error(text, error)) from None


_GO_KINDS = {dict: "object", list: "array", str: "string", bool: "bool", int: "number"}


def unmarshal_error(value: Any, go_type: str, field: str = "") -> str:
    """Go's complaint about a JSON value of the wrong kind (``field``: where it was)."""
    kind = _GO_KINDS.get(type(value), "number")
    where = f"struct field {field}" if field else "value"
    return f"json: cannot unmarshal {kind} into Go {where} of type {go_type}"


def _go_char(c: str) -> str:
    """A character as Go's ``encoding/json`` quotes it in a message."""
    if c == "'":
        return "'\\''"
    if c == '"':
        return "'\"'"
    if c.isprintable():
        return f"'{c}'"
    escaped = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(c)
    if escaped is None:
        escaped = f"\\x{ord(c):02x}" if ord(c) < 0x80 else f"\\u{ord(c):04x}"
    return f"'{escaped}'"


def _json_error(text: str, error: Any) -> str:
    """Go's ``encoding/json`` message for the syntax error Python found."""
    position = error.pos
    if error.msg.startswith("Unterminated string") or position >= len(text.rstrip(" \t\r\n")):
        return "unexpected EOF"
    char = _go_char(text[position])
    message = error.msg
    if message.startswith("Expecting property name"):
        return f"invalid character {char} looking for beginning of object key string"
    if message.startswith("Expecting ':'"):
        return f"invalid character {char} after object key"
    if message.startswith("Expecting ','"):
        inside = _innermost(text, position)
        after = "object key:value pair" if inside == "{" else "array element"
        return f"invalid character {char} after {after}"
    if message.startswith("Invalid control character"):
        return f"invalid character {char} in string literal"
    if message.startswith("Invalid \\"):
        return f"invalid character {char} in string escape code"
    return f"invalid character {char} looking for beginning of value"


def _innermost(text: str, end: int) -> str:
    """The bracket (``{`` or ``[``) open at ``end``."""
    stack: list[str] = []
    in_string = escaped = False
    for c in text[:end]:
        if in_string:
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c in "{[":
            stack.append(c)
        elif c in "}]" and stack:
            stack.pop()
    return stack[-1] if stack else ""
