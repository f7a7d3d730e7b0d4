"""``(( file PATH ))``, ``(( file BASE NAME ))`` and ``(( load LOCATION ))``:
content from disk or from a URL (docs/operators.md#file, #load).

Both read at evaluation time (``io_bound``). Paths are joined and cleaned the
way Go's ``filepath.Join`` does, and failures carry Go's texts
(``open x: no such file or directory``, ``read d: is a directory``,
``Get "url": ...``). The module is named ``files`` rather than ``load``
because a submodule called ``load`` would shadow the registry's ``load()``.
"""

from __future__ import annotations

import os
import re
import stat

from graft.expr.ast import Call
from graft.gofmt import go_str
from graft.operators import register
from graft.operators.base import Operator, OpError
from graft.operators.limits import max_bytes
from graft.values import go_string

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

BASE_PATH_VAR = "GRAFT_FILE_BASE_PATH"

# --- Go's path handling ---------------------------------------------------------------


def go_clean(path: str) -> str:
    """Go's ``filepath.Clean`` on a Unix path."""
    rooted = path.startswith("/")
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts and parts[-1] != "..":
                parts.pop()
            elif not rooted:
                parts.append("..")
            continue
        parts.append(part)
    cleaned = ("/" if rooted else "") + "/".join(parts)
    return cleaned or "."


def go_join(*elements: str) -> str:
    """Go's ``filepath.Join``: empty elements are ignored; all empty gives ``""``."""
    present = [element for element in elements if element]
    return go_clean("/".join(present)) if present else ""


# --- reading files ------------------------------------------------------------------


def _errno_text(error: OSError) -> str:
    """The text Go gives an errno: the C library's, starting in lower case."""
    text = os.strerror(error.errno) if error.errno else str(error)
    return text[:1].lower() + text[1:]


_KINDS = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
)


