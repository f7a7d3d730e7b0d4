"""Reading the inputs named on the command line (docs/merging.md; D1).

Each input is a file, ``-`` (standard input, readable once) or, when no file
is given, piped standard input. With ``-m`` an input is cut into documents on
the exact bytes ``\\n---\\n``; otherwise only its first YAML document counts.
An empty document is an empty map (D1).
"""

from __future__ import annotations

import os
import stat
import sys

from graft import log
from graft.errors import GraftError
from graft.yamlio.load import load_document

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any, BinaryIO

NO_STDIN = (
    "Error reading STDIN: no data found. Did you forget to pipe data to STDIN, "
    "or specify yaml files to merge?"
)
SEPARATOR = b"\n---\n"


class Document:
    """One parsed input document and the name its errors use."""

    __slots__ = ("data", "name", "text")

    def __init__(self, name: str, data: Any, text: bytes = b"") -> None:
        self.name = name
        self.data = data  # a dict, or a list for a go-patch file
        self.text = text  # the bytes it was read from (None: data given as such)


class Stdin:
    """Standard input, which can be read once."""

    def __init__(self, stream: BinaryIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stdin.buffer
        self.used = False

    def is_piped(self) -> bool:
        try:
            mode = os.fstat(self.stream.fileno()).st_mode
        except (OSError, ValueError):
            return False
        return not stat.S_ISCHR(mode)

    def read(self) -> bytes:
        if self.used or not self.is_piped():
            raise GraftError(NO_STDIN)
        self.used = True
        data = self.stream.read()
        if not data:
            raise GraftError(NO_STDIN)
        return data


def read_file(name: str) -> bytes:
    try:
        with open(name, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise GraftError(
            f"Error reading file {name}: open {name}: no such file or directory"
        ) from None
    except IsADirectoryError:
        raise GraftError(
            f"Error reading file {name}: read {name}: is a directory", trailer="\n"
        ) from None
    except PermissionError:
        raise GraftError(f"Error reading file {name}: open {name}: permission denied") from None
    except OSError as exc:
        raise GraftError(f"Error reading file {name}: {exc.strerror or exc}") from None


def split_documents(data: bytes) -> list[bytes]:
    """Cut raw text into documents on ``\\n---\\n``, dropping an empty first chunk."""
    chunks = data.split(SEPARATOR)
    if len(chunks) > 1 and not chunks[0]:
        chunks.pop(0)
    return chunks


def parse(
    data: bytes, name: str, *, go_patch: bool, origin: tuple[str, int] | None = None
) -> Document:
    """One document; ``origin`` is its file and first line (for locations)."""
    value = load_document(data, name, origin=origin)
    if value is None:
        value = {}
    if type(value) is dict or (go_patch and type(value) is list):
        return Document(name, value, data)
    raise GraftError(f"{name}: Root of YAML document is not a hash/map:", trailer="\n")


def read_inputs(
    files: list[str], *, multi_doc: bool, go_patch: bool, stdin: Stdin
) -> list[Document]:
    """Every document of every input, in command-line order."""
    if not files:
        if not stdin.is_piped():
            raise GraftError(NO_STDIN)
        files = ["-"]
    documents = []
    for name in files:
        documents.extend(read_input(name, multi_doc=multi_doc, go_patch=go_patch, stdin=stdin))
    return documents


def read_input(name: str, *, multi_doc: bool, go_patch: bool, stdin: Stdin) -> list[Document]:
    """The documents of one input: all of them with ``multi_doc``, else the first."""
    if name == "-":
        data, label = stdin.read(), "STDIN"
    else:
        data, label = read_file(name), name
    log.debug(f"read {label}: {len(data)} bytes")
    if multi_doc:
        documents = []
        line = 1
        for i, chunk in enumerate(split_documents(data)):
            if i == 0 and data.startswith(SEPARATOR):
                line += 2  # the text began with the separator: `---` is on line 2
            origin = (label, line)
            documents.append(parse(chunk, f"{label}[{i}]", go_patch=go_patch, origin=origin))
            line += chunk.count(b"\n") + 2  # the chunk, then the separator's `---` line
        return documents
    return [parse(data, label, go_patch=go_patch, origin=(label, 1))]