def read_file(path: str) -> bytes:
    """The bytes of a regular file, or ``OpError`` with Go's ``os.ReadFile`` text.

    Only regular files are read: a device such as ``/dev/zero`` never ends and a
    named pipe may never be written to, so either would hang the run (the Go graft
    hangs). A file larger than ``GRAFT_MAX_BYTES`` is refused before it is read."""
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK)
    except OSError as error:
        raise OpError(f"open {path}: {_errno_text(error)}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise OpError(f"read {path}: is a directory")
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a file")
            raise OpError(f"read {path}: not a regular file ({kind}): only files are read")
        limit = max_bytes()
        if info.st_size > limit:
            raise OpError(
                f"read {path}: the file has {info.st_size} bytes, "
                f"more than GRAFT_MAX_BYTES ({limit})"
            )
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if size > limit:  # it grew while we read it
                raise OpError(f"read {path}: the file has more than GRAFT_MAX_BYTES ({limit})")
            chunks.append(chunk)
    except OSError as error:
        raise OpError(f"read {path}: {_errno_text(error)}") from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def decode(data: bytes) -> str:
    """The Go string of ``data``: bytes that are not UTF-8 are kept (values.go_string)."""
    return go_string(data)


# --- (( file ... )) ----------------------------------------------------------------


class File(Operator):
    name = "file"
    verified_safe = True
    io_bound = True

    def run(self, ctx: Any, call: Call) -> str:
        return decode(read_file(self.path(ctx, call)))

    @staticmethod
    def path(ctx: Any, call: Call) -> str:
        """The file to read: one argument, or a base and a name joined."""
        if len(call.args) == 1:
            value = ctx.value(call.args[0])
            if value is None:
                raise OpError("file operator argument resolved to nil")
            path = go_str(value)
        elif len(call.args) == 2:
            base = ctx.value(call.args[0])
            name = ctx.value(call.args[1])
            if base is None or name is None:
                raise OpError("file operator arguments cannot be nil")
            path = go_join(go_str(base), go_str(name))
        else:
            raise OpError("file operator requires one or two string arguments")
        base_path = os.environ.get(BASE_PATH_VAR, "")
        if base_path and not path.startswith("/"):
            path = go_join(base_path, path)
        return path


# --- (( load ... )) ----------------------------------------------------------------

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def _authority_ok(authority: str) -> bool:
    """Whether Go's URL parser accepts ``[userinfo@]host[:port]``."""
    host = authority.rpartition("@")[2]
    if host.startswith("["):
        end = host.find("]")
        if end < 0:
            return False
        port = host[end + 1 :]
        if port and not port.startswith(":"):
            return False
    else:
        port = host[host.rfind(":") :] if ":" in host else ""
    return port == "" or port[1:].isdigit() or port == ":"


def url_scheme(location: str) -> str | None:
    """The scheme when Go's ``url.ParseRequestURI`` reads ``location`` as a URL
    with a scheme; None when it is to be read as a file path."""
    if not location or any(ord(c) < 0x20 or ord(c) == 0x7F for c in location):
        return None
    match = _SCHEME.match(location)
    if match is None:
        return None
    rest = location[match.end() :]
    rest = rest[:-1] if rest.endswith("?") and rest.count("?") == 1 else rest.partition("?")[0]
    if not rest.startswith("/"):
        return match.group()[:-1].lower()  # an opaque URL such as "c:x"
    path = rest
    if rest.startswith("//"):
        authority, slash, after = rest[2:].partition("/")
        if not _authority_ok(authority):
            return None
        path = slash + after
    if _BAD_ESCAPE.search(path):
        return None
    return match.group()[:-1].lower()


def _is_loopback(host: str) -> bool:
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _transport_text(reason: Any, host: str, port: int) -> str:
    """Go's text for a failed connection, as near as Python lets us tell."""
    import socket

    if isinstance(reason, ConnectionRefusedError):
        address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        return f"dial tcp {address}: connect: connection refused"
    if isinstance(reason, socket.gaierror):
        return f"dial tcp: lookup {host}: no such host"
    if isinstance(reason, TimeoutError):
        return "context deadline exceeded (Client.Timeout exceeded while awaiting headers)"
    return str(reason)


# Go's http.Get waits for ever; we give a server this long to connect and to send
# each part of its answer.
LOAD_TIMEOUT = 60.0


def fetch(location: str, scheme: str) -> bytes:
    """HTTP GET of a URL: the body of a 200 response, else ``OpError``."""
    import http.client
    import urllib.error
    import urllib.parse
    import urllib.request

    if scheme not in ("http", "https"):
        raise OpError(f'Get "{location}": unsupported protocol scheme "{scheme}"')
    parts = urllib.parse.urlsplit(location)
    host = parts.hostname or ""
    if not host:
        raise OpError(f'Get "{location}": http: no Host in request URL')
    # Go never sends requests for loopback addresses through a proxy.
    handlers = [urllib.request.ProxyHandler({})] if _is_loopback(host) else []
    opener = urllib.request.build_opener(*handlers)
    limit = max_bytes()
    try:
        with opener.open(location, timeout=LOAD_TIMEOUT) as response:
            status, body = response.status, response.read(limit + 1)
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read(limit + 1)
    except urllib.error.URLError as error:
        port = parts.port or (443 if scheme == "https" else 80)
        raise OpError(f'Get "{location}": {_transport_text(error.reason, host, port)}') from None
    except (OSError, ValueError, http.client.HTTPException) as error:
        raise OpError(f'Get "{location}": {error}') from None
    if len(body) > limit:
        raise OpError(f'Get "{location}": the answer has more than GRAFT_MAX_BYTES ({limit})')
    if status != 200:
        raise OpError(f"failed to retrieve data from location {location}: {decode(body)}")
    return body


def content(location: str) -> bytes:
    """The bytes at a URL or in a file (relative to ``GRAFT_FILE_BASE_PATH``)."""
    scheme = url_scheme(location)
    if scheme:
        return fetch(location, scheme)
    if not location.startswith("/"):
        location = go_join(os.environ.get(BASE_PATH_VAR, ""), location)
    if not location or not os.path.exists(location):
        raise OpError(
            f"unable to get any content using location {location}: it is not a file or usable URI"
        )
    return read_file(location)


def _yaml_error(data: bytes, location: str, fallback: str) -> str:
    """go-yaml's text for the first problem LibYAML finds in ``data``."""
    import yaml

    loader = yaml.CSafeLoader(data)
    try:
        if loader.check_node():
            loader.get_node()
    except yaml.reader.ReaderError as error:
        return f"yaml: {error.reason}"
    except yaml.MarkedYAMLError as error:
        problem = error.problem or "unknown problem parsing YAML content"
        if isinstance(error, yaml.composer.ComposerError) and "undefined alias" in problem:
            return f"yaml: unknown anchor '{_alias_name(data, error)}' referenced"
        line = 0
        if error.problem_mark is not None and error.problem_mark.line != 0:
            line = error.problem_mark.line
            if isinstance(error, yaml.scanner.ScannerError):
                line += 1
        elif error.context_mark is not None:
            line = error.context_mark.line
        where = f"line {line}: " if line else ""
        return f"yaml: {where}{problem}"
    except yaml.YAMLError as error:
        return f"yaml: {error}"
    finally:
        loader.dispose()
    prefix = f"{location}: parse_error: failed to parse YAML: "
    return "yaml: " + fallback.removeprefix(prefix).rstrip("\n")


def _alias_name(data: bytes, error: Any) -> str:
    """The name of the alias at the error's mark."""
    mark = error.problem_mark
    if mark is None:
        return ""
    lines = data.decode("utf-8", "replace").split("\n")
    line = lines[mark.line] if mark.line < len(lines) else ""
    found = re.match(r"\*([^\s,\[\]{}]+)", line[mark.column :])
    return found.group(1) if found else ""


def parse(data: bytes, location: str) -> Any:
    """The map or list root of loaded content, read as YAML 1.1."""
    from graft.yamlio.load import LoadError, load_document

    try:
        value = load_document(data, location, legacy=True)
    except LoadError as error:
        detail = _yaml_error(data, location, error.message)
        raise OpError(f"unmarshal []byte to yaml failed: {detail}") from None
    if type(value) is dict or type(value) is list:
        return value
    raise OpError("unsupported root type in loaded content, only map or list roots are supported")


class Load(Operator):
    name = "load"
    verified_safe = True
    io_bound = True

    def run(self, ctx: Any, call: Call) -> Any:
        if len(call.args) != 1:
            raise OpError("load operator requires exactly one literal string or reference argument")
        value = ctx.value(call.args[0])
        if value is None:
            raise OpError("load operator argument cannot be nil")
        if type(value) is dict:
            raise OpError("load operator argument is a map; only string scalars are supported")
        if type(value) is list:
            raise OpError("load operator argument is a list; only string scalars are supported")
        location = go_str(value)
        return parse(content(location), location)


register(File())
register(Load())
